#include <doctest/doctest.h>

#include <sstream>

#include "lockstep/roster.h"
#include "tests/io/org_invariants.h"
#include "tests/io/roster_test_model.h"

using namespace lockstep;

namespace {

const CampaignModel kModel = roster_test_model();

RosterResult read(std::string text) {
  return read_roster_text("r.csv", std::move(text), kModel);
}

const char* kTown =
    "# a small township\n"
    "unit,town,,top,township_organ,某镇党委,yes\n"
    "unit,school,town,general_branch,school,中心小学党总支,no\n"
    "unit,s1,school,branch,,中心小学第一党支部,\n"
    "unit,v1,town,branch,village,东岗村党支部,no\n"
    "group,g1,第一督导组,school|v1\n"
    "member,m1,v1,leading_cadre,张伟,\n"
    "member,m2,s1,retired;infirm,李娜,\n"
    "member,m3,v1,mobile,王芳,s1\n"
    "member,m4,s1,,赵磊,\n";

}  // namespace

TEST_CASE("roster: a valid CSV roster gives the organization, ordered by the invariants") {
  const RosterResult r = read(kTown);
  REQUIRE(r.diagnostics.empty());
  REQUIRE(r.org);
  const Organization& org = *r.org;
  CHECK(broken_invariant(org, kModel) == "");
  REQUIRE(org.units.size() == 4);
  CHECK(org.units[0].id == "town");
  CHECK(org.units[0].level == UnitLevel::kTop);
  CHECK(org.units[0].parent == kNoUnit);
  CHECK(org.units[0].has_leadership);
  CHECK(org.units[0].source_line == 2);
  CHECK(org.units[2].id == "s1");
  CHECK(org.units[2].parent == 1);
  CHECK(org.units[2].org_type == 2);  // inherited from its general branch: school
  CHECK(org.units[3].display_name == "东岗村党支部");
  // Members grouped by branch in unit order (s1 before v1), file order kept within a branch.
  REQUIRE(org.member_count() == 4);
  CHECK(org.member_id(0) == "m2");
  CHECK(org.member_id(1) == "m4");
  CHECK(org.member_id(2) == "m1");
  CHECK(org.member_id(3) == "m3");
  CHECK(org.member_name(0) == "李娜");
  CHECK(org.units[2].first_member == 0);
  CHECK(org.units[2].end_member == 2);
  CHECK(org.units[3].first_member == 2);
  CHECK(org.units[3].end_member == 4);
  CHECK(org.member_categories[0] == ((1u << 2) | (1u << 3)));
  CHECK(org.member_responsible[3] == 2);  // the mobile member is looked after by s1
  CHECK(org.member_responsible[2] == 3);
  REQUIRE(org.groups.size() == 1);
  CHECK(org.groups[0].units == std::vector<UnitId>{1, 3});
  CHECK(org.units[1].supervision_group == 0);
  CHECK(org.units[2].supervision_group == kNoGroup);
}

TEST_CASE("roster: children listed before their parents are moved after them") {
  const RosterResult r = read(
      "unit,b,g,branch,,,\n"
      "unit,g,t,general_branch,school,,\n"
      "unit,t,,top,township_organ,,\n"
      "member,x,b,,,\n");
  REQUIRE(r.org);
  CHECK(broken_invariant(*r.org, kModel) == "");
  CHECK(r.org->units[0].id == "t");
  CHECK(r.org->units[1].id == "g");
  CHECK(r.org->units[2].id == "b");
  CHECK(r.org->units[2].source_line == 1);
}

TEST_CASE("roster: a byte order mark and CRLF line ends are accepted") {
  const RosterResult r =
      read("\xEF\xBB\xBFunit,t,,top,township_organ,,\r\nunit,b,t,branch,village,,\r\n");
  CHECK(r.diagnostics.empty());
  CHECK(r.org);
}

TEST_CASE("roster: the JSON format reads the same organization as the CSV") {
  const RosterResult csv = read(kTown);
  const RosterResult json = read_roster_text("r.json", R"({
    "units": [
      {"id": "town", "parent": null, "level": "top", "org_type": "township_organ", "display_name": "某镇党委", "leadership": true},
      {"id": "school", "parent": "town", "level": "general_branch", "org_type": "school",
       "display_name": "中心小学党总支"},
      {"id": "s1", "parent": "school", "level": "branch", "display_name": "中心小学第一党支部"},
      {"id": "v1", "parent": "town", "level": "branch", "org_type": "village",
       "display_name": "东岗村党支部", "leadership": false}
    ],
    "groups": [{"id": "g1", "display_name": "第一督导组", "units": ["school", "v1"]}],
    "members": [
      {"id": "m1", "branch": "v1", "categories": ["leading_cadre"], "display_name": "张伟"},
      {"id": "m2", "branch": "s1", "categories": ["retired", "infirm"], "display_name": "李娜"},
      {"id": "m3", "branch": "v1", "categories": ["mobile"], "display_name": "王芳",
       "responsible": "s1"},
      {"id": "m4", "branch": "s1", "display_name": "赵磊"}
    ]})",
                                             kModel);
  REQUIRE(json.diagnostics.empty());
  REQUIRE(json.org);
  std::ostringstream a, b;
  write_roster_csv(*csv.org, kModel, a);
  write_roster_csv(*json.org, kModel, b);
  CHECK(a.str() == b.str());
  CHECK(json.org->units[3].source_line == 7);
}

TEST_CASE("roster: ids may be Chinese, and suggestions count characters, not bytes") {
  CampaignModel model = kModel;
  model.categories.push_back({"离退休", "离退休党员", {}});
  const RosterResult ok = read_roster_text("r.csv",
                                           "unit,镇党委,,top,township_organ,,\n"
                                           "unit,东岗村支部,镇党委,branch,village,,\n"
                                           "member,党员甲,东岗村支部,离退休,,\n",
                                           model);
  REQUIRE(ok.org);
  CHECK(ok.org->member_id(0) == "党员甲");
  CHECK(ok.org->member_categories[0] == std::uint64_t{1} << 6);
  const RosterResult typo = read_roster_text("r.csv",
                                             "unit,镇党委,,top,township_organ,,\n"
                                             "unit,东岗村支部,镇党委,branch,village,,\n"
                                             "member,党员甲,东岗村支部,离退体,,\n",
                                             model);
  REQUIRE(typo.diagnostics.size() == 1);
  CHECK(typo.diagnostics[0].code == "R017");
  CHECK(typo.diagnostics[0].span.column == 34);  // columns count bytes of UTF-8
  CHECK(typo.diagnostics[0].help.find("did you mean '离退休'") != std::string::npos);
}
