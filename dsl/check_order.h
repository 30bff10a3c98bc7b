// Checks of the order of steps, made on the compiled model:
//   - a prerequisite's scope must fit who performs both steps (E0303): `after X` without `of`
//     means the same performer, so a member step cannot name a branch step that way;
//   - a prerequisite may not belong to a later phase (E0302);
//   - prerequisites may not form a cycle (E0301); each cycle is printed with every link's place.
#pragma once

#include <vector>

#include "dsl/diagnostic_sink.h"
#include "lockstep/model.h"

namespace lockstep::dsl {

// `broken[s]`: step s had a syntax error; checks that would need its fields are skipped.
void check_order(const CampaignModel& model, const std::vector<bool>& broken, DiagnosticSink& sink);

}  // namespace lockstep::dsl
