// Every class of roster error: its code, the line and column of the bad field, and no
// organization returned.
#include <doctest/doctest.h>

#include "lockstep/roster.h"
#include "tests/io/roster_test_model.h"

using namespace lockstep;

namespace {

const CampaignModel kModel = roster_test_model();

const char* kHead =
    "unit,t,,top,township_organ,镇党委,yes\n"
    "unit,b,t,branch,village,村党支部,no\n";

RosterResult read(const std::string& text, const RosterOptions& options = {}) {
  return read_roster_text("r.csv", text, kModel, options);
}

// "R011 3:8, R017 4:13": code and position of each diagnostic.
std::string codes(const RosterResult& r) {
  std::string out;
  for (const Diagnostic& d : r.diagnostics) {
    if (!out.empty()) out += ", ";
    out += d.code + " " + std::to_string(d.span.line) + ":" + std::to_string(d.span.column);
  }
  return out;
}

// Written like the output of codes().
std::string Codes(std::initializer_list<const char*> items) {
  std::string out;
  for (const char* i : items) out += (out.empty() ? "" : ", ") + std::string(i);
  return out;
}

void check_error(const std::string& text, std::initializer_list<const char*> expected) {
  const RosterResult r = read(text);
  CHECK_FALSE(r.org.has_value());
  CHECK(codes(r) == Codes(expected));
}

}  // namespace

TEST_CASE("roster errors: bad CSV quoting, R004") {
  check_error(std::string(kHead) + "member,m1,b,,\"Li\"x,\n", {"R004 3:18"});
  check_error(std::string(kHead) + "member,m1,b,,Li\"x,\n", {"R004 3:16"});
  check_error(std::string(kHead) + "member,m1,b,,\"Li,\n", {"R004 3:14"});
}

TEST_CASE("roster errors: wrong column count names the layout, R005") {
  const RosterResult r = read(std::string(kHead) + "member,m1,b,,张三\n");
  REQUIRE(codes(r) == Codes({"R005 3:14"}));
  CHECK(r.diagnostics[0].message == "a member record has 6 fields, this one has 5");
  CHECK(r.diagnostics[0].help.find("member,id,branch,categories,display_name") !=
        std::string::npos);
  check_error(std::string(kHead) + "unit,x,t,branch,village,X,no,extra\n", {"R005 3:30"});
}

TEST_CASE("roster errors: unknown record type with did-you-mean, R006") {
  const RosterResult r = read(std::string(kHead) + "membre,m1,b,,,\n");
  REQUIRE(codes(r) == Codes({"R006 3:1"}));
  CHECK(r.diagnostics[0].help.find("'member'") != std::string::npos);
}

TEST_CASE("roster errors: invalid UTF-8, R003") {
  check_error(std::string(kHead) + "member,m1,b,,\xD5\xC5\xC8,\n", {"R003 3:14"});
}

TEST_CASE("roster errors: too large input, R002") {
  RosterOptions small;
  small.max_bytes = 10;
  const RosterResult r = read(kHead, small);
  CHECK_FALSE(r.org);
  CHECK(codes(r) == Codes({"R002 0:0"}));
}

TEST_CASE("roster errors: an unreadable file, R001") {
  const RosterResult r = read_roster_file("/nonexistent/roster.csv", kModel);
  CHECK(r.unreadable);
  CHECK_FALSE(r.org);
  CHECK(codes(r) == Codes({"R001 0:0"}));
}

TEST_CASE("roster errors: bad ids, R009") {
  check_error(std::string(kHead) + "member,,b,,,\n", {"R009 3:8"});
  check_error(std::string(kHead) + "member,m 1,b,,,\n", {"R009 3:8"});
  check_error(std::string(kHead) + "member,m1,b,,\"two\nlines\",\n", {"R009 3:14"});
}

TEST_CASE("roster errors: duplicate ids across units, members and groups, R010") {
  const RosterResult r = read(std::string(kHead) + "member,m1,b,,,\nmember,m1,b,,,\n");
  REQUIRE(codes(r) == Codes({"R010 4:8"}));
  REQUIRE(r.diagnostics[0].related.size() == 1);
  CHECK(r.diagnostics[0].related[0].span.line == 3);
  check_error(std::string(kHead) + "unit,b,t,branch,village,,\n", {"R010 3:6"});
  check_error(std::string(kHead) + "member,b,b,,,\n", {"R010 3:8"});
  check_error(std::string(kHead) + "group,b,G,b\n", {"R010 3:7"});
}

TEST_CASE("roster errors: unknown parent with did-you-mean, R011") {
  const RosterResult r = read(std::string(kHead) +
                              "unit,dongang,t,branch,village,,\n"
                              "unit,c,dongan,branch,village,,\n");
  REQUIRE(codes(r) == Codes({"R011 4:8"}));
  CHECK(r.diagnostics[0].help.find("did you mean 'dongang'") != std::string::npos);
}

TEST_CASE("roster errors: a parent cycle names each link, R012") {
  const RosterResult r = read(std::string(kHead) +
                              "unit,x,z,committee,village,,\n"
                              "unit,y,x,committee,village,,\n"
                              "unit,z,y,committee,village,,\n");
  REQUIRE(codes(r) == Codes({"R012 3:8"}));
  CHECK(r.diagnostics[0].message.find("cycle of 3 units") != std::string::npos);
  CHECK(r.diagnostics[0].related.size() == 2);
}

TEST_CASE("roster errors: no top, two tops, a parentless unit, R013") {
  check_error("unit,b,,branch,village,,\n", {"R013 1:8"});
  check_error("unit,b,x,branch,village,,\n", {"R011 1:8"});
  check_error("unit,b,b,branch,village,,\n", {"R015 1:8", "R012 1:8"});
  check_error("# only a comment\n", {"R013 1:1"});
  check_error(std::string(kHead) + "unit,t2,,top,,,\n", {"R013 3:10"});
  check_error("", {"R013 1:1"});
}

TEST_CASE("roster errors: bad level, R014, and a unit under a branch, R015") {
  check_error(std::string(kHead) + "unit,c,t,brunch,village,,\n", {"R014 3:10"});
  check_error(std::string(kHead) + "unit,c,b,branch,village,,\n", {"R015 3:8"});
}

TEST_CASE("roster errors: unknown or missing org type, R016") {
  const RosterResult r = read(std::string(kHead) + "unit,c,t,branch,vilage,,\n");
  REQUIRE(codes(r) == Codes({"R016 3:17"}));
  CHECK(r.diagnostics[0].help.find("did you mean 'village'") != std::string::npos);
  check_error(std::string(kHead) + "unit,c,t,branch,,,\n", {"R016 3:17"});
  // The top names its type too: it used to take the first declared one.
  const RosterResult top = read("unit,t,,top,,镇党委,yes\nunit,b,t,branch,village,,\n");
  REQUIRE(codes(top) == Codes({"R016 1:13"}));
  CHECK(top.diagnostics[0].message == "the top unit 't' has no org type");
  CHECK(top.diagnostics[0].help.find("township_organ, village, school, hospital, enterprise") !=
        std::string::npos);
}

TEST_CASE("roster errors: unknown category with did-you-mean, R017") {
  const RosterResult r = read(std::string(kHead) + "member,m1,b,retired;retird,,\n");
  REQUIRE(codes(r) == Codes({"R017 3:21"}));
  CHECK(r.diagnostics[0].help.find("did you mean 'retired'") != std::string::npos);
}

TEST_CASE("roster errors: members not in a branch, R018 R019 R020") {
  check_error(std::string(kHead) + "member,m1,bb,,,\n", {"R018 3:11"});
  check_error(std::string(kHead) + "member,m1,t,,,\n", {"R019 3:11"});
  check_error(std::string(kHead) + "member,m1,,,,\n", {"R020 3:11"});
}

TEST_CASE("roster errors: a responsible branch that is unknown or not a branch, R021 R019") {
  check_error(std::string(kHead) + "member,m1,b,,,x\n", {"R021 3:15"});
  check_error(std::string(kHead) + "member,m1,b,,,t\n", {"R019 3:15"});
}

TEST_CASE("roster errors: supervision groups, R022 R023") {
  check_error(std::string(kHead) + "group,g,G,b;q\n", {"R022 3:13"});
  const RosterResult r = read(std::string(kHead) + "group,g,G,b\ngroup,h,H,b\n");
  REQUIRE(codes(r) == Codes({"R023 4:11"}));
  CHECK(r.diagnostics[0].related.at(0).span.line == 3);
}

TEST_CASE("roster errors: bad leadership flag, R024") {
  check_error("unit,t,,top,township_organ,,maybe\n", {"R024 1:29"});
}

TEST_CASE("roster errors: JSON syntax and shape, R007 R008") {
  const auto json = [](const std::string& text) {
    return read_roster_text("r.json", text, kModel);
  };
  RosterResult r = json("{\"units\": [\n  {\"id\": \"t\",}\n]}");
  CHECK(codes(r) == Codes({"R007 2:14"}));
  r = json("{\"units\": [{\"id\": \"t\", \"levl\": \"top\"}]}");
  CHECK(codes(r) == Codes({"R014 1:12", "R008 1:24"}));
  CHECK(r.diagnostics[1].help.find("did you mean 'level'") != std::string::npos);
  r = json("{\"units\": [{\"id\": 5, \"level\": \"top\"}]}");
  CHECK(codes(r) == Codes({"R008 1:19"}));
  r = json("{\"units\": {}}");
  CHECK(codes(r) == Codes({"R008 1:11"}));
  r = json(std::string(200, '[') + std::string(200, ']'));
  CHECK(codes(r) == Codes({"R007 1:17"}));
  r = json("{\"units\": [{\"id\": \"t\", \"level\": \"top\", \"leadership\": \"yes\"}]}");
  CHECK(codes(r) == Codes({"R024 1:54"}));
  // A key given twice: the second is the error, the first a note.
  r = json("{\"units\": [{\"id\": \"t\", \"level\": \"top\", \"id\": \"u\"}]}");
  REQUIRE(codes(r) == Codes({"R008 1:40"}));
  CHECK(r.diagnostics[0].message == "the key \"id\" is given twice");
  CHECK(r.diagnostics[0].related.at(0).span.column == 13);
  // A string past 64 KiB is refused at its opening quote, before it is copied.
  r = json("{\"units\": [{\"id\": \"" + std::string(70000, 'x') + "\"}]}");
  REQUIRE(codes(r) == Codes({"R007 1:19"}));
  CHECK(r.diagnostics[0].message == "a string longer than 65536 bytes (64 KiB)");
}

TEST_CASE("roster errors: every error is reported, up to the cap") {
  std::string text = kHead;
  for (int i = 0; i < 150; ++i) text += "member,m" + std::to_string(i) + ",nowhere,,,\n";
  const RosterResult r = read(text);
  CHECK_FALSE(r.org);
  REQUIRE(r.diagnostics.size() == 101);
  CHECK(r.diagnostics.back().code == "R099");
  CHECK(r.diagnostics.back().level == Diagnostic::Level::kNote);
  CHECK(r.diagnostics[0].span.line == 3);
  CHECK(r.diagnostics[99].span.line == 102);
}

TEST_CASE("roster errors: several kinds at once are all reported, in file order") {
  const RosterResult r = read(std::string(kHead) +
                              "unit,c,nowhere,branch,village,,\n"
                              "member,m1,b,cadre,,\n"
                              "member,m2,c,,,\n");
  CHECK(codes(r) == Codes({"R011 3:8", "R017 4:13"}));
}
