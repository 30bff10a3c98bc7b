// Names: an event by names is resolved by id, then by display name; an unknown name and a display
// name several share are refused, by name, and nothing changes.
#include <doctest/doctest.h>

#include <map>
#include <string_view>
#include <vector>

#include "tests/api/township.h"

namespace lockstep {
namespace {

TEST_CASE("names: an id and a unique display name name the same member") {
  Campaign by_id = test::open_township();
  Campaign by_name = test::open_township();
  const Organization& org = by_id.organization();
  const MemberId m = *by_id.names().member("qs0006");
  const std::string display(org.member_name(m));
  REQUIRE(!display.empty());
  REQUIRE(by_id.names().member(display));  // unique in the township's roster
  const DayNumber d = test::date("2005-07-02");
  const Verdict a = by_id.apply(LogEvent::complete("learn", "qs0006", d));
  const Verdict b = by_name.apply(LogEvent::complete("集中学习", display, d));
  CHECK(a.accepted == b.accepted);
  CHECK(by_id.engine().fingerprint() == by_name.engine().fingerprint());
}

TEST_CASE("names: an unknown name is refused by name, with the closest id") {
  Campaign c = test::open_township();
  const std::uint64_t before = c.engine().fingerprint();
  const Verdict v = c.apply(LogEvent::complete("learn", "qs0O06", test::date("2005-07-02")));
  CHECK_FALSE(v.accepted);
  CHECK(v.refusal.kind == RefusalKind::kUnknownName);
  CHECK(v.refusal.name.role == NameRole::kMember);
  CHECK(v.refusal.name.name == "qs0O06");
  CHECK(v.refusal.name.suggestion == "qs0006");
  CHECK(c.describe(v.refusal) ==
        "unknown member 'qs0O06' (did you mean 'qs0006'?) for step 'learn' (performed by "
        "members)");
  CHECK(c.engine().fingerprint() == before);

  const Verdict step = c.apply(LogEvent::complete("lern", "qs0006", test::date("2005-07-02")));
  CHECK(step.refusal.kind == RefusalKind::kUnknownName);
  CHECK(step.refusal.name.role == NameRole::kStep);
  CHECK(c.describe(step.refusal) == "unknown step 'lern' (did you mean 'learn'?)");
}

TEST_CASE("names: a display name several members share is refused, listing their ids") {
  Campaign c = test::open_township();
  const Organization& org = c.organization();
  // The township's roster has members of the same name (8 of 796): find two.
  std::map<std::string_view, std::vector<MemberId>> by_name;
  for (MemberId m = 0; m < org.member_count(); ++m) by_name[org.member_name(m)].push_back(m);
  std::string shared;
  std::vector<MemberId> holders;
  for (const auto& [name, ms] : by_name)
    if (ms.size() > 1 && shared.empty()) shared = name, holders = ms;
  REQUIRE(!shared.empty());
  const std::uint64_t before = c.engine().fingerprint();
  const Verdict v = c.apply(LogEvent::complete("learn", shared, test::date("2005-07-02")));
  CHECK(v.refusal.kind == RefusalKind::kAmbiguousName);
  CHECK(v.refusal.name.matches == std::vector<std::uint32_t>(holders.begin(), holders.end()));
  const std::string text = c.describe(v.refusal);
  CHECK(text.find("'" + shared + "' is the display name of " + std::to_string(holders.size()) +
                  " members (" + org.member_id(holders[0]) + ", ") == 0);
  CHECK(c.engine().fingerprint() == before);
  NameProblem problem;
  CHECK_FALSE(c.member_status(shared, &problem));
  CHECK(problem.matches.size() == holders.size());
  // Each is still reachable by its id.
  for (MemberId m : holders) CHECK(c.member_status(org.member_id(m)));
}

TEST_CASE("names: a unit named for a member's step is an unknown member, not a unit") {
  Campaign c = test::open_township();
  const Verdict v = c.apply(LogEvent::complete("learn", "jg5", test::date("2005-07-02")));
  CHECK(v.refusal.kind == RefusalKind::kUnknownName);
  CHECK(v.refusal.name.role == NameRole::kMember);
}

TEST_CASE("names: a replayed log resolves display names and refuses ambiguous ones (V100)") {
  Campaign c = test::open_township();
  const Organization& org = c.organization();
  std::vector<LogEvent> log = {
      LogEvent::complete("动员大会", "镇机关第一党支部", test::date("2005-07-02")),
      LogEvent::complete("learn", "nobody", test::date("2005-07-02"))};
  ResolvedLog resolved = resolve_log(log, c.model(), org, /*skip_invalid=*/false);
  REQUIRE(resolved.diagnostics.size() == 1);
  CHECK(resolved.diagnostics[0].code == "V100");
  CHECK(resolved.diagnostics[0].message ==
        "unknown member 'nobody' for step 'learn' (performed by members)");
  resolved = resolve_log(log, c.model(), org, /*skip_invalid=*/true);
  REQUIRE(resolved.events.size() == 1);
  CHECK(resolved.events[0].actor == 1);  // jg1
  CHECK(resolved.events[0].actor_kind == ActorKind::kUnit);
}

}  // namespace
}  // namespace lockstep
