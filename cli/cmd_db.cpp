// `lockstep db init|verify|migrate`: making, checking and upgrading a journal (lockstep/journal.h,
// docs/reliability.md).
//
//   db init DB --rules RULES --org ROSTER [--mode enforce|audit] [--start DATE]
//       exit 0 made; 2 bad rules or roster, DB already exists, I/O.
//   db verify DB
//       exit 0 clean; 1 problems found (each printed); 2 usage.
//   db migrate DB --rules NEW [--dry-run]
//       prints the violations by kind before and after, added and removed;
//       exit 0 migrated (or would be) and no violation added; 1 migrated (or would be) and the new
//       rules add violations; 2 not migrated: bad rules, or an event the new rules cannot replay.
#include <fmt/format.h>

#include <CLI/CLI.hpp>

#include "cli/command_line.h"
#include "cli/commands.h"
#include "cli/load_inputs.h"
#include "cli/output.h"
#include "lockstep/journal.h"

namespace lockstep::cli {
namespace {

int db_init(std::span<char*> args) {
  CLI::App app{"Make a journal bound to a rules file and a roster.", "lockstep db init"};
  std::string db, rules, roster, mode = "enforce", start;
  app.add_option("db", db, "the journal file to make")->required();
  app.add_option("--rules", rules, "the rules file declaring the campaign")->required();
  app.add_option("--org", roster, "the roster (CSV or JSON)")->required();
  app.add_option("--mode", mode, "enforce (refuse events out of order) or audit (record them)")
      ->check(CLI::IsMember({"audit", "enforce"}));
  app.add_option("--start", start, "the campaign's start date, when the rules give none");
  if (const auto stop = parse_command_line(app, args)) return *stop;
  std::optional<DayNumber> start_day;
  if (!start.empty() && !(start_day = parse_date_option(start, "--start"))) return 2;
  std::string error;
  std::optional<Journal> j = Journal::create(
      db, rules, roster, mode == "enforce" ? Mode::kEnforce : Mode::kAudit, start_day, error);
  if (!j) {
    eprint("lockstep db init: {}\n", error);
    return 2;
  }
  print("made {}: {} mode, rules {} (sha256 {}), roster sha256 {}\n", db, mode, rules,
        j->rules_hash(), j->roster_hash());
  // The journal exists now: say so when the line saying it is lost (a full disk).
  if (!flush_out()) {
    eprint("lockstep db init: {} was made, but its confirmation could not be written: {}\n", db,
           out_failure());
    out_failure_reported();
    return 2;
  }
  return 0;
}

int db_verify(std::span<char*> args) {
  CLI::App app{"Check a journal: SQLite integrity, its own invariants, and a full replay.",
               "lockstep db verify"};
  std::string db;
  app.add_option("db", db, "the journal file")->required();
  if (const auto stop = parse_command_line(app, args)) return *stop;
  const JournalCheck check = verify_journal(db);
  for (const std::string& p : check.problems) print("problem: {}\n", p);
  if (!check.problems.empty()) {
    print("{}: {} problem(s)\n", db, check.problems.size());
    return 1;
  }
  print(
      "{}: clean: {} event(s) in {} batch(es); integrity ok; batches whole; state after "
      "every batch equals the replay\n",
      db, check.events, check.batches);
  return 0;
}

int db_migrate(std::span<char*> args) {
  CLI::App app{"Re-evaluate the whole journal under new rules and rebind it to them.",
               "lockstep db migrate"};
  std::string db, rules;
  bool dry_run = false;
  app.add_option("db", db, "the journal file")->required();
  app.add_option("--rules", rules, "the new version of the rules")->required();
  app.add_flag("--dry-run", dry_run, "report the change, write nothing");
  if (const auto stop = parse_command_line(app, args)) return *stop;
  std::string error;
  std::optional<JournalMigration> m = migrate_journal(db, rules, dry_run, error);
  if (!m) {
    eprint("lockstep db migrate: {}\n", error);
    return 2;
  }
  print("{} event(s) re-evaluated under {}\nrules sha256 {} -> {}\n\n", m->events, rules,
        m->from_hash, m->to_hash);
  print("{:<27} {:>8} {:>8} {:>8} {:>8}\n", "violations by kind", "before", "after", "added",
        "removed");
  std::uint64_t totals[4] = {};
  for (int k = 0; k < kViolationKindCount; ++k) {
    const std::uint64_t row[4] = {m->before[k], m->after[k], m->added[k], m->removed[k]};
    for (int c = 0; c < 4; ++c) totals[c] += row[c];
    if (row[0] + row[1] == 0) continue;
    print("{:<27} {:>8} {:>8} {:>8} {:>8}\n", violation_kind_name(static_cast<ViolationKind>(k)),
          row[0], row[1], row[2], row[3]);
  }
  print("{:<27} {:>8} {:>8} {:>8} {:>8}\n\n", "total", totals[0], totals[1], totals[2], totals[3]);
  print("{}\n",
        dry_run ? "dry run: nothing written" : "migrated: the journal is bound to the new rules");
  // A migration is committed before its report is printed: say which happened when the report
  // is lost (a full disk).
  if (!flush_out()) {
    eprint(
        "lockstep db migrate: {}: {}, but the report of the migration could not be written: {}\n",
        db, dry_run ? "nothing was written (dry run)" : "the migration was written (committed)",
        out_failure());
    out_failure_reported();
    return 2;
  }
  return totals[2] > 0 ? 1 : 0;
}

}  // namespace

int run_db(std::span<char*> args) {
  static constexpr const char* kUsage =
      "usage: lockstep db init DB --rules RULES --org ROSTER [--mode enforce|audit]\n"
      "       lockstep db verify DB\n"
      "       lockstep db migrate DB --rules NEW [--dry-run]\n";
  if (args.size() < 2) {
    eprint("{}", kUsage);
    return 2;
  }
  const std::string_view sub = args[1];
  const std::span<char*> rest = args.subspan(1);
  if (sub == "init") return db_init(rest);
  if (sub == "verify") return db_verify(rest);
  if (sub == "migrate") return db_migrate(rest);
  if (sub == "--help" || sub == "-h") {
    print("{}", kUsage);
    return 0;
  }
  eprint("lockstep db: unknown subcommand '{}'\n{}", sub, kUsage);
  return 2;
}

}  // namespace lockstep::cli
