// `lockstep fmt`: the canonical layout, comments kept, and formatting its own output changes
// nothing.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>

#include "lockstep/rules.h"
#include "util/unicode.h"

using namespace lockstep;

namespace {

std::string formatted(const std::string& text) {
  const FormatResult r = format_rules_text("f.lock", text);
  REQUIRE_MESSAGE(r.text.has_value(), "does not parse");
  return *r.text;
}

std::size_t count(const std::string& s, std::string_view what) {
  std::size_t n = 0;
  for (std::size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("fmt: a messy file comes out in the canonical layout") {
  const std::string messy =
      "# head comment\n"
      "import   \"base.lock\"\n\n\n\n"
      "campaign c  \"C\"   extends base{start 2005-07-01 orgtype village \"村\"\n"
      "phase study \"学习\" from start+1w ,  1m { window village : from start, 6w\n"
      "gate g \"回头看\" by supervision\n"
      "step plan \"学习计划\" by branch after mobilize of   parent due phase.start+7d\n"
      "step learn \"集中学习\" by member advisory after plan of parent, mobilize of all   subunits "
      "require hours>=40 advisory, leading_cadre:chars>=2500 only retired except village\n"
      "}\n"
      "phase empty \"空\" after study, 2w {   }\n"
      "remove   step x }\n";
  CHECK(formatted(messy) ==
        "# head comment\n"
        "import \"base.lock\"\n"
        "\n"
        "campaign c \"C\" extends base {\n"
        "  start 2005-07-01\n"
        "  orgtype village \"村\"\n"
        "  phase study \"学习\" from start + 1w, 1m {\n"
        "    window village: from start, 6w\n"
        "    gate g \"回头看\" by supervision\n"
        "    step plan \"学习计划\" by branch after mobilize of parent due phase.start + 7d\n"
        "    step learn \"集中学习\" by member advisory\n"
        "         after plan of parent, mobilize of all subunits\n"
        "         require hours >= 40 advisory, leading_cadre: chars >= 2500\n"
        "         only retired\n"
        "         except village\n"
        "  }\n"
        "  phase empty \"空\" after study, 2w {}\n"
        "  remove step x\n"
        "}\n");
}

TEST_CASE("fmt: comments stay with what they explain, and on the line they ended") {
  const std::string text =
      "# seed 000\n"
      "campaign c \"C\" {  # the campaign\n"
      "\n"
      "  # the phase\n"
      "  phase s \"S\" from start, 1d {\n"
      "    # the step\n"
      "    step a \"A\" by member  # trailing\n"
      "         # before the clause\n"
      "         after b\n"
      "    step b \"B\" by member\n"
      "    # at the end of the phase\n"
      "  }\n"
      "}  # done\n"
      "# last\n";
  const std::string out = formatted(text);
  CHECK(count(out, "#") == count(text, "#"));
  CHECK(out.find("campaign c \"C\" {  # the campaign\n") != std::string::npos);
  CHECK(out.find("    step a \"A\" by member  # trailing\n         # before the clause\n         "
                 "after b\n") != std::string::npos);
  CHECK(out.find("    # at the end of the phase\n  }\n") != std::string::npos);
  CHECK(out.find("}  # done\n# last\n") != std::string::npos);
  CHECK(formatted(out) == out);
}

TEST_CASE("fmt: long lists wrap under their first item, by display width") {
  std::string names;
  for (int i = 0; i < 20; ++i) names += std::string(i ? ", " : "") + "类别" + std::to_string(i);
  const std::string out = formatted(
      "campaign c \"C\" {\n phase s \"S\" from start, 1d {\n step a \"A\" by member only " + names +
      "\n }\n}\n");
  CHECK(out.find("\n         only 类别0, ") != std::string::npos);
  CHECK(out.find("\n              类别") != std::string::npos);  // under the first item
  for (std::size_t at = 0, next; (next = out.find('\n', at)) != std::string::npos; at = next + 1) {
    CHECK(util::display_width(out.substr(at, next - at)) <= 100);
  }
  CHECK(formatted(out) == out);
}

TEST_CASE("fmt: a file that does not parse is reported, not formatted") {
  const FormatResult r = format_rules_text("f.lock", "campaign c \"C\" {\n  phase\n");
  CHECK_FALSE(r.text.has_value());
  REQUIRE_FALSE(r.diagnostics.empty());
  CHECK(r.diagnostics[0].code == "E0101");
}

TEST_CASE("fmt: every rules file of the project and the corpus is a fixed point after one pass") {
  std::vector<std::string> paths;
  for (const char* dir :
       {"/rules", "/tests/dsl/data", "/tests/rules_corpus", "/fuzz/corpus/rules"}) {
    std::error_code ec;
    for (const auto& e :
         std::filesystem::directory_iterator(std::string(LOCKSTEP_SOURCE_DIR) + dir, ec))
      if (e.path().extension() == ".lock") paths.push_back(e.path().string());
  }
  std::sort(paths.begin(), paths.end());
  CHECK(paths.size() > 10);
  for (const std::string& path : paths) {
    const FormatResult once = format_rules_file(path);
    if (!once.text) continue;  // the corpus holds files that do not parse, on purpose
    INFO(path);
    const FormatResult twice = format_rules_text(path, *once.text);
    REQUIRE(twice.text.has_value());
    CHECK(*twice.text == *once.text);
    CHECK(count(*once.text, "#") >= count(once.files[0].text, "#"));
    // Formatting never changes what the file means.
    const RulesResult before = compile_rules_file(path);
    const RulesResult after = compile_rules_text(path, *once.text);
    CHECK(before.model.has_value() == after.model.has_value());
    if (before.model && after.model) CHECK(before.model->steps.size() == after.model->steps.size());
  }
}

TEST_CASE("fmt: an advisory window is written back after its length, and stays so") {
  const std::string text =
      "campaign c \"C\" { orgtype village \"村\"\n"
      "phase a \"A\" from start,2m   advisory { window village : from start + 1m , 1m advisory\n"
      "step s \"S\" by branch }\n"
      "phase b \"B\" after a , 2m advisory {}\n}\n";
  const std::string once = formatted(text);
  CHECK(once.find("  phase a \"A\" from start, 2m advisory {\n"
                  "    window village: from start + 1m, 1m advisory\n") != std::string::npos);
  CHECK(once.find("  phase b \"B\" after a, 2m advisory {}\n") != std::string::npos);
  CHECK(formatted(once) == once);
}
