// The comparison of one test's expectations with what its run showed: each `expect violation`
// that matched nothing is a missing violation (with up to three of the same kind and step the run
// did find), each violation an `expect no violations` covers and no `expect violation` matches is
// unexpected (listed up to kMaxListedUnexpected a test, then counted), each status not reached a
// status failure. Failures come in the order of the expectations; unexpected violations of one
// expectation by day, unit, step and member, and a violation is listed once however many
// expectations it breaks.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "lockstep/campaign_report.h"
#include "lockstep/ruletest.h"
#include "ruletest/coverage.h"

namespace lockstep::ruletest {

struct Observed {
  const CampaignReport& report;                  // at the test's end
  std::vector<std::optional<StepState>> states;  // per expectation: the status found, if any
  std::vector<std::string> found;                // per expectation: its name, or why there is none
};

// Adds the failures to `result` (and their count beyond the listed ones) and what the test's
// expectations matched to `evidence`, for coverage.
void compare(const TestCase& test, const Observed& observed, TestResult& result,
             TestEvidence& evidence);

}  // namespace lockstep::ruletest
