// `lockstep fmt`: prints a syntax tree back in the canonical layout (docs/language.md, "Layout").
//
// The layout: two spaces of indent per block; one declaration per line; a step on one line when it
// fits in kWidth terminal cells and holds no comment, else its head on the first line and each
// clause on its own line under the step's name, a long list wrapping under its first item; at most
// one blank line where the source had any, none after '{' or before '}'; `{}` for an empty block.
//
// Comments are kept where they were relative to the declarations: a comment on its own line is
// printed on its own line before the next declaration or clause, at that element's indent; a
// comment after code stays at the end of that line. Output is a fixed point: formatting it again
// changes nothing, because the printed positions of comments map back to the same places.
#include <fmt/format.h>

#include <algorithm>
#include <functional>

#include "dsl/ast.h"
#include "dsl/diagnostic_sink.h"
#include "dsl/limits.h"
#include "dsl/loader.h"
#include "dsl/parser.h"
#include "dsl/scan.h"
#include "lockstep/names.h"
#include "lockstep/rules.h"
#include "util/unicode.h"

namespace lockstep {
namespace {

using namespace dsl;

constexpr std::size_t kWidth = 100;
constexpr int kIndent = 2;
constexpr int kClauseIndent = 5;  // under the step's name: "step " is five columns

std::string quoted_literal(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

// As written after a sign: the magnitude alone.
std::string duration(const Duration& d) {
  return duration_text({d.amount < 0 ? -d.amount : d.amount, d.unit});
}

std::string date(const DateAst& d) {
  return fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day);
}

std::string offset(const std::optional<DurationAst>& d) {
  if (!d) return {};
  return fmt::format(" {} {}", d->value.amount < 0 ? '-' : '+', duration(d->value));
}

std::string window(const WindowAst& w) {
  std::string from;
  switch (w.start) {
    case PhaseWindow::Start::kCampaignStart:
      from = "from start";
      break;
    case PhaseWindow::Start::kDate:
      from = "from " + date(w.date);
      break;
    case PhaseWindow::Start::kAfterPhase:
      from = "after " + w.other.text;
      break;
    case PhaseWindow::Start::kWithPhase:
      from = "with " + w.other.text;
      break;
  }
  return fmt::format("{}{}, {}{}", from, offset(w.offset), duration(w.length.value),
                     w.advisory ? " advisory" : "");
}

std::string time(const TimeAst& t) {
  std::string base;
  const std::string phase = t.phase.empty() ? "phase" : t.phase.text;
  switch (t.base) {
    case TimeExpr::Base::kDate:
      base = date(t.date);
      break;
    case TimeExpr::Base::kCampaignStart:
      base = "start";
      break;
    case TimeExpr::Base::kPhaseStart:
      base = phase + ".start";
      break;
    case TimeExpr::Base::kPhaseEnd:
      base = phase + ".end";
      break;
  }
  return base + offset(t.offset);
}

std::string ref(const RefAst& r) {
  switch (r.scope) {
    case Prerequisite::Scope::kSame:
      return r.step.text;
    case Prerequisite::Scope::kParent:
      return r.step.text + " of parent";
    case Prerequisite::Scope::kAllMembers:
      return r.step.text + " of all members";
    case Prerequisite::Scope::kAllSubunits:
      return r.step.text + " of all subunits";
  }
  return r.step.text;
}

std::string requirement(const RequirementAst& r) {
  const char* op = r.comparison == Requirement::Comparison::kAtLeast  ? ">="
                   : r.comparison == Requirement::Comparison::kAtMost ? "<="
                                                                      : "=";
  std::string value = r.value_is_name ? r.name.text : std::to_string(r.number);
  return fmt::format("{}{} {} {}{}", r.category ? r.category->text + ": " : "", r.field.text, op,
                     value, r.advisory ? " advisory" : "");
}

// A clause as its keyword and its comma-separated items.
struct ClauseText {
  std::string keyword;
  std::vector<std::string> items;
  std::string tail;  // after the items: " advisory"
};

ClauseText clause(const ClauseAst& c) {
  ClauseText t;
  switch (c.kind) {
    case ClauseAst::Kind::kAfter:
      t.keyword = "after";
      for (const RefAst& r : c.refs) t.items.push_back(ref(r));
      break;
    case ClauseAst::Kind::kDue:
      t.keyword = "due";
      t.items.push_back(time(c.time));
      break;
    case ClauseAst::Kind::kWithin:
      t.keyword = "within";
      t.items.push_back(fmt::format("{} after {}", duration(c.limit.value),
                                    c.refs.empty() ? "" : ref(c.refs[0])));
      break;
    case ClauseAst::Kind::kRepeat:
      t.keyword = "repeat";
      t.items.push_back(fmt::format(">= {}", c.count));
      break;
    case ClauseAst::Kind::kRequire:
      t.keyword = "require";
      for (const RequirementAst& r : c.requirements) t.items.push_back(requirement(r));
      break;
    case ClauseAst::Kind::kOnly:
    case ClauseAst::Kind::kExcept:
      t.keyword = c.kind == ClauseAst::Kind::kOnly ? "only" : "except";
      for (const Name& n : c.names) t.items.push_back(n.text);
      break;
  }
  if (c.advisory && (c.kind == ClauseAst::Kind::kDue || c.kind == ClauseAst::Kind::kWithin))
    t.tail = " advisory";
  return t;
}

std::string one_line(const ClauseText& c) {
  std::string s = c.keyword;
  for (std::size_t i = 0; i < c.items.size(); ++i) s += (i ? ", " : " ") + c.items[i];
  return s + c.tail;
}

class Printer {
 public:
  Printer(std::string_view source, const std::vector<CommentAst>& comments)
      : src_(source), comments_(comments) {}

  std::string print(const FileAst& file) {
    struct Top {
      std::uint32_t offset;
      const ImportAst* import;
      const UnitAst* unit;
    };
    std::vector<Top> items;
    for (const ImportAst& i : file.imports) items.push_back({i.offset, &i, nullptr});
    for (const UnitAst& u : file.units) items.push_back({u.offset, nullptr, &u});
    std::sort(items.begin(), items.end(),
              [](const Top& a, const Top& b) { return a.offset < b.offset; });
    for (const Top& t : items) {
      if (t.import) {
        line(0, "import " + quoted_literal(t.import->path.value), t.import->offset, t.import->end);
      } else {
        unit(*t.unit);
      }
    }
    flush_comments(static_cast<std::uint32_t>(src_.size() + 1), 0);
    return std::move(out_);
  }

 private:
  void unit(const UnitAst& u) {
    std::string head = fmt::format("{} {} {}", u.procedure ? "procedure" : "campaign", u.id.text,
                                   quoted_literal(u.display ? u.display->value : ""));
    if (u.extends) head += " extends " + u.extends->text;
    struct Item {
      std::uint32_t offset;
      std::function<void()> print;
    };
    std::vector<Item> items;
    for (const StartAst& s : u.starts)
      items.push_back({s.offset, [&] { line(kIndent, "start " + date(s.date), s.offset, s.end); }});
    const auto decls = [&](const std::vector<DeclAst>& list, const char* keyword) {
      for (const DeclAst& d : list) {
        items.push_back(
            {d.offset, [&, keyword] {
               line(kIndent,
                    fmt::format("{} {} {}", keyword, d.id.text, quoted_literal(d.display.value)),
                    d.offset, d.end);
             }});
      }
    };
    decls(u.org_types, "orgtype");
    decls(u.categories, "category");
    decls(u.forms, "form");
    for (const PhaseAst& p : u.phases) items.push_back({p.offset, [&] { phase(p); }});
    for (const RemoveAst& r : u.removes) items.push_back({r.offset, [&] { remove(r, kIndent); }});
    block(0, head, u.offset, u.close, items);
  }

  void phase(const PhaseAst& p) {
    std::string head = "phase " + p.id.text;
    if (p.display) head += " " + quoted_literal(p.display->value);
    if (p.window) head += " " + window(*p.window);
    struct Item {
      std::uint32_t offset;
      std::function<void()> print;
    };
    std::vector<Item> items;
    constexpr int in = 2 * kIndent;
    for (const WindowOverrideAst& w : p.windows) {
      items.push_back({w.offset, [&] {
                         line(in, fmt::format("window {}: {}", w.org_type.text, window(w.window)),
                              w.offset, w.end);
                       }});
    }
    for (const GateAst& g : p.gates) {
      items.push_back({g.offset, [&] {
                         line(in,
                              fmt::format("gate {} {} by {}", g.id.text,
                                          quoted_literal(g.display.value), g.approver.text),
                              g.offset, g.end);
                       }});
    }
    for (const StepAst& s : p.steps) items.push_back({s.offset, [&] { step(s, in); }});
    for (const RemoveAst& r : p.removes) items.push_back({r.offset, [&] { remove(r, in); }});
    block(kIndent, head, p.offset, p.close, items);
  }

  // `head {`, the items in source order, `}`; `head {}` when there is nothing inside.
  template <typename Item>
  void block(int indent, const std::string& head, std::uint32_t offset, std::uint32_t close,
             std::vector<Item>& items) {
    std::sort(items.begin(), items.end(),
              [](const Item& a, const Item& b) { return a.offset < b.offset; });
    const bool comments_inside = comment_within(offset, close);
    if (items.empty() && !comments_inside) {
      line(indent, head + " {}", offset, close + 1);
      return;
    }
    // The head's line may carry a trailing comment: flush up to the first item or the '}'.
    line(indent, head + " {", offset, offset);
    at_block_start_ = true;
    for (Item& i : items) i.print();
    flush_comments(close, indent + kIndent);
    at_block_start_ = true;  // no blank line before '}'
    line(indent, "}", close, close + 1);
  }

  void remove(const RemoveAst& r, int indent) {
    line(indent, fmt::format("remove {} {}", r.phase ? "phase" : "step", r.target.text), r.offset,
         r.end);
  }

  void step(const StepAst& s, int indent) {
    std::string head = fmt::format("step {} {} by {}{}", s.id.text, quoted_literal(s.display.value),
                                   s.actor.text, s.advisory ? " advisory" : "");
    std::vector<ClauseText> clauses;
    for (const ClauseAst& c : s.clauses) clauses.push_back(clause(c));
    std::string single = head;
    for (const ClauseText& c : clauses) single += " " + one_line(c);
    if (!comment_within(s.offset, s.end) && indent + util::display_width(single) <= kWidth) {
      line(indent, single, s.offset, s.end);
      return;
    }
    line(indent, head, s.offset, s.clauses.empty() ? s.end : s.offset);
    inside_step_ = true;  // no blank line between a step's lines
    const int clause_indent = indent + kClauseIndent;
    for (std::size_t i = 0; i < clauses.size(); ++i) {
      const ClauseAst& c = s.clauses[i];
      const std::uint32_t end = i + 1 < clauses.size() ? s.clauses[i + 1].offset : s.end;
      wrapped(clause_indent, clauses[i], c.offset, end);
    }
    inside_step_ = false;
  }

  // A clause on as many lines as it needs, items wrapping under the first item.
  void wrapped(int indent, const ClauseText& c, std::uint32_t offset, std::uint32_t end) {
    const int hang = indent + static_cast<int>(c.keyword.size()) + 1;
    std::string current = c.keyword;
    int current_indent = indent;
    bool has_item = false;
    for (std::size_t i = 0; i < c.items.size(); ++i) {
      const std::string item = c.items[i] + (i + 1 < c.items.size() ? "," : c.tail);
      if (has_item && current_indent + util::display_width(current + " " + item) > kWidth) {
        line(current_indent, current, offset, offset);
        current = item;
        current_indent = hang;
      } else {
        current += " " + item;
      }
      has_item = true;
    }
    if (!has_item) current += c.tail;
    line(current_indent, current, offset, end);
  }

  // Whether a comment lies strictly inside (from, to): it forces a step or block open.
  bool comment_within(std::uint32_t from, std::uint32_t to) const {
    for (std::size_t i = ci_; i < comments_.size() && comments_[i].offset < to; ++i)
      if (comments_[i].offset > from) return true;
    return false;
  }

  bool next_comment_before(std::uint32_t offset) const {
    return ci_ < comments_.size() && comments_[ci_].offset < offset;
  }

  bool blank_line_between(std::uint32_t from, std::uint32_t to) const {
    if (from >= to || to > src_.size()) return false;
    int newlines = 0;
    for (std::uint32_t i = from; i < to; ++i) {
      if (src_[i] == '\n' && ++newlines == 2) return true;
      if (src_[i] != '\n' && src_[i] != ' ' && src_[i] != '\t' && src_[i] != '\r') newlines = 0;
    }
    return false;
  }

  void emit(int indent, std::string_view text, std::uint32_t offset, std::uint32_t end, bool code) {
    if (!at_block_start_ && !inside_step_ && !out_.empty() && blank_line_between(prev_end_, offset))
      out_ += '\n';
    out_.append(static_cast<std::size_t>(indent), ' ');
    out_ += text;
    out_ += '\n';
    prev_end_ = std::max(prev_end_, end);
    at_block_start_ = false;
    last_is_code_ = code;
  }

  void line(int indent, std::string_view text, std::uint32_t offset, std::uint32_t end) {
    flush_comments(offset, indent);
    emit(indent, text, offset, end, true);
  }

  void flush_comments(std::uint32_t before, int indent) {
    while (next_comment_before(before)) {
      const CommentAst& c = comments_[ci_++];
      const auto end = static_cast<std::uint32_t>(c.offset + c.text.size());
      if (!c.own_line && last_is_code_ && !out_.empty()) {
        out_.pop_back();  // the '\n' of the code line the comment followed
        out_ += "  " + c.text + "\n";
        prev_end_ = std::max(prev_end_, end);
        last_is_code_ = false;
        continue;
      }
      emit(indent, c.text, c.offset, end, false);
    }
  }

  std::string_view src_;
  const std::vector<CommentAst>& comments_;
  std::size_t ci_ = 0;
  std::string out_;
  std::uint32_t prev_end_ = 0;
  bool at_block_start_ = true;
  bool last_is_code_ = false;
  bool inside_step_ = false;
};

FormatResult format(const std::string& path, std::string text) {
  FormatResult result;
  DiagnosticSink sink(kMaxDiagnostics);
  if (scan_source(0, text, sink)) {
    const FileAst ast = parse_rules(0, text, sink);
    if (!ast.syntax_errors) result.text = Printer(text, ast.comments).print(ast);
  }
  result.diagnostics = sink.take();
  result.files.push_back(SourceFile{path, std::move(text)});
  return result;
}

}  // namespace

FormatResult format_rules_text(const std::string& name, const std::string& text) {
  return format(name, text);
}

FormatResult format_rules_file(const std::string& path) {
  std::string error;
  bool too_large = false;
  auto text = read_rules_file(path, error, &too_large);
  if (!text) {
    FormatResult result;
    result.unreadable = !too_large;
    result.files.push_back(SourceFile{path, {}});
    Diagnostic d;
    d.code = too_large ? "E0002" : "E0006";
    d.message = fmt::format("cannot read '{}': {}", path, error);
    result.diagnostics.push_back(std::move(d));
    return result;
  }
  return format(path, std::move(*text));
}

}  // namespace lockstep
