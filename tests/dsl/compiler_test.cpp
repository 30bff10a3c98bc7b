// The compiler's output: every field of the campaign model, as model.h's invariants say.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "tests/dsl/test_util.h"

using namespace lockstep;
using namespace lockstep::test;

namespace {

const char* kExample = R"(# 保持共产党员先进性教育活动 — seed 000
campaign baoxian_b2 "保持共产党员先进性教育活动（第二批）" {
  start 2005-07-01
  orgtype township_organ "乡镇机关"
  orgtype village "村"
  category leading_cadre "党员领导干部"
  category retired "离退休党员"
  form written "书面"

  phase study "学习动员" from start, 1m {
    window village: from start + 1w, 6w
    gate lookback "回头看" by supervision
    step mobilize "动员大会" by organization due phase.start + 7d
    step plan "学习计划" by branch after mobilize of parent
    step learn "集中学习" by member after plan of parent require hours >= 40 advisory except retired
    step discuss "专题讨论" by branch after plan repeat >= 2
  }

  phase appraisal "分析评议" after study, 30d {
    step analysis "党性分析材料" by member after learn
         require chars >= 1500 advisory, leading_cadre: chars >= 2500
    step meeting "专题组织生活会" by branch after analysis of all members
    step opinion "提出评议意见" by branch after meeting
    step feedback "书面反馈评议意见" by member after opinion of parent
         within 7d after opinion of parent
         require form = written
  }

  phase rectify "整改提高" with appraisal + 2w, 2m {
    step plan_fix "整改方案" by leadership due phase.end - 14d only township_organ, village
  }
}
)";

}  // namespace

TEST_CASE("compiler: the reference example compiles into the model it describes") {
  const RulesResult r = compile(kExample);
  INFO(rendered(r));
  REQUIRE(r.diagnostics.empty());
  REQUIRE(r.model.has_value());
  const CampaignModel& m = *r.model;
  CHECK(m.id == "baoxian_b2");
  CHECK(m.display_name == "保持共产党员先进性教育活动（第二批）");
  CHECK(m.start == 12965);  // 2005-07-01
  CHECK(m.files == std::vector<std::string>{"test.lock"});
  CHECK(m.where.line == 2);
  REQUIRE(m.org_types.size() == 2);
  REQUIRE(m.categories.size() == 2);
  CHECK(m.find_category("retired") == CategoryId{1});
  CHECK(m.forms.at(0).display_name == "书面");

  REQUIRE(m.phases.size() == 3);
  const Phase& study = m.phases[0];
  CHECK(study.display_name == "学习动员");
  CHECK(study.window.start == PhaseWindow::Start::kCampaignStart);
  CHECK(study.window.length.amount == 1);
  CHECK(study.window.length.unit == Duration::Unit::kMonths);
  REQUIRE(study.window_by_org_type.size() == 1);
  CHECK(study.window_by_org_type[0].first == OrgTypeId{1});
  CHECK(study.window_by_org_type[0].second.offset.amount == 1);
  CHECK(study.gate->id == "lookback");
  CHECK(study.gate->approver == Gate::Approver::kSupervisionGroup);
  CHECK(study.first_step == 0);
  CHECK(study.step_count == 4);
  CHECK(m.phases[1].window.start == PhaseWindow::Start::kAfterPhase);
  CHECK(m.phases[1].window.other == PhaseId{0});
  CHECK(m.phases[2].window.start == PhaseWindow::Start::kWithPhase);
  CHECK(m.phases[2].window.offset.amount == 2);
  CHECK(m.phases[2].first_step == 8);

  REQUIRE(m.steps.size() == 9);
  const Step& mobilize = m.steps[0];
  CHECK(mobilize.actor == Actor::kOrganization);
  CHECK(mobilize.deadline->due.base == TimeExpr::Base::kPhaseStart);
  CHECK(mobilize.deadline->due.phase == PhaseId{0});
  CHECK(mobilize.deadline->due.offset.amount == 7);
  CHECK(mobilize.where.line == 13);

  const Step& learn =
      *std::find_if(m.steps.begin(), m.steps.end(), [](const Step& s) { return s.id == "learn"; });
  REQUIRE(learn.after.size() == 1);
  CHECK(learn.after[0].step == StepId{1});
  CHECK(learn.after[0].scope == Prerequisite::Scope::kParent);
  REQUIRE(learn.requirements.size() == 1);
  CHECK(learn.requirements[0].field == Requirement::Field::kHours);
  CHECK(learn.requirements[0].value == 40);
  CHECK(learn.requirements[0].severity == Severity::kAdvisory);
  CHECK(learn.applies.except_categories == 0b10);
  CHECK(m.steps[3].min_repetitions == 2);

  const Step& analysis = m.steps[4];
  REQUIRE(analysis.requirements.size() == 2);
  CHECK(analysis.requirements[1].for_category == CategoryId{0});
  CHECK(analysis.requirements[1].severity == Severity::kRequired);
  CHECK(m.steps[5].after[0].scope == Prerequisite::Scope::kAllMembers);

  const Step& feedback = m.steps[7];
  CHECK(feedback.within->after.step == StepId{6});
  CHECK(feedback.within->after.scope == Prerequisite::Scope::kParent);
  CHECK(feedback.within->limit.amount == 7);
  CHECK(feedback.requirements[0].field == Requirement::Field::kForm);
  CHECK(feedback.requirements[0].value == 0);

  const Step& fix = m.steps[8];
  CHECK(fix.actor == Actor::kLeadership);
  CHECK(fix.phase == PhaseId{2});
  CHECK(fix.deadline->due.base == TimeExpr::Base::kPhaseEnd);
  CHECK(fix.deadline->due.offset.amount == -14);
  CHECK(fix.applies.only_org_types == 0b11);
}

TEST_CASE("compiler: a requirement's prefix names a category or an org type") {
  // Two org types and a category, used only by the prefixes; `extra` adds a step.
  auto rules = [](const std::string& extra) {
    return compile(R"(campaign c "c" {
  start 2005-07-01
  orgtype school "学校"
  orgtype village "村"
  category cadre "干部"
  phase study "学习" from start, 1m {
    step learn "学习" by member require school: hours >= 40 advisory, cadre: hours >= 50,
         village: hours >= 20
    step report "汇报" by branch require count >= 1, school: count >= 2
)" + extra + R"(  }
})");
  };
  // The same field, comparison and prefix twice is the one error.
  const RulesResult twice = rules(
      "    step notes \"心得\" by member require school: chars >= 500, school: chars >= 800\n");
  REQUIRE_MESSAGE(!twice.model.has_value(), rendered(twice));
  REQUIRE(codes(twice) == std::vector<std::string>{"E0206"});
  CHECK(twice.diagnostics[0].span.line == 10);
  CHECK(twice.diagnostics[0].help.find("'ORGTYPE:'") != std::string::npos);

  const RulesResult ok = rules("");
  REQUIRE_MESSAGE(ok.model.has_value(), rendered(ok));
  CHECK(ok.diagnostics.empty());  // school, village and cadre count as used
  const std::vector<Requirement>& learn = ok.model->steps[0].requirements;
  REQUIRE(learn.size() == 3);
  CHECK(learn[0].for_org_type == OrgTypeId{0});
  CHECK(!learn[0].for_category);
  CHECK(learn[0].severity == Severity::kAdvisory);
  CHECK(learn[1].for_category == CategoryId{0});
  CHECK(!learn[1].for_org_type);
  CHECK(learn[2].for_org_type == OrgTypeId{1});
  const std::vector<Requirement>& report = ok.model->steps[1].requirements;
  REQUIRE(report.size() == 2);
  CHECK(!report[0].for_org_type);
  CHECK(report[1].for_org_type == OrgTypeId{0});
  CHECK(report[1].value == 2);
}

TEST_CASE("compiler: every step id and phase id stored is in range, steps grouped by phase") {
  const RulesResult r = compile(kExample);
  REQUIRE(r.model.has_value());
  const CampaignModel& m = *r.model;
  StepId expected_first = 0;
  for (PhaseId p = 0; p < m.phases.size(); ++p) {
    CHECK(m.phases[p].first_step == expected_first);
    for (StepId s = m.phases[p].first_step; s < m.phases[p].first_step + m.phases[p].step_count;
         ++s)
      CHECK(m.steps[s].phase == p);
    expected_first = static_cast<StepId>(expected_first + m.phases[p].step_count);
  }
  CHECK(expected_first == m.steps.size());
  for (const Step& s : m.steps) {
    for (const Prerequisite& p : s.after) {
      CHECK(p.step < m.steps.size());
      CHECK(m.steps[p.step].phase <= s.phase);
    }
  }
}

TEST_CASE("compiler: a campaign extends a procedure, replacing and removing what it names") {
  const RulesResult r = compile(R"(
procedure base "Base" {
  form written "书面"
  phase study "学习" from start, 30d {
    step plan "计划" by branch
    step learn "学习" by member after plan of parent
    step notes "心得" by member after learn require form = written
  }
  phase appraisal "评议" after study, 30d {
    step meeting "会" by branch
  }
}
campaign c "C" extends base {
  phase study {
    step learn "集中学习" by member after plan of parent repeat >= 3
    step extra "补充" by branch after plan
    remove step notes
  }
  remove phase appraisal
  phase rectify "整改" after study, 2w {}
}
)");
  INFO(rendered(r));
  REQUIRE(r.model.has_value());
  const CampaignModel& m = *r.model;
  REQUIRE(m.phases.size() == 2);
  CHECK(m.phases[0].display_name == "学习");  // kept: the extension did not restate it
  CHECK(m.phases[1].id == "rectify");
  REQUIRE(m.steps.size() == 3);
  CHECK(m.steps[1].id == "learn");
  CHECK(m.steps[1].display_name == "集中学习");
  CHECK(m.steps[1].min_repetitions == 3);
  CHECK(m.steps[2].id == "extra");
  CHECK_FALSE(m.find_step("notes").has_value());
}

TEST_CASE("compiler: a file of procedures only is checked and gives no model") {
  const RulesResult r = compile(
      "procedure p \"P\" {\n  phase s \"S\" from start, 1d {\n    step a \"A\" by membr\n  }\n}\n");
  CHECK_FALSE(r.model.has_value());
  CHECK(has_code(r, "E0203"));
}

TEST_CASE("compiler: imports are read relative to the importing file") {
  const RulesResult r = compile_rules_file(LOCKSTEP_SOURCE_DIR "/tests/dsl/data/variant.lock");
  INFO(rendered(r));
  CHECK_FALSE(has_errors(r.diagnostics));
  REQUIRE(r.model.has_value());
  REQUIRE(r.files.size() == 2);
  CHECK(r.files[1].path == LOCKSTEP_SOURCE_DIR "/tests/dsl/data/base.lock");
  CHECK(r.model->files.size() == 2);
  // A step of the base procedure points into the imported file.
  CHECK(r.model->steps[r.model->find_step("mobilize").value()].where.file == 1);
  CHECK(r.model->phases[0].window_by_org_type.size() == 1);
}

TEST_CASE("compiler: a missing import is an error at the import, an unreadable file is I/O") {
  const RulesResult missing =
      compile("import \"nowhere/none.lock\"\ncampaign c \"C\" extends base {}\n");
  const Diagnostic* d = find_code(missing, "E0006");
  REQUIRE(d != nullptr);
  CHECK(d->span.line == 1);
  CHECK(has_code(missing, "E0201"));  // and 'base' is then unknown
  CHECK_FALSE(missing.unreadable);
  const RulesResult unreadable = compile_rules_file("/nonexistent/rules.lock");
  CHECK(unreadable.unreadable);
  CHECK(codes(unreadable) == std::vector<std::string>{"E0006"});
}

TEST_CASE("compiler: the whole example of docs/language.md is clean and in the canonical layout") {
  std::ifstream in(LOCKSTEP_SOURCE_DIR "/docs/language.md");
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string doc = buffer.str();
  const std::size_t open = doc.find("```\n");
  REQUIRE(open != std::string::npos);
  const std::size_t close = doc.find("```", open + 4);
  const std::string example = doc.substr(open + 4, close - open - 4);
  const RulesResult r = compile(example);
  INFO(rendered(r));
  CHECK(r.diagnostics.empty());
  CHECK(r.model.has_value());
  const FormatResult f = format_rules_text("example.lock", example);
  REQUIRE(f.text.has_value());
  CHECK(*f.text == example);
}

TEST_CASE("compiler: a window marked advisory is advisory for its org types only, and extends") {
  const RulesResult r = compile(
      "procedure base \"B\" {\n"
      "  orgtype village \"村\"\n  orgtype town \"镇\"\n"
      "  phase a \"A\" from start, 2m advisory {\n"
      "    window village: from start + 1m, 1m advisory\n"
      "    window town: from start, 2m\n"
      "    step s \"S\" by branch\n  }\n"
      "  phase b \"B\" after a, 2m {}\n"
      "}\n"
      "campaign c \"C\" extends base {\n  phase b after a, 1m advisory {}\n}\n");
  REQUIRE_MESSAGE(r.model.has_value(), rendered(r));
  const Phase& a = r.model->phases.at(0);
  CHECK(a.window.severity == Severity::kAdvisory);
  REQUIRE(a.window_by_org_type.size() == 2);
  CHECK(a.window_by_org_type[0].second.severity == Severity::kAdvisory);
  CHECK(a.window_by_org_type[1].second.severity == Severity::kRequired);
  CHECK(r.model->phases.at(1).window.severity == Severity::kAdvisory);  // as the campaign wrote it
}
