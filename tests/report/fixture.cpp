#include "tests/report/fixture.h"

#include <cstdint>

namespace lockstep::testing {
namespace {

// A small deterministic generator: the same numbers on every platform and run.
class Numbers {
 public:
  std::uint32_t next(std::uint32_t bound) {
    state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::uint32_t>((state_ >> 33) % bound);
  }

 private:
  std::uint64_t state_ = 2005;
};

ReportStep step(const char* id, const char* name, std::uint32_t phase, const char* actor,
                Severity severity = Severity::kRequired) {
  return {id, name, phase, severity, actor};
}

}  // namespace

CampaignReport fixture_report() {
  CampaignReport r;
  r.campaign_id = "baoxian_b2";
  r.campaign_name = "保持共产党员先进性教育活动（第二批）";
  r.start = kFixtureStart;
  r.as_of = kFixtureAsOf;
  r.source = "simulate --seed 7";
  r.org_types = {{"township_organ", "乡镇机关"}, {"village", "村"}, {"school", "学校"}};
  r.groups = {{"g1", "第一督导组"}, {"g2", "第二督导组"}};
  const DayNumber s = kFixtureStart;
  // Villages start a week later and run longer (压茬, allowing for the harvest).
  r.phases = {
      {"study", "学习动员", {{0, s, s + 30}, {1, s + 7, s + 48}, {2, s, s + 30}}},
      {"appraisal", "分析评议", {{0, s + 31, s + 61}, {1, s + 49, s + 91}, {2, s + 31, s + 61}}},
      {"rectify", "整改提高", {{0, s + 62, s + 122}, {1, s + 92, s + 152}, {2, s + 62, s + 122}}},
  };
  r.steps = {
      step("mobilize", "动员大会", 0, "organization"),
      step("plan", "学习计划", 0, "branch"),
      step("learn", "集中学习", 0, "member"),
      step("notes", "学习心得", 0, "member", Severity::kAdvisory),
      step("analysis", "党性分析材料", 1, "member"),
      step("meeting", "专题组织生活会", 1, "branch"),
      step("opinion", "提出评议意见", 1, "branch"),
      step("feedback", "书面反馈评议意见", 1, "member"),
      step("plan_fix", "整改方案", 2, "leadership"),
  };
  r.units = {
      {"zhen_jiguan", "镇机关党支部", 0, 0},
      {"hongxing", "红星村党支部", 1, 0},
      {"dongfeng", "东风村党支部", 1, 1},
      {"zhongxin_xx", "中心小学党支部", 2, 1},
      {"weishengyuan", "卫生院党支部", 0, 0},
      {"liushuwan", "柳树湾村党支部", 1, 1},
      {"evil", "</script><script>alert('x')</script>村", 1, kNoIndex},
      {"zhongxue", "中学党总支 & 团委 \"联合\"", 2, 0},
  };

  Numbers n;
  const char* kinds[] = {"late", "missed", "out_of_order"};
  for (std::uint32_t u = 0; u < r.units.size(); ++u) {
    const std::uint32_t members = 8 + n.next(30);
    for (std::uint32_t st = 0; st < r.steps.size(); ++st) {
      const ReportStep& step = r.steps[st];
      const ReportWindow& w = r.phases[step.phase].windows[r.units[u].org_type];
      ReportCell c;
      c.unit = u;
      c.step = st;
      c.required = step.actor == std::string("member") ? members : 1;
      c.due = w.end;
      if (w.start > r.as_of) {
        r.cells.push_back(c);
        continue;
      }
      // Units further down the list fall further behind.
      const std::uint32_t behind = n.next(3 + u);
      c.excused = step.actor == std::string("member") ? n.next(2) : 0;
      const std::uint32_t rest = c.required - c.excused;
      c.late = rest > 0 ? std::min(rest, behind / 2) : 0;
      std::uint32_t open =
          rest - c.late > 0 && w.end >= r.as_of ? n.next(1 + (rest - c.late) / 2) : 0;
      if (w.end < r.as_of && u >= 5) open = std::min(rest - c.late, behind);
      c.on_time = rest - c.late - open;
      c.overdue = w.end < r.as_of ? open : 0;
      if (open == 0)
        c.completed = std::min(w.end + static_cast<DayNumber>(c.late > 0 ? 3 : 0), r.as_of - 1);
      r.cells.push_back(c);
      for (std::uint32_t k = 0; k < c.late + c.overdue && k < 3; ++k) {
        ReportViolation v;
        v.day = w.end + 1 + static_cast<DayNumber>(k);
        v.unit = u;
        if (step.actor == std::string("member")) {
          v.member_id = "m" + std::to_string(u * 100 + k);
          v.member_name = k == 0 ? "张三" : (k == 1 ? "李四" : "欧阳晓明");
        }
        v.phase = step.phase;
        v.step = st;
        v.kind = k < c.late ? kinds[0] : kinds[1];
        if (st == 5 && k == 0) v.kind = kinds[2];
        v.severity = step.severity;
        v.rule = "rules/baoxian_2005_township.lock:" + std::to_string(20 + st * 3) + ":5";
        v.message = v.kind == std::string("late") ? step.display_name + "逾期完成"
                                                  : step.display_name + "未在期限内完成";
        r.violations.push_back(std::move(v));
      }
    }
  }
  // A phase's own rule: the village moved on without its look back (回头看).
  r.violations.push_back({s + 50, 1, "", "", 0, kNoIndex, "gate", Severity::kRequired,
                          "rules/baoxian_2005_township.lock:18:5", "未经回头看即转入分析评议阶段"});

  // Open required work per phase and day, falling as the windows pass.
  r.burn_down.first_day = s;
  for (std::uint32_t p = 0; p < r.phases.size(); ++p) {
    std::vector<std::uint32_t> series;
    std::uint32_t open = 180 - 40 * p;
    for (DayNumber d = s; d <= r.as_of; ++d) {
      if (d >= s + static_cast<DayNumber>(31 * p) && open > 0) open -= std::min(open, n.next(6));
      series.push_back(open);
    }
    r.burn_down.open_by_phase.push_back(std::move(series));
  }
  r.runs = 200;
  r.forecasts = {{1, 7, 0.8125, s + 85, s + 90, s + 97}, {5, 7, 0.41, s + 88, s + 94, s + 103}};
  return r;
}

CampaignReport tiny_report() {
  CampaignReport r;
  r.campaign_id = "demo";
  r.campaign_name = "学习实践活动";
  r.start = kFixtureStart;
  r.as_of = kFixtureStart + 40;
  r.org_types = {{"village", "村"}};
  r.groups = {{"g1", "第一督导组"}};
  r.phases = {{"study", "学习调研", {{0, kFixtureStart, kFixtureStart + 30}}}};
  r.steps = {step("mobilize", "动员大会", 0, "organization"),
             step("learn", "集中学习", 0, "member")};
  r.units = {{"hx", "红星村党支部", 0, 0}, {"east", "East Village", 0, kNoIndex}};
  r.cells = {
      {0, 0, 1, 1, 0, 0, 0, kFixtureStart + 7, kFixtureStart + 5},
      {0, 1, 20, 15, 3, 1, 1, kFixtureStart + 30, std::nullopt},
      {1, 0, 1, 0, 1, 0, 0, kFixtureStart + 7, kFixtureStart + 9},
      {1, 1, 12, 12, 0, 0, 0, kFixtureStart + 30, kFixtureStart + 28},
  };
  r.violations = {
      {kFixtureStart + 31, 0, "m07", "欧阳晓明", 0, 1, "missed", Severity::kRequired,
       "rules/x.lock:12:5", "集中学习未在期限内完成"},
      {kFixtureStart + 8, 1, "", "", 0, 0, "late", Severity::kRequired, "rules/x.lock:9:5",
       "mobilization meeting held 2 days late"},
      {kFixtureStart + 20, 0, "m03", "张三", 0, 1, "late", Severity::kAdvisory,
       "rules/x.lock:13:10", "study hours below 40"},
  };
  return r;
}

}  // namespace lockstep::testing
