// See fixture.h. Source spans point at the lines of the example in docs/language.md so that
// messages in tests read like real ones.
#include "tests/engine/fixture.h"

#include <doctest/doctest.h>

#include <optional>
#include <stdexcept>

#include "lockstep/roster.h"
#include "lockstep/rules.h"

namespace lockstep::test {
namespace {

SourceSpan at(std::uint32_t line, std::uint32_t column = 5) {
  return {0, line, column, 4};
}

Step step(std::string id, PhaseId phase, Actor actor, std::uint32_t line) {
  Step s;
  s.id = std::move(id);
  s.display_name = s.id;
  s.phase = phase;
  s.actor = actor;
  s.where = at(line);
  return s;
}

Prerequisite after(StepId s, Prerequisite::Scope scope, std::uint32_t line) {
  return Prerequisite{s, scope, at(line, 30)};
}

Requirement require(Requirement::Field f, std::int64_t value, Severity sev, std::uint32_t line,
                    std::optional<CategoryId> category = std::nullopt) {
  Requirement r;
  r.field = f;
  r.comparison = f == Requirement::Field::kForm ? Requirement::Comparison::kEqual
                                                : Requirement::Comparison::kAtLeast;
  r.value = value;
  r.severity = sev;
  r.for_category = category;
  r.where = at(line, 10);
  return r;
}

}  // namespace

CampaignModel example_model() {
  using namespace ids;
  using Scope = Prerequisite::Scope;
  CampaignModel m;
  m.id = "baoxian_b2";
  m.display_name = "保持共产党员先进性教育活动（第二批）";
  m.start = day(2005, 7, 1);
  m.files = {"docs/language.md"};
  m.org_types = {{"township_organ", "乡镇机关", at(16)}, {"village", "村", at(17)}};
  m.categories = {{"leading_cadre", "党员领导干部", at(18)}, {"retired", "离退休党员", at(19)}};
  m.forms = {{"written", "书面", at(20)}};

  Phase study;
  study.id = "study";
  study.display_name = "学习动员";
  study.window = {PhaseWindow::Start::kCampaignStart, 0,     0, {},
                  {1, Duration::Unit::kMonths},       at(22)};
  study.window_by_org_type.push_back({kVillage,
                                      {PhaseWindow::Start::kCampaignStart,
                                       0,
                                       0,
                                       {1, Duration::Unit::kWeeks},
                                       {6, Duration::Unit::kWeeks},
                                       at(23)}});
  study.gate = Gate{"lookback", "回头看", Gate::Approver::kSupervisionGroup, at(24)};
  study.first_step = kMobilize;
  study.step_count = 4;
  study.where = at(22, 3);

  Phase appraisal;
  appraisal.id = "appraisal";
  appraisal.display_name = "分析评议";
  appraisal.window = {PhaseWindow::Start::kAfterPhase, kStudy, 0, {},
                      {30, Duration::Unit::kDays},     at(35)};
  appraisal.first_step = kAnalysis;
  appraisal.step_count = 4;
  appraisal.where = at(35, 3);

  Phase rectify;
  rectify.id = "rectify";
  rectify.display_name = "整改提高";
  rectify.window = {PhaseWindow::Start::kWithPhase, kAppraisal, 0, {2, Duration::Unit::kWeeks},
                    {2, Duration::Unit::kMonths},   at(45)};
  rectify.first_step = kPlanFix;
  rectify.step_count = 1;
  rectify.where = at(45, 3);
  m.phases = {study, appraisal, rectify};

  Step mobilize = step("mobilize", kStudy, Actor::kOrganization, 26);
  mobilize.deadline =
      lockstep::Deadline{{TimeExpr::Base::kPhaseStart, 0, kStudy, {7, Duration::Unit::kDays}},
                         Severity::kRequired,
                         at(26, 50)};
  Step plan = step("plan", kStudy, Actor::kBranch, 27);
  plan.after = {after(kMobilize, Scope::kParent, 27)};
  Step learn = step("learn", kStudy, Actor::kMember, 28);
  learn.after = {after(kPlan, Scope::kParent, 28)};
  learn.requirements = {require(Requirement::Field::kHours, 40, Severity::kAdvisory, 29)};
  learn.applies.except_categories = std::uint64_t{1} << kRetired;
  Step discuss = step("discuss", kStudy, Actor::kBranch, 31);
  discuss.after = {after(kPlan, Scope::kSame, 31)};
  discuss.min_repetitions = 2;

  Step analysis = step("analysis", kAppraisal, Actor::kMember, 36);
  analysis.after = {after(kLearn, Scope::kSame, 36)};
  analysis.requirements = {
      require(Requirement::Field::kChars, 1500, Severity::kAdvisory, 37),
      require(Requirement::Field::kChars, 2500, Severity::kRequired, 37, kLeadingCadre)};
  Step meeting = step("meeting", kAppraisal, Actor::kBranch, 38);
  meeting.after = {after(kAnalysis, Scope::kAllMembers, 38)};
  Step opinion = step("opinion", kAppraisal, Actor::kBranch, 39);
  opinion.after = {after(kMeeting, Scope::kSame, 39)};
  Step feedback = step("feedback", kAppraisal, Actor::kMember, 40);
  feedback.after = {after(kOpinion, Scope::kParent, 40)};
  feedback.within = WithinDeadline{after(kOpinion, Scope::kParent, 41),
                                   {7, Duration::Unit::kDays},
                                   Severity::kRequired,
                                   at(41, 10)};
  feedback.requirements = {require(Requirement::Field::kForm, kWritten, Severity::kRequired, 42)};

  Step plan_fix = step("plan_fix", kRectify, Actor::kLeadership, 46);
  plan_fix.deadline =
      lockstep::Deadline{{TimeExpr::Base::kPhaseEnd, 0, kRectify, {-14, Duration::Unit::kDays}},
                         Severity::kRequired,
                         at(46, 50)};

  m.steps = {mobilize, plan, learn, discuss, analysis, meeting, opinion, feedback, plan_fix};
  return m;
}

Organization example_org() {
  using namespace ids;
  Organization o;
  auto unit = [&](std::string id, UnitId parent, UnitLevel level, OrgTypeId type, bool leadership,
                  std::uint16_t group) {
    Unit u;
    u.id = id;
    u.display_name = id;
    u.parent = parent;
    u.level = level;
    u.org_type = type;
    u.has_leadership = leadership;
    u.supervision_group = group;
    o.units.push_back(u);
  };
  unit("镇党委", kNoUnit, UnitLevel::kTop, kTownshipOrgan, false, kNoGroup);
  unit("机关党委", kTop, UnitLevel::kCommittee, kTownshipOrgan, true, 0);
  unit("机关一支部", kOrgan, UnitLevel::kBranch, kTownshipOrgan, false, kNoGroup);
  unit("机关二支部", kOrgan, UnitLevel::kBranch, kTownshipOrgan, false, kNoGroup);
  unit("村支部", kTop, UnitLevel::kBranch, kVillage, false, 1);
  o.groups = {{"g1", "督导一组", {kOrgan}}, {"g2", "督导二组", {kVillageBranch}}};
  auto member = [&](std::string id, std::string name, UnitId home, UnitId responsible,
                    std::uint64_t categories) {
    o.member_branch.push_back(home);
    o.member_responsible.push_back(responsible);
    o.member_categories.push_back(categories);
    o.member_ids.push_back(id);
    o.member_names.push_back(name);
  };
  const std::uint64_t cadre = std::uint64_t{1} << kLeadingCadre;
  const std::uint64_t retired = std::uint64_t{1} << kRetired;
  member("m0", "王书记", kBranch1, kBranch1, cadre);
  member("m1", "李明", kBranch1, kBranch1, 0);
  member("m2", "张老", kBranch1, kBranch1, retired);
  member("m3", "赵刚", kBranch2, kBranch2, 0);
  member("m4", "钱流动", kBranch2, kBranch1, 0);
  member("m5", "孙村民", kVillageBranch, kVillageBranch, 0);
  member("m6", "周村民", kVillageBranch, kVillageBranch, 0);
  member("m7", "吴老", kVillageBranch, kVillageBranch, retired);
  o.units[kBranch1].first_member = 0;
  o.units[kBranch1].end_member = 3;
  o.units[kBranch2].first_member = 3;
  o.units[kBranch2].end_member = 5;
  o.units[kVillageBranch].first_member = 5;
  o.units[kVillageBranch].end_member = 8;
  return o;
}

const CampaignModel& shared_model() {
  static const CampaignModel m = example_model();
  return m;
}
const Organization& shared_org() {
  static const Organization o = example_org();
  return o;
}

Engine make_example_engine(Mode mode) {
  EngineOptions options;
  options.mode = mode;
  EngineResult r = make_engine(test::view(shared_model()), test::view(shared_org()), options);
  if (!r.engine) throw std::runtime_error("the example fixture does not build an engine");
  return std::move(*r.engine);
}

Evidence good_evidence() {
  Evidence e;
  e.hours = 45;
  e.chars = 3000;
  e.count = 1;
  e.form = ids::kWritten;
  return e;
}

StepState state_of(const Engine& e, MemberId m, StepId s) {
  const std::optional<MemberStatus> status = e.member_status(m);
  if (!status) throw std::invalid_argument("member not in the engine");
  for (const StepStatus& x : status->steps)
    if (x.step == s) return x.state;
  throw std::invalid_argument("step not found");
}

TextCampaign::TextCampaign(const std::string& rules, const std::string& roster) {
  RulesResult r = compile_rules_text("campaign.lock", rules);
  REQUIRE(r.model.has_value());
  model = std::move(*r.model);
  RosterResult o = read_roster_text("roster.csv", roster, model);
  REQUIRE(o.org.has_value());
  org = std::move(*o.org);
}

Engine TextCampaign::engine(Mode mode) const {
  EngineResult made = make_engine(test::view(model), test::view(org), {mode, std::nullopt});
  REQUIRE(made.engine);
  return std::move(*made.engine);
}

StepId TextCampaign::step(const std::string& id) const {
  for (StepId s = 0; s < model.steps.size(); ++s)
    if (model.steps[s].id == id) return s;
  FAIL("no step " << id);
  return kNoStep;
}

}  // namespace lockstep::test
