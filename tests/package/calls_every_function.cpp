// A consumer of the installed package that calls every public function of the engine component,
// so that linking it proves each declared function is defined in what is installed. The calls run
// only when asked (`calls_every_function run`); built and started without it, the program checks
// the link and exits 0. The journal and report components' functions are called when their
// headers are there (LOCKSTEP_WITH_JOURNAL, LOCKSTEP_WITH_REPORT).
#include <lockstep/campaign.h>
#include <lockstep/civil_date.h>
#include <lockstep/diagnostic.h>
#include <lockstep/engine.h>
#include <lockstep/event_log.h>
#include <lockstep/lifecycle.h>
#include <lockstep/messages.h>
#include <lockstep/model.h>
#include <lockstep/name_index.h>
#include <lockstep/names.h>
#include <lockstep/roster.h>
#include <lockstep/rules.h>
#include <lockstep/run.h>
#include <lockstep/violation.h>
#ifdef LOCKSTEP_WITH_JOURNAL
#include <lockstep/journal.h>
#endif
#ifdef LOCKSTEP_WITH_REPORT
#include <lockstep/report.h>
#endif

#include <cstring>
#include <iostream>
#include <sstream>

namespace {

// Calls everything once over a campaign opened from the given files; returns a number that
// depends on every result, so that nothing is optimized away.
std::size_t call_everything(const char* rules_path, const char* roster_path) {
  using namespace lockstep;
  std::size_t sink = 0;
  // civil_date.h
  const DayNumber d = days_from_civil({2005, 7, 1});
  sink += static_cast<std::size_t>(civil_from_days(d).day) + is_valid_date({2005, 2, 29});
  sink += static_cast<std::size_t>(days_in_month(2005, 2)) + parse_date("2005-07-01").has_value();
  sink += format_date(add_duration(add_months(d, 1), Duration{})).size();
  // rules.h
  RulesResult rules = compile_rules_file(rules_path);
  sink += compile_rules_text("x.lock", "").diagnostics.size();
  sink += format_rules_file(rules_path).diagnostics.size();
  sink += format_rules_text("x.lock", "").diagnostics.size();
  if (!rules.model) return sink;
  auto model = std::make_shared<const CampaignModel>(std::move(*rules.model));
  sink += render_graph(*model, GraphStyle::kMermaid).size();
  sink += model->find_step("learn").has_value() + model->find_phase("study").has_value() +
          model->find_category("retired").has_value() + model->find_org_type("x").has_value() +
          model->find_form("written").has_value();
  sink += format_location(*model, model->where).size();
  // diagnostic.h
  sink += render_json(rules.diagnostics, rules.files).size();
  for (const Diagnostic& x : rules.diagnostics) sink += render_text(x, rules.files).size();
  // roster.h
  RosterResult roster = read_roster_file(roster_path, *model);
  sink += read_roster_text("r.csv", "", *model).diagnostics.size();
  if (!roster.org) return sink;
  auto org = std::make_shared<const Organization>(std::move(*roster.org));
  std::ostringstream out;
  write_roster_csv(*org, *model, out);
  write_roster_json(*org, *model, out);
  sink += org->member_id(0).size() + org->member_name(0).size();
  // names.h, lifecycle.h, violation.h
  sink += std::strlen(actor_name(Actor::kMember)) + parse_actor("member").has_value();
  sink += std::strlen(evidence_field_name(Requirement::Field::kHours)) +
          parse_evidence_field("hours").has_value();
  sink += std::strlen(unit_level_name(UnitLevel::kBranch)) + parse_unit_level("branch").has_value();
  sink += duration_text(Duration{}).size() + actor_names().size() + evidence_field_names().size();
  sink += std::strlen(step_state_name(StepState::kDone)) +
          std::strlen(phase_state_name(PhaseState::kOpen));
  sink += std::strlen(violation_kind_name(ViolationKind::kLate)) +
          std::strlen(refusal_kind_name(RefusalKind::kNone));
  // event_log.h
  sink += event_log_format_for("x.csv").has_value();
  EventLogResult log = read_event_log_text("x.csv", "", EventLogFormat::kCsv);
  sink += read_event_log_file("missing.csv").diagnostics.size() + log.diagnostics.size();
  write_event_log({LogEvent::complete("learn", "m0", d)}, EventLogFormat::kJsonLines, out);
  // engine.h
  EngineResult made = make_engine(model, org);
  if (!made.engine) return sink;
  Engine& e = *made.engine;
  Engine copy = e;
  copy = e;
  Engine moved = std::move(copy);
  copy = std::move(moved);
  Refusal why;
  sink += e.apply(Event::advance(d), &why).accepted;
  std::vector<Outcome> outcomes;
  std::vector<Refusal> refusals;
  const std::vector<Event> batch = {Event::advance(d)};
  sink += e.apply(batch, &outcomes, &refusals);
  e.set_mode(e.mode());
  sink += static_cast<std::size_t>(e.clock() + e.start()) + e.violations().size() +
          e.violation_count();
  MemberStatus ms;
  UnitStatus us;
  sink += e.member_status(0).has_value() + e.unit_status(0).has_value() + e.member_status(0, ms) +
          e.unit_status(0, us) + e.phase_state(1, 0).has_value() + e.rollup_branch(1).has_value() +
          e.rollup_subtree(0).has_value() + e.rollup_group(0).has_value() +
          e.phase_window(1, 0).has_value() + e.phase_binding_end(1, 0).has_value() +
          e.due(0, MemberRef(0)).has_value();
  sink += e.fingerprint() + e.state_bytes() + e.save_state().size();
  sink += e.load_state(e.save_state()).size() + e.valid();
  sink += e.model().steps.size() + e.organization().units.size() + e.shared_model().use_count() +
          e.shared_organization().use_count();
  if (e.violation_count() > 0) sink += e.violation(0).day;
  advance_daily(e, d + 1, [&sink](const Engine&) { ++sink; });
  // name_index.h, messages.h
  NameIndex names(model, org);
  NameProblem problem;
  sink += names.resolve(LogEvent::complete("learn", "nobody", d), why).has_value();
  sink += names.member("m0", &problem).has_value() + names.unit("u").has_value() +
          names.step("learn").has_value() + names.phase("study").has_value() +
          names.form("written").has_value() + names.group("g").has_value();
  sink += names.model().steps.size() + names.organization().units.size();
  sink += describe(problem, *model, *org).size() + describe(why, *model, *org).size();
  Violation v;
  sink += describe(v, *model, *org).size();
  sink += log_event_of(Event::advance(d), *model, *org).who.size();
  sink += resolve_log({}, *model, *org, false).events.size();
  sink += idempotency_conflict("k", "line 1").size();
  // run.h
  RunResult started = Run::start(model, org);
  if (started.run) {
    Run& run = *started.run;
    run.advance_to(d + 1);
    sink += run.apply(Event::advance(d + 2), &why).accepted + run.apply(batch, &refusals);
    sink += static_cast<std::size_t>(run.end_of_campaign()) + run.report("x").cells.size() +
            run.cells().size() + run.refused() + run.engine().clock() + run.model().steps.size() +
            run.organization().units.size() + run.shared_model().use_count() +
            run.shared_organization().use_count();
    sink += feed(e, Event::advance(d + 3), &why).accepted;
  }
  // campaign.h
  CampaignResult opened = Campaign::open(rules_path, roster_path);
  CampaignResult created = Campaign::create(model, org);
  if (created.campaign) {
    Campaign& c = *created.campaign;
    sink += c.apply(LogEvent::complete("learn", "m0", d)).accepted +
            c.apply(Event::advance(d)).accepted + c.advance_to(d + 1).accepted;
    sink += c.describe(why).size() + c.describe(v).size();
    sink += c.member_status("m0", &problem).has_value() + c.unit_status("u").has_value();
    sink += static_cast<std::size_t>(c.clock()) + c.violations().size() +
            c.report().cells.size() + c.names().model().steps.size() + c.run().refused() +
            c.engine().clock() + c.model().steps.size() + c.organization().units.size();
  }
  sink += opened.diagnostics.size();
#ifdef LOCKSTEP_WITH_JOURNAL
  std::string error;
  sink += Journal::open("missing.db", {}, error).has_value();
  sink += Journal::create("/nonexistent/x.db", rules_path, roster_path, Mode::kAudit, d, error)
              .has_value();
  sink += verify_journal("missing.db").problems.size();
  sink += migrate_journal("missing.db", rules_path, true, error).has_value();
#endif
#ifdef LOCKSTEP_WITH_REPORT
  if (started.run) {
    const CampaignReport report = started.run->report("x");
    sink += validate_report(report).size() + render_report_text(report).size() +
            render_report_json(report).size() + render_report_csv(report).size() +
            render_report_html(report).size() + terminal_wants_color(1);
  }
#endif
  return sink;
}

}  // namespace

int main(int argc, char** argv) {
  // `run RULES ROSTER`: make every call; otherwise only the link is being checked.
  if (argc == 4 && std::strcmp(argv[1], "run") == 0) {
    std::cout << "calls made (" << call_everything(argv[2], argv[3]) % 1000 << ")\n";
    return 0;
  }
  std::cout << "linked\n";
  return 0;
}
