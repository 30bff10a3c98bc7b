// Rules tests: small campaigns written by organizers to pin what their rules do
// (docs/testing.md). A `.locktest` file names a rules file, a roster, events and what the run must
// show — violations, their absence, the status of a step at a date — and `lockstep test` runs it.
//
// The path of a test is the one path of every run (docs/architecture.md): the rules compiled by
// compile_rules_file, the roster and events read by io/, names resolved by resolve_log, and the
// events fed through lockstep::Run only. Then what the run's report and engine show is compared
// with what the test expects.
//
// Invariants:
//   - parsing takes untrusted text and never throws, crashes or grows without bound: the file,
//     its lines, tests, inline records and expectations are bounded (limits in docs/testing.md);
//     every problem is a Diagnostic at file:line:column with a code T0xx and a help line;
//   - a test file that has any error runs no test; a test whose inputs do not load is an error
//     (its diagnostics say why), never a failure;
//   - the same files give the same results and the same output, byte for byte: files are run in
//     sorted order, tests in file order, and nothing is listed in hash order.
// Calls share no state and may run concurrently.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lockstep/diagnostic.h"
#include "lockstep/engine.h"
#include "lockstep/lifecycle.h"
#include "lockstep/model.h"

namespace lockstep::ruletest {

// Lines of a roster or an event log written in the test file itself, each with where it starts
// (line and byte column in the test file), so that the readers' diagnostics point into the test.
struct InlineLine {
  std::string text;
  std::uint32_t line = 0;
  std::uint32_t column = 1;
};

// A roster or an event log: a file (path relative to the test file), or lines written inline.
struct DataSource {
  bool given = false;
  std::string path;  // empty for inline lines
  std::vector<InlineLine> lines;
  SourceSpan where;  // the directive that gave it
};

// What a test runs: each field a test does not set comes from the file's header (the lines
// before the first `test`).
struct TestSetup {
  std::string rules;  // as written, relative to the test file; empty when not given
  SourceSpan rules_where;
  DataSource roster;
  DataSource events;
  std::optional<DayNumber> start;
  std::optional<Mode> mode;        // audit when not given
  std::optional<DayNumber> until;  // the campaign's end (Run::end_of_campaign) when not given
};

// Which violations an expectation is about; an empty field matches anything. `unit` matches a
// violation at that unit, by the unit itself or by a member it is responsible for.
struct ViolationFilter {
  std::optional<ViolationKind> kind;
  std::string step;
  std::string phase;
  std::string unit;
  std::string member;
  std::optional<DayNumber> day;
  std::optional<Severity> severity;  // `severity required` or `severity advisory`
  // Where each named field is written, to point at an unknown name.
  SourceSpan step_where, phase_where, unit_where, member_where;
};

struct Expectation {
  enum class Kind : std::uint8_t {
    kViolation,     // some violation matches `filter`
    kNoViolations,  // every violation matching `filter` is matched by a kViolation of the test
    kStatus,        // `who`'s step `step` is in `state` at `at` (the test's end when absent)
  };
  Kind kind = Kind::kViolation;
  ViolationFilter filter;
  std::string who;
  std::string step;
  StepState state = StepState::kDone;
  std::optional<DayNumber> at;
  SourceSpan who_where, step_where;
  std::string text;  // the line as written, from `expect`, for messages
  SourceSpan where;  // the whole line
};

struct TestCase {
  std::string name;
  SourceSpan where;  // the `test` line
  TestSetup setup;   // the test's own settings merged over the file's
  std::vector<Expectation> expectations;
};

struct TestFile {
  std::string path;
  SourceFiles files;  // the test file, index 0: what every span of this file refers to
  std::vector<TestCase> tests;
  Diagnostics diagnostics;
  bool ok() const { return !has_errors(diagnostics); }
};

// Parses a `.locktest` file. On any error, `diagnostics` says where and `tests` is empty.
TestFile parse_test_file(const std::string& path);
// The same for text in memory; `path` is the name shown and the folder relative paths start at.
TestFile parse_test_text(const std::string& path, std::string text);

// Diagnostics with the files their spans refer to.
struct Problems {
  Diagnostics diagnostics;
  SourceFiles files;
};

// Every `*.locktest` file under `roots` (files are taken as they are, directories searched
// recursively without following links or entering hidden directories), sorted and without
// repeats. A root that does not exist is a diagnostic (T001) in `problems`.
std::vector<std::string> find_test_files(const std::vector<std::string>& roots, Problems& problems);

// One way a test's expectation was not met.
struct Failure {
  enum class Kind : std::uint8_t {
    kMissing,     // a `expect violation` matched no violation
    kUnexpected,  // a violation that an `expect no violations` does not allow
    kStatus,      // a step was not in the expected state
  };
  Kind kind = Kind::kMissing;
  std::uint32_t line = 0;  // the expectation's line in the test file
  std::string expected;    // the expectation as written
  // kUnexpected: the violation in the words of the test format, the rule it cites
  // ("rules/x.lock:40:5") and the report's sentence.
  std::string violation;
  std::string rule;
  std::string message;
  // kMissing: up to three violations of the same kind and step that the run did find.
  std::vector<std::string> near;
  // kStatus: the state found ("ready"), or why there is none ("the step does not apply").
  std::string actual;
};

struct TestResult {
  enum class Status : std::uint8_t { kPass, kFail, kError };
  std::string name;
  std::string file;
  std::uint32_t line = 0;
  Status status = Status::kPass;
  std::vector<Failure> failures;    // in the order of the test's expectations
  std::size_t more_unexpected = 0;  // unexpected violations beyond those listed
  std::size_t refused = 0;          // events the engine refused (enforce mode)
  std::vector<Problems> problems;   // kError: why the test could not run
};

// What no test exercised in one rules file (docs/testing.md, "Coverage").
struct CoverageItem {
  std::string what;   // "step", "deadline", "prerequisite"
  std::string name;   // "golden_idea", "due of find_members", "learn after plan"
  std::string where;  // "rules/x.lock:40:5"
};

struct RulesCoverage {
  std::string rules;  // the rules file, as the tests name it (normalized)
  std::uint32_t steps = 0, steps_exercised = 0;
  std::uint32_t deadlines = 0, deadlines_exercised = 0;
  std::uint32_t prerequisites = 0, prerequisites_exercised = 0;
  std::vector<CoverageItem> not_exercised;  // steps, then deadlines, then prerequisites
};

struct SuiteResult {
  std::vector<TestResult> tests;        // by file (sorted), then in file order
  std::vector<Problems> file_problems;  // test files that do not parse, or roots not found
  std::vector<RulesCoverage> coverage;  // by rules path
  std::size_t passed = 0, failed = 0, errors = 0;
  // 0 every test passed, 1 some test failed, 2 some input did not load.
  int exit_code() const;
};

// Parses and runs every file of `paths` (as given by find_test_files).
SuiteResult run_test_files(const std::vector<std::string>& paths);

// How much of the coverage the text shows: every item no test exercised, the counts only, or
// nothing.
enum class CoverageDetail : std::uint8_t { kFull, kSummary, kNone };

// For people: a line per test (pass / FAIL), the diff of each failure, the summary line
// "N passed, M failed", then the coverage. Diagnostics are not included: see render_problems.
std::string render_text(const SuiteResult& result, CoverageDetail coverage = CoverageDetail::kFull);
// For CI: one JSON object (docs/testing.md, "JSON").
std::string render_json(const SuiteResult& result);
// Every diagnostic of the suite (files that do not parse, tests whose inputs do not load),
// rendered as the compiler renders them.
std::string render_problems(const SuiteResult& result, bool color = false);

}  // namespace lockstep::ruletest
