// Coverage of rules by tests: which steps, deadlines and prerequisites of a rules file no test
// exercised (docs/testing.md, "Coverage").
//
//   - a step is exercised when a test has an event on it, or expects a violation citing it;
//   - a deadline (a step's `due`, its `within`, or, when it has neither, the end of its phase's
//     window) or a prerequisite (each step named in an `after`) is exercised when a test expects
//     its violation — late / missed / too_few_repetitions for a deadline, out_of_order /
//     members_not_done for a prerequisite — or expects its absence: an `expect no violations`
//     whose filter admits such a violation of a step the test has an event on.
// A matched violation names its rule's location, so it exercises exactly that deadline or
// prerequisite; an expected violation that matched nothing exercises those of the step it names.
//
// Invariants: items are listed in model order (steps, then deadlines, then prerequisites), rules
// files in path order; the result depends only on what was added, not on the order of tests.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "lockstep/campaign_report.h"
#include "lockstep/ruletest.h"

namespace lockstep::ruletest {

// What one test did that coverage counts.
struct TestEvidence {
  std::vector<bool> stepped;  // [step]: the test has an event on it
  struct Expected {
    ViolationFilter filter;
    std::vector<const ReportViolation*> matched;  // into `report`
  };
  std::vector<Expected> expected;       // its `expect violation` lines
  std::vector<ViolationFilter> absent;  // its `expect no violations` lines
  const CampaignReport* report = nullptr;
};

class CoverageCounter {
 public:
  // Counts `evidence` of a test of the rules file `rules`, compiled into `model`.
  void add(const std::string& rules, std::shared_ptr<const CampaignModel> model,
           const TestEvidence& evidence);
  std::vector<RulesCoverage> result() const;

 private:
  struct Items {
    std::shared_ptr<const CampaignModel> model;
    std::vector<bool> steps;
    std::vector<bool> deadlines;      // per deadline, in step order (coverage.cpp)
    std::vector<bool> prerequisites;  // per prerequisite, in step order
  };
  std::map<std::string, Items> by_rules_;
};

}  // namespace lockstep::ruletest
