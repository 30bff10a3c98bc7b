// The inside of a Journal (lockstep/journal.h), shared by journal.cpp, verify.cpp and
// migrate.cpp: an open connection, the bound model and roster, and the state rebuilt from the
// events read so far.
//
// Invariants: `engine` refers to *model and *org, which live on the heap so that moving the
// Journal keeps them in place; `engine` holds the state after the journal's events 1..at.seq
// (restored from a snapshot, then replayed), which end batch at.batch; in format 3, at.head is
// the hash of the chain's newest link there, checked from the snapshot on (or from the genesis);
// `events`, once loaded, holds exactly those events, every link before them checked.
// The events are read only when asked for (Journal::events(), run_at, migrate): holding a
// million of them would cost about 250 MB that opening does not need.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "db/chain_walk.h"
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
  db::ChainPosition at;            // the last event, batch, epoch and link applied to `engine`
  db::ChainPosition checked_from;  // opening checked every link after it (the snapshot it used)
  std::int64_t format = 0;         // the file's format version (db/schema.h)
  bool read_only = false;          // nothing can be written through `conn`
  std::uint64_t batches = 0;
  Mode mode = Mode::kEnforce;
  std::optional<DayNumber> start;
  std::string rules_hash, roster_hash, rules_path, generation;
  SourceFile roster;
  std::string fresh_fingerprint;     // the engine's digest before any event
  std::vector<db::EpochRow> epochs;  // format 3: the chain's epochs, in chain order

  bool chained() const;  // format 3: the file has its hash chain
  // Passes a note to on_note, or prints it on stderr after the file's path.
  void note(const std::string& text) const;
  // Reads the links after `at` (batches and their events, epochs) and applies the events;
  // returns how many. A link whose hash does not match, an event outside a batch, a name that
  // does not resolve or an event the engine refuses is a damaged journal: throws SqlError.
  std::uint64_t catch_up();
  // The events 1..at.seq, read from the file the first time; on the way, the links up to
  // `checked_from` are checked (those after it were, when opening), so every link up to at.batch
  // has been. Throws SqlError.
  const std::vector<LogEvent>& all_events() const;
  // Brings an older format up to date, its chain made over the rows it holds; inside a write
  // transaction. Takes up the chain at `at` when another process did it first.
  void upgrade();
  // What the newest epoch recorded of meta, sources, migrations and schema, against the rows
  // now; an empty string when they agree or there is no chain.
  std::string config_problem();
};

// Put around a write transaction that may call upgrade(): unless committed() is called, what the
// upgrade changed in memory goes back to the older format (the transaction's rollback undid it in
// the file), keeping the events applied meanwhile.
class UpgradeGuard {
 public:
  explicit UpgradeGuard(Journal::Impl& j) : j_(j), format_(j.format) {}
  UpgradeGuard(const UpgradeGuard&) = delete;
  UpgradeGuard& operator=(const UpgradeGuard&) = delete;
  ~UpgradeGuard();
  void committed() { committed_ = true; }

 private:
  Journal::Impl& j_;
  std::int64_t format_;
  bool committed_ = false;
};

namespace db {

// Opens the file (header, format, pragmas) and reads everything, inside one read transaction:
// the binding, the chain's config, the newest usable snapshot and the links after it. With
// `replay` false it stops after the binding (the engine fresh, nothing replayed, the config not
// checked): db verify walks and checks everything itself.
std::unique_ptr<Journal::Impl> open_impl(const std::string& path, const JournalOptions& options,
                                         std::string& error, bool replay = true);

// A link whose stored hash differs from the one computed from its rows, said with both hashes.
std::string batch_mismatch(const BatchRow& b, const std::string& computed, const std::string& prev);
std::string epoch_mismatch(const EpochRow& e, const std::string& computed, const std::string& prev);

// The sentence for a journal that cannot be written.
std::string read_only_storage(const std::string& path);

std::string fingerprint_hex(const Engine& engine);

// The events of a journal read back: every column of the events table.
LogEvent read_event_row(const Statement& row, int first_column);

}  // namespace db
}  // namespace lockstep
