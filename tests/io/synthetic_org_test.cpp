#include <doctest/doctest.h>

#include <sstream>
#include <stdexcept>

#include "io/synthetic_org.h"
#include "lockstep/roster.h"
#include "tests/io/org_invariants.h"
#include "tests/io/roster_test_model.h"

using namespace lockstep;

namespace {

const CampaignModel kModel = roster_test_model();

std::string as_csv(const Organization& org, const CampaignModel& model = kModel) {
  std::ostringstream out;
  write_roster_csv(org, model, out);
  return out.str();
}

std::size_t count_level(const Organization& org, UnitLevel level) {
  std::size_t n = 0;
  for (const Unit& u : org.units) n += u.level == level;
  return n;
}

double share(const Organization& org, const CampaignModel& model, const char* category) {
  const std::uint64_t bit = std::uint64_t{1} << *model.find_category(category);
  std::size_t n = 0;
  for (std::uint64_t c : org.member_categories) n += (c & bit) != 0;
  return static_cast<double>(n) / static_cast<double>(org.member_count());
}

}  // namespace

TEST_CASE("synthetic org: the national mix, scaled to a million members") {
  const Organization org = make_synthetic_org(kModel, 1'000'000, 7);
  CHECK(broken_invariant(org, kModel) == "");
  CHECK(org.member_count() == 1'000'000);
  // 306 k committees, 330 k general branches, 4.614 M branches per 100.271 M members.
  CHECK(count_level(org, UnitLevel::kCommittee) == 3052);
  CHECK(count_level(org, UnitLevel::kGeneralBranch) == 3291);
  CHECK(count_level(org, UnitLevel::kBranch) == 46015);
  // 21.469 M retired per 100.271 M members.
  CHECK(share(org, kModel, "retired") == doctest::Approx(0.2141).epsilon(0.02));
  CHECK(share(org, kModel, "mobile") > 0.01);
  CHECK(share(org, kModel, "leading_cadre") > 0.01);
  CHECK(org.member_ids.size() == 0);  // no text per member
  CHECK(org.member_names.size() == 0);
  // Branch sizes spread around the national mean of about 22.
  std::uint32_t smallest = ~0u, largest = 0;
  for (const Unit& u : org.units) {
    if (u.level != UnitLevel::kBranch) continue;
    smallest = std::min(smallest, u.end_member - u.first_member);
    largest = std::max(largest, u.end_member - u.first_member);
  }
  CHECK(smallest <= 3);
  CHECK(largest >= 100);
  for (const Unit& u : org.units)
    if (u.parent == 0) CHECK(u.supervision_group != kNoGroup);
}

TEST_CASE("synthetic org: the same seed gives the same organization, another seed another") {
  const std::string a = as_csv(make_synthetic_org(kModel, 20'000, 1));
  CHECK(a == as_csv(make_synthetic_org(kModel, 20'000, 1)));
  CHECK(a != as_csv(make_synthetic_org(kModel, 20'000, 2)));
}

TEST_CASE("synthetic org: categories only when the model declares them") {
  CampaignModel bare;
  const Organization org = make_synthetic_org(bare, 5'000, 3);
  CHECK(broken_invariant(org, bare) == "");
  for (std::uint64_t c : org.member_categories) REQUIRE(c == 0);
  for (MemberId m = 0; m < org.member_count(); ++m)
    REQUIRE(org.member_responsible[m] == org.member_branch[m]);
}

TEST_CASE("synthetic org: tiny sizes still meet the invariants") {
  for (std::uint64_t n : {0, 1, 2, 19, 20, 200}) {
    const Organization org = make_synthetic_org(kModel, n, 5);
    CHECK(org.member_count() == n);
    CHECK(broken_invariant(org, kModel) == "");
  }
}

TEST_CASE("synthetic org: too many members for a MemberId is refused") {
  CHECK_THROWS_AS(make_synthetic_org(kModel, std::uint64_t{1} << 32, 1), std::invalid_argument);
}

TEST_CASE("synthetic org: exported as CSV and read back, it is the same organization") {
  const Organization org = make_synthetic_org(kModel, 30'000, 11);
  const std::string csv = as_csv(org);
  const RosterResult back = read_roster_text("synthetic.csv", csv, kModel);
  REQUIRE(back.diagnostics.empty());
  REQUIRE(back.org);
  const Organization& r = *back.org;
  CHECK(broken_invariant(r, kModel) == "");
  CHECK(r.member_branch == org.member_branch);
  CHECK(r.member_responsible == org.member_responsible);
  CHECK(r.member_categories == org.member_categories);
  CHECK(r.member_ids.size() == 0);  // "m<index>" ids are not stored
  REQUIRE(r.units.size() == org.units.size());
  for (std::size_t u = 0; u < r.units.size(); ++u) {
    REQUIRE(r.units[u].id == org.units[u].id);
    REQUIRE(r.units[u].parent == org.units[u].parent);
    REQUIRE(r.units[u].org_type == org.units[u].org_type);
    REQUIRE(r.units[u].has_leadership == org.units[u].has_leadership);
    REQUIRE(r.units[u].supervision_group == org.units[u].supervision_group);
    REQUIRE(r.units[u].first_member == org.units[u].first_member);
  }
  CHECK(as_csv(r) == csv);
  std::ostringstream json;
  write_roster_json(org, kModel, json);
  const RosterResult from_json = read_roster_text("synthetic.json", json.str(), kModel);
  REQUIRE(from_json.org);
  CHECK(as_csv(*from_json.org) == csv);
}
