// The compiler: steps and their clauses. See compiler.h.
#include <fmt/format.h>

#include "dsl/compiler_impl.h"
#include "dsl/limits.h"
#include "lockstep/names.h"
#include "util/suggest.h"

namespace lockstep::dsl {
namespace {

const char* clause_word(ClauseAst::Kind kind) {
  switch (kind) {
    case ClauseAst::Kind::kAfter:
      return "after";
    case ClauseAst::Kind::kDue:
      return "due";
    case ClauseAst::Kind::kWithin:
      return "within";
    case ClauseAst::Kind::kRepeat:
      return "repeat";
    case ClauseAst::Kind::kRequire:
      return "require";
    case ClauseAst::Kind::kOnly:
      return "only";
    case ClauseAst::Kind::kExcept:
      return "except";
  }
  return "";
}

// From the start of `a` to the end of `b` when both are on one line; else `a`.
SourceSpan join(const SourceSpan& a, const SourceSpan& b) {
  if (a.file != b.file || a.line != b.line || b.column < a.column) return a;
  SourceSpan out = a;
  out.length = b.column + b.length - a.column;
  return out;
}

const char* comparison_text(Requirement::Comparison c) {
  switch (c) {
    case Requirement::Comparison::kAtLeast:
      return ">=";
    case Requirement::Comparison::kAtMost:
      return "<=";
    case Requirement::Comparison::kEqual:
      return "=";
  }
  return "";
}

}  // namespace

void Compiler::compile_step(const StepAst& s, Step& step) {
  if (const std::optional<Actor> actor = parse_actor(s.actor.text)) {
    step.actor = *actor;
  } else {
    const std::vector<std::string_view> words(actor_names().begin(), actor_names().end());
    std::string help = util::did_you_mean(s.actor.text, words);
    sink_.error("E0203", s.actor.span, fmt::format("unknown actor '{}'", s.actor.text),
                "not an actor",
                help.empty() ? "a step is performed by member, branch, general_branch, committee, "
                               "organization or leadership"
                             : help);
  }
  step.severity = s.advisory ? Severity::kAdvisory : Severity::kRequired;

  const ClauseAst* seen[7] = {};
  for (const ClauseAst& c : s.clauses) {
    const auto kind = static_cast<int>(c.kind);
    const bool once = c.kind == ClauseAst::Kind::kDue || c.kind == ClauseAst::Kind::kWithin ||
                      c.kind == ClauseAst::Kind::kRepeat;
    if (once && seen[kind] != nullptr) {
      Diagnostic d;
      d.code = "E0107";
      d.span = c.keyword;
      d.message = fmt::format("step '{}' has a second '{}' clause", s.id.text, clause_word(c.kind));
      d.label = "second one";
      d.related.push_back(Label{seen[kind]->keyword, "first one"});
      d.help = "a step has at most one 'due', one 'within' and one 'repeat'";
      sink_.add(std::move(d));
      continue;
    }
    seen[kind] = &c;
    switch (c.kind) {
      case ClauseAst::Kind::kAfter:
        for (const RefAst& r : c.refs) {
          if (step.after.size() >= kMaxRefsPerStep) {
            sink_.error("E0601", r.span,
                        fmt::format("more than {} prerequisites on one step", kMaxRefsPerStep));
            break;
          }
          if (auto p = compile_ref(r)) step.after.push_back(*p);
        }
        break;
      case ClauseAst::Kind::kDue:
        if (auto t = compile_time(c.time, step.phase)) {
          step.deadline = Deadline{*t, c.advisory ? Severity::kAdvisory : Severity::kRequired,
                                   join(c.keyword, c.time.span)};
        }
        break;
      case ClauseAst::Kind::kWithin:
        if (!c.refs.empty()) {
          if (auto p = compile_ref(c.refs[0])) {
            if (p->step == steps_.at(s.id.text)) {
              sink_.error(
                  "E0403", c.refs[0].span,
                  fmt::format("step '{}' cannot be due within a time after itself", s.id.text),
                  "itself");
            } else {
              step.within = WithinDeadline{*p, c.limit.value,
                                           c.advisory ? Severity::kAdvisory : Severity::kRequired,
                                           join(c.keyword, c.refs[0].span)};
            }
          }
        }
        break;
      case ClauseAst::Kind::kRepeat:
        if (c.count < 1) {
          sink_.error("E0503", c.count_span, "'repeat >= 0' asks for nothing", "zero",
                      "write 'repeat >= 1' or more, or leave the clause out");
        } else {
          step.min_repetitions = static_cast<std::uint32_t>(c.count);
        }
        break;
      case ClauseAst::Kind::kRequire:
        compile_requirements(c, step);
        break;
      case ClauseAst::Kind::kOnly:
        compile_applicability(c, step.applies, true);
        break;
      case ClauseAst::Kind::kExcept:
        compile_applicability(c, step.applies, false);
        break;
    }
  }
  check_applicability(s, step);
}

std::optional<Prerequisite> Compiler::compile_ref(const RefAst& r) {
  auto id = lookup_step(r.step);
  if (!id) return std::nullopt;
  return Prerequisite{*id, r.scope, r.span};
}

std::optional<TimeExpr> Compiler::compile_time(const TimeAst& t, PhaseId own) {
  TimeExpr out;
  out.base = t.base;
  switch (t.base) {
    case TimeExpr::Base::kDate:
      if (!t.date.valid) return std::nullopt;
      out.date = t.date.days;
      break;
    case TimeExpr::Base::kCampaignStart:
      break;
    case TimeExpr::Base::kPhaseStart:
    case TimeExpr::Base::kPhaseEnd:
      if (t.phase.empty()) {
        out.phase = own;
      } else if (auto p = lookup_phase(t.phase)) {
        out.phase = *p;
      } else {
        return std::nullopt;
      }
      break;
  }
  if (t.offset) out.offset = t.offset->value;
  return out;
}

void Compiler::compile_requirements(const ClauseAst& c, Step& step) {
  for (const RequirementAst& r : c.requirements) {
    Requirement req;
    req.comparison = r.comparison;
    req.severity = r.advisory ? Severity::kAdvisory : Severity::kRequired;
    req.where = r.span;
    if (const std::optional<Requirement::Field> field = parse_evidence_field(r.field.text)) {
      req.field = *field;
    } else {
      const std::vector<std::string_view> words(evidence_field_names().begin(),
                                                evidence_field_names().end());
      std::string help = util::did_you_mean(r.field.text, words);
      sink_.error("E0204", r.field.span, fmt::format("unknown evidence field '{}'", r.field.text),
                  "not a field",
                  help.empty() ? "the fields are hours, chars, count and form" : help);
      continue;
    }
    if (req.field == Requirement::Field::kForm) {
      if (req.comparison != Requirement::Comparison::kEqual || !r.value_is_name) {
        sink_.error("E0205", r.span, "a form requirement is written 'form = FORM'", "not a form",
                    "name one of the declared forms, such as 'form = written'");
        continue;
      }
      auto form = lookup_form(r.name);
      if (!form) continue;
      req.value = *form;
    } else {
      if (r.value_is_name) {
        sink_.error("E0205", r.name.span,
                    fmt::format("'{}' needs a whole number, not a name", r.field.text), "a name");
        continue;
      }
      req.value = r.number;
    }
    if (r.category) {  // a category's or an org type's replacement
      const std::optional<Applicable> a = lookup_applicable(*r.category);
      if (!a) continue;
      if (a->is_category)
        req.for_category = a->id;
      else
        req.for_org_type = a->id;
    }
    bool ok = true;
    for (const Requirement& other : step.requirements) {
      if (other.field == req.field && other.comparison == req.comparison &&
          other.for_category == req.for_category && other.for_org_type == req.for_org_type) {
        Diagnostic d;
        d.code = "E0206";
        d.span = r.span;
        d.message = fmt::format("'{} {}' is required twice for the same members", r.field.text,
                                comparison_text(r.comparison));
        d.label = "second requirement";
        d.related.push_back(Label{other.where, "first requirement"});
        d.help = "keep one of them, or give one a 'CATEGORY:' or 'ORGTYPE:' prefix";
        sink_.add(std::move(d));
        ok = false;
      }
    }
    if (ok) step.requirements.push_back(req);
  }
}

void Compiler::compile_applicability(const ClauseAst& c, Applicability& applies, bool only) {
  for (const Name& n : c.names) {
    auto a = lookup_applicable(n);
    if (!a) continue;
    const std::uint64_t bit = std::uint64_t{1} << a->id;
    if (a->is_category) {
      (only ? applies.only_categories : applies.except_categories) |= bit;
    } else {
      (only ? applies.only_org_types : applies.except_org_types) |= bit;
    }
  }
}

void Compiler::check_applicability(const StepAst& s, const Step& step) {
  const Applicability& a = step.applies;
  const auto first_name = [&](bool want_category) -> SourceSpan {
    for (const ClauseAst& c : s.clauses) {
      if (c.kind != ClauseAst::Kind::kOnly && c.kind != ClauseAst::Kind::kExcept) continue;
      for (const Name& n : c.names) {
        auto it = applicable_.find(n.text);
        if (it != applicable_.end() && it->second.is_category == want_category) return n.span;
      }
    }
    return s.id.span;
  };
  if ((a.only_categories | a.except_categories) != 0 && step.actor != Actor::kMember) {
    sink_.error("E0502", first_name(true),
                fmt::format("step '{}' is not performed by members, so member categories cannot "
                            "limit it",
                            s.id.text),
                "a member category", "limit it by org type, or make it a step 'by member'");
  }
  if (a.only_categories != 0 && (a.only_categories & ~a.except_categories) == 0) {
    sink_.error("E0501", first_name(true),
                fmt::format("step '{}' applies to no one: every category in 'only' is also in "
                            "'except'",
                            s.id.text),
                "excluded again", "remove the category from 'except' or from 'only'");
  }
  if (a.only_org_types != 0 && (a.only_org_types & ~a.except_org_types) == 0) {
    sink_.error("E0501", first_name(false),
                fmt::format("step '{}' applies to no one: every org type in 'only' is also in "
                            "'except'",
                            s.id.text),
                "excluded again", "remove the org type from 'except' or from 'only'");
  }
}

}  // namespace lockstep::dsl
