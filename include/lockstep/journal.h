// The journal: a campaign tracked durably in one SQLite file. It holds the rules and roster text
// it was made with (bound by their SHA-256), the mode, and every accepted event in order, grouped
// in batches, and snapshots of the engine's state taken beside some batches. The journal is the
// truth, a snapshot a cache: opening restores the newest snapshot that passes every check (its
// checksum, the batch it closes, the engine's own validation) and replays only the events after
// it, or the whole journal when none does, so the state always equals a replay.
//
// Guarantees:
//   - append() writes a batch in one transaction (WAL, synchronous=FULL): when it returns an ack
//     the batch is on disk; when it returns an error nothing of the batch was written;
//   - a batch is refused whole when the engine refuses any of its events (enforce mode: an event
//     out of order; both modes: a duplicate, an id that does not apply), or a name is unknown;
//   - an event carrying an idempotency key already in the journal is recorded once: the same
//     event again is skipped and counted as already recorded, a different one is an error;
//   - two processes appending at once are serialized by SQLite's write lock; the one that waits
//     is told (JournalOptions::on_wait) and gets an error naming the lock after the timeout;
//   - a damaged or foreign file (not SQLite, another application's schema, a newer format, stored
//     text that no longer matches its hash) gives an error, never a crash;
//   - every stored row is bound into a hash chain (format 3, db/chain.h): verify_journal() finds
//     an edit of any stored byte, and names the first batch (or epoch) whose hash does not match;
//     opening checks the links after the snapshot it starts from, events() every link before the
//     events it returns. Only a rewrite of the whole chain goes unseen, unless its head was kept
//     elsewhere and compared (verify_journal's expected_head);
//   - a journal on read-only storage opens (SQLite's read-only mode) for everything but append(),
//     which says so and writes nothing; an older format is then read as it is.
// Thread-safety: none inside a Journal; use one per thread. Processes may share the file.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "lockstep/engine.h"
#include "lockstep/event_log.h"
#include "lockstep/run.h"

namespace lockstep {

struct JournalOptions {
  int busy_timeout_ms = 10000;    // how long append() waits for another process's write lock
  std::function<void()> on_wait;  // called once when it starts waiting
  // Called with a note the caller may want to show (a damaged snapshot passed over, events that
  // could no longer be read); when empty, notes go to stderr prefixed with the file's path.
  std::function<void(const std::string&)> on_note;
  // Open with SQLite's read-only mode even when the file could be written: nothing is written,
  // append() refuses. A journal on read-only storage is opened so without being asked.
  bool read_only = false;
};

struct JournalAck {
  std::uint64_t batch = 0;     // the batch's number; 0 when every event was already recorded
  std::uint64_t recorded = 0;  // events written
  std::uint64_t already = 0;   // events skipped: their idempotency key was already recorded
  std::uint64_t first_seq = 0, last_seq = 0;  // journal positions written, when recorded > 0
  std::string head;  // the chain's head after this batch (64 hex digits), to keep elsewhere
};

struct JournalAppend {
  std::optional<JournalAck> ack;  // present exactly when the batch was committed
  std::string error;              // why nothing was written
  bool refused = false;           // the engine refused an event (not an input or I/O problem)
};

// What was found wrong with a journal file; clean() when nothing.
struct JournalCheck {
  std::vector<std::string> problems;   // the journal itself: its rows, chain, states, file
  std::vector<std::string> snapshots;  // damaged snapshots, passed over when opening (a cache:
                                       // the journal is sound without them)
  std::uint64_t events = 0, batches = 0;
  std::int64_t format = 0;  // the file's format version; the chain exists from 3 on
  std::string head;         // the chain's head (64 hex digits); empty before format 3
  bool read_only = false;   // read with SQLite's read-only mode (read-only storage)
  bool clean() const { return problems.empty() && snapshots.empty(); }
};

// Violations by kind before and after a migration; added/removed compare violations one by one
// (kind, place, step and day), so a count can stay equal while violations change.
struct JournalMigration {
  std::string from_hash, to_hash;
  std::uint64_t events = 0;
  std::array<std::uint64_t, kViolationKindCount> before{}, after{}, added{}, removed{};
};

class Journal {
 public:
  // Makes a new journal file (refusing to overwrite one) bound to these rules and roster.
  static std::optional<Journal> create(const std::string& db_path, const std::string& rules_path,
                                       const std::string& roster_path, Mode mode,
                                       std::optional<DayNumber> start, std::string& error);
  // Opens a journal and rebuilds its state.
  static std::optional<Journal> open(const std::string& db_path, const JournalOptions& options,
                                     std::string& error);

  Journal(Journal&&) noexcept;
  Journal& operator=(Journal&&) noexcept;
  ~Journal();

  // An error unless these files are the rules and roster the journal is bound to.
  std::optional<std::string> check_bound(const std::string& rules_path,
                                         const std::string& roster_path) const;

  JournalAppend append(const std::vector<LogEvent>& batch);

  const Engine& engine() const;  // the state after every event in the journal
  // The journal's events dated up to `day`, in journal order, run again through a lockstep::Run,
  // then the clock run to `day`: what `status` reports, as it reports a log of the same events.
  Run run_at(DayNumber day) const;
  const std::vector<LogEvent>& events() const;  // the journal, in order
  // Reads the events (once; events() and run_at() then use them), checking every link of the
  // chain from its genesis up to them. An error when they cannot be read or a link does not
  // match; events() is then empty and says so through on_note.
  std::optional<std::string> load_events() const;
  std::string chain_head() const;  // the newest link's hash; empty before format 3
  bool read_only() const;          // append() can write nothing (read-only storage)
  std::uint64_t batch_count() const;
  const std::string& rules_hash() const;
  const std::string& roster_hash() const;
  const std::string& rules_path() const;  // as given when the journal was made
  Mode mode() const;

  struct Impl;

 private:
  explicit Journal(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// PRAGMA integrity_check and the journal's own checks: format, hashes of the stored rules and
// roster, batches whole and contiguous, every link of the hash chain (the first one that does not
// match named with what was stored and what its rows hash to), the newest epoch's record of meta,
// sources, migrations and schema, every event accepted on replay, the state after each batch
// recorded since the newest migration (and at it) equal to the replay, and every snapshot on its
// own and against the replay. With `expected_head` (64 hex digits), a chain head that differs is
// a problem: events added, trailing batches removed, or the chain rewritten since it was kept.
// Never writes to the file.
JournalCheck verify_journal(const std::string& db_path, const std::string& expected_head = {});

// Re-evaluates the whole journal under `new_rules` and, unless `dry_run`, rebinds it to them in
// one transaction. Nothing changes when an event cannot be replayed under the new rules.
std::optional<JournalMigration> migrate_journal(const std::string& db_path,
                                                const std::string& new_rules, bool dry_run,
                                                std::string& error);

}  // namespace lockstep
