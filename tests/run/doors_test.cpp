// Every door of the run pipeline gives the same verdict for the same events.
//
// The status of a journal equals the status of a log on every day of three sample campaigns
// (the bureau's sample log; one simulated run of the township and of the district): every field
// of the two reports every day, their JSON byte for byte on every day for the bureau and every
// seventh day (and the last) for the larger two, whose JSON is what takes the time.
//
// On random small campaigns (tests/run/random_campaign.h) four doors give the same reports, field
// by field (violations, cells and the rest; the JSON too at the end of the campaign): the
// simulation's own run (A); its log written as CSV, read back and replayed (B), the log read back
// the same from JSON Lines and XES; the status of that log at a few days, each a fresh run of the
// events up to the day (C), against the replay's state on the day; and for every 20th campaign the
// status of an audit-mode journal holding the log (D), on C's days and at the end. Once more with
// excuses and revisions added to the log (which the simulator never makes), without door A.
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <stdlib.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "lockstep/civil_date.h"
#include "lockstep/event_log.h"
#include "lockstep/journal.h"
#include "lockstep/name_index.h"
#include "lockstep/report.h"
#include "lockstep/roster.h"
#include "lockstep/rules.h"
#include "lockstep/run.h"
#include "sim/scenario.h"
#include "sim/simulation.h"
#include "tests/run/random_campaign.h"
#include "util/random.h"

namespace lockstep::test {
namespace {

// A scratch folder removed at the end of the test.
struct Scratch {
  std::filesystem::path dir;
  Scratch() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "lockstep-doors-XXXXXX").string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    dir = pattern;
  }
  ~Scratch() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
  std::string file(const std::string& name) const { return (dir / name).string(); }
};

void write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  REQUIRE(out.good());
}

std::string errors_of(const Diagnostics& diagnostics, const SourceFiles& files) {
  std::string out;
  for (const Diagnostic& d : diagnostics) out += render_text(d, files) + "\n";
  return out;
}

std::shared_ptr<const CampaignModel> rules_file(const std::string& path) {
  RulesResult r = compile_rules_file(path);
  INFO(errors_of(r.diagnostics, r.files));
  REQUIRE(r.model);
  return std::make_shared<const CampaignModel>(std::move(*r.model));
}

std::shared_ptr<const Organization> roster_file(const std::string& path,
                                                const CampaignModel& model) {
  RosterResult r = read_roster_file(path, model);
  INFO(errors_of(r.diagnostics, r.files));
  REQUIRE(r.org);
  return std::make_shared<const Organization>(std::move(*r.org));
}

// A fresh run in audit mode, as status, replay and the journals here run.
Run fresh_run(std::shared_ptr<const CampaignModel> model, std::shared_ptr<const Organization> org,
              std::optional<DayNumber> start = std::nullopt) {
  RunOptions options;
  options.engine.mode = Mode::kAudit;
  options.engine.start = start;
  RunResult started = Run::start(std::move(model), std::move(org), options);
  REQUIRE(started.run);
  return std::move(*started.run);
}

// The events as a log, as simulate --export-log writes them.
std::string log_text(const std::vector<Event>& events, const CampaignModel& model,
                     const Organization& org, EventLogFormat format = EventLogFormat::kCsv) {
  std::vector<LogEvent> records;
  records.reserve(events.size());
  for (const Event& e : events) records.push_back(log_event_of(e, model, org));
  std::ostringstream out;
  write_event_log(records, format, out);
  return out.str();
}

// A log read and resolved as replay and status read one.
ResolvedLog read_log(const std::string& text, const CampaignModel& model, const Organization& org) {
  EventLogResult read = read_event_log_text("log.csv", text, EventLogFormat::kCsv);
  INFO(errors_of(read.diagnostics, read.files));
  REQUIRE(read.events);
  ResolvedLog log = resolve_log(std::move(*read.events), model, org, false);
  INFO(errors_of(log.diagnostics, read.files));
  REQUIRE(log.ok());
  return log;
}

// The events of `events` (sorted by day) from `from` on that are dated `day` or earlier: the
// index one past the last of them.
std::size_t through(std::span<const Event> events, std::size_t from, DayNumber day) {
  while (from < events.size() && events[from].day <= day) ++from;
  return from;
}

// The first line where two texts differ, for a readable failure.
std::string first_difference(const std::string& a, const std::string& b) {
  std::istringstream x(a), y(b);
  std::string la, lb;
  for (int line = 1;; ++line) {
    const bool more_a = static_cast<bool>(std::getline(x, la));
    const bool more_b = static_cast<bool>(std::getline(y, lb));
    if (!more_a && !more_b) return "no difference";
    if (!more_a || !more_b || la != lb)
      return fmt::format("line {}:\n  {}\n  {}", line, more_a ? la : "(end)",
                         more_b ? lb : "(end)");
  }
}

// How two reports of the same state differ in their violations (kind, day, unit, member, step,
// message) or cells; empty when they do not.
std::string verdict_difference(const CampaignReport& a, const CampaignReport& b) {
  auto violation = [](const ReportViolation& v) {
    return fmt::format("{} day {} unit {} member '{}' step {} phase {}: {}", v.kind,
                       format_date(v.day), v.unit, v.member_id, v.step, v.phase, v.message);
  };
  auto cell = [](const ReportCell& c) {
    return fmt::format(
        "unit {} step {}: required {} on time {} late {} excused {} overdue {} "
        "due {} completed {}",
        c.unit, c.step, c.required, c.on_time, c.late, c.excused, c.overdue,
        c.due ? format_date(*c.due) : "-", c.completed ? format_date(*c.completed) : "-");
  };
  for (std::size_t i = 0; i < std::max(a.violations.size(), b.violations.size()); ++i) {
    const std::string x = i < a.violations.size() ? violation(a.violations[i]) : "(none)";
    const std::string y = i < b.violations.size() ? violation(b.violations[i]) : "(none)";
    if (x != y) return fmt::format("violation {}:\n  {}\n  {}", i, x, y);
  }
  for (std::size_t i = 0; i < std::max(a.cells.size(), b.cells.size()); ++i) {
    const std::string x = i < a.cells.size() ? cell(a.cells[i]) : "(none)";
    const std::string y = i < b.cells.size() ? cell(b.cells[i]) : "(none)";
    if (x != y) return fmt::format("cell {}:\n  {}\n  {}", i, x, y);
  }
  return {};
}

// ---- the status of a journal equals the status of a log, every day ----

// Whether two lists are equal, element by element, as `key` sees an element.
template <class T, class Key>
bool same_list(const std::vector<T>& a, const std::vector<T>& b, Key key) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [&](const T& x, const T& y) { return key(x) == key(y); });
}

// The first part in which two reports differ, or empty when every field of them is equal (and so
// is the JSON rendered from them, which is made from these fields alone).
std::string report_difference(const CampaignReport& a, const CampaignReport& b) {
  const auto name = [](const ReportName& n) { return std::tie(n.id, n.display_name); };
  const auto window = [](const ReportWindow& w) { return std::tie(w.org_type, w.start, w.end); };
  const auto step = [](const ReportStep& s) {
    return std::tie(s.id, s.display_name, s.phase, s.severity, s.actor);
  };
  const auto unit = [](const ReportUnit& u) {
    return std::tie(u.id, u.display_name, u.org_type, u.group);
  };
  const auto cell = [](const ReportCell& c) {
    return std::tie(c.unit, c.step, c.required, c.on_time, c.late, c.excused, c.overdue, c.due,
                    c.completed);
  };
  const auto violation = [](const ReportViolation& v) {
    return std::tie(v.day, v.unit, v.member_id, v.member_name, v.phase, v.step, v.kind, v.severity,
                    v.rule, v.message);
  };
  const auto forecast = [](const ReportForecast& f) {
    return std::tie(f.unit, f.step, f.on_time_probability, f.p10, f.p50, f.p90);
  };
  if (std::tie(a.campaign_id, a.campaign_name, a.start, a.as_of, a.source, a.runs) !=
      std::tie(b.campaign_id, b.campaign_name, b.start, b.as_of, b.source, b.runs))
    return "the campaign";
  if (!same_list(a.org_types, b.org_types, name)) return "the org types";
  if (!same_list(a.groups, b.groups, name)) return "the supervision groups";
  if (a.phases.size() != b.phases.size()) return "the phases";
  for (std::size_t p = 0; p < a.phases.size(); ++p)
    if (std::tie(a.phases[p].id, a.phases[p].display_name) !=
            std::tie(b.phases[p].id, b.phases[p].display_name) ||
        !same_list(a.phases[p].windows, b.phases[p].windows, window))
      return fmt::format("phase {}", a.phases[p].id);
  if (!same_list(a.steps, b.steps, step)) return "the steps";
  if (!same_list(a.units, b.units, unit)) return "the units";
  if (!same_list(a.cells, b.cells, cell) || !same_list(a.violations, b.violations, violation))
    return verdict_difference(a, b);
  if (std::tie(a.burn_down.first_day, a.burn_down.open_by_phase) !=
      std::tie(b.burn_down.first_day, b.burn_down.open_by_phase))
    return "the burn-down";
  if (!same_list(a.forecasts, b.forecasts, forecast)) return "the forecasts";
  return {};
}

// Records `log` into a new audit-mode journal bound to the rules and roster files, then checks
// for every day from the campaign's start to its end that the journal's status and the status
// of the log (a run fed the events up to the day, then advanced to it) give the same report:
// every field of it every day, its JSON byte for byte every `json_every` days and on the last
// (rendering the JSON costs more than all else here: the district's is 2.4 MB at the end). The
// days run on past the end of the campaign to the last event's, when a late one comes after it.
void check_every_day(const std::string& rules_path, const std::string& roster_path,
                     const ResolvedLog& log, Run run, std::optional<DayNumber> start,
                     DayNumber json_every) {
  Scratch scratch;
  std::string error;
  std::optional<Journal> journal =
      Journal::create(scratch.file("j.db"), rules_path, roster_path, Mode::kAudit, start, error);
  INFO(error);
  REQUIRE(journal);
  const JournalAppend appended = journal->append(log.records);
  INFO(appended.error);
  REQUIRE(appended.ack);
  REQUIRE(appended.ack->recorded == log.records.size());

  const auto began = std::chrono::steady_clock::now();
  const std::span<const Event> events(log.events);
  const DayNumber first_day = run.engine().start();
  const DayNumber end =
      std::max(run.end_of_campaign(), events.empty() ? first_day : events.back().day);
  std::size_t next = 0, days = 0, rendered = 0, differing = 0;
  std::string first;
  // One run advanced a day at a time is the status of the log at each day: a run fed the events
  // dated up to the day, then advanced to it, is fed the same calls in the same order.
  for (DayNumber day = first_day; day <= end; ++day) {
    const std::size_t upto = through(events, next, day);
    run.apply(events.subspan(next, upto - next));
    next = upto;
    run.advance_to(day);
    const CampaignReport of_log = run.report("x");
    const CampaignReport of_journal = journal->run_at(day).report("x");
    ++days;
    std::string difference = report_difference(of_log, of_journal);
    if (difference.empty() && ((day - first_day) % json_every == 0 || day == end)) {
      ++rendered;
      const std::string a = render_report_json(of_log), b = render_report_json(of_journal);
      if (a != b) difference = "the JSON, " + first_difference(a, b);
    }
    if (!difference.empty() && differing++ == 0)
      first = fmt::format("{}: {}", format_date(day), difference);
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
  MESSAGE(fmt::format("{} days ({} rendered as JSON), {} events, {:.2f} s", days, rendered,
                      log.events.size(), seconds));
  CHECK(days > 30);
  CHECK_MESSAGE(differing == 0,
                fmt::format("{} of {} days differ; the first, {}", differing, days, first));
}

// A simulated run of a sample campaign, exported as a CSV log and read back.
void check_simulated(const std::string& rules, const std::string& roster,
                     const std::string& scenario_path) {
  const std::shared_ptr<const CampaignModel> model = rules_file(rules);
  const std::shared_ptr<const Organization> org = roster_file(roster, *model);
  sim::ScenarioResult scenario = sim::read_scenario_file(scenario_path, *model);
  INFO(errors_of(scenario.diagnostics, scenario.files));
  REQUIRE(scenario.scenario);
  const Run fresh = fresh_run(model, org);
  std::string error;
  sim::SimulationOptions options;
  options.seed = 1;
  const std::optional<sim::Simulation> simulation =
      sim::simulate(fresh, *scenario.scenario, options, error);
  INFO(error);
  REQUIRE(simulation);
  const ResolvedLog log = read_log(log_text(simulation->events, *model, *org), *model, *org);
  CHECK(log.events.size() == simulation->events.size());
  check_every_day(rules, roster, log, fresh, std::nullopt, 7);
}

const std::string kSource = LOCKSTEP_SOURCE_DIR;

TEST_CASE("doors: status of a journal equals status of a log on every day (bureau sample log)") {
  const std::string rules = kSource + "/rules/baoxian_2005_bureau.lock";
  const std::string roster = kSource + "/samples/rosters/bureau_001.csv";
  const DayNumber start = *parse_date("2005-01-10");  // the bureau's rules give none
  const std::shared_ptr<const CampaignModel> model = rules_file(rules);
  const std::shared_ptr<const Organization> org = roster_file(roster, *model);
  EventLogResult read = read_event_log_file(kSource + "/samples/events/bureau_001.csv");
  INFO(errors_of(read.diagnostics, read.files));
  REQUIRE(read.events);
  const ResolvedLog log = resolve_log(std::move(*read.events), *model, *org, false);
  REQUIRE(log.ok());
  REQUIRE(log.events.size() > 200);
  check_every_day(rules, roster, log, fresh_run(model, org, start), start, 1);
}

TEST_CASE("doors: status of a journal equals status of a log on every day (township, simulated)") {
  check_simulated(kSource + "/rules/baoxian_2005_township.lock",
                  kSource + "/samples/rosters/township_000.csv",
                  kSource + "/samples/scenarios/township_2005.scenario");
}

TEST_CASE("doors: status of a journal equals status of a log on every day (district, simulated)") {
  check_simulated(kSource + "/rules/baoxian_2005_district.lock",
                  kSource + "/samples/rosters/district_002.csv",
                  kSource + "/samples/scenarios/district_2005.scenario");
}

// ---- random campaigns through every door ----

constexpr std::uint64_t kCampaigns = 3000;
constexpr std::uint64_t kMixedCampaigns = 1000;  // with excuses and revisions added
constexpr std::uint64_t kJournalEvery = 20;      // of the campaigns that compile
constexpr std::size_t kStatusDays = 4;           // days of door C besides the start and the end

// People who skip, ignore the order and finish late, so that every kind of violation turns up.
sim::Scenario unruly(const CampaignModel& model) {
  sim::Scenario s = sim::default_scenario(model);
  for (sim::StepBehaviour& b : s.steps) {
    b.skip = 0.1;
    b.out_of_order = 0.2;
    b.late = 0.2;
  }
  return s;
}

struct DoorCounts {
  std::uint64_t generated = 0, compiled = 0, rosters = 0;
  std::uint64_t simulated = 0;  // door A
  std::uint64_t compared_a =
      0;                       // door A compared with B (not when excuses and revisions are added)
  std::uint64_t replayed = 0;  // door B
  std::uint64_t other_formats = 0;  // door B's log also as JSON Lines and XES, read back the same
  std::uint64_t status_days = 0;    // door C: days compared with the replay's state on the day
  std::uint64_t journals = 0;       // door D: compared with C on its days and with B at the end
  std::uint64_t events = 0, refused = 0;
  std::uint64_t excuses = 0, revisions = 0;  // added to the simulated log, kept (accepted)
  std::uint64_t disagreements = 0;
  std::array<std::uint64_t, kViolationKindCount> kinds{};
  std::map<std::string, std::uint64_t> compile_errors;  // by code
};

// Reports a disagreement between two doors with the campaign it came from; only the first few in
// full, so that a systematic one does not flood the output.
void disagree(DoorCounts& counts, const RandomCampaign& c, std::uint64_t seed,
              const std::string& doors, const std::string& difference) {
  if (counts.disagreements++ >= 3) return;
  FAIL_CHECK(fmt::format("campaign seed {} ({}): {}\nrules:\n{}\nroster:\n{}", seed, doors,
                         difference, c.rules, c.roster));
}

// The simulated events with a few excuses and revisions of their completions added (excuses
// dated around a completion, revisions up to five days after one), in day order, keeping only
// those the engine accepts: a journal refuses a batch holding an event the engine refuses, and
// the simulator makes neither kind of event.
std::vector<Event> with_excuses_and_revisions(const std::vector<Event>& simulated, const Run& fresh,
                                              std::uint64_t seed, DoorCounts& counts) {
  std::vector<Event> events = simulated;
  std::vector<Event> completions;
  for (const Event& e : simulated)
    if (e.kind == Event::Kind::kComplete) completions.push_back(e);
  util::SplitMix64 rng(seed ^ 0xe7c05eull);
  for (std::uint64_t n = completions.empty() ? 0 : 1 + rng.below(4); n > 0; --n) {
    const Event& e = completions[rng.below(completions.size())];
    const auto shift = static_cast<DayNumber>(rng.below(6));
    const ActorRef actor{e.actor_kind, e.actor};
    events.push_back(rng.chance(0.5) ? Event::revise(e.step, actor, e.day + shift)
                                     : Event::excuse(e.step, actor, e.day + shift - 3, "外出"));
  }
  std::stable_sort(events.begin(), events.end(),
                   [](const Event& a, const Event& b) { return a.day < b.day; });
  std::vector<Event> kept;
  Run trial = fresh;
  for (const Event& e : events) {
    if (!trial.apply(e).accepted) continue;
    kept.push_back(e);
    counts.excuses += e.kind == Event::Kind::kExcuse;
    counts.revisions += e.kind == Event::Kind::kRevise;
  }
  return kept;
}

// Runs one random campaign through the doors. With `mixed`, the log is the simulation's with
// excuses and revisions added, and door A (the simulation itself) is left out.
void check_campaign(std::uint64_t seed, const Scratch& scratch, DoorCounts& counts, bool mixed) {
  const RandomCampaign c = random_campaign(seed);
  ++counts.generated;
  // Named as door D writes it, so that every door cites the rules at the same path.
  const std::string name = fmt::format("c{}", seed);
  RulesResult rules = compile_rules_text(scratch.file(name + ".lock"), c.rules);
  // Two doors' reports of the same state, compared field by field; and, with `json`, as the JSON
  // rendered from them (which the fields decide: rendered at the end of the campaign only, where
  // it costs less than the rest).
  auto compare = [&](const CampaignReport& a, const CampaignReport& b, const std::string& doors,
                     bool json) {
    if (std::string d = report_difference(a, b); !d.empty())
      disagree(counts, c, seed, doors, d);
    else if (json && render_report_json(a) != render_report_json(b))
      disagree(counts, c, seed, doors,
               first_difference(render_report_json(a), render_report_json(b)));
  };
  if (!rules.model) {
    for (const Diagnostic& d : rules.diagnostics)
      if (d.level == Diagnostic::Level::kError) ++counts.compile_errors[d.code];
    return;
  }
  ++counts.compiled;
  const auto model = std::make_shared<const CampaignModel>(std::move(*rules.model));
  RosterResult roster = read_roster_text(scratch.file(name + ".csv"), c.roster, *model);
  if (!roster.org) {
    FAIL_CHECK(fmt::format("seed {}: the roster does not read:\n{}{}", seed,
                           errors_of(roster.diagnostics, roster.files), c.roster));
    return;
  }
  ++counts.rosters;
  const auto org = std::make_shared<const Organization>(std::move(*roster.org));
  const Run fresh = fresh_run(model, org);
  const DayNumber start = fresh.engine().start();

  // Door A: the simulation's own run.
  const sim::Scenario scenario = c.unruly ? unruly(*model) : sim::default_scenario(*model);
  sim::SimulationOptions options;
  options.seed = c.simulation_seed;
  std::string error;
  std::optional<sim::Simulation> simulation = sim::simulate(fresh, scenario, options, error);
  if (!simulation) {
    FAIL_CHECK(fmt::format("seed {}: simulate failed: {}", seed, error));
    return;
  }
  ++counts.simulated;
  simulation->report.source = "x";

  // Door B: its exported log read back and replayed.
  const std::vector<Event> logged =
      mixed ? with_excuses_and_revisions(simulation->events, fresh, seed, counts)
            : simulation->events;
  const ResolvedLog log = read_log(log_text(logged, *model, *org), *model, *org);
  // The same log in the other formats replay reads gives the same records in the same order, so
  // the same replay.
  for (const auto& [format, file] : {std::pair{EventLogFormat::kJsonLines, "log.jsonl"},
                                     std::pair{EventLogFormat::kXes, "log.xes"}}) {
    EventLogResult read = read_event_log_text(file, log_text(logged, *model, *org, format), format);
    ++counts.other_formats;
    if (!read.events) {
      disagree(counts, c, seed, fmt::format("{}, log.csv", file),
               "unreadable: " + errors_of(read.diagnostics, read.files));
      continue;
    }
    const std::vector<LogEvent>& records = *read.events;
    const auto [x, y] =
        std::mismatch(records.begin(), records.end(), log.records.begin(), log.records.end());
    if (x != records.end() || y != log.records.end())
      disagree(counts, c, seed, fmt::format("{}, log.csv", file),
               fmt::format("record {} of {} and {} differs", x - records.begin(), records.size(),
                           log.records.size()));
  }

  Run replay = fresh;
  replay.apply(log.events);
  replay.advance_to(fresh.end_of_campaign());
  // Where the replay's clock stands: the end of the campaign, or the day of a completion after it
  // (someone late by more than the last window).
  const DayNumber end = replay.engine().clock();
  const CampaignReport replayed = replay.report("x");
  ++counts.replayed;
  counts.events += log.events.size();
  counts.refused += replay.refused();
  for (const ReportViolation& v : replayed.violations)
    for (int k = 0; k < kViolationKindCount; ++k)
      if (v.kind == violation_kind_name(static_cast<ViolationKind>(k))) ++counts.kinds[k];
  if (log.events.size() != logged.size())
    disagree(counts, c, seed, "log written, log read",
             fmt::format("{} events written, {} read back", logged.size(), log.events.size()));
  if (!mixed) {  // the simulation did not see the excuses and revisions added
    ++counts.compared_a;
    compare(simulation->report, replayed, "simulate, replay", true);
  }
  // Door D, every kJournalEvery-th campaign: a journal holding the log, appended in up to four
  // batches cut at random places.
  std::optional<Journal> journal;
  util::SplitMix64 rng(seed ^ 0x5eedull);
  if ((counts.compiled - 1) % kJournalEvery == 0) {
    write_file(scratch.file(name + ".lock"), c.rules);
    write_file(scratch.file(name + ".csv"), c.roster);
    journal = Journal::create(scratch.file(name + ".db"), scratch.file(name + ".lock"),
                              scratch.file(name + ".csv"), Mode::kAudit, std::nullopt, error);
    if (!journal) {
      FAIL_CHECK(fmt::format("seed {}: no journal: {}", seed, error));
      return;
    }
    std::vector<std::size_t> cuts = {0, log.records.size()};
    for (int i = 0; i < 3; ++i) cuts.push_back(rng.below(log.records.size() + 1));
    std::sort(cuts.begin(), cuts.end());
    for (std::size_t i = 1; i < cuts.size(); ++i) {
      if (cuts[i] == cuts[i - 1]) continue;
      const JournalAppend appended = journal->append(
          std::vector<LogEvent>(log.records.begin() + static_cast<std::ptrdiff_t>(cuts[i - 1]),
                                log.records.begin() + static_cast<std::ptrdiff_t>(cuts[i])));
      if (!appended.ack) {
        disagree(counts, c, seed, "journal, replay",
                 fmt::format("the journal refuses the log the replay took ({} refused): {}",
                             replay.refused(), appended.error));
        return;
      }
    }
    ++counts.journals;
  }

  // Door C: the status of the log at a few days against the replay's state on those days (and
  // the journal's status on them).
  std::vector<DayNumber> days = {start, end};
  for (std::size_t i = 0; i < kStatusDays; ++i)
    days.push_back(start +
                   static_cast<DayNumber>(rng.below(static_cast<std::uint64_t>(end - start + 1))));
  std::sort(days.begin(), days.end());
  days.erase(std::unique(days.begin(), days.end()), days.end());
  const std::span<const Event> events(log.events);
  Run stepwise = fresh;
  std::size_t next = 0;
  for (DayNumber day : days) {
    const std::size_t upto = through(events, next, day);
    stepwise.apply(events.subspan(next, upto - next));
    next = upto;
    stepwise.advance_to(day);
    Run status = fresh;
    status.apply(events.first(upto));
    status.advance_to(day);
    const CampaignReport of_status = status.report("x");
    ++counts.status_days;
    compare(of_status, stepwise.report("x"),
            fmt::format("status of the log at {}, replay", format_date(day)), false);
    if (journal)
      compare(journal->run_at(day).report("x"), of_status,
              fmt::format("status of a journal, of the log at {}", format_date(day)), false);
  }
  compare(stepwise.report("x"), replayed, "replay day by day, replay at once", false);
  if (journal)
    compare(journal->run_at(end).report("x"), replayed, "status of a journal, replay", true);
}

// The counts of a run of the doors over `campaigns` random campaigns, for the test's output.
std::string summary(const DoorCounts& counts, double seconds) {
  std::string kinds, errors;
  for (int k = 0; k < kViolationKindCount; ++k)
    kinds +=
        fmt::format(" {} {}", violation_kind_name(static_cast<ViolationKind>(k)), counts.kinds[k]);
  for (const auto& [code, n] : counts.compile_errors) errors += fmt::format(" {} {}", code, n);
  return fmt::format(
      "{} campaigns generated, {} compiled (errors:{}), {} rosters read, {} simulated; compared: "
      "{} simulations (A) with their replays (B), {} replays ({} logs in other formats), {} days "
      "of status of a log (C), "
      "{} journals (D); {} events ({} excuses, {} revisions added), {} refused; violations:{}; "
      "{:.2f} s",
      counts.generated, counts.compiled, errors, counts.rosters, counts.simulated,
      counts.compared_a, counts.replayed, counts.other_formats, counts.status_days, counts.journals,
      counts.events, counts.excuses, counts.revisions, counts.refused, kinds, seconds);
}

DoorCounts check_campaigns(std::uint64_t campaigns, std::uint64_t base_seed, bool mixed) {
  Scratch scratch;
  DoorCounts counts;
  const auto began = std::chrono::steady_clock::now();
  for (std::uint64_t i = 0; i < campaigns; ++i)
    check_campaign(util::run_seed(base_seed, i), scratch, counts, mixed);
  MESSAGE(summary(counts,
                  std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count()));
  CHECK(counts.disagreements == 0);
  CHECK(counts.compiled * 10 >= counts.generated * 8);  // most compile
  CHECK(counts.rosters == counts.compiled);
  CHECK(counts.journals * kJournalEvery >= counts.compiled);
  return counts;
}

TEST_CASE("doors: replay, status of a log and of a journal agree on random campaigns") {
  const DoorCounts counts = check_campaigns(kCampaigns, 20260, false);
  CHECK(counts.compared_a == counts.compiled);
  for (int k = 0; k < kViolationKindCount; ++k) {
    // Every kind of violation is compared but two, which these campaigns cannot give: the
    // generator writes no 'require', and the simulator approves every gate within its window.
    const auto kind = static_cast<ViolationKind>(k);
    if (kind == ViolationKind::kPhaseClosedWithoutGate || kind == ViolationKind::kRequirementNotMet)
      continue;
    CHECK_MESSAGE(counts.kinds[k] > 0, violation_kind_name(kind));
  }
}

TEST_CASE(
    "doors: replay, status of a log and of a journal agree when the log also excuses and "
    "revises") {
  const DoorCounts counts = check_campaigns(kMixedCampaigns, 20261, true);
  CHECK(counts.excuses > 100);
  CHECK(counts.revisions > 100);
}

TEST_CASE("doors: the random campaign generator gives the same texts for the same seed") {
  const RandomCampaign a = random_campaign(7), b = random_campaign(7), other = random_campaign(8);
  CHECK(a.rules == b.rules);
  CHECK(a.roster == b.roster);
  CHECK(a.simulation_seed == b.simulation_seed);
  CHECK(a.unruly == b.unruly);
  CHECK(a.rules + a.roster != other.rules + other.roster);
}

}  // namespace
}  // namespace lockstep::test
