// The suite's results for people (text) and for CI (JSON): lockstep/ruletest.h, render_*.
//
// Text: one line per test, `pass` or `FAIL` (or `ERROR` when its inputs do not load), its place and
// name; under a failure, one entry per unmet expectation, in the test format's own words so that a
// line can be pasted into the test; then the summary line and the coverage of each rules file.
// JSON: the same facts as one object (docs/testing.md, "JSON"), keys in a fixed order.
#include <fmt/format.h>

#include <array>

#include <nlohmann/json.hpp>

#include "lockstep/ruletest.h"

namespace lockstep::ruletest {
namespace {

// The names of a test's status and of a failure's kind, indexed by their values: the text's words
// (pass, FAIL, ERROR) stand out in a terminal, the JSON's are lower case.
constexpr std::array<const char*, 3> kStatusWords = {"pass", "FAIL", "ERROR"};
constexpr std::array<const char*, 3> kStatusNames = {"pass", "fail", "error"};
constexpr std::array<const char*, 3> kFailureNames = {"missing", "unexpected", "status"};

template <typename Enum>
const char* name_in(const std::array<const char*, 3>& names, Enum value) {
  const auto i = static_cast<std::size_t>(value);
  return i < names.size() ? names[i] : "?";
}
const char* status_word(TestResult::Status s) {
  return name_in(kStatusWords, s);
}
const char* status_name(TestResult::Status s) {
  return name_in(kStatusNames, s);
}
const char* failure_name(Failure::Kind k) {
  return name_in(kFailureNames, k);
}

void failure_text(std::string& out, const TestResult& t, const Failure& f) {
  const std::string at = fmt::format("{}:{}", t.file, f.line);
  switch (f.kind) {
    case Failure::Kind::kMissing:
      out += fmt::format("      missing     {}\n", f.expected);
      out += fmt::format("                  ({}) matched no violation", at);
      if (f.near.empty()) {
        out += "\n";
      } else {
        out += "; the run found:\n";
        for (const std::string& n : f.near) out += fmt::format("                    {}\n", n);
      }
      break;
    case Failure::Kind::kUnexpected:
      out += fmt::format("      unexpected  {} ({})\n", f.violation, f.rule);
      if (!f.message.empty()) out += fmt::format("                  {}\n", f.message);
      out += fmt::format("                  not allowed by `{}` ({})\n", f.expected, at);
      break;
    case Failure::Kind::kStatus:
      out += fmt::format("      status      {}\n", f.expected);
      out += fmt::format("                  ({}) found {}\n", at, f.actual);
      break;
  }
}

std::string plural(std::size_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

}  // namespace

std::string render_text(const SuiteResult& result, CoverageDetail coverage) {
  std::string out;
  for (const TestResult& t : result.tests) {
    out += fmt::format("{:<5} {}:{}  {}\n", status_word(t.status), t.file, t.line, t.name);
    if (t.status == TestResult::Status::kError)
      out += "      could not run: its inputs do not load (the diagnostics are on stderr)\n";
    for (const Failure& f : t.failures) failure_text(out, t, f);
    if (t.more_unexpected > 0)
      out += fmt::format(
          "      ... and {} not listed\n",
          plural(t.more_unexpected, "unexpected violation", "more unexpected violations"));
    if (t.status == TestResult::Status::kFail && t.refused > 0)
      out += fmt::format(
          "      note: the engine refused {} (an order broken in enforce mode, a duplicate, an "
          "event that does not apply, or a wrong approver)\n",
          plural(t.refused, "event", "events"));
  }
  if (!result.tests.empty()) out += "\n";
  out += fmt::format("{} passed, {} failed", result.passed, result.failed);
  if (result.errors > 0) out += fmt::format(", {} could not run", result.errors);
  if (!result.file_problems.empty())
    out += fmt::format(", {} with errors", plural(result.file_problems.size(), "input", "inputs"));
  out += "\n";
  if (coverage == CoverageDetail::kNone) return out;
  for (const RulesCoverage& c : result.coverage) {
    out += fmt::format("coverage of {}: {}/{} steps, {}/{} deadlines, {}/{} prerequisites", c.rules,
                       c.steps_exercised, c.steps, c.deadlines_exercised, c.deadlines,
                       c.prerequisites_exercised, c.prerequisites);
    if (c.not_exercised.empty() || coverage == CoverageDetail::kSummary) {
      out += c.not_exercised.empty() ? "; all exercised\n" : "\n";
      continue;
    }
    out += "; not exercised:\n";
    for (const CoverageItem& i : c.not_exercised)
      out += fmt::format("  {} {} ({})\n", i.what, i.name, i.where);
  }
  return out;
}

std::string render_problems(const SuiteResult& result, bool color) {
  std::string out;
  const auto add = [&](const Problems& p) {
    for (const Diagnostic& d : p.diagnostics) out += render_text(d, p.files, color) + "\n";
  };
  for (const Problems& p : result.file_problems) add(p);
  for (const TestResult& t : result.tests)
    for (const Problems& p : t.problems) add(p);
  return out;
}

std::string render_json(const SuiteResult& result) {
  using nlohmann::ordered_json;
  ordered_json j;
  ordered_json tests = ordered_json::array();
  ordered_json diagnostics = ordered_json::array();
  const auto add_problems = [&](const Problems& p) {
    const ordered_json ds = ordered_json::parse(lockstep::render_json(p.diagnostics, p.files));
    for (const ordered_json& d : ds) diagnostics.push_back(d);
  };
  for (const Problems& p : result.file_problems) add_problems(p);
  for (const TestResult& t : result.tests) {
    ordered_json o;
    o["name"] = t.name;
    o["file"] = t.file;
    o["line"] = t.line;
    o["status"] = status_name(t.status);
    ordered_json failures = ordered_json::array();
    for (const Failure& f : t.failures) {
      ordered_json x;
      x["kind"] = failure_name(f.kind);
      x["line"] = f.line;
      x["expected"] = f.expected;
      if (f.kind == Failure::Kind::kUnexpected) {
        x["violation"] = f.violation;
        x["rule"] = f.rule;
        x["message"] = f.message;
      }
      if (f.kind == Failure::Kind::kMissing) x["found"] = f.near;
      if (f.kind == Failure::Kind::kStatus) x["actual"] = f.actual;
      failures.push_back(std::move(x));
    }
    o["failures"] = std::move(failures);
    o["more_unexpected"] = t.more_unexpected;
    o["refused"] = t.refused;
    tests.push_back(std::move(o));
    for (const Problems& p : t.problems) add_problems(p);
  }
  j["tests"] = std::move(tests);
  j["totals"] = {{"passed", result.passed},
                 {"failed", result.failed},
                 {"errors", result.errors},
                 {"files_with_errors", result.file_problems.size()}};
  ordered_json coverage = ordered_json::array();
  for (const RulesCoverage& c : result.coverage) {
    ordered_json o;
    o["rules"] = c.rules;
    o["steps"] = {{"exercised", c.steps_exercised}, {"total", c.steps}};
    o["deadlines"] = {{"exercised", c.deadlines_exercised}, {"total", c.deadlines}};
    o["prerequisites"] = {{"exercised", c.prerequisites_exercised}, {"total", c.prerequisites}};
    ordered_json missing = ordered_json::array();
    for (const CoverageItem& i : c.not_exercised)
      missing.push_back({{"what", i.what}, {"name", i.name}, {"where", i.where}});
    o["not_exercised"] = std::move(missing);
    coverage.push_back(std::move(o));
  }
  j["coverage"] = std::move(coverage);
  j["diagnostics"] = std::move(diagnostics);
  j["exit_code"] = result.exit_code();
  // Invalid UTF-8 cannot reach here (test files are checked), but a rules file's quoted text in a
  // message is replaced rather than thrown on, as render_json of diagnostics does.
  return j.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace lockstep::ruletest
