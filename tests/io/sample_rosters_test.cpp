// The committed sample rosters read back with the seed campaigns' rules, and show the seeds'
// figures.
#include <doctest/doctest.h>

#include <map>
#include <sstream>

#include "lockstep/roster.h"
#include "lockstep/rules.h"
#include "tests/io/org_invariants.h"

using namespace lockstep;

namespace {

struct Sample {
  CampaignModel model;
  Organization org;
};

Sample load(const std::string& rules, const std::string& roster) {
  const std::string root = LOCKSTEP_SOURCE_DIR;
  RulesResult compiled = compile_rules_file(root + "/rules/" + rules);
  REQUIRE(compiled.model);
  RosterResult r = read_roster_file(root + "/samples/rosters/" + roster, *compiled.model);
  std::string rendered;
  for (const Diagnostic& d : r.diagnostics) rendered += render_text(d, r.files);
  CHECK(rendered == "");
  REQUIRE(r.org);
  CHECK(broken_invariant(*r.org, *compiled.model) == "");
  return {std::move(*compiled.model), std::move(*r.org)};
}

// Units directly under the top: the campaign's grassroots organizations.
std::size_t organizations(const Organization& org) {
  std::size_t n = 0;
  for (const Unit& u : org.units) n += u.parent == 0;
  return n;
}

// 基层党组织 as the Party counts them: every committee, general branch and branch below the top.
std::size_t party_organizations(const Organization& org) {
  std::size_t n = 0;
  for (std::size_t u = 1; u < org.units.size(); ++u)
    n += org.units[u].level == UnitLevel::kCommittee ||
         org.units[u].level == UnitLevel::kGeneralBranch || org.units[u].level == UnitLevel::kBranch;
  return n;
}

std::size_t in_category(const Sample& s, const char* category) {
  const auto c = s.model.find_category(category);
  REQUIRE(c);
  std::size_t n = 0;
  for (std::uint64_t bits : s.org.member_categories) n += (bits >> *c) & 1;
  return n;
}

std::map<std::string, std::size_t> organizations_by_type(const Sample& s) {
  std::map<std::string, std::size_t> out;
  for (const Unit& u : s.org.units)
    if (u.parent == 0) ++out[s.model.org_types[u.org_type].id];
  return out;
}

}  // namespace

TEST_CASE("sample rosters: the township of seed 000 has 75 基层党组织 and 796 members") {
  const Sample s = load("baoxian_2005_township.lock", "township_000.csv");
  // "共涉及基层党组织75个": committees, general branches and branches below the township's
  // committee; 65 of them directly under it.
  CHECK(party_organizations(s.org) == 75);
  CHECK(organizations(s.org) == 65);
  CHECK(s.org.member_count() == 796);
  CHECK(s.org.units[0].display_name == "中共青石镇委员会");
  const auto types = organizations_by_type(s);
  CHECK(types.size() == 9);  // every org type of the batch is present
  CHECK(types.at("school") == 21);
  // "区直属卫生、教育、金融单位领导班子": those units have leadership teams.
  for (const Unit& u : s.org.units) {
    const std::string& type = s.model.org_types[u.org_type].id;
    if (u.parent == 0 && (type == "finance" || type.starts_with("district_")))
      CHECK(u.has_leadership);
  }
  CHECK(in_category(s, "leading_cadre") > 50);
  CHECK(in_category(s, "in_service") > 400);
  std::size_t mobile = 0;
  for (MemberId m = 0; m < s.org.member_count(); ++m)
    mobile += s.org.member_responsible[m] != s.org.member_branch[m];
  CHECK(mobile == 3);
}

TEST_CASE("sample rosters: the bureau branch of seed 001 has 29 members, 3 retired, 3 away") {
  const Sample s = load("baoxian_2005_bureau.lock", "bureau_001.csv");
  CHECK(organizations(s.org) == 1);
  CHECK(s.org.member_count() == 29);
  CHECK(in_category(s, "retired") == 3);
  CHECK(in_category(s, "away") == 3);
  CHECK(in_category(s, "early_leave") == 2);  // "其中2名为离岗退养党员"
  CHECK(s.org.units[1].level == UnitLevel::kBranch);
  CHECK(s.org.units[1].has_leadership);
  CHECK_FALSE(s.org.units[0].has_leadership);  // the district committee is not in the batch
  REQUIRE(s.org.groups.size() == 1);           // "区委督导组"
  CHECK(s.org.units[1].supervision_group == 0);
}

TEST_CASE("sample rosters: the bureau in JSON is the same organization as in CSV") {
  const Sample csv = load("baoxian_2005_bureau.lock", "bureau_001.csv");
  const Sample json = load("baoxian_2005_bureau.lock", "bureau_001.json");
  std::ostringstream a, b;
  write_roster_csv(csv.org, csv.model, a);
  write_roster_csv(json.org, json.model, b);
  CHECK(a.str() == b.str());
}

TEST_CASE("sample rosters: the district of seed 002 has 63 基层党组织, 1,063 members") {
  const Sample s = load("baoxian_2005_district.lock", "district_002.csv");
  // "共涉及基层党组织63个": committees, general branches and branches below the working
  // committee; the enterprises' organizations are under the 非公企业党委, 16 units directly under
  // the top.
  CHECK(party_organizations(s.org) == 63);
  CHECK(organizations(s.org) == 16);
  CHECK(s.org.member_count() == 1063);
  // "区先进性教育活动领导小组将组织督导组": no number in the seed, three in the roster.
  CHECK(s.org.groups.size() == 3);
  // Every organization is overseen by a group.
  for (const Unit& u : s.org.units)
    if (u.parent == 0) CHECK(u.supervision_group != kNoGroup);
  for (const char* c :
       {"leading_cadre", "retired", "infirm", "mobile", "away", "unemployed", "two_new"})
    CHECK(in_category(s, c) > 0);
}

TEST_CASE("sample rosters: 徐汇区 of seed 003 has 69 units under 5 groups of 13-14") {
  const Sample s = load("baoxian_2005_xuhui.lock", "xuhui_003.csv");
  // "这次区委向全区派出五个督导组，每个督导组安排13-14个单位".
  CHECK(organizations(s.org) == 69);
  REQUIRE(s.org.groups.size() == 5);
  for (const SupervisionGroup& g : s.org.groups) {
    CHECK(g.units.size() >= 13);
    CHECK(g.units.size() <= 14);
  }
  for (const Unit& u : s.org.units)
    if (u.parent == 0) CHECK(u.supervision_group != kNoGroup);
}

TEST_CASE("sample rosters: writing a sample and reading it back gives it unchanged") {
  const Sample s = load("baoxian_2005_district.lock", "district_002.csv");
  std::ostringstream first;
  write_roster_csv(s.org, s.model, first);
  const RosterResult again = read_roster_text("again.csv", first.str(), s.model);
  REQUIRE(again.org);
  std::ostringstream second;
  write_roster_csv(*again.org, s.model, second);
  CHECK(first.str() == second.str());
  std::ostringstream json;
  write_roster_json(s.org, s.model, json);
  const RosterResult from_json = read_roster_text("again.json", json.str(), s.model);
  REQUIRE(from_json.org);
  std::ostringstream third;
  write_roster_csv(*from_json.org, s.model, third);
  CHECK(first.str() == third.str());
}
