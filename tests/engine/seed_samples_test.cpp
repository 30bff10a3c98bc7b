// End to end on the seed campaigns: rules/*.lock compiled by the rules compiler, the sample
// rosters of samples/rosters read by the roster reader, driven through the engine.
#include <doctest/doctest.h>

#include <map>
#include <set>

#include "lockstep/civil_date.h"
#include "lockstep/engine.h"
#include "lockstep/messages.h"
#include "lockstep/roster.h"
#include "lockstep/rules.h"
#include "tests/engine/fixture.h"

using namespace lockstep;

namespace {

struct Campaign {
  CampaignModel model;
  Organization org;
};

// Kept alive for the whole run: engines hold references to them.
const Campaign& load(const std::string& rules, const std::string& roster) {
  static std::map<std::string, Campaign> cache;
  auto it = cache.find(rules + "|" + roster);
  if (it != cache.end()) return it->second;
  RulesResult r = compile_rules_file(std::string(LOCKSTEP_SOURCE_DIR) + "/rules/" + rules);
  REQUIRE_MESSAGE(r.model.has_value(), rules, " does not compile");
  RosterResult o =
      read_roster_file(std::string(LOCKSTEP_SOURCE_DIR) + "/samples/rosters/" + roster, *r.model);
  REQUIRE_MESSAGE(o.org.has_value(), roster, " does not read");
  return cache.emplace(rules + "|" + roster, Campaign{std::move(*r.model), std::move(*o.org)})
      .first->second;
}

// Evidence that meets every requirement of a step, whatever the member's categories.
Evidence evidence_for(const Step& s) {
  Evidence e;
  for (const Requirement& r : s.requirements) {
    if (r.comparison == Requirement::Comparison::kAtMost) continue;
    const auto v = static_cast<std::int32_t>(r.value);
    switch (r.field) {
      case Requirement::Field::kHours:
        e.hours = std::max(e.hours, v);
        break;
      case Requirement::Field::kChars:
        e.chars = std::max(e.chars, v);
        break;
      case Requirement::Field::kCount:
        e.count = std::max(e.count, v);
        break;
      case Requirement::Field::kForm:
        e.form = static_cast<FormId>(r.value);
        break;
    }
  }
  return e;
}

std::uint32_t approver_of(const Organization& org, const Gate& gate, UnitId o) {
  if (gate.approver == Gate::Approver::kParentUnit) return org.units[o].parent;
  for (std::size_t g = 0; g < org.groups.size(); ++g)
    for (UnitId u : org.groups[g].units)
      if (u == o) return static_cast<std::uint32_t>(g);
  return org.units[o].supervision_group == kNoGroup ? 0 : org.units[o].supervision_group;
}

// Everyone does every step as soon as it is ready and its phase has opened for them, every gate
// is approved as soon as it awaits approval, and the clock runs to the end of the campaign.
// Returns how many completions were made; every event must be accepted.
std::size_t run_in_order(Engine& e) {
  const CampaignModel& m = e.model();
  const Organization& org = e.organization();
  std::set<DayNumber> days;
  DayNumber last = e.start();
  for (UnitId u = 0; u < org.units.size(); ++u) {
    for (PhaseId p = 0; p < m.phases.size(); ++p) {
      const auto [first, end] = *e.phase_window(u, p);
      days.insert(std::max(first, e.start()));
      last = std::max(last, end);
    }
  }
  std::size_t completions = 0;
  auto opened = [&](UnitId u, StepId s, DayNumber d) {
    return e.phase_window(u, m.steps[s].phase)->first <= d;
  };
  auto act = [&](DayNumber d, UnitId u, MemberId member, const std::vector<StepStatus>& next) {
    bool acted = false;
    for (const StepStatus& s : next) {
      if (s.state != StepState::kReady || !opened(u, s.step, d)) continue;
      const ActorRef actor = member != kNoMember ? ActorRef{ActorKind::kMember, member}
                                                 : ActorRef{ActorKind::kUnit, u};
      Refusal why;
      const Outcome o =
          e.apply(Event::complete(s.step, actor, d, evidence_for(m.steps[s.step])), &why);
      INFO(describe(why, m, org));
      REQUIRE(o.accepted);
      ++completions;
      acted = true;
    }
    return acted;
  };
  for (DayNumber d : days) {
    REQUIRE(e.apply(Event::advance(d)).accepted);
    for (bool acted = true; acted;) {
      acted = false;
      for (UnitId u = 0; u < org.units.size(); ++u)
        acted |= act(d, u, kNoMember, e.unit_status(u)->next);
      for (MemberId x = 0; x < org.member_count(); ++x) {
        const MemberStatus s = *e.member_status(x);
        acted |= act(d, s.branch, x, s.next);
      }
      for (UnitId o = 1; o < org.units.size(); ++o) {
        if (org.units[o].parent != 0) continue;
        for (PhaseId p = 0; p < m.phases.size(); ++p) {
          if (e.phase_state(o, p) != PhaseState::kAwaitingGate) continue;
          REQUIRE(e.apply(Event::approve(p, UnitRef(o), approver_of(org, *m.phases[p].gate, o), d))
                      .accepted);
          acted = true;
        }
      }
    }
  }
  REQUIRE(e.apply(Event::advance(last + 1)).accepted);
  return completions;
}

void check_clean_run(const std::string& rules, const std::string& roster, std::size_t members,
                     std::optional<DayNumber> start = std::nullopt) {
  const Campaign& c = load(rules, roster);
  CHECK(c.org.member_count() == members);
  EngineResult r = make_engine(test::view(c.model), test::view(c.org), {Mode::kEnforce, start});
  std::string problems;
  for (const Diagnostic& d : r.diagnostics) problems += d.code + ": " + d.message + "\n";
  INFO(problems);
  REQUIRE(r.engine);
  Engine& e = *r.engine;
  const std::size_t completions = run_in_order(e);
  CHECK(completions > members * 5);
  std::string found;
  for (const Violation& v : e.violations()) found += describe(v, c.model, c.org) + "\n";
  INFO(found);
  CHECK(e.violations().empty());
  for (UnitId o = 1; o < c.org.units.size(); ++o)
    if (c.org.units[o].parent == 0)
      for (PhaseId p = 0; p < c.model.phases.size(); ++p)
        CHECK(e.phase_state(o, p) == PhaseState::kClosed);
  const Rollup all = *e.rollup_subtree(0);
  CHECK(all.members == members);
  for (const StepRollup& s : all.steps) {
    INFO(c.model.steps[s.step].id);
    CHECK(s.by_state[static_cast<int>(StepState::kDone)] == s.applicable);
  }
}

}  // namespace

TEST_CASE("seed 000: the township's 796 members through the whole campaign, in order") {
  check_clean_run("baoxian_2005_township.lock", "township_000.csv", 796);
}

TEST_CASE("seed 001: the bureau branch's 29 members through the whole campaign, in order") {
  // The seed gives no date; the 1st batch began in January 2005.
  check_clean_run("baoxian_2005_bureau.lock", "bureau_001.csv", 29, parse_date("2005-01-10"));
}

TEST_CASE("seed 002: the district's 1,063 members and its supervision groups, in order") {
  check_clean_run("baoxian_2005_district.lock", "district_002.csv", 1063);
}

TEST_CASE("seed 003: 徐汇区's 1st batch, 69 units under 5 supervision groups, in order") {
  // The seed gives no date; the 1st batch began in January 2005.
  check_clean_run("baoxian_2005_xuhui.lock", "xuhui_003.csv", 1737, parse_date("2005-01-10"));
}

TEST_CASE("seed 001: the review of study notes waits for the members in the concentrated study") {
  // "党员撰写学习心得24篇" is a report, not a minimum: notes are owed by the members in the
  // concentrated study, advisory for the retired and away ones, and the review records how many
  // it checked.
  const Campaign& c = load("baoxian_2005_bureau.lock", "bureau_001.csv");
  EngineResult r = make_engine(test::view(c.model), test::view(c.org),
                               {Mode::kEnforce, parse_date("2005-01-10")});
  REQUIRE(r.engine);
  Engine& e = *r.engine;
  const DayNumber d = e.start() + 3;
  const StepId mobilize = *c.model.find_step("mobilize"), plan = *c.model.find_step("plan");
  const StepId notes = *c.model.find_step("notes"), review = *c.model.find_step("review_notes");
  const UnitId branch = 1;
  REQUIRE(e.apply(Event::complete(mobilize, UnitRef(branch), d)).accepted);
  REQUIRE(e.apply(Event::complete(plan, UnitRef(branch), d)).accepted);
  const std::uint64_t remote = (std::uint64_t{1} << *c.model.find_category("retired")) |
                               (std::uint64_t{1} << *c.model.find_category("away"));
  std::vector<MemberId> owing;
  for (MemberId m = 0; m < c.org.member_count(); ++m)
    if ((c.org.member_categories[m] & remote) == 0) owing.push_back(m);
  REQUIRE(owing.size() == 23);  // 29 less 3 retired and 3 away
  const MemberId last = owing.back();
  for (MemberId m : owing)
    if (m != last)
      REQUIRE(e.apply(Event::complete(notes, MemberRef(m), d, evidence_for(c.model.steps[notes])))
                  .accepted);
  const Evidence checked = evidence_for(c.model.steps[review]);
  Refusal why;
  CHECK(e.apply(Event::complete(review, UnitRef(branch), d + 1, checked), &why).refusal ==
        RefusalKind::kMembersNotDone);
  CHECK(why.unmet.at(0).members == std::vector<MemberId>{last});
  const std::string text = describe(why, c.model, c.org);
  CHECK(text.find("'notes' is not done by member " + c.org.member_id(last)) != std::string::npos);
  INFO(text);
  CHECK(text.find("baoxian_2005_bureau.lock:") != std::string::npos);
  REQUIRE(e.apply(Event::excuse(notes, MemberRef(last), d, "病假")).accepted);
  CHECK(e.apply(Event::complete(review, UnitRef(branch), d + 1, checked)).accepted);
}

TEST_CASE("seed 003: roll-ups per supervision group cover 13-14 units each") {
  const Campaign& c = load("baoxian_2005_xuhui.lock", "xuhui_003.csv");
  EngineResult r =
      make_engine(test::view(c.model), test::view(c.org), {Mode::kAudit, parse_date("2005-01-10")});
  REQUIRE(r.engine);
  REQUIRE(c.org.groups.size() == 5);
  std::uint32_t members = 0;
  for (std::uint16_t g = 0; g < 5; ++g) {
    CHECK(c.org.groups[g].units.size() >= 13);
    CHECK(c.org.groups[g].units.size() <= 14);
    const Rollup rollup = *r.engine->rollup_group(g);
    CHECK(rollup.units >= c.org.groups[g].units.size());
    members += rollup.members;
  }
  CHECK(members == c.org.member_count());  // every member is overseen by exactly one group
  REQUIRE(r.engine->apply(Event::advance(r.engine->start() + 200)).accepted);
  const Rollup all = *r.engine->rollup_subtree(0);
  std::size_t overdue = 0;
  for (const StepRollup& s : all.steps)
    overdue += s.by_state[static_cast<int>(StepState::kOverdue)];
  CHECK(overdue == all.overdue.size());
  CHECK(overdue > c.org.member_count());
}

TEST_CASE("seed 002: the district's groups oversee every member") {
  const Campaign& c = load("baoxian_2005_district.lock", "district_002.csv");
  EngineResult r = make_engine(test::view(c.model), test::view(c.org), {Mode::kAudit, {}});
  REQUIRE(r.engine);
  std::uint32_t members = 0;
  for (std::uint16_t g = 0; g < c.org.groups.size(); ++g)
    members += r.engine->rollup_group(g)->members;
  CHECK(members == 1063);
}

TEST_CASE("seed 000: every kind of violation, found in the township in audit mode") {
  const Campaign& c = load("baoxian_2005_township.lock", "township_000.csv");
  EngineResult r = make_engine(test::view(c.model), test::view(c.org), {Mode::kAudit, {}});
  REQUIRE(r.engine);
  Engine& e = *r.engine;
  const CampaignModel& m = c.model;
  auto step = [&](const char* id) { return *m.find_step(id); };
  UnitId jg1 = kNoUnit;
  for (UnitId u = 0; u < c.org.units.size(); ++u)
    if (c.org.units[u].id == "jg1") jg1 = u;
  REQUIRE(jg1 != kNoUnit);
  std::vector<MemberId> staff;
  for (MemberId x = 0; x < c.org.member_count(); ++x)
    if (c.org.member_responsible[x] == jg1) staff.push_back(x);
  REQUIRE(staff.size() >= 3);
  const DayNumber d = e.start() + 2;
  Evidence hours = evidence_for(m.steps[step("learn")]);

  auto apply = [&](const Event& ev) {
    const Outcome o = e.apply(ev);
    REQUIRE(o.accepted);
    return o;
  };
  // Studies before the branch has a plan: out of order, citing "after plan of parent".
  Outcome o = apply(Event::complete(step("learn"), MemberRef(staff[0]), d, hours));
  REQUIRE(o.violation_count == 1);
  const Violation early = e.violations()[o.first_violation];
  CHECK(early.kind == ViolationKind::kOutOfOrder);
  CHECK(format_location(m, early.rule).find("baoxian_2005_township.lock:") != std::string::npos);
  apply(Event::complete(step("mobilize"), UnitRef(jg1), d));
  apply(Event::complete(step("plan"), UnitRef(jg1), d));
  apply(Event::complete(step("discuss"), UnitRef(jg1), d));
  apply(Event::complete(step("notes"), MemberRef(staff[1]), d, Evidence{}));  // no written form
  apply(Event::complete(step("meeting"), UnitRef(jg1), e.start() + 40));      // before the analyses
  const DayNumber study_end = e.phase_window(jg1, *m.find_phase("study"))->second;
  apply(Event::complete(step("learn"), MemberRef(staff[1]), study_end + 1, hours));
  apply(Event::advance(e.start() + 400));

  std::set<ViolationKind> kinds;
  for (const Violation& v : e.violations()) {
    kinds.insert(v.kind);
    CHECK(v.rule.line > 0);  // every violation cites a rule
    CHECK(v.rule.file < m.files.size());
  }
  // Every kind but too_few_repetitions: no seed campaign has a `repeat` (the seeds' counts are
  // reports, not minimums), so that kind is tested on rules of its own (tests/engine).
  CHECK(kinds.size() == kViolationKindCount - 1);
  CHECK(kinds.count(ViolationKind::kTooFewRepetitions) == 0);
  std::size_t late = 0, not_met = 0;
  for (const Violation& v : e.violations()) {
    if (v.unit != jg1) continue;  // a member's violations are at their responsible branch
    late += v.kind == ViolationKind::kLate && v.member == staff[1];
    not_met += v.kind == ViolationKind::kRequirementNotMet && v.member == staff[1];
  }
  CHECK(late == 1);
  CHECK(not_met == 1);
}

TEST_CASE("seed 000: a leading cadre in service is held to the cadre's 2,500 characters") {
  // The analysis asks 1,500 characters of members in service and 2,500 of leading cadres; a
  // member in both gets the stricter (docs/language.md, Requirements), as the seed means.
  const Campaign& c = load("baoxian_2005_township.lock", "township_000.csv");
  const CampaignModel& m = c.model;
  const std::uint64_t cadre = std::uint64_t{1} << *m.find_category("leading_cadre");
  const std::uint64_t in_service = std::uint64_t{1} << *m.find_category("in_service");
  // The roster has nobody in both: two members in service, the first made a leading cadre too.
  Organization org = c.org;
  std::vector<MemberId> serving;
  for (MemberId x = 0; x < org.member_count() && serving.size() < 2; ++x)
    if ((org.member_categories[x] & (cadre | in_service)) == in_service) serving.push_back(x);
  REQUIRE(serving.size() == 2);
  const MemberId both = serving[0], service_only = serving[1];
  org.member_categories[both] |= cadre;

  EngineResult r = make_engine(test::view(c.model), test::view(org), {Mode::kAudit, {}});
  REQUIRE(r.engine);
  Engine& e = *r.engine;
  const StepId analysis = *m.find_step("analysis");
  Evidence written = evidence_for(m.steps[analysis]);
  written.chars = 2000;  // between the two
  // Copies: the engine's list of violations grows, and may move, with each event.
  std::vector<Violation> not_met;
  for (MemberId x : {both, service_only}) {
    const Outcome o = e.apply(Event::complete(analysis, MemberRef(x), e.start() + 2, written));
    REQUIRE(o.accepted);
    for (std::uint32_t i = 0; i < o.violation_count; ++i)
      if (e.violations()[o.first_violation + i].kind == ViolationKind::kRequirementNotMet)
        not_met.push_back(e.violations()[o.first_violation + i]);
  }
  REQUIRE(not_met.size() == 1);
  CHECK(not_met[0].member == both);
  CHECK(not_met[0].field == Requirement::Field::kChars);
  CHECK(not_met[0].expected == 2500);
  CHECK(not_met[0].actual == 2000);
  CHECK(not_met[0].severity == Severity::kAdvisory);
}
