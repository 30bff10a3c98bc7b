// The deadline analysis: phase windows, deadlines, `within` and prerequisites as a simple temporal
// network. Infeasible chains are reported with their days and every place involved; feasible ones,
// including those that need the long end of a month, are not.
#include <doctest/doctest.h>

#include "tests/dsl/test_util.h"

using namespace lockstep;
using namespace lockstep::test;

TEST_CASE("time: a step due before its prerequisite's phase opens") {
  const RulesResult r = compile(
      "campaign c \"C\" {\n"
      "  phase one \"一\" from start + 2w, 30d {\n"
      "    step analysis \"分析\" by member\n"
      "  }\n"
      "  phase two \"二\" from start, 60d {\n"
      "    step meeting \"会\" by branch after analysis of all members due start + 10d\n"
      "  }\n"
      "}\n");
  const Diagnostic* d = find_code(r, "E0401");
  REQUIRE(d != nullptr);
  CHECK(d->message ==
        "deadlines cannot all be met: 'meeting' is due by day 10 but cannot be done before day 14");
  CHECK(d->span.line == 6);  // the deadline
  std::vector<std::uint32_t> lines;
  for (const Label& l : d->related) lines.push_back(l.span.line);
  CHECK(lines == std::vector<std::uint32_t>{6, 3, 2});  // prerequisite, phase membership, window
  CHECK_FALSE(r.model.has_value());
}

TEST_CASE("time: months count 28 to 31 days, only what no calendar allows is an error") {
  const auto with_due = [](const std::string& due) {
    return compile(
        "campaign c \"C\" {\n"
        "  phase one \"一\" from start, 1m {\n    step a \"A\" by branch\n  }\n"
        "  phase two \"二\" after one, 10d {\n    step b \"B\" by branch after a due " +
        due + "\n  }\n}\n");
  };
  CHECK_FALSE(has_code(with_due("start + 31d"), "E0401"));
  CHECK_FALSE(
      has_code(with_due("start + 28d"), "E0401"));  // phase two opens on day 28 at the earliest
  CHECK(has_code(with_due("start + 27d"), "E0401"));
}

TEST_CASE("time: a step without a deadline is due when its phase closes") {
  const RulesResult r = compile(
      "campaign c \"C\" {\n"
      "  phase one \"一\" from start + 20d, 10d {\n    step b \"B\" by branch\n  }\n"
      "  phase two \"二\" from start, 10d {\n    step a \"A\" by branch after b\n  }\n}\n");
  const Diagnostic* d = find_code(r, "E0401");
  REQUIRE(d != nullptr);
  CHECK(d->message ==
        "deadlines cannot all be met: 'a' is due by day 10 but cannot be done before day 20");
  CHECK(d->label == "'a' has no 'due', so it is due when phase 'two' closes");
}

TEST_CASE("time: within, phase-relative deadlines and dates") {
  const RulesResult within = compile(campaign(
      "    step opinion \"意见\" by branch due phase.start + 20d\n"
      "    step feedback \"反馈\" by member after opinion of parent within 3d after opinion of "
      "parent\n"
      "    step review \"复核\" by branch after feedback of all members due phase.start + 5d\n",
      ""));
  CHECK_FALSE(has_code(within, "E0401"));  // the opinion can come early enough
  const RulesResult late =
      compile(campaign("    step opinion \"意见\" by branch after prep\n"
                       "    step prep \"准备\" by branch\n"
                       "    step feedback \"反馈\" by member within 3d after opinion of parent due "
                       "phase.start + 2d\n"));
  CHECK_FALSE(has_code(late, "E0401"));  // 'within' bounds from above only
  const RulesResult dated = compile(
      "campaign c \"C\" {\n  start 2005-07-01\n"
      "  phase one \"一\" from 2005-08-01, 10d {\n    step a \"A\" by branch due 2005-07-20\n  "
      "}\n}\n");
  const Diagnostic* d = find_code(dated, "E0401");
  REQUIRE(d != nullptr);
  CHECK(d->message.find("due by 2005-07-20 but cannot be done before 2005-08-01") !=
        std::string::npos);
}

TEST_CASE("time: advisory deadlines and advisory steps are for reference only") {
  const std::string chain =
      "campaign c \"C\" {\n"
      "  phase one \"一\" from start + 2w, 30d {\n    step a \"A\" by branch\n  }\n"
      "  phase two \"二\" from start, 60d {\n";
  CHECK_FALSE(has_code(
      compile(chain + "    step b \"B\" by branch after a due start + 10d advisory\n  }\n}\n"),
      "E0401"));
  CHECK_FALSE(has_code(
      compile(chain + "    step b \"B\" by branch advisory after a due start + 10d\n  }\n}\n"),
      "E0401"));
  CHECK(has_code(compile(chain + "    step b \"B\" by branch after a due start + 10d\n  }\n}\n"),
                 "E0401"));
}

TEST_CASE("time: an org type's own window is checked with its own steps") {
  const std::string text =
      "campaign c \"C\" {\n"
      "  orgtype village \"村\"\n  orgtype town \"镇\"\n"
      "  phase one \"一\" from start, 10d {\n"
      "    window village: from start + 1m, 10d\n"
      "    step a \"A\" by branch due start + 12d";
  const RulesResult r = compile(text + "\n  }\n}\n");
  const Diagnostic* d = find_code(r, "E0401");
  REQUIRE(d != nullptr);
  CHECK(d->message.find("org type 'village'") != std::string::npos);
  // Limited to towns, the step never meets the village window.
  CHECK_FALSE(has_code(compile(text + " only town\n  }\n}\n"), "E0401"));
}

TEST_CASE("time: an impossible chain through thousands of steps is shown by its two ends") {
  std::string text =
      "campaign c \"C\" {\n"
      "  phase one \"一\" from start + 2w, 30d {\n    step s0 \"x\" by branch\n  }\n"
      "  phase two \"二\" from start, 60d {\n";
  for (int i = 1; i < 3000; ++i)
    text += "    step s" + std::to_string(i) + " \"x\" by branch after s" + std::to_string(i - 1) +
            (i == 2999 ? " due start + 10d" : "") + "\n";
  const RulesResult r = compile(text + "  }\n}\n");
  const Diagnostic* d = find_code(r, "E0401");
  REQUIRE(d != nullptr);
  CHECK(d->message ==
        "deadlines cannot all be met: 's2999' is due by day 10 but cannot be done before day 14");
  CHECK(d->related.size() <= 16);
  CHECK(rendered(r).size() < 20000);
}

TEST_CASE("time: a chain that misses an advisory window's end is a warning, not an error") {
  // 'b' cannot be done before day 14, and its phase's window ends on day 11: a reference date.
  const auto with_window = [](const std::string& advisory) {
    return compile(
        "campaign c \"C\" {\n"
        "  phase one \"一\" from start + 2w, 30d {\n    step a \"A\" by branch\n  }\n"
        "  phase two \"二\" from start, 11d" +
        advisory + " {\n    step b \"B\" by branch after a\n  }\n}\n");
  };
  CHECK(has_code(with_window(""), "E0401"));
  const RulesResult r = with_window(" advisory");
  CHECK_FALSE(has_code(r, "E0401"));
  const Diagnostic* d = find_code(r, "W0402");
  REQUIRE(d != nullptr);
  CHECK(d->level == Diagnostic::Level::kWarning);
  CHECK(d->message.rfind("the reference dates cannot all be met: 'b' is due by day 11", 0) == 0);
  CHECK(r.model.has_value());
}

TEST_CASE("time: a required deadline inside an advisory window's phase is still an error") {
  const RulesResult r = compile(
      "campaign c \"C\" {\n"
      "  phase one \"一\" from start + 2w, 30d {\n    step a \"A\" by branch\n  }\n"
      "  phase two \"二\" from start, 60d advisory {\n"
      "    step b \"B\" by branch after a due start + 10d\n  }\n}\n");
  CHECK(has_code(r, "E0401"));
  CHECK_FALSE(has_code(r, "W0402"));
}
