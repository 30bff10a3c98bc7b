// The behaviour model (sim/behaviour.h) on the district of seeds 002/003, whose roster has the
// supervision groups that approve the gates: the same seed gives the same events, a certain skip
// leaves the step undone everywhere, "within" deadlines are kept when nobody is late, and slower
// categories finish later.
#include <doctest/doctest.h>

#include <algorithm>

#include "io/synthetic_org.h"
#include "lockstep/engine.h"
#include "lockstep/name_index.h"
#include "lockstep/roster.h"
#include "lockstep/rules.h"
#include "lockstep/run.h"
#include "sim/behaviour.h"
#include "sim/plan.h"
#include "sim/scenario.h"
#include "sim/simulation.h"
#include "tests/view.h"

namespace lockstep::sim {
namespace {

struct District {
  CampaignModel model;
  Organization org;
  Plan plan;
};

const District& district() {
  static const District t = [] {
    RulesResult r = compile_rules_file(LOCKSTEP_SOURCE_DIR "/rules/baoxian_2005_district.lock");
    REQUIRE(r.model);
    RosterResult o =
        read_roster_file(LOCKSTEP_SOURCE_DIR "/samples/rosters/district_002.csv", *r.model);
    REQUIRE(o.org);
    EngineResult e = make_engine(test::view(*r.model), test::view(*o.org));
    REQUIRE(e.engine);
    Plan plan = make_plan(*e.engine);
    return District{std::move(*r.model), std::move(*o.org), std::move(plan)};
  }();
  return t;
}

StepId step_id(const CampaignModel& m, const std::string& id) {
  for (StepId s = 0; s < m.steps.size(); ++s)
    if (m.steps[s].id == id) return s;
  FAIL("no step " << id);
  return 0;
}

// Everyone works at once and in order: durations of 0 days, nobody late, skipping or hurrying.
Scenario prompt(const CampaignModel& m) {
  Scenario s = default_scenario(m);
  for (StepBehaviour& b : s.steps) b.duration = {Distribution::Kind::kFixed, 0, 0, 0};
  return s;
}

// Like prompt(), but each step takes 0 to 6 days.
Scenario steady(const CampaignModel& m) {
  Scenario s = default_scenario(m);
  for (StepBehaviour& b : s.steps) b.duration = {Distribution::Kind::kUniform, 0, 0, 6};
  return s;
}

std::size_t count_kind(const Engine& engine, ViolationKind kind) {
  std::size_t n = 0;
  for (const Violation& v : engine.violations()) n += v.kind == kind;
  return n;
}

bool same(const std::vector<Event>& a, const std::vector<Event>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].kind != b[i].kind || a[i].step != b[i].step || a[i].actor != b[i].actor ||
        a[i].day != b[i].day || a[i].phase != b[i].phase)
      return false;
  return true;
}

// Runs the events through an audit engine to the campaign's end.
Engine run(const District& t, const std::vector<Event>& events) {
  EngineOptions options;
  options.mode = Mode::kAudit;
  EngineResult e = make_engine(test::view(t.model), test::view(t.org), options);
  REQUIRE(e.engine);
  for (const Event& ev : events) {
    if (ev.day > e.engine->clock()) e.engine->apply(Event::advance(ev.day));
    e.engine->apply(ev);
  }
  e.engine->apply(Event::advance(e.engine->clock() + 400));
  return std::move(*e.engine);
}

}  // namespace

TEST_CASE("behaviour: the same seed gives the same events, another seed others, sorted by day") {
  const District& t = district();
  Scenario s = steady(t.model);
  for (StepBehaviour& b : s.steps) b.late = 0.1, b.skip = 0.05, b.out_of_order = 0.05;
  const std::vector<Event> a = simulate_events(t.model, t.org, t.plan, s, 42);
  const std::vector<Event> b = simulate_events(t.model, t.org, t.plan, s, 42);
  const std::vector<Event> c = simulate_events(t.model, t.org, t.plan, s, 43);
  REQUIRE(a.size() > 1000);
  CHECK(same(a, b));
  CHECK_FALSE(same(a, c));
  CHECK(std::is_sorted(a.begin(), a.end(),
                       [](const Event& x, const Event& y) { return x.day < y.day; }));
}

TEST_CASE("behaviour: a step skipped with probability 1 is never completed") {
  const District& t = district();
  Scenario s = prompt(t.model);
  const StepId analysis = step_id(t.model, "analysis");
  s.steps[analysis].skip = 1;
  const std::vector<Event> events = simulate_events(t.model, t.org, t.plan, s, 1);
  CHECK(std::none_of(events.begin(), events.end(), [&](const Event& e) {
    return e.kind == Event::Kind::kComplete && e.step == analysis;
  }));
  CHECK(std::any_of(events.begin(), events.end(),
                    [&](const Event& e) { return e.step == step_id(t.model, "talk"); }));
}

TEST_CASE(
    "behaviour: nobody late or out of order gives no required violation, within deadlines "
    "included") {
  const District& t = district();
  const Engine engine = run(t, simulate_events(t.model, t.org, t.plan, prompt(t.model), 5));
  std::size_t required = 0;
  for (const Violation& v : engine.violations()) required += v.severity == Severity::kRequired;
  CHECK(required == 0);
}

TEST_CASE("behaviour: people who wait for their prerequisites are never out of order") {
  // Every kind of prerequisite of the district (a member's own, its branch's, the parent
  // organization's, all members', all subunits') resolved as the engine resolves it.
  const District& t = district();
  Scenario s = steady(t.model);
  for (StepBehaviour& b : s.steps) b.late = 0.2;  // a skipped prerequisite is passed over
  const Engine engine = run(t, simulate_events(t.model, t.org, t.plan, s, 11));
  CHECK(engine.violations().size() > 0);
  CHECK(count_kind(engine, ViolationKind::kOutOfOrder) == 0);
  for (StepBehaviour& b : s.steps) b.out_of_order = 0.2;
  const Engine hasty = run(t, simulate_events(t.model, t.org, t.plan, s, 11));
  CHECK(count_kind(hasty, ViolationKind::kOutOfOrder) > 0);
}

TEST_CASE("behaviour: everyone late gives late violations") {
  const District& t = district();
  Scenario s = prompt(t.model);
  for (StepBehaviour& b : s.steps) b.late = 1;
  const Engine engine = run(t, simulate_events(t.model, t.org, t.plan, s, 5));
  CHECK(engine.violations().size() > 100);
}

TEST_CASE("behaviour: a slower category finishes its steps later") {
  const District& t = district();
  const auto mean_day = [&](double factor) {
    Scenario s = steady(t.model);
    for (double& f : s.category_factor) f = factor;
    const std::vector<Event> events = simulate_events(t.model, t.org, t.plan, s, 9);
    double sum = 0;
    std::size_t n = 0;
    for (const Event& e : events)
      if (e.kind == Event::Kind::kComplete && t.model.steps[e.step].actor == Actor::kMember &&
          t.org.member_categories[e.actor] != 0)
        sum += e.day, ++n;
    REQUIRE(n > 0);
    return sum / static_cast<double>(n);
  };
  CHECK(mean_day(3.0) > mean_day(1.0));
}

namespace {

// A small campaign written here, whose one phase runs from 2005-07-01 for `days` days, with one
// branch under the top: its fresh audit run and its simulation in which everyone is on time.
struct OnTime {
  std::shared_ptr<const CampaignModel> model;
  std::shared_ptr<const Organization> org;
  std::optional<Run> fresh;
  std::optional<Simulation> simulation;
};

OnTime simulate_on_time(const std::string& phase_body, int days) {
  RulesResult rules =
      compile_rules_text("c.lock",
                         "campaign c \"C\" {\n  start 2005-07-01\n  orgtype ot \"OT\"\n"
                         "  phase p1 \"P1\" from start, " +
                             std::to_string(days) + "d {\n" + phase_body + "  }\n}\n");
  REQUIRE(rules.model);
  RosterResult roster = read_roster_text(
      "r.csv", "unit,top,,top,ot,Top,yes\nunit,b1,top,branch,ot,B1,no\n", *rules.model);
  REQUIRE(roster.org);
  OnTime t;
  t.model = std::make_shared<const CampaignModel>(std::move(*rules.model));
  t.org = std::make_shared<const Organization>(std::move(*roster.org));
  Diagnostics problems;
  RunOptions options;
  options.engine.mode = Mode::kAudit;
  t.fresh = std::move(Run::start(t.model, t.org, options).run);
  REQUIRE(t.fresh);
  ScenarioResult on_time =
      read_scenario_file(LOCKSTEP_SOURCE_DIR "/samples/scenarios/on_time.scenario", *t.model);
  REQUIRE(on_time.scenario);
  std::string error;
  t.simulation = simulate(*t.fresh, *on_time.scenario, {1, 1, {}}, error);
  REQUIRE(t.simulation);
  return t;
}

// The 2008 township campaign (advisory phase windows, six binding months) on a synthetic
// organization, simulated with `scenario`; the first run's violations.
std::vector<ReportViolation> simulate_2008_township(const std::string& scenario) {
  RulesResult rules =
      compile_rules_file(LOCKSTEP_SOURCE_DIR "/rules/xuexi_2008_batch3_township.lock");
  REQUIRE(rules.model);
  auto model = std::make_shared<const CampaignModel>(std::move(*rules.model));
  auto org = std::make_shared<const Organization>(make_synthetic_org(*model, 300, 1));
  Diagnostics problems;
  RunOptions options;
  options.engine.mode = Mode::kAudit;
  std::optional<Run> fresh = std::move(Run::start(model, org, options).run);
  REQUIRE(fresh);
  ScenarioResult parsed = parse_scenario_text("s.scenario", scenario, *model);
  REQUIRE(parsed.scenario);
  std::string error;
  std::optional<Simulation> sim = simulate(*fresh, *parsed.scenario, {1, 1, {}}, error);
  REQUIRE(sim);
  return sim->report.violations;
}

std::size_t count_of(const std::vector<ReportViolation>& vs, Severity severity) {
  return static_cast<std::size_t>(std::count_if(
      vs.begin(), vs.end(), [&](const ReportViolation& v) { return v.severity == severity; }));
}

}  // namespace

TEST_CASE(
    "behaviour: units behind an advisory window's dates but inside the period break no "
    "required rule") {
  // The study runs 20 days past the city's reference date for the first phase (seed 004): the
  // phase stays open, its gate is approved when the study is done, and only advice is reported.
  const std::string base =
      "[default]\nduration = fixed 0\nlate = 0\nskip = 0\nout_of_order = 0\n"
      "[step 学习]\nlate = 1\n";
  const std::vector<ReportViolation> inside = simulate_2008_township(base + "late_by = fixed 20\n");
  CHECK(count_of(inside, Severity::kRequired) == 0);
  CHECK(count_of(inside, Severity::kAdvisory) > 0);
  // Past the six months, the same study is required work missed.
  const std::vector<ReportViolation> past = simulate_2008_township(base + "late_by = fixed 150\n");
  CHECK(count_of(past, Severity::kRequired) > 0);
}

TEST_CASE(
    "behaviour: a step repeated more than a hundred times is done as often as the rules ask") {
  // The language allows `repeat >= 10000`; a simulator that stopped at 100 would give every unit
  // too_few_repetitions and an on-time rate of 0.
  const OnTime t = simulate_on_time("    step plan \"Plan\" by branch repeat >= 150\n", 300);
  std::size_t completions = 0;
  for (const Event& e : t.simulation->events) completions += e.kind == Event::Kind::kComplete;
  CHECK(completions == 150);
  for (const ReportViolation& v : t.simulation->report.violations)
    CHECK(v.kind != "too_few_repetitions");
}

TEST_CASE("behaviour: a group's gate no group oversees is approved, and its log replays the same") {
  // The engine takes any approver where no group oversees an organization; the simulator has the
  // unit above approve, so the phase does not close without its gate in every simulation.
  const OnTime t = simulate_on_time(
      "    gate g \"G\" by supervision\n    step plan \"Plan\" by organization\n", 30);
  CHECK(t.simulation->report.violations.empty());
  std::vector<LogEvent> log;
  for (const Event& e : t.simulation->events) log.push_back(log_event_of(e, *t.model, *t.org));
  REQUIRE(std::any_of(log.begin(), log.end(), [](const LogEvent& r) {
    return r.kind == LogEvent::Kind::kApprove && r.approver == "top";
  }));
  const ResolvedLog resolved = resolve_log(log, *t.model, *t.org, false);
  REQUIRE(resolved.ok());
  Run replay = *t.fresh;
  CHECK(replay.apply(resolved.events) == 0);
  replay.advance_to(replay.end_of_campaign());
  CHECK(replay.engine().violations().empty());
}

}  // namespace lockstep::sim
