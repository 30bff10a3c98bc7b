// What people read about the engine's facts: one sentence per violation or refusal.
//
// The engine records facts only (kind, step, performer, day, rule, counts: lockstep/violation.h);
// every sentence a report, a refusal or a journal prints is made here, from those facts, the model
// and the organization, so that wording (and, later, its translations) lives in one place.
// Every sentence cites the rule it is about as "file:line:col".
#pragma once

#include <string>

#include "lockstep/model.h"
#include "lockstep/organization.h"
#include "lockstep/violation.h"

namespace lockstep {

// "member m7 (张三) did 'meeting' before 'analysis' (rules/x.lock:12:5)".
std::string describe(const Violation& v, const CampaignModel& model, const Organization& org);
// Why an event was refused, with the unmet prerequisites and who has not met them.
std::string describe(const Refusal& r, const CampaignModel& model, const Organization& org);

}  // namespace lockstep
