// Writing, choosing and checking snapshots; see snapshots.h.
#include "db/snapshots.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include <cstdlib>
#include <string_view>

#include "db/journal_impl.h"
#include "db/sha256.h"

namespace lockstep::db {
namespace {

std::string sha256_of(std::span<const std::uint8_t> bytes) {
  return util::sha256_hex(
      std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

std::string columns(const SnapshotContext& context) {
  return context.chained ? "seq, fingerprint, sha256, state, chain"
                         : "seq, fingerprint, sha256, state, ''";
}

// What is wrong with one stored snapshot on its own; when nothing, `engine` holds its state and
// `batch` the batch it ends. Called before any value of the row is read otherwise (a value read
// under another type is converted in place, and its storage class lost).
std::string examine(Connection& db, const SnapshotContext& context, const Statement& row,
                    Engine& engine, std::int64_t& batch_id) {
  // Each value under the storage class it was written with: the same bytes as a BLOB instead of
  // TEXT are not what was written either.
  constexpr int kTypes[] = {SQLITE_INTEGER, SQLITE_TEXT, SQLITE_TEXT, SQLITE_BLOB, SQLITE_TEXT};
  constexpr const char* kNames[] = {"seq", "fingerprint", "sha256", "state", "chain"};
  for (int c = 0; c < 5; ++c)
    if (row.type(c) != kTypes[c])
      return fmt::format("its {} is not stored as it was written (SQLite type {}, expected {})",
                         kNames[c], row.type(c), kTypes[c]);
  const std::int64_t seq = row.int64(0);
  const std::string fingerprint = row.text(1);
  const std::span<const std::uint8_t> state = row.blob(3);
  if (sha256_of(state) != row.text(2)) return "its SHA-256 does not match its bytes";
  Statement batch(db, fmt::format("SELECT id, fingerprint, {} FROM batches WHERE last_seq = ?",
                                  context.chained ? "hash" : "''"));
  batch.bind(1, seq);
  if (!batch.step()) return "no recorded batch ends at that event";
  batch_id = batch.int64(0);
  std::string expected = batch.text(1), head = batch.text(2);
  if (context.chained && !context.epochs.empty()) {
    const EpochRow& newest = context.epochs.back();
    if (newest.after_batch > batch_id)
      return fmt::format(
          "it was taken before the newest migration (epoch {}, after batch {}), under other rules",
          newest.id, newest.after_batch);
    if (newest.after_batch == batch_id) expected = newest.state;
    for (const EpochRow& e : context.epochs)
      if (e.after_batch == batch_id) head = e.hash;
  }
  if (expected != fingerprint)
    return "its state digest differs from the one the journal recorded at the batch it ends";
  if (context.chained && row.text(4) != head)
    return fmt::format(
        "the chain head it stores ({}) is not the hash of the journal's link at the batch it ends "
        "({}, batch {})",
        row.text(4), head, batch_id);
  if (const Diagnostics refused = engine.load_state(state); !refused.empty())
    return refused.front().message;
  if (fingerprint_hex(engine) != fingerprint)
    return "the state it loads has another digest than the one stored with it";
  return {};
}

}  // namespace

std::int64_t snapshot_every() {
  const char* text = std::getenv("LOCKSTEP_SNAPSHOT_EVERY");
  if (!text || !*text) return kDefaultSnapshotEvery;
  char* end = nullptr;
  const long long n = std::strtoll(text, &end, 10);
  if (*end != '\0' || n < 0) return kDefaultSnapshotEvery;
  return n;
}

std::int64_t newest_snapshot(Connection& db) {
  Statement q(db, "SELECT coalesce(max(seq), 0) FROM snapshots");
  return q.step() ? q.int64(0) : 0;
}

void write_snapshot(Connection& db, std::int64_t seq, const Engine& engine,
                    const std::string& head) {
  const std::vector<std::uint8_t> state = engine.save_state();
  Statement add(db,
                "INSERT OR REPLACE INTO snapshots(seq, fingerprint, sha256, state, chain) "
                "VALUES(?, ?, ?, ?, ?)");
  add.bind(1, seq).bind(2, fingerprint_hex(engine)).bind(3, sha256_of(state));
  add.bind_blob(4, state).bind(5, head).run();
  Statement prune(db,
                  "DELETE FROM snapshots WHERE seq NOT IN "
                  "(SELECT seq FROM snapshots ORDER BY seq DESC LIMIT ?)");
  prune.bind(1, std::int64_t{kKept}).run();
}

void maybe_snapshot(Connection& db, std::int64_t seq, const Engine& engine,
                    const std::string& head) {
  const std::int64_t every = snapshot_every();
  if (every > 0 && seq - newest_snapshot(db) >= every) write_snapshot(db, seq, engine, head);
}

RestoredAt restore_newest(Connection& db, const SnapshotContext& context, Engine& engine,
                          std::vector<std::string>& notes) {
  Statement q(db, fmt::format("SELECT {} FROM snapshots ORDER BY seq DESC", columns(context)));
  while (q.step()) {
    Engine trial = engine;
    std::int64_t batch = 0;
    const std::string problem = examine(db, context, q, trial, batch);
    if (problem.empty()) {
      engine = std::move(trial);
      return {q.int64(0), batch};
    }
    notes.push_back(fmt::format("the snapshot at event {} is not used: {}", q.int64(0), problem));
  }
  return {};
}

std::vector<SnapshotCheck> check_snapshots(Connection& db, const SnapshotContext& context,
                                           const Engine& fresh) {
  std::vector<SnapshotCheck> out;
  Statement q(db, fmt::format("SELECT {} FROM snapshots ORDER BY seq", columns(context)));
  while (q.step()) {
    Engine trial = fresh;
    std::int64_t batch = 0;
    std::string problem = examine(db, context, q, trial, batch);  // first: it checks the types
    out.push_back({q.int64(0), q.text(1), std::move(problem)});
  }
  return out;
}

}  // namespace lockstep::db
