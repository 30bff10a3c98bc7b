// The semantic checks, one by one: each bad input gives its code at the right place, and the
// good input next to it gives nothing.
#include <doctest/doctest.h>

#include "tests/dsl/test_util.h"

using namespace lockstep;
using namespace lockstep::test;

TEST_CASE("checks: a clean campaign has no diagnostic") {
  const RulesResult r = compile(
      campaign("    step a \"A\" by branch\n"
               "    step b \"B\" by member after a of parent only retired require form = written\n"
               "    step c \"C\" by branch after b of all members except village\n"));
  INFO(rendered(r));
  CHECK(r.diagnostics.empty());
  CHECK(r.model.has_value());
}

TEST_CASE("checks: an unknown step suggests the declared one it is closest to") {
  const RulesResult r = compile(
      campaign("    step mobilize \"A\" by branch\n    step b \"B\" by branch after mobilise\n"));
  const Diagnostic* d = find_code(r, "E0201");
  REQUIRE(d != nullptr);
  CHECK(d->message == "unknown step 'mobilise'");
  CHECK(d->help == "did you mean 'mobilize'?");
  CHECK(d->span.line == 7);
  CHECK_FALSE(r.model.has_value());
}

TEST_CASE("checks: unknown names of every kind") {
  CHECK(has_code(compile(campaign("    step a \"A\" by member only retird\n")), "E0201"));
  CHECK(has_code(compile(campaign("    step a \"A\" by member require form = writen\n")), "E0201"));
  CHECK(has_code(compile(campaign("    step a \"A\" by member due stduy.end\n")), "E0201"));
  CHECK(has_code(compile(campaign("    step a \"A\" by member require lead: hours >= 1\n")),
                 "E0201"));
  CHECK(has_code(compile("campaign c \"C\" extends nothing {}\n"), "E0201"));
  const RulesResult actor = compile(campaign("    step a \"A\" by brnach\n"));
  REQUIRE(find_code(actor, "E0203") != nullptr);
  CHECK(find_code(actor, "E0203")->help == "did you mean 'branch'?");
  const RulesResult field = compile(campaign("    step a \"A\" by member require huors >= 3\n"));
  REQUIRE(find_code(field, "E0204") != nullptr);
  CHECK(find_code(field, "E0204")->help == "did you mean 'hours'?");
}

TEST_CASE("checks: duplicate names point at both declarations") {
  const RulesResult r =
      compile(campaign("    step a \"A\" by branch\n    step a \"B\" by branch\n"));
  const Diagnostic* d = find_code(r, "E0202");
  REQUIRE(d != nullptr);
  CHECK(d->span.line == 7);
  REQUIRE(d->related.size() == 1);
  CHECK(d->related[0].span.line == 6);
  CHECK(
      has_code(compile(campaign("", "  category village \"x\"\n")), "E0202"));  // also an org type
}

TEST_CASE("checks: a prerequisite cycle names every step and every link's place") {
  const RulesResult r =
      compile(campaign("    step a \"A\" by branch after c\n"
                       "    step b \"B\" by branch after a\n"
                       "    step c \"C\" by branch after b\n"));
  const Diagnostic* d = find_code(r, "E0301");
  REQUIRE(d != nullptr);
  CHECK(d->message.find("prerequisites form a cycle") == 0);
  CHECK(d->message.find("'a'") != std::string::npos);
  CHECK(d->message.find("'b'") != std::string::npos);
  CHECK(d->message.find("'c'") != std::string::npos);
  CHECK(d->related.size() == 2);  // three links: the main span and two notes
  CHECK(has_code(compile(campaign("    step a \"A\" by branch after a\n")), "E0301"));
}

TEST_CASE("checks: a prerequisite in a later phase") {
  const RulesResult r = compile(
      "campaign c \"C\" {\n"
      "  phase one \"一\" from start, 10d {\n    step a \"A\" by branch after b\n  }\n"
      "  phase two \"二\" after one, 10d {\n    step b \"B\" by branch\n  }\n}\n");
  const Diagnostic* d = find_code(r, "E0302");
  REQUIRE(d != nullptr);
  CHECK(d->span.line == 3);
  CHECK(d->related.at(0).span.line == 6);
}

TEST_CASE("checks: a prerequisite's scope must fit who performs the steps") {
  const RulesResult same =
      compile(campaign("    step p \"P\" by branch\n    step m \"M\" by member after p\n"));
  REQUIRE(find_code(same, "E0303") != nullptr);
  CHECK(find_code(same, "E0303")->help == "write 'after p of parent'");
  CHECK(has_code(compile(campaign(
                     "    step m \"M\" by member\n    step p \"P\" by branch after m of parent\n")),
                 "E0303"));
  CHECK(has_code(
      compile(campaign(
          "    step p \"P\" by branch\n    step q \"Q\" by branch after p of all members\n")),
      "E0303"));
  // Different units in the same place are fine: an organization after its leadership team.
  CHECK_FALSE(has_errors(
      compile(
          campaign("    step t \"T\" by leadership\n    step o \"O\" by organization after t\n"))
          .diagnostics));
}

TEST_CASE("checks: a step that applies to no one") {
  const RulesResult r =
      compile(campaign("    step a \"A\" by member only retired except retired\n"));
  REQUIRE(find_code(r, "E0501") != nullptr);
  CHECK(has_code(compile(campaign("    step a \"A\" by member only village except village\n")),
                 "E0501"));
  CHECK(has_code(compile(campaign("    step a \"A\" by branch only retired\n")), "E0502"));
}

TEST_CASE("checks: requirements must fit their field") {
  CHECK(has_code(compile(campaign("    step a \"A\" by member require form >= 3\n")), "E0205"));
  CHECK(has_code(compile(campaign("    step a \"A\" by member require hours >= written\n")),
                 "E0205"));
  CHECK(has_code(compile(campaign("    step a \"A\" by member require hours >= 3, hours >= 4\n")),
                 "E0206"));
  CHECK_FALSE(has_errors(compile(campaign("    step a \"A\" by member require hours >= 3, retired: "
                                          "hours >= 1, form = written\n"))
                             .diagnostics));
}

TEST_CASE("checks: clauses given twice, zero repetitions, windows that cannot be") {
  CHECK(has_code(compile(campaign("    step a \"A\" by member due start due start\n")), "E0107"));
  CHECK(has_code(compile(campaign("    step a \"A\" by member repeat >= 0\n")), "E0503"));
  CHECK(has_code(compile("campaign c \"C\" {\n  phase s \"S\" after s, 3d {}\n}\n"), "E0304"));
  CHECK(has_code(compile("campaign c \"C\" {\n  phase s \"S\" after t, 3d {}\n  phase t \"T\" from "
                         "start, 3d {}\n}\n"),
                 "E0304"));
  CHECK(has_code(compile("campaign c \"C\" {\n  phase s \"S\" {}\n}\n"), "E0305"));
  CHECK(has_code(compile("campaign c \"C\" {\n  phase s \"S\" from start, 0d {}\n}\n"), "E0402"));
}

TEST_CASE("checks: unused declarations are warnings, and a warning alone still gives a model") {
  const RulesResult r = compile(campaign("    step a \"A\" by branch\n"));
  CHECK(codes(r) == std::vector<std::string>{"W0201", "W0201", "W0201"});
  CHECK(r.diagnostics[0].level == Diagnostic::Level::kWarning);
  CHECK(r.model.has_value());
}

TEST_CASE("checks: the model's limits are errors") {
  std::string categories;
  for (int i = 0; i < 65; ++i) categories += "  category c" + std::to_string(i) + " \"x\"\n";
  CHECK(has_code(compile(campaign("", categories)), "E0601"));
  std::string steps;
  for (int i = 0; i < 65; ++i) steps += "    step s" + std::to_string(i) + " \"x\" by member\n";
  const RulesResult many = compile(campaign(steps));
  REQUIRE(find_code(many, "E0602") != nullptr);
  CHECK(find_code(many, "E0602")->span.line == 5 + 65);
  const std::string long_name(200, 'x');
  CHECK(has_code(compile(campaign("    step " + long_name + " \"A\" by branch\n")), "E0003"));
}

TEST_CASE("checks: a second campaign in one file, extends cycles") {
  CHECK(has_code(compile("campaign a \"A\" {}\ncampaign b \"B\" {}\n"), "E0706"));
  CHECK(has_code(compile("procedure a \"A\" extends b {}\nprocedure b \"B\" extends a {}\ncampaign "
                         "c \"C\" extends a {}\n"),
                 "E0701"));
  CHECK(has_code(compile("campaign b \"B\" extends a {}\ncampaign a \"A\" {}\n"), "E0707"));
}

TEST_CASE("checks: a cycle through thousands of steps is shown by its two ends") {
  std::string steps;
  for (int i = 0; i < 3000; ++i)
    steps += "    step s" + std::to_string(i) + " \"x\" by branch after s" +
             std::to_string((i + 1) % 3000) + "\n";
  const RulesResult r = compile(campaign(steps));
  const Diagnostic* d = find_code(r, "E0301");
  REQUIRE(d != nullptr);
  CHECK(d->related.size() <= 16);
  CHECK(d->message.size() < 400);
  CHECK(d->message.find("more) ...") != std::string::npos);
  CHECK(rendered(r).size() < 20000);
}
