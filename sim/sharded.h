// Simulating a campaign over a synthetic organization of national size, in bounded memory, on
// several threads: the streaming path of `lockstep simulate --synthetic N` for large N.
//
// The organization is cut into shards of whole subtrees: shard k is a synthetic organization of
// its own (make_synthetic_org with the national mix, seeded from (seed, k)) whose organizations
// hang under the one national top. Branches are independent except through their parents'
// gates, and a subtree's parents are all inside it, so each shard runs on its own engine. Each
// worker takes the next shard, builds its organization, plan (sharded_plan.h) and events (the
// behaviour model itself, sim/behaviour.h), feeds them through a lockstep::Run (the pipeline every
// door uses) to the end of the campaign, reduces what the report needs into a summary and frees
// the shard. Summaries are
// merged in shard order, so the output depends only on the arguments, never on thread timing.
//
// What differs from one engine over make_synthetic_org(N, seed):
//   - with one shard (N <= shard_members) nothing: the same organization, seed and events, so the
//     same totals (sharded_test.cpp checks it);
//   - with several, the organization is another draw of the same national mix (sizes and
//     categories are scaled per shard; a mobile member is looked after by a branch of its own
//     shard); each shard has its own copy of the top unit, whose own steps (if any) are counted
//     once, from shard 0 — the top's steps that wait on "all subunits" see shard 0's only.
// Memory: one shard per worker at a time — its organization, engine, plan and events (16 bytes
// each, in two buffers the worker keeps from shard to shard: sim/day_events.h), well under 1 KB
// per member of the shard while it runs — plus the summaries, whose lists are capped: the peak
// does not grow with N.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "io/synthetic_org.h"
#include "lockstep/diagnostic.h"
#include "lockstep/model.h"
#include "lockstep/sharded_summary.h"
#include "lockstep/status.h"
#include "lockstep/violation.h"
#include "sim/scenario.h"

namespace lockstep::sim {

// `lockstep simulate --synthetic N` takes this path when N is larger (cli/cmd_simulate.cpp).
inline constexpr std::uint64_t kShardedAboveMembers = 100'000;

struct ShardedOptions {
  std::uint64_t members = 0;
  std::uint64_t seed = 1;
  std::uint32_t threads = 2;
  // At most this many members per shard. Small shards keep every buffer of a shard under
  // glibc's mmap threshold (32 MiB), so they are reused from one shard to the next instead of
  // being mapped and faulted in again, and keep a shard's state in the caches (the size that
  // ran fastest; docs/performance.md).
  std::uint64_t shard_members = std::uint64_t{1} << 14;
  std::optional<DayNumber> start;  // overrides the model's start
  std::size_t worst_units = 10;    // kept in the summary
  std::size_t max_details = 50;    // violations described in full
};

struct ShardedResult {
  std::optional<ShardedSummary> summary;
  Diagnostics diagnostics;  // why there is none: the engine refused the model (as make_engine)
};

ShardedResult simulate_sharded(const CampaignModel& model, const Scenario& scenario,
                               const ShardedOptions& options);

}  // namespace lockstep::sim
