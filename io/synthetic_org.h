// Synthetic organizations: the test data of the simulator, the national run and the benchmarks
// (docs/formats.md, "Synthetic organizations"). Not part of the public API.
#pragma once

#include <cstdint>

#include "lockstep/model.h"
#include "lockstep/organization.h"

namespace lockstep {

// A synthetic organization of `members` members with the national mix of sizes and categories
// (docs/formats.md, "Synthetic organizations"): committees, general branches and branches in the
// proportions of the 2024 statistics, org types drawn from the model's, categories assigned only
// when the model declares them by the ids retired, leading_cadre, in_service, infirm, mobile and
// away. Deterministic: the same arguments give the same organization. Members carry no id or name
// text, so the cost is 16 bytes per member plus one Unit per ~19 members.
// Throws std::invalid_argument when `members` does not fit a MemberId.
Organization make_synthetic_org(const CampaignModel& model, std::uint64_t members,
                                std::uint64_t seed);

}  // namespace lockstep
