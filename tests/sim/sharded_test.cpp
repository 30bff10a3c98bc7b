// The sharded path of national-size simulations (sim/sharded.h): its events are the behaviour
// model's, one shard is exactly the single-engine simulation, and the output depends on the seed
// and nothing else (not on the number of threads).
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <map>

#include "io/synthetic_org.h"
#include "lockstep/engine.h"
#include "lockstep/roster.h"
#include "lockstep/rules.h"
#include "lockstep/run.h"
#include "report/text_cells.h"
#include "report/width.h"
#include "sim/behaviour.h"
#include "sim/plan.h"
#include "sim/sharded.h"
#include "sim/sharded_plan.h"
#include "sim/simulation.h"
#include "tests/view.h"
#include "util/random.h"

namespace lockstep::sim {
namespace {

const CampaignModel& township() {
  static const CampaignModel model = [] {
    RulesResult r = compile_rules_file(LOCKSTEP_SOURCE_DIR "/rules/baoxian_2005_township.lock");
    REQUIRE(r.model);
    return std::move(*r.model);
  }();
  return model;
}

// People who skip, ignore the order and finish late, so that every branch of the model is taken.
Scenario unruly(const CampaignModel& model) {
  Scenario s = default_scenario(model);
  for (StepBehaviour& b : s.steps) {
    b.skip = 0.02;
    b.out_of_order = 0.05;
    b.late = 0.1;
  }
  return s;
}

Engine fresh_engine(const CampaignModel& model, const Organization& org) {
  EngineOptions options;
  options.mode = Mode::kAudit;
  EngineResult made = make_engine(test::view(model), test::view(org), options);
  REQUIRE(made.engine);
  return std::move(*made.engine);
}

TEST_CASE("the shard plan equals make_plan, field for field") {
  const CampaignModel& model = township();
  const Organization org = make_synthetic_org(model, 20'000, 3);
  const Engine engine = fresh_engine(model, org);
  const Plan expected = make_plan(engine);
  const Plan plan = make_shard_plan(engine, org);
  CHECK(plan.order == expected.order);
  CHECK(plan.organization == expected.organization);
  CHECK(plan.unit_window == expected.unit_window);
  CHECK(plan.unit_binding_end == expected.unit_binding_end);
  CHECK(plan.phase_count == expected.phase_count);
  REQUIRE(plan.instances.size() == expected.instances.size());
  std::size_t members = 0;
  for (std::size_t s = 0; s < plan.instances.size(); ++s) {
    REQUIRE(plan.instances[s].size() == expected.instances[s].size());
    for (std::size_t i = 0; i < plan.instances[s].size(); ++i) {
      CHECK(plan.instances[s][i].actor == expected.instances[s][i].actor);
      CHECK(plan.instances[s][i].unit == expected.instances[s][i].unit);
      CHECK(plan.instances[s][i].due == expected.instances[s][i].due);
    }
    if (model.steps[s].actor == Actor::kMember) members += plan.instances[s].size();
  }
  CHECK(members > 100'000);
}

TEST_CASE(
    "one shard gives the totals and messages of simulate over the same synthetic organization") {
  const CampaignModel& model = township();
  const Scenario scenario = unruly(model);
  const std::uint64_t seed = 11;
  ShardedOptions options;
  options.members = 20'000;
  options.seed = seed;
  options.shard_members = 20'000;
  const ShardedResult sharded = simulate_sharded(model, scenario, options);
  REQUIRE(sharded.summary);
  const ShardedSummary& s = *sharded.summary;
  CHECK(s.shards == 1);

  // The single-engine door, as `lockstep simulate --synthetic 20000 --seed 11` runs it: a Run
  // over the same synthetic organization and the same events.
  const auto shared_model = std::make_shared<const CampaignModel>(model);
  const auto shared_org =
      std::make_shared<const Organization>(make_synthetic_org(model, 20'000, seed));
  const Organization& org = *shared_org;
  Diagnostics problems;
  RunOptions run_options;
  run_options.engine.mode = Mode::kAudit;
  const std::optional<Run> fresh = std::move(Run::start(shared_model, shared_org, run_options).run);
  REQUIRE(fresh);
  std::string error;
  const std::optional<Simulation> simulation = simulate(*fresh, scenario, {seed, 1, {}}, error);
  REQUIRE(simulation);
  const std::vector<Event>& events = simulation->events;
  Run again = *fresh;
  const std::uint64_t refused = again.apply(events);
  again.advance_to(again.end_of_campaign());
  const Engine& engine = again.engine();
  // The summary describes the first violations as the door's report does.
  REQUIRE(s.details.size() <= simulation->report.violations.size());
  for (std::size_t i = 0; i < s.details.size(); ++i)
    CHECK(s.details[i].message == simulation->report.violations[i].message);

  CHECK(s.members == org.member_count());
  CHECK(s.units == org.units.size());
  CHECK(s.events == events.size());
  CHECK(s.refused == refused);
  CHECK(s.as_of == engine.clock());
  CHECK(s.violations == engine.violations().size());
  REQUIRE(s.violations > 0);
  std::map<std::pair<int, int>, std::uint64_t> errors, warnings;
  for (const Violation& v : engine.violations())
    ++(v.severity == Severity::kRequired ? errors : warnings)[{v.phase, static_cast<int>(v.kind)}];
  for (PhaseId p = 0; p < model.phases.size(); ++p)
    for (int k = 0; k < kViolationKindCount; ++k) {
      CHECK(s.errors[p][k] == errors[{p, k}]);
      CHECK(s.warnings[p][k] == warnings[{p, k}]);
    }
  const std::optional<Rollup> all = engine.rollup_subtree(0);
  REQUIRE(all);
  for (const StepRollup& r : all->steps) {
    CHECK(s.steps[r.step].applicable == r.applicable);
    CHECK(s.steps[r.step].on_time == r.on_time);
    CHECK(s.steps[r.step].judged == r.judged);
    for (int st = 0; st < kStepStateCount; ++st)
      CHECK(s.steps[r.step].by_state[st] == r.by_state[st]);
  }
}

ShardedSummary run(std::uint64_t seed, std::uint32_t threads) {
  ShardedOptions options;
  options.members = 20'000;
  options.seed = seed;
  options.threads = threads;
  options.shard_members = 3'000;
  options.max_details = 7;
  options.worst_units = 4;
  ShardedResult r = simulate_sharded(township(), unruly(township()), options);
  REQUIRE(r.summary);
  return std::move(*r.summary);
}

TEST_CASE("same seed, byte-identical output with one thread or two, another seed differs") {
  const ShardedSummary one = run(5, 1);
  const ShardedSummary two = run(5, 2);
  const CampaignModel& model = township();
  CHECK(one.shards == 7);
  CHECK(one.members == 20'000);
  CHECK(render_sharded_text(one, model, "x") == render_sharded_text(two, model, "x"));
  CHECK(render_sharded_json(one, model, "x") == render_sharded_json(two, model, "x"));
  const ShardedSummary other = run(6, 2);
  CHECK(render_sharded_json(one, model, "x") != render_sharded_json(other, model, "x"));
}

TEST_CASE("the summary's lists are capped and its totals are true") {
  const ShardedSummary s = run(5, 2);
  CHECK(s.details.size() == 7);
  CHECK(s.worst_units.size() == 4);
  CHECK(s.violations > s.details.size());
  std::uint64_t counted = 0;
  for (PhaseId p = 0; p < s.errors.size(); ++p)
    for (int k = 0; k < kViolationKindCount; ++k) counted += s.errors[p][k] + s.warnings[p][k];
  CHECK(counted == s.violations);
  for (std::size_t i = 1; i < s.worst_units.size(); ++i)
    CHECK(s.worst_units[i - 1].violations >= s.worst_units[i].violations);
  // The top is counted once: shards add their units less their copy of it.
  CHECK(s.units > s.shards);
}

TEST_CASE("the summary reads like the campaign report: its sections, columns and display names") {
  const ShardedSummary s = run(5, 2);
  const CampaignModel& model = township();
  const std::string text = render_sharded_text(s, model, "simulate --seed 5");
  // The title lines, as render_report_text writes them, with the run's size.
  CHECK(text.rfind(model.display_name + "  (" + model.id + ")\n", 0) == 0);
  CHECK(text.find(fmt::format("{} members, {} units in {} shards, {} events",
                              report::grouped(s.members), report::grouped(s.units),
                              report::grouped(s.shards), report::grouped(s.events))) !=
        std::string::npos);
  CHECK(text.find(fmt::format("{} violations", report::grouped(s.violations))) !=
        std::string::npos);
  // The same sections and column headings.
  for (const char* heading :
       {"\nPhases\nPhase ", "On-time rate  Violations by kind\n", "\nViolations by kind\nKind ",
        "\nWorst units", "\nViolations (the first ones"})
    CHECK_MESSAGE(text.find(heading) != std::string::npos, std::string(heading));
  // Phases and org types by their display names, not their ids, cut to the tables' widths.
  for (const Phase& p : model.phases)
    CHECK(text.find(fmt::format("\n{}", report::truncate_to_width(p.display_name, 24))) !=
          std::string::npos);
  CHECK(text.find(report::truncate_to_width(model.org_types[s.worst_units[0].org_type].display_name,
                                            12)) != std::string::npos);
  // The true total beyond the capped list, and plain text unless colour is asked for.
  CHECK(
      text.find(fmt::format("... and {} more", report::grouped(s.violations - s.details.size()))) !=
      std::string::npos);
  CHECK(text.find('\x1b') == std::string::npos);
  CHECK(render_sharded_text(s, model, "x", /*color=*/true).find("\x1b[") != std::string::npos);
}

}  // namespace
}  // namespace lockstep::sim
