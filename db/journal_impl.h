// The inside of a Journal (lockstep/journal.h), shared by journal.cpp, verify.cpp and
// migrate.cpp: an open connection, the bound model and roster, and the state rebuilt from the
// events read so far.
//
// Invariants: `engine` refers to *model and *org, which live on the heap so that moving the
// Journal keeps them in place; `engine` has applied exactly `events`, in order; `last_seq` is the
// seq of the last of them.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "db/names.h"
#include "db/sqlite.h"
#include "lockstep/journal.h"

namespace lockstep {

struct Journal::Impl {
  std::string path;
  std::unique_ptr<db::Connection> conn;
  std::unique_ptr<CampaignModel> model;
  std::unique_ptr<Organization> org;
  std::unique_ptr<db::NameIndex> names;
  std::optional<Engine> engine;
  std::vector<LogEvent> events;
  std::int64_t last_seq = 0;
  std::uint64_t batches = 0;
  Mode mode = Mode::kEnforce;
  std::optional<DayNumber> start;
  std::string rules_hash, roster_hash, rules_path, generation;
  SourceFile roster;

  // Reads the events after `last_seq` (and the batches they close) and applies them. A name
  // that does not resolve or an event the engine refuses is a damaged journal: throws SqlError.
  // `on_batch` is called after each batch's last event with the batch id.
  void catch_up(const std::function<void(std::int64_t batch)>& on_batch = {});
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
