// The sharded simulation: shards, workers and the merge; see sharded.h. Rendering is in
// sharded_report.cpp.
#include "sim/sharded.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>

#include "io/synthetic_org.h"
#include "lockstep/engine.h"
#include "lockstep/messages.h"
#include "lockstep/roster.h"
#include "lockstep/run.h"
#include "sim/behaviour.h"
#include "sim/plan.h"
#include "sim/sharded_plan.h"
#include "util/random.h"

namespace lockstep::sim {
namespace {

// The same order everywhere: most errors first, then shard, then unit.
bool worse(const WorstUnit& a, const WorstUnit& b) {
  if (a.violations != b.violations) return a.violations > b.violations;
  if (a.shard != b.shard) return a.shard < b.shard;
  return a.unit < b.unit;
}

// Keeps the `n` worst of `units` (already any order), sorted.
void keep_worst(std::vector<WorstUnit>& units, std::size_t n) {
  std::sort(units.begin(), units.end(), worse);
  if (units.size() > n) units.resize(n);
}

// The organization's seed for shard k: the run's own seed when there is a single shard, so that
// a small run is exactly the single-engine simulation.
std::uint64_t shard_seed(std::uint64_t seed, std::uint64_t shard, std::uint64_t shards) {
  if (shards == 1) return seed;
  util::SplitMix64 r(seed ^ ((shard + 1) * 0x9e3779b97f4a7c15ull));
  return r.next();
}

// Events handed to Engine::apply(span) at a time: 56 bytes each, the block stays in the
// first-level cache.
constexpr std::size_t kBlock = 256;

// What one worker keeps between shards, so that a shard's largest buffers are reused instead of
// being allocated and faulted in again: a counter per unit, the shard's events, and the block of
// engine events being filled.
struct Worker {
  std::vector<std::uint32_t> unit_errors;
  DayEvents events;
  std::vector<Event> block;
};

// Runs shard `k` and reduces it to a summary of the same shape as the whole run's.
std::optional<ShardedSummary> run_shard(const CampaignModel& model, const Scenario& scenario,
                                        const ShardedOptions& options, std::uint64_t k,
                                        std::uint64_t shards, Worker& worker,
                                        Diagnostics& diagnostics) {
  const std::uint64_t members = options.members / shards + (k < options.members % shards ? 1 : 0);
  const std::uint64_t seed = shard_seed(options.seed, k, shards);
  const auto org = std::make_shared<const Organization>(make_synthetic_org(model, members, seed));
  // The model outlives every shard (simulate_sharded's caller owns it): shared without owning.
  const std::shared_ptr<const CampaignModel> shared_model(std::shared_ptr<void>(), &model);
  RunOptions run_options;
  run_options.engine.mode = Mode::kAudit;
  run_options.engine.start = options.start;
  run_options.report_data = false;  // the summary is of totals: no completion days, no burn-down
  RunResult started = Run::start(shared_model, org, run_options);
  diagnostics.insert(diagnostics.end(), started.diagnostics.begin(), started.diagnostics.end());
  std::optional<Run>& run = started.run;
  if (!run) return std::nullopt;
  const Engine& engine = run->engine();
  ShardedSummary s;
  s.members = org->member_count();
  s.units = org->units.size() - (k == 0 ? 0 : 1);  // the top is counted once
  s.shards = 1;
  s.start = engine.start();
  s.state_bytes_per_member =
      s.members == 0 ? 0
                     : static_cast<double>(engine.state_bytes()) / static_cast<double>(s.members);

  // The shard's events go to the run in blocks: a block stays in the first-level cache, and the
  // run hands the engine each day's events of it at once.
  DayEvents& events = worker.events;
  simulate_events(model, *org, make_shard_plan(engine, *org), scenario, util::run_seed(seed, 0),
                  events);
  std::vector<Event>& block = worker.block;
  block.clear();
  for (std::size_t i = 0; i < events.size(); ++i) {
    block.push_back(events.event(i));
    if (block.size() == kBlock) {
      run->apply(block);
      block.clear();
    }
  }
  run->apply(block);
  s.events = events.size();
  s.refused = run->refused();
  run->advance_to(run->end_of_campaign());
  s.as_of = engine.clock();

  // Steps: the whole shard, less the top's own steps except in shard 0.
  const std::optional<Rollup> all = engine.rollup_subtree(0);
  s.steps.resize(model.steps.size());
  if (all)
    for (const StepRollup& r : all->steps) {
      StepTotals& t = s.steps[r.step];
      t.applicable = r.applicable;
      for (int i = 0; i < kStepStateCount; ++i) t.by_state[i] = r.by_state[i];
      t.on_time = r.on_time;
      t.judged = r.judged;
    }
  if (k != 0)
    if (const std::optional<UnitStatus> top = engine.unit_status(0))
      for (const StepStatus& st : top->steps) {
        StepTotals& t = s.steps[st.step];
        --t.applicable;
        --t.by_state[static_cast<int>(st.state)];
        if (st.state == StepState::kDone) --t.on_time;
        if (st.state == StepState::kDone || st.state == StepState::kDoneLate ||
            st.state == StepState::kOverdue)
          --t.judged;
      }

  // Violations: counts, errors per unit, the first ones described.
  const std::size_t phases = model.phases.size();
  s.errors.assign(phases, {});
  s.warnings.assign(phases, {});
  worker.unit_errors.assign(org->units.size(), 0);
  for (const Violation& v : engine.violations()) {
    if (k != 0 && v.unit == 0 && v.member == kNoMember) continue;  // the top: shard 0's only
    ++s.violations;
    const bool error = v.severity == Severity::kRequired;
    auto& by_kind = error ? s.errors : s.warnings;
    if (v.phase < phases) ++by_kind[v.phase][static_cast<int>(v.kind)];
    if (error && v.unit < org->units.size()) ++worker.unit_errors[v.unit];
    if (s.details.size() < options.max_details)
      s.details.push_back(ViolationDetail{static_cast<std::uint32_t>(k), v,
                                          format_location(model, v.rule),
                                          describe(v, model, *org)});
  }
  for (UnitId u = 0; u < org->units.size(); ++u)
    if (worker.unit_errors[u] != 0)
      s.worst_units.push_back(
          {static_cast<std::uint32_t>(k), u, org->units[u].org_type, worker.unit_errors[u]});
  keep_worst(s.worst_units, options.worst_units);
  return s;
}

// Adds shard summary `b` to `a` (shards in order).
void merge(ShardedSummary& a, ShardedSummary&& b, const ShardedOptions& options) {
  if (a.shards == 0) {
    a = std::move(b);
    return;
  }
  a.members += b.members;
  a.units += b.units;
  a.shards += b.shards;
  a.events += b.events;
  a.refused += b.refused;
  a.as_of = std::max(a.as_of, b.as_of);
  for (std::size_t i = 0; i < a.steps.size(); ++i) {
    a.steps[i].applicable += b.steps[i].applicable;
    for (int st = 0; st < kStepStateCount; ++st) a.steps[i].by_state[st] += b.steps[i].by_state[st];
    a.steps[i].on_time += b.steps[i].on_time;
    a.steps[i].judged += b.steps[i].judged;
  }
  for (std::size_t p = 0; p < a.errors.size(); ++p)
    for (int v = 0; v < kViolationKindCount; ++v) {
      a.errors[p][v] += b.errors[p][v];
      a.warnings[p][v] += b.warnings[p][v];
    }
  a.violations += b.violations;
  a.worst_units.insert(a.worst_units.end(), b.worst_units.begin(), b.worst_units.end());
  keep_worst(a.worst_units, options.worst_units);
  for (ViolationDetail& d : b.details) {
    if (a.details.size() >= options.max_details) break;
    a.details.push_back(std::move(d));
  }
  a.state_bytes_per_member = std::max(a.state_bytes_per_member, b.state_bytes_per_member);
}

}  // namespace

ShardedResult simulate_sharded(const CampaignModel& model, const Scenario& scenario,
                               const ShardedOptions& options) {
  ShardedResult result;
  const std::uint64_t per_shard = std::max<std::uint64_t>(1, options.shard_members);
  const std::uint64_t shards =
      std::max<std::uint64_t>(1, (options.members + per_shard - 1) / per_shard);
  const std::uint32_t threads =
      static_cast<std::uint32_t>(std::clamp<std::uint64_t>(options.threads, 1, shards));

  // Finished shards wait in `done` until every earlier one is merged, so the merge runs in shard
  // order; at most about `threads` summaries wait at a time, each bounded.
  std::mutex lock;
  std::vector<std::optional<ShardedSummary>> done(shards);
  std::uint64_t next_to_merge = 0;
  std::atomic<std::uint64_t> next_shard{0};
  std::atomic<bool> failed{false};
  ShardedSummary total;
  const auto work = [&] {
    Worker worker;
    for (std::uint64_t k; !failed && (k = next_shard++) < shards;) {
      Diagnostics diagnostics;
      std::optional<ShardedSummary> s =
          run_shard(model, scenario, options, k, shards, worker, diagnostics);
      std::lock_guard<std::mutex> hold(lock);
      if (!s) {
        if (!failed.exchange(true)) result.diagnostics = std::move(diagnostics);
        return;
      }
      done[k] = std::move(s);
      for (; next_to_merge < shards && done[next_to_merge]; ++next_to_merge) {
        merge(total, std::move(*done[next_to_merge]), options);
        done[next_to_merge].reset();
      }
    }
  };
  std::vector<std::thread> pool;
  for (std::uint32_t t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
  if (!failed) result.summary = std::move(total);
  return result;
}

}  // namespace lockstep::sim
