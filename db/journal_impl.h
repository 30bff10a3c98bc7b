// The inside of a Journal (lockstep/journal.h), shared by journal.cpp, verify.cpp and
// migrate.cpp: an open connection, the bound model and roster, and the state rebuilt from the
// events read so far.
//
// Invariants: `engine` refers to *model and *org, which live on the heap so that moving the
// Journal keeps them in place; `engine` holds the state after the journal's events 1..last_seq
// (restored from a snapshot, then replayed); `events`, once loaded, holds exactly those events.
// The events are read only when asked for (Journal::events(), run_at, migrate): holding a
// million of them would cost about 250 MB that opening does not need.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "db/sqlite.h"
#include "lockstep/journal.h"
#include "lockstep/name_index.h"

namespace lockstep {

struct Journal::Impl {
  std::string path;
  std::function<void(const std::string&)> on_note;  // JournalOptions::on_note
  std::unique_ptr<db::Connection> conn;
  std::shared_ptr<const CampaignModel> model;
  std::shared_ptr<const Organization> org;
  std::unique_ptr<NameIndex> names;
  std::optional<Engine> engine;
  mutable std::optional<std::vector<LogEvent>> events;  // loaded on demand, then kept up to date
  std::int64_t last_seq = 0;
  std::int64_t format = 0;  // the file's format version (db/schema.h)
  std::uint64_t batches = 0;
  Mode mode = Mode::kEnforce;
  std::optional<DayNumber> start;
  std::string rules_hash, roster_hash, rules_path, generation;
  SourceFile roster;

  // Passes a note to on_note, or prints it on stderr after the file's path.
  void note(const std::string& text) const;
  // Reads the events after `last_seq` (and the batches they close) and applies them; returns
  // how many. A name that does not resolve or an event the engine refuses is a damaged journal:
  // throws SqlError. `on_batch` is called after each batch's last event with the batch id.
  std::uint64_t catch_up(const std::function<void(std::int64_t batch)>& on_batch = {});
  // The events 1..last_seq, read from the file the first time. Throws SqlError.
  const std::vector<LogEvent>& all_events() const;
  // Brings an older format up to date; inside a write transaction.
  void upgrade();
};

namespace db {

// Opens the file (header, format, pragmas) and reads everything, inside one read transaction.
std::unique_ptr<Journal::Impl> open_impl(const std::string& path, const JournalOptions& options,
                                         std::string& error);

std::string fingerprint_hex(const Engine& engine);

// The events of a journal read back: every column of the events table.
LogEvent read_event_row(const Statement& row, int first_column);

}  // namespace db
}  // namespace lockstep
