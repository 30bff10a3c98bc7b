// Ownership: an engine, a run and a campaign own (share) what they read, so the shapes an
// application writes — a factory returning the engine, engines kept in a vector — are safe.
#include <doctest/doctest.h>

#include <vector>

#include "lockstep/engine.h"
#include "lockstep/roster.h"
#include "lockstep/rules.h"
#include "tests/api/township.h"

namespace lockstep {
namespace {

// The factory an application writes: the loaders' results are gone when it returns.
Engine township_engine() {
  RulesResult rules = compile_rules_file(LOCKSTEP_SOURCE_DIR "/rules/baoxian_2005_township.lock");
  REQUIRE(rules.model);
  auto model = std::make_shared<const CampaignModel>(std::move(*rules.model));
  RosterResult roster =
      read_roster_file(LOCKSTEP_SOURCE_DIR "/samples/rosters/township_000.csv", *model);
  REQUIRE(roster.org);
  auto org = std::make_shared<const Organization>(std::move(*roster.org));
  EngineResult made = make_engine(model, org);
  REQUIRE(made.engine);
  return std::move(*made.engine);
}

// mobilize by jg1 on the campaign's first day: accepted in any engine over the township.
Event mobilize(const Engine& e) {
  const StepId s = *e.model().find_step("mobilize");
  return Event::complete(s, UnitRef(1), e.start());
}

TEST_CASE("ownership: an engine returned from a factory outlives the loaders' results") {
  Engine e = township_engine();
  CHECK(e.model().id == "baoxian_2005_township");
  CHECK(e.organization().member_count() == 796);
  CHECK(e.apply(mobilize(e)).accepted);
  CHECK(e.apply(mobilize(e)).refusal == RefusalKind::kDuplicate);
}

TEST_CASE("ownership: engines moved into a vector keep their model and roster") {
  std::vector<Engine> engines;
  for (int i = 0; i < 3; ++i) engines.push_back(township_engine());  // the vector reallocates
  for (Engine& e : engines) {
    CHECK(e.organization().units.size() == 76);
    CHECK(e.apply(mobilize(e)).accepted);
  }
}

TEST_CASE("ownership: a moved-from engine is empty, refuses every event and answers nothing") {
  Engine e = township_engine();
  Engine taken = std::move(e);
  CHECK(taken.valid());
  CHECK_FALSE(e.valid());  // NOLINT(bugprone-use-after-move): what it does is the point
  CHECK(e.clock() == 0);
  CHECK(e.violations().empty());
  CHECK_FALSE(e.unit_status(1));
  CHECK(e.model().steps.empty());
  Refusal why;
  CHECK(e.apply(mobilize(taken), &why).refusal == RefusalKind::kUnknownId);
  CHECK(why.kind == RefusalKind::kUnknownId);
  CHECK(e.fingerprint() == 0);
  CHECK(taken.apply(mobilize(taken)).accepted);
}

TEST_CASE("ownership: a copied engine is independent of its original") {
  Engine a = township_engine();
  Engine b = a;
  REQUIRE(a.apply(mobilize(a)).accepted);
  CHECK(b.apply(mobilize(b)).accepted);  // b had not seen a's event
  CHECK(a.fingerprint() == b.fingerprint());
}

TEST_CASE("ownership: make_engine without a model or a roster is an error, not a crash") {
  EngineResult made = make_engine(nullptr, nullptr);
  CHECK_FALSE(made.engine);
  REQUIRE(made.diagnostics.size() == 1);
  CHECK(made.diagnostics[0].code == "E0903");
}

TEST_CASE("ownership: a campaign returned, copied and moved stays whole") {
  std::vector<Campaign> campaigns;
  campaigns.push_back(test::open_township());
  campaigns.push_back(campaigns[0]);  // a copy: its own state
  REQUIRE(
      campaigns[0].apply(LogEvent::complete("mobilize", "jg1", test::date("2005-07-02"))).accepted);
  CHECK(
      campaigns[1].apply(LogEvent::complete("mobilize", "jg1", test::date("2005-07-02"))).accepted);
  Campaign moved = std::move(campaigns[0]);
  campaigns.clear();
  CHECK(moved.apply(LogEvent::complete("mobilize", "jg1", test::date("2005-07-03"))).refusal.kind ==
        RefusalKind::kDuplicate);
}

}  // namespace
}  // namespace lockstep
