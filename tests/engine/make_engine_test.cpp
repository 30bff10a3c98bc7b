// make_engine on untrusted models and rosters: precise errors, never a crash.
#include <doctest/doctest.h>

#include "tests/engine/fixture.h"

using namespace lockstep;
using namespace lockstep::test;
using namespace lockstep::test::ids;

namespace {
bool has(const Diagnostics& ds, const std::string& code, const std::string& text) {
  for (const Diagnostic& d : ds)
    if (d.code == code && d.message.find(text) != std::string::npos) return true;
  return false;
}
}  // namespace

TEST_CASE("make_engine: the start date comes from the options, else from the model") {
  CampaignModel m = example_model();
  m.start.reset();
  EngineResult none = make_engine(test::view(m), test::view(shared_org()));
  CHECK_FALSE(none.engine);
  CHECK(has(none.diagnostics, "E0901", "has no start date"));
  EngineResult given =
      make_engine(test::view(m), test::view(shared_org()), {Mode::kAudit, day(2005, 9, 1)});
  REQUIRE(given.engine);
  CHECK(given.engine->start() == day(2005, 9, 1));
  CHECK(given.engine->mode() == Mode::kAudit);
}

TEST_CASE("make_engine: a broken roster is refused with the unit or member named") {
  const CampaignModel& m = shared_model();
  Organization o = example_org();
  o.member_branch[3] = kOrgan;  // a committee, not a branch
  o.units[kBranch2].parent = 7;
  o.member_categories[5] = std::uint64_t{1} << 9;
  EngineResult r = make_engine(test::view(m), test::view(o));
  CHECK_FALSE(r.engine);
  CHECK(has(r.diagnostics, "E0903", "unit 3 ('机关二支部') has parent 7"));
  CHECK(has(r.diagnostics, "E0903", "member 3 is attached to unit 1, which is not a branch"));
  CHECK(has(r.diagnostics, "E0903", "member 5 has a category the model does not declare"));

  Organization typed = example_org();
  typed.units[kBranch1].org_type = 2;
  typed.units[kBranch1].source_line = 12;
  CHECK(has(make_engine(test::view(m), test::view(typed)).diagnostics, "E0903",
            "unit 2 ('机关一支部', roster line 12) has org type 2, but the model declares 2 org "
            "types (0 to 1)"));

  Organization empty;
  CHECK(has(make_engine(test::view(m), test::view(empty)).diagnostics, "E0903", "has no units"));
  Organization ragged = example_org();
  ragged.member_categories.pop_back();
  CHECK(has(make_engine(test::view(m), test::view(ragged)).diagnostics, "E0903",
            "member columns differ"));
}

TEST_CASE("make_engine: a model that breaks its invariants is refused, not trusted") {
  const Organization& o = shared_org();
  CampaignModel bad_ref = example_model();
  bad_ref.steps[kPlan].after[0].step = 400;
  CHECK(
      has(make_engine(test::view(bad_ref), test::view(o)).diagnostics, "E0902", "names step 400"));
  CampaignModel bad_phase = example_model();
  bad_phase.phases[kAppraisal].step_count = 40;
  CHECK(has(make_engine(test::view(bad_phase), test::view(o)).diagnostics, "E0902",
            "beyond the last one"));
  CampaignModel cycle = example_model();
  cycle.phases[kStudy].window.start = PhaseWindow::Start::kAfterPhase;
  cycle.phases[kStudy].window.other = kAppraisal;
  EngineResult r = make_engine(test::view(cycle), test::view(o));
  CHECK_FALSE(r.engine);
  CHECK(has(r.diagnostics, "E0904", "depends on itself"));
  CampaignModel many = example_model();
  for (int i = 0; i < 70; ++i) {
    Step s = many.steps[kLearn];
    s.id = "extra" + std::to_string(i);
    many.steps.push_back(s);
  }
  many.phases[kRectify].step_count += 70;
  for (std::size_t i = 9; i < many.steps.size(); ++i) many.steps[i].phase = kRectify;
  CHECK(has(make_engine(test::view(many), test::view(o)).diagnostics, "E0902",
            "steps are performed by members"));
}

TEST_CASE("make_engine: state stays compact: bytes per member of the example") {
  Engine e = make_example_engine(Mode::kEnforce);
  // 3 member steps + an 8-byte mask + a 4-byte index; no day or repetition columns needed.
  CHECK(e.state_bytes() == 15 * shared_org().member_count());
}
