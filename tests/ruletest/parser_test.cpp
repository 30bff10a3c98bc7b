// The .locktest reader: what a good file gives (file defaults merged into each test, inline
// records with their places, every form of expectation, Chinese names), and each kind of error
// with its code, line and column — and that hostile input stays bounded.
#include <doctest/doctest.h>

#include <string>

#include "lockstep/civil_date.h"
#include "lockstep/ruletest.h"

namespace lockstep::ruletest {
namespace {

TestFile parse(const std::string& text) {
  return parse_test_text("t.locktest", text);
}

// The first diagnostic of `text`, which must have one.
Diagnostic first_error(const std::string& text) {
  const TestFile f = parse(text);
  REQUIRE_FALSE(f.diagnostics.empty());
  CHECK(f.tests.empty());
  return f.diagnostics.front();
}

void check_error(const std::string& text, const char* code, std::uint32_t line,
                 std::uint32_t column) {
  const Diagnostic d = first_error(text);
  CHECK(d.code == code);
  CHECK(d.span.line == line);
  CHECK(d.span.column == column);
  CHECK_FALSE(d.help.empty());
}

const std::string kHeader =
    "rules ../x.lock\n"
    "roster\n"
    "  unit,qingshi,,top,township_organ,中共青石镇委员会,yes\n";

}  // namespace

TEST_CASE("a file's header is every test's default, and a test's own setting wins") {
  const TestFile f = parse(kHeader +
                           "start 2005-07-01\n"
                           "\n"
                           "test \"双找 on time\"  # seed 000: 双找\n"
                           "  events\n"
                           "    2005-07-10,jg1,complete,find_members\n"
                           "  until 2005-07-31\n"
                           "  expect no violations of step find_members unit jg1\n"
                           "test second\n"
                           "  rules other.lock\n"
                           "  mode enforce\n"
                           "  roster ros.csv\n"
                           "  events log.csv\n"
                           "  expect status qs0001 learn done at 2005-07-06\n");
  REQUIRE(f.ok());
  REQUIRE(f.tests.size() == 2);
  const TestCase& a = f.tests[0];
  CHECK(a.name == "双找 on time");
  CHECK(a.where.line == 6);
  CHECK(a.setup.rules == "../x.lock");
  REQUIRE(a.setup.roster.lines.size() == 1);
  CHECK(a.setup.roster.lines[0].line == 3);
  CHECK(a.setup.roster.lines[0].column == 3);
  REQUIRE(a.setup.events.lines.size() == 1);
  CHECK(a.setup.events.lines[0].text == "2005-07-10,jg1,complete,find_members");
  CHECK(a.setup.start == parse_date("2005-07-01"));
  CHECK(a.setup.until == parse_date("2005-07-31"));
  CHECK_FALSE(a.setup.mode);
  REQUIRE(a.expectations.size() == 1);
  CHECK(a.expectations[0].kind == Expectation::Kind::kNoViolations);
  CHECK(a.expectations[0].filter.step == "find_members");
  CHECK(a.expectations[0].filter.unit == "jg1");

  const TestCase& b = f.tests[1];
  CHECK(b.name == "second");
  CHECK(b.setup.rules == "other.lock");
  CHECK(b.setup.roster.path == "ros.csv");
  CHECK(b.setup.events.path == "log.csv");
  CHECK(b.setup.mode == Mode::kEnforce);
  CHECK(b.setup.start == parse_date("2005-07-01"));
  CHECK_FALSE(b.setup.until);
  const Expectation& s = b.expectations[0];
  CHECK(s.kind == Expectation::Kind::kStatus);
  CHECK(s.who == "qs0001");
  CHECK(s.step == "learn");
  CHECK(s.state == StepState::kDone);
  CHECK(s.at == parse_date("2005-07-06"));
}

TEST_CASE("expectations: violation fields in any order, `of` and `other` read past") {
  const TestFile f = parse(kHeader +
                           "test t\n"
                           "  expect violation late day 2005-07-20 of step 学习 member 党员1\n"
                           "  expect violation missed phase study unit 支部1\n"
                           "  expect no other violations of kind late\n"
                           "  expect no violations\n");
  REQUIRE(f.ok());
  const auto& e = f.tests[0].expectations;
  REQUIRE(e.size() == 4);
  CHECK(e[0].filter.kind == ViolationKind::kLate);
  CHECK(e[0].filter.day == parse_date("2005-07-20"));
  CHECK(e[0].filter.step == "学习");
  CHECK(e[0].filter.member == "党员1");
  CHECK(e[0].filter.step_where.line == 5);
  CHECK(e[0].filter.step_where.column == 48);
  CHECK(e[1].filter.phase == "study");
  CHECK(e[1].filter.unit == "支部1");
  CHECK(e[2].kind == Expectation::Kind::kNoViolations);
  CHECK(e[2].filter.kind == ViolationKind::kLate);
  CHECK_FALSE(e[3].filter.kind);
  CHECK(e[3].text == "expect no violations");
}

TEST_CASE("inline events may carry their own header") {
  const TestFile f = parse(kHeader +
                           "test t\n"
                           "  events\n"
                           "    time,who,step,chars\n"
                           "    2005-08-12,qs0001,analysis,1800\n"
                           "  expect no violations\n");
  REQUIRE(f.ok());
  CHECK(f.tests[0].setup.events.lines.size() == 2);
}

TEST_CASE("errors: each with its code, line and column") {
  SUBCASE("T002: too large") {
    const TestFile f = parse(std::string((std::size_t{16} << 20) + 1, '#'));
    REQUIRE(f.diagnostics.size() == 1);
    CHECK(f.diagnostics[0].code == "T002");
  }
  SUBCASE("T003: not UTF-8, at the bad byte") {
    check_error(kHeader + "test a\xff\n", "T003", 4, 7);
  }
  SUBCASE("T004: unknown directive, with did-you-mean") {
    const Diagnostic d = first_error(kHeader + "test t\n  expct no violations\n");
    CHECK(d.code == "T004");
    CHECK(d.span.line == 5);
    CHECK(d.span.column == 3);
    CHECK(d.help.find("did you mean 'expect'?") != std::string::npos);
  }
  SUBCASE("T005: a missing value") {
    check_error(kHeader + "test t\n  rules\n", "T005", 5, 8);
  }
  SUBCASE("T005: an unknown field") {
    check_error(kHeader + "test t\n  expect no violations of stp x\n", "T005", 5, 27);
  }
  SUBCASE("T005: unit and member both") {
    check_error(kHeader + "test t\n  expect violation late unit a member b\n", "T005", 5, 39);
  }
  SUBCASE("T006: a date that does not exist") {
    check_error(kHeader + "test t\n  until 2005-02-30\n", "T006", 5, 9);
  }
  SUBCASE("T007: an unterminated quote") {
    check_error(kHeader + "test \"名字\n", "T007", 4, 6);
  }
  SUBCASE("T008: a record outside a section") {
    check_error(kHeader + "test t\n  expect no violations\n  2005-07-10,a,complete,b\n", "T008", 6,
                3);
  }
  SUBCASE("T008: an expectation above the tests") {
    check_error(kHeader + "expect no violations\n", "T008", 4, 1);
  }
  SUBCASE("T008: a second rules in a test") {
    check_error(kHeader + "test t\n  rules a.lock\n  rules b.lock\n", "T008", 6, 3);
  }
  SUBCASE("T009: an unknown kind, with did-you-mean") {
    const Diagnostic d = first_error(kHeader + "test t\n  expect violation lat\n");
    CHECK(d.code == "T009");
    CHECK(d.span.column == 20);
    CHECK(d.help.find("did you mean 'late'?") != std::string::npos);
  }
  SUBCASE("T009: an unknown state") {
    check_error(kHeader + "test t\n  expect status a b finished\n", "T009", 5, 21);
  }
  SUBCASE("T011: a test without rules") {
    check_error("roster r.csv\ntest t\n  expect no violations\n", "T011", 2, 1);
  }
  SUBCASE("T011: a test without roster") {
    check_error("rules r.lock\ntest t\n  expect no violations\n", "T011", 2, 1);
  }
  SUBCASE("T011: a test that expects nothing") {
    check_error(kHeader + "test t\n", "T011", 4, 1);
  }
  SUBCASE("T011: a bare section with no records") {
    check_error(kHeader + "test t\n  events\n  expect no violations\n", "T011", 5, 3);
  }
  SUBCASE("T011: a file without tests") {
    check_error(kHeader, "T011", 1, 1);
  }
  SUBCASE("T012: a line too long") {
    check_error(kHeader + "# " + std::string(70000, 'x') + "\n", "T012", 4, 1);
  }
  SUBCASE("T012: too many words") {
    std::string line = "test t";
    for (int i = 0; i < 70; ++i) line += " w";
    check_error(kHeader + line + "\n", "T012", 4, 6 + 63 * 2);
  }
  SUBCASE("T013: two tests of one name") {
    check_error(kHeader + "test t\n  expect no violations\ntest t\n  expect no violations\n",
                "T013", 6, 6);
  }
  SUBCASE("T014: words after a complete directive") {
    check_error(kHeader + "test t\n  start 2005-07-01 2005-07-02\n", "T014", 5, 20);
  }
}

TEST_CASE("a hostile file: errors stop at 100 with a note, and nothing is kept") {
  std::string text;
  for (int i = 0; i < 5000; ++i) text += "bogus line\n";
  const TestFile f = parse(text);
  REQUIRE(f.diagnostics.size() == 101);
  CHECK(f.diagnostics.back().code == "T099");
  CHECK(f.diagnostics.back().level == Diagnostic::Level::kNote);
  CHECK(f.tests.empty());
}

TEST_CASE("bytes that are not text never crash the reader") {
  std::string text = kHeader + "test \"t\"\n";
  for (int i = 0; i < 2000; ++i) text += static_cast<char>((i * 37) % 127 + 1);
  const TestFile f = parse(text);
  CHECK_FALSE(f.ok());
}

TEST_CASE("every one-byte change of a good file parses or is refused with diagnostics") {
  const std::string good = kHeader +
                           "test \"双找 on time\"\n"
                           "  events\n"
                           "    2005-07-10,jg1,complete,find_members\n"
                           "  until 2005-07-31\n"
                           "  expect violation late step find_members unit jg1 day 2005-07-20\n"
                           "  expect no other violations of kind late\n"
                           "  expect status qs0001 learn done at 2005-07-06\n";
  REQUIRE(parse(good).ok());
  for (std::size_t i = 0; i < good.size(); ++i) {
    for (const char c : {'\0', '\n', '"', '#', ',', ' ', '\xe5', 'x'}) {
      std::string text = good;
      text[i] = c;
      const TestFile f = parse(text);
      // Either it reads, or it says why at a place inside the file.
      if (f.ok()) continue;
      CHECK(f.tests.empty());
      for (const Diagnostic& d : f.diagnostics) CHECK(d.span.line <= 20);
    }
  }
}

TEST_CASE("T001: a file that cannot be read") {
  const TestFile f = parse_test_file("/nonexistent/x.locktest");
  REQUIRE(f.diagnostics.size() == 1);
  CHECK(f.diagnostics[0].code == "T001");
}

}  // namespace lockstep::ruletest
