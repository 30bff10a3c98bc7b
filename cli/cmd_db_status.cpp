// `lockstep status DB [--at DATE]`: where every unit stands, from a journal; and the dispatcher
// that sends `status` here when its first argument is a SQLite file, to run_status otherwise.
//
// Without --at the state is the journal's own (every event applied, the clock at the latest
// event); with --at only the events dated up to DATE are applied, in journal order, and the clock
// runs to DATE. Either way the journal's events are run again through a lockstep::Run, so the
// report is the one `status RULES --org ROSTER --events LOG` prints for the same events.
// The events are read once, every link of the journal's hash chain before them checked; a link
// that does not match is a damaged journal. A journal on read-only storage is read as it is.
// Exit 0 no required violation, 1 violations, 2 bad input, a damaged journal, or a different
// rules or roster (--rules/--org).
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cstring>

#include "cli/command_line.h"
#include "cli/commands.h"
#include "cli/load_inputs.h"
#include "cli/output.h"
#include "lockstep/civil_date.h"
#include "lockstep/journal.h"
#include "report/output.h"
#include "util/regular_file.h"

namespace lockstep::cli {
namespace {

// Only the first bytes of a regular file are looked at: a FIFO given as the rules must not block
// here (the rules reader then refuses it).
bool is_sqlite_file(const char* path) {
  const util::FileRead head = util::read_file_start(path, 16);
  return head.status == util::FileReadStatus::kOk && head.text.size() == 16 &&
         std::memcmp(head.text.data(), "SQLite format 3", 16) == 0;
}

int run_db_status(std::span<char*> args) {
  CLI::App app{"Show where every unit stands, from a journal.", "lockstep status"};
  std::string db, at, rules, roster;
  ReportFlags report_flags;
  app.add_option("db", db, "the journal file")->required();
  app.add_option("--at", at, "the date to report on (YYYY-MM-DD; default: the latest event)");
  add_report_flags(app, report_flags);
  app.add_option("--rules", rules, "check that the journal is bound to these rules");
  app.add_option("--org", roster, "check that the journal is bound to this roster");
  if (const auto stop = parse_command_line(app, args)) return *stop;
  std::optional<DayNumber> at_day;
  if (!at.empty() && !(at_day = parse_date_option(at, "--at"))) return 2;
  std::optional<Journal> journal = open_journal("lockstep status", db, {}, rules, roster);
  if (!journal) return 2;
  if (const auto damaged = journal->load_events()) {
    eprint("lockstep status: {}\n", *damaged);
    return 2;
  }
  const Run run = journal->run_at(at_day ? *at_day : journal->engine().clock());
  const std::string source =
      fmt::format("status of journal {} at {}", db, format_date(run.engine().clock()));
  return emit_status_report(run.report(source), output_options(report_flags));
}

}  // namespace

int run_status_dispatch(std::span<char*> args) {
  if (args.size() >= 2 && is_sqlite_file(args[1])) return run_db_status(args);
  return run_status(args);
}

}  // namespace lockstep::cli
