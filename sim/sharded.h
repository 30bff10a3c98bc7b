// Simulating a campaign over a synthetic organization of national size, in bounded memory, on
// several threads: the streaming path of `lockstep simulate --synthetic N` for large N.
//
// The organization is cut into shards of whole subtrees: shard k is a synthetic organization of
// its own (make_synthetic_org with the national mix, seeded from (seed, k)) whose organizations
// hang under the one national top. Branches are independent except through their parents'
// gates, and a subtree's parents are all inside it, so each shard runs on its own engine. Each
// worker takes the next shard, builds its organization, plan (sharded_plan.h) and events (the
// behaviour model itself, sim/behaviour.h), feeds its engine day by day to the end of the
// campaign, reduces what the report needs into a summary and frees the shard. Summaries are
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

#include "lockstep/diagnostic.h"
#include "lockstep/model.h"
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
  // being mapped and faulted in again, and keep a shard's state in the caches: measured over
  // 10^6 members, 2^18 took 8.0 CPU s, 2^16 4.9 s, 2^15 2.3 s, 2^14 1.7 s, 2^13 1.8 s.
  std::uint64_t shard_members = std::uint64_t{1} << 14;
  std::optional<DayNumber> start;  // overrides the model's start
  std::size_t worst_units = 10;    // kept in the summary
  std::size_t max_details = 50;    // violations described in full
};

// Totals of one step over the whole organization.
struct StepTotals {
  std::uint64_t applicable = 0;
  std::array<std::uint64_t, kStepStateCount> by_state{};  // indexed by StepState
  std::uint64_t on_time = 0;                              // as StepRollup: done on time
  std::uint64_t judged = 0;                               //   of done or overdue
};

struct WorstUnit {
  std::uint32_t shard = 0;
  UnitId unit = 0;  // within its shard
  OrgTypeId org_type = 0;
  std::uint64_t violations = 0;  // of required rules (errors)
};

struct ViolationDetail {
  std::uint32_t shard = 0;
  Violation violation;  // unit and member ids within the shard
  std::string rule;     // "file:line:col"
  std::string message;  // describe(), with the shard's ids
};

struct ShardedSummary {
  std::uint64_t members = 0, units = 0, shards = 0;
  std::uint64_t events = 0, refused = 0;
  DayNumber start = 0, as_of = 0;
  std::vector<StepTotals> steps;  // by StepId
  // Violations by phase and kind, split by severity: [phase][kind].
  std::vector<std::array<std::uint64_t, kViolationKindCount>> errors, warnings;
  std::uint64_t violations = 0;          // all, the true total
  std::vector<WorstUnit> worst_units;    // most errors first; at most options.worst_units
  std::vector<ViolationDetail> details;  // the first ones in shard order; at most max_details
  double state_bytes_per_member = 0;     // the engine's, largest over shards
};

struct ShardedResult {
  std::optional<ShardedSummary> summary;
  Diagnostics diagnostics;  // why there is none: the engine refused the model (as make_engine)
};

ShardedResult simulate_sharded(const CampaignModel& model, const Scenario& scenario,
                               const ShardedOptions& options);

// Renderers: a summary for people, laid out as the campaign report of a smaller run (per phase:
// required, on time, late, overdue, excused, open, on-time rate, violations by kind; violations
// by kind; worst units; the first violations with the true total), in ANSI colours when `color`,
// and one JSON object (schema in docs/performance.md). Both bounded whatever the organization's
// size.
std::string render_sharded_text(const ShardedSummary& s, const CampaignModel& model,
                                const std::string& source, bool color = false);
std::string render_sharded_json(const ShardedSummary& s, const CampaignModel& model,
                                const std::string& source);

// The command: the scenario file (empty: the default behaviour), the run, the summary on stdout
// as text or JSON. Exit code as `lockstep simulate`: 0 no required violation, 1 some, 2 bad input.
int run_sharded_command(const CampaignModel& model, const std::string& scenario_path,
                        std::uint64_t members, std::uint64_t seed, std::optional<DayNumber> start,
                        bool json, bool color);

}  // namespace lockstep::sim
