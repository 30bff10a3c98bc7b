// A report's violation in the words of the test format, and whether an expectation's filter
// matches it. Both sides use the same words (`late step find_members unit jg1 day 2005-07-20`),
// so a violation printed as unexpected can be pasted into the test as an expectation.
#pragma once

#include <string>

#include "lockstep/campaign_report.h"
#include "lockstep/ruletest.h"

namespace lockstep::ruletest {

// Whether `v` of `report` is one `filter` is about (an empty field matches anything).
bool matches(const ViolationFilter& filter, const ReportViolation& v, const CampaignReport& report);

// "violation late step find_members unit jg1 day 2005-07-20": the member for a member's
// violation, the unit otherwise; the phase for a phase's own rule (no step).
std::string violation_words(const ReportViolation& v, const CampaignReport& report);

}  // namespace lockstep::ruletest
