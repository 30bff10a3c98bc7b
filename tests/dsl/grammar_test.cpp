// The grammar and its actions: what each construct parses into, and how syntax errors read.
#include <doctest/doctest.h>

#include "dsl/diagnostic_sink.h"
#include "dsl/limits.h"
#include "dsl/parser.h"

using namespace lockstep;
using namespace lockstep::dsl;

namespace {

struct Parsed {
  FileAst ast;
  Diagnostics diagnostics;
};

Parsed parse(const std::string& text) {
  DiagnosticSink sink(kMaxDiagnostics);
  Parsed p;
  p.ast = parse_rules(0, text, sink);
  p.diagnostics = sink.take();
  return p;
}

}  // namespace

TEST_CASE("grammar: a campaign with Chinese identifiers, a window and a gate") {
  const Parsed p = parse(
      "campaign 第三批 \"第三批活动\" extends 基础 {\n"
      "  start 2009-09-01\n"
      "  phase 学习调研 \"学习调研\" from start + 1w, 2m {\n"
      "    window village: after 准备, 1m\n"
      "    gate 转段 \"转段\" by supervision\n"
      "  }\n"
      "}\n");
  REQUIRE(p.diagnostics.empty());
  REQUIRE(p.ast.units.size() == 1);
  const UnitAst& u = p.ast.units[0];
  CHECK_FALSE(u.procedure);
  CHECK(u.id.text == "第三批");
  CHECK(u.display->value == "第三批活动");
  CHECK(u.extends->text == "基础");
  CHECK(u.starts.at(0).date.valid);
  CHECK(u.starts[0].date.month == 9);
  const PhaseAst& ph = u.phases.at(0);
  CHECK(ph.id.text == "学习调研");
  CHECK(ph.id.span.line == 3);
  CHECK(ph.id.span.column == 9);  // bytes
  CHECK(ph.id.span.length == 12);
  CHECK(ph.window->start == PhaseWindow::Start::kCampaignStart);
  CHECK(ph.window->offset->value.amount == 1);
  CHECK(ph.window->offset->value.unit == Duration::Unit::kWeeks);
  CHECK(ph.window->length.value.unit == Duration::Unit::kMonths);
  CHECK(ph.windows.at(0).org_type.text == "village");
  CHECK(ph.windows[0].window.start == PhaseWindow::Start::kAfterPhase);
  CHECK(ph.windows[0].window.other.text == "准备");
  CHECK(ph.gates.at(0).approver.text == "supervision");
}

TEST_CASE("grammar: a step and every kind of clause") {
  const Parsed p = parse(
      "procedure p \"P\" {\n"
      "  phase s \"S\" from 2005-07-01, 30d {\n"
      "    step feedback \"书面反馈\" by member advisory\n"
      "         after opinion of parent, talk, analysis of all members, solicit of all subunits\n"
      "         due phase.end - 7d advisory\n"
      "         within 7d after opinion of parent\n"
      "         repeat >= 2\n"
      "         require chars >= 1500 advisory, leading_cadre: chars >= 2500, form = written\n"
      "         only retired except village\n"
      "  }\n"
      "}\n");
  REQUIRE(p.diagnostics.empty());
  const StepAst& s = p.ast.units.at(0).phases.at(0).steps.at(0);
  CHECK(s.id.text == "feedback");
  CHECK(s.display.value == "书面反馈");
  CHECK(s.actor.text == "member");
  CHECK(s.advisory);
  REQUIRE(s.clauses.size() == 7);
  const ClauseAst& after = s.clauses[0];
  REQUIRE(after.refs.size() == 4);
  CHECK(after.refs[0].scope == Prerequisite::Scope::kParent);
  CHECK(after.refs[1].scope == Prerequisite::Scope::kSame);
  CHECK(after.refs[2].scope == Prerequisite::Scope::kAllMembers);
  CHECK(after.refs[3].scope == Prerequisite::Scope::kAllSubunits);
  CHECK(after.refs[0].span.length == std::string("opinion of parent").size());
  const ClauseAst& due = s.clauses[1];
  CHECK(due.time.base == TimeExpr::Base::kPhaseEnd);
  CHECK(due.time.phase.empty());
  CHECK(due.time.offset->value.amount == -7);
  CHECK(due.advisory);
  CHECK(s.clauses[2].limit.value.amount == 7);
  CHECK(s.clauses[2].refs.at(0).step.text == "opinion");
  CHECK(s.clauses[3].count == 2);
  const auto& reqs = s.clauses[4].requirements;
  REQUIRE(reqs.size() == 3);
  CHECK(reqs[0].field.text == "chars");
  CHECK(reqs[0].number == 1500);
  CHECK(reqs[0].advisory);
  CHECK_FALSE(reqs[0].category.has_value());
  CHECK(reqs[1].category->text == "leading_cadre");
  CHECK(reqs[2].value_is_name);
  CHECK(reqs[2].name.text == "written");
  CHECK(reqs[2].comparison == Requirement::Comparison::kEqual);
  CHECK(s.clauses[5].names.at(0).text == "retired");
  CHECK(s.clauses[6].kind == ClauseAst::Kind::kExcept);
}

TEST_CASE("grammar: comments are kept with their place and whether they stand alone") {
  const Parsed p = parse("# top\ncampaign c \"C\" {  # after brace\n  # inside\n}\n");
  REQUIRE(p.ast.comments.size() == 3);
  CHECK(p.ast.comments[0].text == "# top");
  CHECK(p.ast.comments[0].own_line);
  CHECK(p.ast.comments[1].text == "# after brace");
  CHECK_FALSE(p.ast.comments[1].own_line);
  CHECK(p.ast.comments[2].own_line);
}

TEST_CASE("grammar: a string keeps its escapes and may hold any UTF-8") {
  const Parsed p = parse("campaign c \"他说\\\"好\\\" \\\\ 完\" {}\n");
  REQUIRE(p.diagnostics.empty());
  CHECK(p.ast.units[0].display->value == "他说\"好\" \\ 完");
}

TEST_CASE("grammar: a syntax error says what was expected and what was found, where") {
  const Parsed p = parse("campaign c \"C\" {\n  phase s \"S\" from start 30d {\n  }\n}\n");
  REQUIRE(p.diagnostics.size() == 1);
  const Diagnostic& d = p.diagnostics[0];
  CHECK(d.code == "E0101");
  CHECK(d.message == "expected ',' and the window's length (such as ', 30d'); found '30d'");
  CHECK(d.span.line == 2);
  CHECK(d.span.column == 26);
  CHECK(d.span.length == 3);
}

TEST_CASE("grammar: recovery reports every independent error and keeps what parsed") {
  const Parsed p = parse(
      "campaign c \"C\" {\n"
      "  phase s \"S\" from start, 30d {\n"
      "    step a \"A\" by member after\n"     // missing name after 'after'
      "    step b \"B\" by member\n"           // fine
      "    step c \"C\" member\n"              // missing 'by'
      "    step d \"D\" by member repeat 2\n"  // missing '>='
      "  }\n"
      "  phase t \"T\" after s 30d {\n"  // broken header: its body is still read
      "    step e \"E\" by member\n"
      "  }\n"
      "}\n");
  REQUIRE(p.diagnostics.size() == 4);
  CHECK(p.diagnostics[0].span.line == 4);  // the error is where the name should be
  CHECK(p.diagnostics[1].span.line == 5);
  CHECK(p.diagnostics[2].span.line == 6);
  CHECK(p.diagnostics[3].span.line == 8);
  const auto& phases = p.ast.units.at(0).phases;
  REQUIRE(phases.size() == 2);
  REQUIRE(phases[0].steps.size() == 4);
  CHECK(phases[0].steps[0].broken);
  CHECK_FALSE(phases[0].steps[1].broken);
  CHECK(phases[0].steps[2].id.text == "c");  // its name still resolves
  CHECK(phases[1].broken);
  REQUIRE(phases[1].steps.size() == 1);
  CHECK(phases[1].steps[0].id.text == "e");
}

TEST_CASE("grammar: an unclosed phase is reported where the next phase begins") {
  const Parsed p = parse(
      "campaign c \"C\" {\n"
      "  phase s \"S\" from start, 30d {\n"
      "    step a \"A\" by member\n"
      "  phase t \"T\" after s, 30d {\n"
      "    step b \"B\" by member after a\n"
      "  }\n"
      "}\n");
  REQUIRE(p.diagnostics.size() == 1);
  const Diagnostic& d = p.diagnostics[0];
  CHECK(d.code == "E0102");
  CHECK(d.message == "expected '}' to close phase 's'; found 'phase'");
  CHECK(d.span.line == 4);
  REQUIRE(d.related.size() == 1);
  CHECK(d.related[0].span.line == 2);
  CHECK(p.ast.units[0].phases.size() == 2);  // the next phase parsed normally
}

TEST_CASE("grammar: unterminated strings, bad escapes and fullwidth punctuation") {
  CHECK(parse("campaign c \"C {\n}\n").diagnostics.at(0).code == "E0103");
  CHECK(parse("campaign c \"a\\nb\" {}\n").diagnostics.at(0).code == "E0104");
  const Parsed p = parse("campaign c \"C\" {\n  phase s \"S\" from start，30d {}\n}\n");
  REQUIRE_FALSE(p.diagnostics.empty());
  CHECK(p.diagnostics[0].help == "write the ASCII ',' instead of '，'");
}

TEST_CASE("grammar: a keyword is not a name, and a misspelt keyword gets a suggestion") {
  const Parsed kw = parse("campaign step \"C\" {}\n");
  REQUIRE_FALSE(kw.diagnostics.empty());
  CHECK(kw.diagnostics[0].help == "'step' is a keyword and cannot be used as a name");
  const Parsed typo = parse("campaign c \"C\" {\n  phsae s \"S\" from start, 1d {}\n}\n");
  REQUIRE_FALSE(typo.diagnostics.empty());
  CHECK(typo.diagnostics[0].help == "did you mean 'phase'?");
}

TEST_CASE("grammar: dates are checked against the calendar, numbers against their limits") {
  const Parsed p = parse(
      "campaign c \"C\" {\n  start 2005-02-30\n  phase s \"S\" from start, 99999d {\n"
      "    step a \"A\" by member repeat >= 99999999999999999999\n  }\n}\n");
  REQUIRE(p.diagnostics.size() == 3);
  CHECK(p.diagnostics[0].code == "E0105");
  CHECK(p.diagnostics[0].help == "2005-02 has 28 days");
  CHECK(p.diagnostics[1].code == "E0106");
  CHECK(p.diagnostics[2].code == "E0106");
}

TEST_CASE("grammar: 'advisory' after a window's length marks it, in a phase's head or a window") {
  const Parsed p = parse(
      "procedure p \"P\" {\n"
      "  phase s \"S\" from start, 2m advisory {\n"
      "    window village: after t + 1w, 1m advisory\n"
      "    window town: from start, 1m\n"
      "  }\n"
      "}\n");
  REQUIRE(p.diagnostics.empty());
  const PhaseAst& ph = p.ast.units.at(0).phases.at(0);
  CHECK(ph.window->advisory);
  CHECK(ph.windows.at(0).window.advisory);
  CHECK_FALSE(ph.windows.at(1).window.advisory);
}
