// Running one test (run_test.h): load, check the expectation's names, feed the run, compare.
#include "ruletest/run_test.h"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

#include "lockstep/civil_date.h"
#include "lockstep/names.h"
#include "lockstep/run.h"
#include "ruletest/compare.h"
#include "ruletest/test_inputs.h"
#include "util/suggest.h"

namespace lockstep::ruletest {
namespace {

// The error for a roster or event log file a test names that cannot be read, at the line naming it.
Problems unreadable(const TestFile& file, const DataSource& source, const char* what) {
  return problem_at(file, source.where, "T001",
                    fmt::format("cannot read {} {}", what, resolve_path(file.path, source.path)),
                    "the path is relative to the test file");
}

// Did-you-mean is worth its cost for a test-sized roster; a roster file of millions is not
// searched for it.
constexpr std::size_t kMaxSuggestionCandidates = 20000;

// Ids of a roster's units and members, for the names a test writes.
struct RosterNames {
  std::unordered_map<std::string, UnitId> units;
  std::unordered_map<std::string, MemberId> members;

  explicit RosterNames(const Organization& org) {
    for (UnitId u = 0; u < org.units.size(); ++u) units.emplace(org.units[u].id, u);
    for (MemberId m = 0; m < org.member_count(); ++m) members.emplace(org.member_id(m), m);
  }
};

// The T010 checks: every name an expectation writes is declared by the rules or the roster, and a
// status names a step of the right performer. Problems point into the test file.
class NameCheck {
 public:
  NameCheck(const TestFile& file, const CampaignModel& model, const Organization& org,
            const RosterNames& names)
      : model_(model), org_(org), names_(names) {
    problems.files = file.files;
  }

  void check(const Expectation& e) {
    const ViolationFilter& f = e.filter;
    if (!f.step.empty()) step(f.step, f.step_where);
    if (!f.phase.empty() && !model_.find_phase(f.phase)) {
      std::vector<std::string_view> ids;
      for (const Phase& p : model_.phases) ids.push_back(p.id);
      unknown(f.phase_where, "phase", f.phase, ids, "the campaign's phases");
    }
    if (!f.unit.empty() && !names_.units.count(f.unit)) {
      unknown(f.unit_where, "unit", f.unit, unit_ids(),
              names_.members.count(f.unit) ? "it is a member: write `member " + f.unit + "`"
                                           : "a unit of the roster");
    }
    if (!f.member.empty() && !names_.members.count(f.member)) {
      unknown(f.member_where, "member", f.member, member_ids(),
              names_.units.count(f.member) ? "it is a unit: write `unit " + f.member + "`"
                                           : "a member of the roster");
    }
    if (e.kind == Expectation::Kind::kStatus) status(e);
  }

  Problems problems;

 private:
  std::optional<StepId> step(const std::string& id, const SourceSpan& where) {
    if (const std::optional<StepId> s = model_.find_step(id)) return s;
    std::vector<std::string_view> ids;
    for (const Step& s : model_.steps) ids.push_back(s.id);
    unknown(where, "step", id, ids, "a step of the campaign");
    return std::nullopt;
  }

  void status(const Expectation& e) {
    const bool unit = names_.units.count(e.who) > 0;
    const bool member = names_.members.count(e.who) > 0;
    if (!unit && !member) {
      std::vector<std::string_view> ids = unit_ids();
      const std::vector<std::string_view> more = member_ids();
      ids.insert(ids.end(), more.begin(), more.end());
      unknown(e.who_where, "unit or member", e.who, ids, "a unit or member of the roster");
    }
    const std::optional<StepId> s = step(e.step, e.step_where);
    if (!s || (!unit && !member)) return;
    const Step& st = model_.steps[*s];
    const bool member_step = st.actor == Actor::kMember;
    if (member_step != member) {
      add(e.step_where,
          fmt::format("'{}' is performed by {}; '{}' is a {}", e.step, actor_name(st.actor), e.who,
                      member ? "member" : "unit"),
          member_step ? "name a member of the roster for a member's step"
                      : fmt::format("name a unit ({}) for this step", actor_name(st.actor)));
    }
  }

  std::vector<std::string_view> unit_ids() const {
    std::vector<std::string_view> out;
    if (org_.units.size() <= kMaxSuggestionCandidates)
      for (const Unit& u : org_.units) out.push_back(u.id);
    return out;
  }
  std::vector<std::string_view> member_ids() {
    std::vector<std::string_view> out;
    if (org_.member_count() > kMaxSuggestionCandidates) return out;
    member_id_text_.clear();
    member_id_text_.reserve(org_.member_count());
    for (MemberId m = 0; m < org_.member_count(); ++m) member_id_text_.push_back(org_.member_id(m));
    for (const std::string& s : member_id_text_) out.push_back(s);
    return out;
  }

  void unknown(const SourceSpan& where, std::string_view what, const std::string& name,
               const std::vector<std::string_view>& candidates, std::string expected) {
    std::string help = util::did_you_mean(name, candidates);
    help += help.empty() ? "expected " + expected : "; expected " + expected;
    add(where, fmt::format("unknown {} '{}'", what, name), help, "not declared");
  }

  void add(const SourceSpan& where, std::string message, std::string help, std::string label = {}) {
    Diagnostic d;
    d.code = "T010";
    d.message = std::move(message);
    d.span = where;
    d.help = std::move(help);
    d.label = std::move(label);
    problems.diagnostics.push_back(std::move(d));
  }

  const CampaignModel& model_;
  const Organization& org_;
  const RosterNames& names_;
  std::vector<std::string> member_id_text_;
};

// The state of `who`'s `step` in the engine now, or why there is none.
std::string state_now(const Engine& engine, const RosterNames& names, const std::string& who,
                      StepId step, std::optional<StepState>& state) {
  std::vector<StepStatus> steps;
  if (const auto m = names.members.find(who); m != names.members.end()) {
    if (const std::optional<MemberStatus> s = engine.member_status(m->second)) steps = s->steps;
  } else if (const auto u = names.units.find(who); u != names.units.end()) {
    if (const std::optional<UnitStatus> s = engine.unit_status(u->second)) steps = s->steps;
  }
  for (const StepStatus& s : steps) {
    if (s.step == step) {
      state = s.state;
      return step_state_name(s.state);
    }
  }
  return "not applicable: the step does not apply to " + who;
}

// When the test's run is compared: the `until` date when given, else the campaign's end.
struct Checkpoint {
  DayNumber day = 0;
  bool final = false;
};

}  // namespace

TestResult run_test(const TestFile& file, const TestCase& test, InputCache& cache,
                    CoverageCounter& coverage) {
  TestResult result;
  result.name = test.name;
  result.file = file.path;
  result.line = test.where.line;
  const auto fail_to_load = [&](Problems problems) {
    result.status = TestResult::Status::kError;
    result.problems.push_back(std::move(problems));
    return result;
  };

  const TestSetup& setup = test.setup;
  const std::string rules_path = resolve_path(file.path, setup.rules);
  const Loaded<CampaignModel>& rules = cache.rules(rules_path);
  if (rules.unreadable)
    return fail_to_load(problem_at(file, setup.rules_where, "T001",
                                   fmt::format("cannot read the rules file {}", rules_path),
                                   "the path is relative to the test file"));
  if (!rules.value) return fail_to_load(rules.problems);
  const std::shared_ptr<const CampaignModel> model = rules.value;

  Loaded<Organization> roster = cache.roster(file, setup.roster, rules_path, *model);
  if (roster.unreadable) return fail_to_load(unreadable(file, setup.roster, "the roster"));
  if (!roster.value) return fail_to_load(roster.problems);
  const std::shared_ptr<const Organization> org = roster.value;

  LoadedEvents events = load_events(file, setup.events, *model, *org);
  if (events.unreadable) return fail_to_load(unreadable(file, setup.events, "the event log"));
  if (!events.log) return fail_to_load(events.problems);

  const RosterNames names(*org);
  NameCheck check(file, *model, *org, names);
  for (const Expectation& e : test.expectations) check.check(e);
  if (has_errors(check.problems.diagnostics)) return fail_to_load(std::move(check.problems));

  RunOptions options;
  options.engine.mode = setup.mode.value_or(Mode::kAudit);
  options.engine.start = setup.start;
  RunResult started = Run::start(model, org, options);
  Diagnostics& start_problems = started.diagnostics;
  std::optional<Run>& run = started.run;
  if (!run) {
    if (start_problems.empty() || !model->start) {
      return fail_to_load(problem_at(
          file, test.where, "T011", "the campaign has no start date",
          "its rules give none: add `start YYYY-MM-DD` to the test or above the first test"));
    }
    return fail_to_load({std::move(start_problems), rules.problems.files});
  }

  // The checkpoints: every status date, and the test's end, in order.
  const DayNumber end = setup.until.value_or(run->end_of_campaign());
  std::vector<Checkpoint> checkpoints;
  for (const Expectation& e : test.expectations)
    if (e.kind == Expectation::Kind::kStatus && e.at) checkpoints.push_back({*e.at, false});
  checkpoints.push_back({end, true});
  std::stable_sort(checkpoints.begin(), checkpoints.end(),
                   [](const Checkpoint& a, const Checkpoint& b) { return a.day < b.day; });

  const std::vector<Event>& log = events.log->events;
  std::size_t next = 0;
  std::vector<std::optional<StepState>> states(test.expectations.size());
  std::vector<std::string> found(test.expectations.size());
  std::optional<CampaignReport> report;
  for (const Checkpoint& c : checkpoints) {
    // Events up to the checkpoint's day; at the campaign's end (no `until`), every event, as
    // replay applies them.
    std::size_t upto = next;
    while (upto < log.size() && (log[upto].day <= c.day || (c.final && !setup.until))) ++upto;
    run->apply(std::span<const Event>(log.data() + next, upto - next));
    next = upto;
    run->advance_to(c.day);
    for (std::size_t i = 0; i < test.expectations.size(); ++i) {
      const Expectation& e = test.expectations[i];
      if (e.kind != Expectation::Kind::kStatus || (e.at ? *e.at != c.day : !c.final)) continue;
      found[i] = state_now(run->engine(), names, e.who, *model->find_step(e.step), states[i]);
    }
    if (c.final) report = run->report("lockstep test " + file.path);
  }
  result.refused = run->refused();

  TestEvidence evidence;
  evidence.stepped.assign(model->steps.size(), false);
  for (const Event& e : log)
    if (e.kind != Event::Kind::kApprove && e.step < model->steps.size())
      evidence.stepped[e.step] = true;
  compare(test, {*report, std::move(states), std::move(found)}, result, evidence);
  result.status = result.failures.empty() ? TestResult::Status::kPass : TestResult::Status::kFail;
  coverage.add(rules_path, model, evidence);
  return result;
}

}  // namespace lockstep::ruletest
