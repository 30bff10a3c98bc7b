// Shared by the journal tests: a scratch folder per test, the bureau campaign of the seed samples
// (29 members, one branch) bound into a fresh journal, and short ways to write events.
#pragma once

#include <filesystem>
#include <string>

#include "lockstep/civil_date.h"
#include "lockstep/event_log.h"
#include "lockstep/journal.h"

namespace lockstep::test {

inline const std::string kRules = LOCKSTEP_SOURCE_DIR "/rules/baoxian_2005_bureau.lock";
inline const std::string kRoster = LOCKSTEP_SOURCE_DIR "/samples/rosters/bureau_001.csv";
inline const DayNumber kStart = *parse_date("2005-01-10");

// A scratch folder removed at the end of the test.
struct Scratch {
  std::filesystem::path dir;
  Scratch();
  ~Scratch();
  std::string file(const std::string& name) const { return (dir / name).string(); }
};

// LOCKSTEP_SNAPSHOT_EVERY for one test.
struct SnapshotEvery {
  explicit SnapshotEvery(const char* n);
  ~SnapshotEvery();
};

// A new journal at `path` bound to the bureau rules and roster.
Journal make_journal(const std::string& path, Mode mode = Mode::kEnforce);

// An event: a completion unless `kind` says otherwise.
LogEvent ev(const std::string& date, const std::string& who, const std::string& step,
            const std::string& key = "", LogEvent::Kind kind = LogEvent::Kind::kComplete);

// The events every test starts from: mobilize and plan done by the branch, in order.
inline std::vector<LogEvent> opening() {
  return {ev("2005-01-11", "ldj", "mobilize", "m"), ev("2005-01-12", "ldj", "plan", "p")};
}

// Runs SQL on a journal file directly, as damage from outside would.
void raw_sql(const std::string& path, const std::string& sql);

// Turns a closed journal into one of an older format as earlier programs wrote it: format 2 has
// no hash chain (no epochs table, no batches.hash, no snapshots.chain), format 1 not even the
// snapshots table.
void make_older_format(const std::string& path, int format);

}  // namespace lockstep::test
