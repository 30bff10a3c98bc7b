// Comparing a test's expectations with what its run showed (compare.h).
#include "ruletest/compare.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <tuple>

#include "ruletest/limits.h"
#include "ruletest/violation_words.h"

namespace lockstep::ruletest {

void compare(const TestCase& test, const Observed& observed, TestResult& result,
             TestEvidence& evidence) {
  const CampaignReport& report = observed.report;
  // Violations in the order people read them: by day, unit, step, member.
  std::vector<const ReportViolation*> actual;
  for (const ReportViolation& v : report.violations) actual.push_back(&v);
  std::stable_sort(actual.begin(), actual.end(),
                   [](const ReportViolation* a, const ReportViolation* b) {
                     return std::tie(a->day, a->unit, a->step, a->member_id) <
                            std::tie(b->day, b->unit, b->step, b->member_id);
                   });
  std::set<const ReportViolation*> listed;
  std::size_t unexpected = 0;
  for (std::size_t i = 0; i < test.expectations.size(); ++i) {
    const Expectation& e = test.expectations[i];
    Failure f;
    f.line = e.where.line;
    f.expected = e.text;
    switch (e.kind) {
      case Expectation::Kind::kViolation: {
        TestEvidence::Expected x{e.filter, {}};
        for (const ReportViolation* v : actual)
          if (matches(e.filter, *v, report)) x.matched.push_back(v);
        if (x.matched.empty()) {
          f.kind = Failure::Kind::kMissing;
          ViolationFilter similar;
          similar.kind = e.filter.kind;
          similar.step = e.filter.step;
          similar.phase = e.filter.phase;
          for (const ReportViolation* v : actual) {
            if (f.near.size() == 3) break;
            if (matches(similar, *v, report))
              f.near.push_back(fmt::format("{} ({})", violation_words(*v, report), v->rule));
          }
          result.failures.push_back(std::move(f));
        }
        evidence.expected.push_back(std::move(x));
        break;
      }
      case Expectation::Kind::kNoViolations: {
        evidence.absent.push_back(e.filter);
        for (const ReportViolation* v : actual) {
          if (!matches(e.filter, *v, report) || listed.count(v)) continue;
          const bool expected = std::any_of(
              test.expectations.begin(), test.expectations.end(), [&](const Expectation& x) {
                return x.kind == Expectation::Kind::kViolation && matches(x.filter, *v, report);
              });
          if (expected) continue;
          listed.insert(v);
          if (++unexpected > kMaxListedUnexpected) continue;
          Failure u = f;
          u.kind = Failure::Kind::kUnexpected;
          u.violation = violation_words(*v, report);
          u.rule = v->rule;
          u.message = v->message;
          result.failures.push_back(std::move(u));
        }
        break;
      }
      case Expectation::Kind::kStatus:
        if (observed.states[i] != e.state) {
          f.kind = Failure::Kind::kStatus;
          f.actual = observed.found[i];
          result.failures.push_back(std::move(f));
        }
        break;
    }
  }
  result.more_unexpected =
      unexpected > kMaxListedUnexpected ? unexpected - kMaxListedUnexpected : 0;
}

}  // namespace lockstep::ruletest
