// Running a suite of test files (lockstep/ruletest.h, run_test_files): each file parsed, each of
// its tests run in order, one input cache and one coverage count for the whole suite.
#include "lockstep/ruletest.h"
#include "ruletest/coverage.h"
#include "ruletest/run_test.h"
#include "ruletest/test_inputs.h"

namespace lockstep::ruletest {

int SuiteResult::exit_code() const {
  if (errors > 0 || !file_problems.empty()) return 2;
  return failed > 0 ? 1 : 0;
}

SuiteResult run_test_files(const std::vector<std::string>& paths) {
  SuiteResult out;
  InputCache cache;
  CoverageCounter coverage;
  for (const std::string& path : paths) {
    const TestFile file = parse_test_file(path);
    if (!file.ok()) {
      out.file_problems.push_back({file.diagnostics, file.files});
      continue;
    }
    for (const TestCase& test : file.tests) {
      TestResult r = run_test(file, test, cache, coverage);
      switch (r.status) {
        case TestResult::Status::kPass:
          ++out.passed;
          break;
        case TestResult::Status::kFail:
          ++out.failed;
          break;
        case TestResult::Status::kError:
          ++out.errors;
          break;
      }
      out.tests.push_back(std::move(r));
    }
  }
  out.coverage = coverage.result();
  return out;
}

}  // namespace lockstep::ruletest
