// `lockstep db init|verify|migrate`: making, checking and upgrading a journal (lockstep/journal.h,
// docs/reliability.md).
//
//   db init DB --rules RULES --org ROSTER [--mode enforce|audit] [--start DATE]
//       exit 0 made; 2 bad rules or roster, DB already exists, I/O.
//   db verify DB [--expect-head HEX]
//       prints each problem, each damaged snapshot, and the chain's head (format 3) to keep
//       elsewhere; exit 0 clean; 1 problems found, a damaged snapshot, or a head other than the
//       one expected; 2 usage. Reads only: works on read-only storage.
//   db migrate DB --rules NEW [--dry-run]
//       prints the violations by kind before and after, added and removed;
//       exit 0 migrated (or would be) and no violation added; 1 migrated (or would be) and the new
//       rules add violations; 2 not migrated: bad rules, or an event the new rules cannot replay.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>

#include "cli/command_line.h"
#include "cli/commands.h"
#include "cli/load_inputs.h"
#include "cli/output.h"
#include "lockstep/journal.h"

namespace lockstep::cli {
namespace {

bool is_chain_head(const std::string& text) {
  return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

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
  CLI::App app{
      "Check a journal: SQLite integrity, its own invariants, its hash chain, and a full "
      "replay.",
      "lockstep db verify"};
  std::string db, expect;
  app.add_option("db", db, "the journal file")->required();
  app.add_option("--expect-head", expect,
                 "the chain head kept from an earlier verify (64 hex digits): any other head "
                 "is a problem");
  if (const auto stop = parse_command_line(app, args)) return *stop;
  std::transform(expect.begin(), expect.end(), expect.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (!expect.empty() && !is_chain_head(expect)) {
    eprint(
        "lockstep db verify: --expect-head wants the 64 hex digits of a chain head, "
        "as db verify prints it\n");
    return 2;
  }
  const JournalCheck check = verify_journal(db, expect);
  if (check.read_only) print("note: {} is read-only here: read as it is, nothing written\n", db);
  for (const std::string& p : check.problems) print("problem: {}\n", p);
  for (const std::string& p : check.snapshots) print("snapshot: {}\n", p);
  const std::string head =
      !check.head.empty() ? check.head
      : check.format == 1 || check.format == 2
          ? fmt::format("none (format {}: the next batch recorded adds the chain)", check.format)
          : std::string("none (the chain could not be read)");
  if (!check.clean()) {
    if (check.problems.empty())
      print("{}: the journal is sound; {} damaged snapshot(s), passed over when opening\n", db,
            check.snapshots.size());
    else
      print("{}: {} problem(s), {} damaged snapshot(s)\n", db, check.problems.size(),
            check.snapshots.size());
    print("chain head: {}\n", head);
    return 1;
  }
  print(
      "{}: clean: {} event(s) in {} batch(es); integrity ok; batches whole; {}; state after "
      "every batch equals the replay\n",
      db, check.events, check.batches,
      check.head.empty() ? "no hash chain yet" : "every link of the hash chain matches");
  print("chain head: {}{}\n", head, expect.empty() ? "" : " (as expected)");
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
      "       lockstep db verify DB [--expect-head HEX]\n"
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
