// The `.locktest` reader: a careful line parser (the format is line-based, so a grammar library
// would add nothing). Each line is blank, a comment, a directive (its first word a keyword), or a
// record of the roster or events section opened by a bare `roster` or `events` line (its first
// field directly followed by a comma: `unit,jg1,...`, `2005-07-10,jg1,complete,...`).
//
// The grammar and every code are in docs/testing.md. Why line by line: each line is one thing, so
// an error never hides the next line's, and the position of every word is known for its
// diagnostic. Bounds (file size, line length, tests, records, expectations) are checked as they
// are reached; past kMaxErrors the reader stops with a note, so a hostile file costs linear time
// and bounded memory.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <set>

#include "lockstep/civil_date.h"
#include "lockstep/names.h"
#include "lockstep/ruletest.h"
#include "ruletest/limits.h"
#include "ruletest/line_tokens.h"
#include "util/regular_file.h"
#include "util/suggest.h"
#include "util/unicode.h"

namespace lockstep::ruletest {
namespace {

constexpr std::array<std::string_view, 8> kDirectives = {"test",  "rules", "roster", "events",
                                                         "start", "mode",  "until",  "expect"};
constexpr std::array<std::string_view, 7> kFilterFields = {"kind",   "step", "phase",   "unit",
                                                           "member", "day",  "severity"};

std::vector<std::string_view> kind_names() {
  std::vector<std::string_view> out;
  for (int k = 0; k < kViolationKindCount; ++k)
    out.push_back(violation_kind_name(static_cast<ViolationKind>(k)));
  return out;
}

std::vector<std::string_view> state_names() {
  std::vector<std::string_view> out;
  for (int s = 0; s < kStepStateCount; ++s)
    out.push_back(step_state_name(static_cast<StepState>(s)));
  return out;
}

std::optional<ViolationKind> parse_kind(std::string_view text) {
  for (int k = 0; k < kViolationKindCount; ++k)
    if (text == violation_kind_name(static_cast<ViolationKind>(k)))
      return static_cast<ViolationKind>(k);
  return std::nullopt;
}

std::optional<StepState> parse_state(std::string_view text) {
  for (int s = 0; s < kStepStateCount; ++s)
    if (text == step_state_name(static_cast<StepState>(s))) return static_cast<StepState>(s);
  return std::nullopt;
}

// "did you mean 'x'? " followed by the list of what is allowed.
std::string choices_help(std::string_view word, const std::vector<std::string_view>& choices,
                         std::string_view what) {
  std::string help = util::did_you_mean(word, choices);
  if (!help.empty()) help += "; ";
  return help + fmt::format("{}: {}", what, fmt::join(choices, ", "));
}

// Which section the following records belong to.
enum class Section { kNone, kRoster, kEvents };

class Parser {
 public:
  explicit Parser(TestFile& out) : out_(out), text_(out.files[0].text) {}

  void run() {
    std::size_t begin = 0;
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") begin = 3;  // a byte order mark
    std::uint32_t line_number = 0;
    while (begin <= text_.size() && !stopped_) {
      std::size_t end = text_.find('\n', begin);
      if (end == std::string_view::npos) end = text_.size();
      ++line_number;
      std::string_view line = text_.substr(begin, end - begin);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line.size() > kMaxLineBytes) {
        error("T012", line_number, 1, 1,
              fmt::format("line {} is {} bytes long; at most {} are read", line_number, line.size(),
                          kMaxLineBytes),
              "split it, or put long records in a roster or event log file");
      } else {
        parse_line(line, line_number, begin == 3 && line_number == 1 ? 4 : 1);
      }
      if (end == text_.size()) break;
      begin = end + 1;
    }
    close_test();
    if (out_.tests.empty() && !stopped_ && !has_errors(out_.diagnostics))
      error("T011", 1, 1, 0, "the file has no test",
            "a test starts with a line `test NAME`; docs/testing.md has an example");
    if (has_errors(out_.diagnostics)) out_.tests.clear();
  }

 private:
  void error(std::string code, std::uint32_t line, std::uint32_t column, std::uint32_t length,
             std::string message, std::string help = {}, std::string label = {}) {
    if (stopped_) return;
    if (errors_ == kMaxErrors) {
      Diagnostic note;
      note.level = Diagnostic::Level::kNote;
      note.code = "T099";
      note.message = fmt::format("too many errors; stopped after {}", kMaxErrors);
      note.span = {0, line, column, 0};
      out_.diagnostics.push_back(std::move(note));
      stopped_ = true;
      return;
    }
    ++errors_;
    Diagnostic d;
    d.code = std::move(code);
    d.message = std::move(message);
    d.span = {0, line, column, length};
    d.help = std::move(help);
    d.label = std::move(label);
    out_.diagnostics.push_back(std::move(d));
  }
  void error_at(std::string code, std::uint32_t line, const Token& t, std::string message,
                std::string help = {}, std::string label = {}) {
    error(std::move(code), line, t.column, t.length, std::move(message), std::move(help),
          std::move(label));
  }
  SourceSpan span_of(std::uint32_t line, const Token& t) const {
    return {0, line, t.column, t.length};
  }

  // The date `t` writes, in the range every reader takes (1900-2199); nothing after reporting
  // T006. `example` is a date that fits where it is written.
  std::optional<DayNumber> date(std::uint32_t line, const Token& t, std::string_view example) {
    const std::optional<DayNumber> day = parse_date(t.text);
    if (!day) {
      error_at("T006", line, t, fmt::format("'{}' is not a date", util::excerpt(t.text)),
               fmt::format("write a date as YYYY-MM-DD, one that exists ({})", example),
               "expected a date");
      return std::nullopt;
    }
    if (!in_date_range(*day)) {
      error_at("T006", line, t, fmt::format("the date {} is out of range", t.text),
               date_range_text(), "out of range");
      return std::nullopt;
    }
    return day;
  }

  void parse_line(std::string_view line, std::uint32_t number, std::uint32_t first_column) {
    std::size_t lead = 0;
    while (lead < line.size() && (line[lead] == ' ' || line[lead] == '\t')) ++lead;
    std::string_view body = line.substr(lead);
    while (!body.empty() && (body.back() == ' ' || body.back() == '\t')) body.remove_suffix(1);
    if (body.empty() || body.front() == '#') return;
    const std::uint32_t column = first_column + static_cast<std::uint32_t>(lead);
    if (is_record(body)) {
      add_record(body, number, column);
      return;
    }
    close_section();
    const LineTokens words = split_line(body, column);
    if (words.unterminated_quote != 0) {
      error("T007", number, words.unterminated_quote, 1, "this quote is not closed",
            "end the quoted name with a `\"` on the same line (a name holds no `\"`)",
            "opened here");
      return;
    }
    if (words.too_many_at != 0) {
      error("T012", number, words.too_many_at, 1,
            fmt::format("more than {} words on one line", LineTokens::kMaxTokens),
            "no directive takes that many; a comment starts with `#`");
      return;
    }
    directive(words, number, body);
  }

  // A record of a roster or event section: its first field ends at a comma, before any blank.
  static bool is_record(std::string_view body) {
    if (body.front() == '"') return true;
    for (char c : body) {
      if (c == ',') return true;
      if (c == ' ' || c == '\t' || c == '#') return false;
    }
    return false;
  }

  void add_record(std::string_view body, std::uint32_t number, std::uint32_t column) {
    if (section_ == Section::kNone) {
      error("T008", number, column, static_cast<std::uint32_t>(body.size()),
            "a record outside a `roster` or `events` section",
            "write `roster` or `events` on a line of its own above the records it begins",
            "not under `roster` or `events`");
      return;
    }
    DataSource& source = section_ == Section::kRoster ? given().roster : given().events;
    if (source.lines.size() == kMaxInlineRecords) {
      error("T012", number, column, 0,
            fmt::format("more than {} records in one section", kMaxInlineRecords),
            "put them in a roster or event log file and name it: `roster PATH`, `events PATH`");
      section_ = Section::kNone;
      return;
    }
    source.lines.push_back({std::string(body), number, column});
  }

  // Where the current line's settings go: the test's own, or the header's for every test.
  TestSetup& given() { return in_test_ ? test_given_ : header_; }

  // Ends the open section; a bare `roster` or `events` with no record under it is an error.
  void close_section() {
    if (section_ != Section::kNone && open_source_ != nullptr && open_source_->lines.empty()) {
      const SourceSpan& at = open_source_->where;
      error(
          "T011", at.line, at.column, at.length,
          fmt::format("no records follow `{}`", section_ == Section::kRoster ? "roster" : "events"),
          section_ == Section::kRoster
              ? "write the roster's records (`unit,...`, `member,...`) on the lines below, or "
                "name a file: `roster PATH`"
              : "write the events (`2005-07-10,jg1,complete,find_members`) on the lines below, "
                "name a file (`events PATH`), or leave the line out for a test without events");
    }
    section_ = Section::kNone;
    open_source_ = nullptr;
  }

  void directive(const LineTokens& words, std::uint32_t number, std::string_view body) {
    const Token& key = words.tokens.front();
    const std::string_view k = key.quoted ? std::string_view() : key.text;
    if (k == "test") return start_test(words, number);
    if (k == "rules") return rules(words, number);
    if (k == "roster" || k == "events") return data_source(words, number, k == "roster");
    if (k == "start" || k == "until") return date_setting(words, number, k == "start");
    if (k == "mode") return mode(words, number);
    if (k == "expect") return expect(words, number, body);
    std::string help = choices_help(key.text, {kDirectives.begin(), kDirectives.end()},
                                    "a line starts with one of");
    // A record with a blank before its first comma reads as a directive: say so.
    if (!key.text.empty() && key.text.front() >= '0' && key.text.front() <= '9')
      help =
          "a record has no blank before its first comma (`2005-07-10,jg1,complete,...`); " + help;
    error_at("T004", number, key, fmt::format("unknown directive '{}'", key.text), help,
             "not a directive");
  }

  // Checks that a directive has exactly `count` words after its keyword.
  bool arity(const LineTokens& words, std::uint32_t number, std::size_t count,
             std::string_view usage) {
    const Token& key = words.tokens.front();
    if (words.tokens.size() < count + 1) {
      const std::uint32_t at = key.column + key.length;
      error("T005", number, at, 0,
            fmt::format("`{}` needs {}", key.text, count == 1 ? "a value" : "more words"),
            fmt::format("write it as `{}`", usage), "expected here");
      return false;
    }
    if (words.tokens.size() > count + 1) {
      error_at("T014", number, words.tokens[count + 1],
               fmt::format("unexpected '{}' after `{}`", words.tokens[count + 1].text, usage),
               fmt::format("write it as `{}`; a comment starts with `#`", usage), "not expected");
      return false;
    }
    return true;
  }

  void start_test(const LineTokens& words, std::uint32_t number) {
    close_test();
    in_test_ = true;
    errors_before_test_ = errors_;
    test_ = TestCase{};
    test_given_ = TestSetup{};
    const Token& key = words.tokens.front();
    test_.where = {0, number, key.column, key.length};
    if (words.tokens.size() >= 2 && words.tokens[1].quoted) {
      if (words.tokens.size() > 2) {
        error_at("T014", number, words.tokens[2],
                 fmt::format("unexpected '{}' after the test's name", words.tokens[2].text),
                 "put the whole name in the quotes; a comment starts with `#`");
      }
      test_.name = std::string(words.tokens[1].text);
    } else {
      test_.name = std::string(words.rest_after_first);
    }
    if (test_.name.empty()) {
      error("T005", number, key.column + key.length, 0, "a test needs a name",
            "write `test \"what it checks\"`: the name is printed beside pass or FAIL",
            "expected a name");
      test_.name = "?";
      return;
    }
    if (out_.tests.size() == kMaxTests) {
      error_at("T012", number, key, fmt::format("more than {} tests in one file", kMaxTests),
               "split the file");
      return;
    }
    if (!names_.insert(test_.name).second) {
      error("T013", number, words.tokens[1].column,
            words.tokens.back().column + words.tokens.back().length - words.tokens[1].column,
            fmt::format("a second test named '{}' in this file", test_.name),
            "give each test its own name: it is how a failure is found again");
    }
  }

  void close_test() {
    close_section();
    if (!in_test_) return;
    in_test_ = false;
    TestCase t = std::move(test_);
    const TestSetup& own = test_given_;
    TestSetup merged = header_;
    if (!own.rules.empty()) merged.rules = own.rules, merged.rules_where = own.rules_where;
    if (own.roster.given) merged.roster = own.roster;
    if (own.events.given) merged.events = own.events;
    if (own.start) merged.start = own.start;
    if (own.mode) merged.mode = own.mode;
    if (own.until) merged.until = own.until;
    t.setup = std::move(merged);
    // A test whose lines had errors is not checked for what it lacks: a misspelt `expect` would
    // otherwise also report that the test expects nothing.
    if (errors_ != errors_before_test_) return;
    const SourceSpan& at = t.where;
    if (t.setup.rules.empty())
      error("T011", at.line, at.column, at.length,
            fmt::format("test '{}' names no rules file", t.name),
            "add `rules PATH` (relative to this file) to the test, or above the first test for "
            "all of them");
    if (!t.setup.roster.given)
      error("T011", at.line, at.column, at.length, fmt::format("test '{}' has no roster", t.name),
            "add `roster PATH`, or `roster` followed by lines of the roster CSV format "
            "(unit,ID,PARENT,LEVEL,ORG_TYPE,DISPLAY_NAME,LEADERSHIP)");
    if (t.expectations.empty())
      error("T011", at.line, at.column, at.length, fmt::format("test '{}' expects nothing", t.name),
            "add what the run must show: `expect violation KIND ...`, `expect no violations`, "
            "or `expect status WHO STEP STATE`");
    out_.tests.push_back(std::move(t));
  }

  void rules(const LineTokens& words, std::uint32_t number) {
    if (!arity(words, number, 1, "rules PATH")) return;
    TestSetup& s = given();
    if (!s.rules.empty()) {
      error_at("T008", number, words.tokens[0],
               in_test_ ? "a second `rules` in this test" : "a second `rules` above the tests",
               "a test runs one rules file; write another test for another file");
      return;
    }
    s.rules = std::string(words.tokens[1].text);
    s.rules_where = span_of(number, words.tokens[1]);
  }

  void data_source(const LineTokens& words, std::uint32_t number, bool roster) {
    const std::string_view name = roster ? "roster" : "events";
    if (words.tokens.size() > 2) {
      error_at("T014", number, words.tokens[2],
               fmt::format("unexpected '{}' after `{} PATH`", words.tokens[2].text, name),
               fmt::format("write `{} PATH` for a file, or `{}` alone with the records on the "
                           "lines below",
                           name, name));
      return;
    }
    DataSource& source = roster ? given().roster : given().events;
    if (source.given) {
      error_at("T008", number, words.tokens[0],
               fmt::format("a second `{}` {}", name, in_test_ ? "in this test" : "above the tests"),
               fmt::format("give the test's {} once: a file, or records on the lines below one "
                           "bare `{}` line",
                           name, name));
      return;
    }
    source.given = true;
    source.where = span_of(number, words.tokens[0]);
    if (words.tokens.size() == 2) {
      source.path = std::string(words.tokens[1].text);
    } else {
      section_ = roster ? Section::kRoster : Section::kEvents;
      open_source_ = &source;
    }
  }

  void date_setting(const LineTokens& words, std::uint32_t number, bool start) {
    const std::string_view usage = start ? "start YYYY-MM-DD" : "until YYYY-MM-DD";
    if (!arity(words, number, 1, usage)) return;
    const std::optional<DayNumber> day = date(number, words.tokens[1], "2005-07-01");
    if (!day) return;
    (start ? given().start : given().until) = day;
  }

  void mode(const LineTokens& words, std::uint32_t number) {
    if (!arity(words, number, 1, "mode audit|enforce")) return;
    const std::string_view m = words.tokens[1].text;
    if (m == "audit") {
      given().mode = Mode::kAudit;
    } else if (m == "enforce") {
      given().mode = Mode::kEnforce;
    } else {
      error_at("T005", number, words.tokens[1], fmt::format("unknown mode '{}'", m),
               choices_help(m, {"audit", "enforce"}, "the modes are"), "expected a mode");
    }
  }

  // `expect violation KIND FILTER...`, `expect no [other] violations FILTER...`,
  // `expect status WHO STEP STATE [at DATE]`.
  void expect(const LineTokens& words, std::uint32_t number, std::string_view body) {
    const Token& key = words.tokens.front();
    if (!in_test_) {
      error_at("T008", number, key, "an expectation above the first test",
               "put `expect` lines under the `test` line they belong to");
      return;
    }
    if (test_.expectations.size() == kMaxExpectations) {
      error_at("T012", number, key,
               fmt::format("more than {} expectations in one test", kMaxExpectations),
               "split the test");
      return;
    }
    Expectation e;
    e.where = {0, number, key.column, static_cast<std::uint32_t>(body.size())};
    e.text = std::string(body.substr(0, std::min(body.find(" #"), body.size())));
    const auto& w = words.tokens;
    const std::string_view what = w.size() > 1 ? w[1].text : std::string_view();
    constexpr std::string_view kForms =
        "`expect violation KIND ...`, `expect no violations ...` or "
        "`expect status WHO STEP STATE`";
    if (w.size() < 2) {
      error("T005", number, key.column + key.length, 0, "`expect` needs what to expect",
            fmt::format("write {}", kForms), "expected `violation`, `no` or `status`");
      return;
    }
    bool ok = false;
    if (what == "violation" || what == "violations") {
      e.kind = Expectation::Kind::kViolation;
      ok = violation(words, number, e);
    } else if (what == "no") {
      e.kind = Expectation::Kind::kNoViolations;
      std::size_t i = 2;
      if (i < w.size() && w[i].text == "other") ++i;
      if (i >= w.size() || (w[i].text != "violations" && w[i].text != "violation")) {
        if (i < w.size())
          error_at("T005", number, w[i],
                   fmt::format("expected `violations`, found '{}'", w[i].text),
                   "write `expect no violations`, optionally followed by `of kind K`, "
                   "`of step S` ...");
        else
          error("T005", number, w.back().column + w.back().length, 0,
                "expected `violations` after `no`", "write `expect no violations`",
                "expected `violations`");
        return;
      }
      ok = filter(words, number, i + 1, e.filter);
    } else if (what == "status") {
      e.kind = Expectation::Kind::kStatus;
      ok = status(words, number, e);
    } else {
      error_at("T005", number, w[1], fmt::format("cannot expect '{}'", what),
               choices_help(what, {"violation", "no", "status"}, "expect one of") +
                   fmt::format("; write {}", kForms),
               "expected `violation`, `no` or `status`");
      return;
    }
    if (ok) test_.expectations.push_back(std::move(e));
  }

  bool violation(const LineTokens& words, std::uint32_t number, Expectation& e) {
    const auto& w = words.tokens;
    if (w.size() < 3) {
      error("T005", number, w[1].column + w[1].length, 0, "a violation needs its kind",
            choices_help("", kind_names(), "write `expect violation KIND ...`; the kinds are"),
            "expected a kind");
      return false;
    }
    e.filter.kind = parse_kind(w[2].text);
    if (!e.filter.kind) {
      error_at("T009", number, w[2], fmt::format("unknown violation kind '{}'", w[2].text),
               choices_help(w[2].text, kind_names(), "the kinds are"), "not a kind");
      return false;
    }
    return filter(words, number, 3, e.filter);
  }

  // `[of] FIELD VALUE` pairs from word `i` on.
  bool filter(const LineTokens& words, std::uint32_t number, std::size_t i, ViolationFilter& f) {
    const auto& w = words.tokens;
    std::set<std::string_view> seen;
    if (f.kind) seen.insert("kind");
    while (i < w.size()) {
      if (w[i].text == "of" && !w[i].quoted) {
        ++i;
        continue;
      }
      const Token& field = w[i];
      if (std::find(kFilterFields.begin(), kFilterFields.end(), field.text) ==
          kFilterFields.end()) {
        error_at("T005", number, field,
                 fmt::format("'{}' is not a field of a violation", field.text),
                 choices_help(field.text, {kFilterFields.begin(), kFilterFields.end()},
                              "name a field and its value, as in `step learn`; the fields are"),
                 "expected a field");
        return false;
      }
      if (i + 1 >= w.size()) {
        error("T005", number, field.column + field.length, 0,
              fmt::format("`{}` needs a value", field.text),
              fmt::format("write `{} VALUE`", field.text), "expected a value");
        return false;
      }
      if (!seen.insert(field.text).second) {
        error_at("T005", number, field, fmt::format("`{}` is given twice", field.text),
                 "a violation has one of each; write two expectations for two");
        return false;
      }
      const Token& value = w[i + 1];
      const SourceSpan where = span_of(number, value);
      if (field.text == "kind") {
        f.kind = parse_kind(value.text);
        if (!f.kind) {
          error_at("T009", number, value, fmt::format("unknown violation kind '{}'", value.text),
                   choices_help(value.text, kind_names(), "the kinds are"), "not a kind");
          return false;
        }
      } else if (field.text == "day") {
        f.day = date(number, value, "2005-07-15");
        if (!f.day) return false;
      } else if (field.text == "severity") {
        if (value.text == "required") {
          f.severity = Severity::kRequired;
        } else if (value.text == "advisory") {
          f.severity = Severity::kAdvisory;
        } else {
          error_at("T005", number, value, fmt::format("'{}' is not a severity", value.text),
                   "a violation is `required` (an obligation broken) or `advisory` (a date or an "
                   "order for reference)",
                   "expected required or advisory");
          return false;
        }
      } else if (field.text == "step") {
        f.step = std::string(value.text), f.step_where = where;
      } else if (field.text == "phase") {
        f.phase = std::string(value.text), f.phase_where = where;
      } else if (field.text == "unit") {
        f.unit = std::string(value.text), f.unit_where = where;
      } else {
        f.member = std::string(value.text), f.member_where = where;
      }
      i += 2;
    }
    if (!f.unit.empty() && !f.member.empty()) {
      error("T005", number, f.member_where.column, f.member_where.length,
            "a violation names a unit or a member, not both",
            "`member M` already fixes the unit: it is the member's responsible branch");
      return false;
    }
    return true;
  }

  bool status(const LineTokens& words, std::uint32_t number, Expectation& e) {
    const auto& w = words.tokens;
    constexpr std::string_view kUsage = "expect status WHO STEP STATE [at YYYY-MM-DD]";
    if (w.size() < 5) {
      const Token& last = w.back();
      error("T005", number, last.column + last.length, 0,
            fmt::format("`expect status` needs {}", w.size() == 2   ? "who, a step and a state"
                                                    : w.size() == 3 ? "a step and a state"
                                                                    : "a state"),
            fmt::format("write `{}`; the states are {}", kUsage, fmt::join(state_names(), ", ")),
            "expected more");
      return false;
    }
    e.who = std::string(w[2].text);
    e.who_where = span_of(number, w[2]);
    e.step = std::string(w[3].text);
    e.step_where = span_of(number, w[3]);
    const std::optional<StepState> state = parse_state(w[4].text);
    if (!state) {
      error_at("T009", number, w[4], fmt::format("unknown step state '{}'", w[4].text),
               choices_help(w[4].text, state_names(), "the states are"), "not a state");
      return false;
    }
    e.state = *state;
    if (w.size() == 5) return true;
    if (w[5].text != "at" || w.size() != 7) {
      error_at("T014", number, w[5], fmt::format("unexpected '{}' after the state", w[5].text),
               fmt::format("write `{}`", kUsage), "not expected");
      return false;
    }
    e.at = date(number, w[6], "2005-07-20");
    if (!e.at) return false;
    return true;
  }

  TestFile& out_;
  std::string_view text_;
  TestSetup header_;      // what the lines above the first test set, for every test
  TestSetup test_given_;  // what the current test sets itself
  TestCase test_;
  bool in_test_ = false;
  Section section_ = Section::kNone;
  DataSource* open_source_ = nullptr;  // the source the open section's records go to
  std::set<std::string> names_;
  std::size_t errors_ = 0;
  std::size_t errors_before_test_ = 0;
  bool stopped_ = false;
};

}  // namespace

namespace {

TestFile too_large(const std::string& path) {
  TestFile out;
  out.path = path;
  out.files.push_back({path, {}});
  Diagnostic d;
  d.code = "T002";
  d.message =
      fmt::format("the file is larger than {} bytes, the most a test file may be", kMaxFileBytes);
  d.help = "split it into several files";
  out.diagnostics.push_back(std::move(d));
  return out;
}

}  // namespace

TestFile parse_test_text(const std::string& path, std::string text) {
  if (text.size() > kMaxFileBytes) return too_large(path);
  TestFile out;
  out.path = path;
  out.files.push_back({path, std::move(text)});
  const std::string& t = out.files[0].text;
  if (const std::optional<std::size_t> bad = util::find_invalid_utf8(t)) {
    std::uint32_t line = 1;
    std::size_t line_begin = 0;
    for (std::size_t i = 0; i < *bad; ++i)
      if (t[i] == '\n') ++line, line_begin = i + 1;
    Diagnostic d;
    d.code = "T003";
    d.message = "the file is not valid UTF-8";
    d.span = {0, line, static_cast<std::uint32_t>(*bad - line_begin + 1), 1};
    d.label = "invalid byte";
    d.help = "save the file as UTF-8 (GBK and other encodings are not read)";
    out.diagnostics.push_back(std::move(d));
    return out;
  }
  Parser(out).run();
  return out;
}

TestFile parse_test_file(const std::string& path) {
  // A regular file only (a FIFO would block the read forever), and a huge one refused unread.
  util::FileRead r = util::read_regular_file(path, kMaxFileBytes);
  if (r.status == util::FileReadStatus::kTooLarge) return too_large(path);
  if (r.status != util::FileReadStatus::kOk) {
    TestFile out;
    out.path = path;
    out.files.push_back({path, {}});
    Diagnostic d;
    d.code = "T001";
    d.message = fmt::format("cannot read the file: {}", r.reason);
    d.help = r.status == util::FileReadStatus::kNotRegular
                 ? "give a regular file"
                 : "check the path and that the file is readable";
    out.diagnostics.push_back(std::move(d));
    return out;
  }
  return parse_test_text(path, std::move(r.text));
}

}  // namespace lockstep::ruletest
