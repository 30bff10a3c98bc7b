// A small campaign and organization built by hand for the engine's tests: the three-phase example
// of docs/language.md, and a township with a committee of two branches (one member of the second
// looked after by the first) and a village that is a single branch.
#pragma once

#include <memory>
#include <string>

#include "lockstep/civil_date.h"
#include "lockstep/engine.h"
#include "lockstep/model.h"
#include "lockstep/organization.h"
#include "tests/view.h"

namespace lockstep::test {

// Ids of the fixture, named for readability in tests.
namespace ids {
// org types, categories, forms
inline constexpr OrgTypeId kTownshipOrgan = 0, kVillage = 1;
inline constexpr CategoryId kLeadingCadre = 0, kRetired = 1;
inline constexpr FormId kWritten = 0;
// phases
inline constexpr PhaseId kStudy = 0, kAppraisal = 1, kRectify = 2;
// steps
inline constexpr StepId kMobilize = 0, kPlan = 1, kLearn = 2, kDiscuss = 3, kAnalysis = 4,
                        kMeeting = 5, kOpinion = 6, kFeedback = 7, kPlanFix = 8;
// units
inline constexpr UnitRef kTop{0}, kOrgan{1}, kBranch1{2}, kBranch2{3}, kVillageBranch{4};
// members: 0 leading cadre, 1 plain, 2 retired (branch 1); 3 plain, 4 mobile: home branch 2,
// looked after by branch 1; 5, 6 plain, 7 retired (village)
inline constexpr MemberRef kCadre{0}, kPlain{1}, kRetiredMember{2}, kPlain2{3}, kMobile{4},
    kVillager{5}, kVillager2{6}, kRetiredVillager{7};
}  // namespace ids

// The example of docs/language.md, with source spans on line numbers of that example.
CampaignModel example_model();
Organization example_org();

// Days of the example calendar.
inline DayNumber day(int y, int m, int d) {
  return days_from_civil({y, m, d});
}

// An engine over the fixture (the objects must outlive it; the fixture keeps static copies).
Engine make_example_engine(Mode mode);
const CampaignModel& shared_model();
const Organization& shared_org();

// Completion evidence that meets every requirement of the example.
Evidence good_evidence();

// Where member m stands on step s; throws when the member or the step is not in the engine, so
// the test that asked fails.
StepState state_of(const Engine& e, MemberId m, StepId s);

// A campaign written in the rules language and a roster in its CSV format, for a test that states
// its own small campaign; fails the test when either does not load.
struct TextCampaign {
  CampaignModel model;
  Organization org;

  TextCampaign(const std::string& rules, const std::string& roster);
  Engine engine(Mode mode = Mode::kEnforce) const;
  StepId step(const std::string& id) const;  // fails the test when there is none
};

}  // namespace lockstep::test
