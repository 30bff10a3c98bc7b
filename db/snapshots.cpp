// Writing, choosing and checking snapshots; see snapshots.h.
#include "db/snapshots.h"

#include <fmt/format.h>

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

// What is wrong with one stored snapshot on its own; when nothing, `engine` holds its state.
std::string examine(Connection& db, const Statement& row, Engine& engine) {
  const std::int64_t seq = row.int64(0);
  const std::string fingerprint = row.text(1);
  const std::span<const std::uint8_t> state = row.blob(3);
  if (sha256_of(state) != row.text(2)) return "its SHA-256 does not match its bytes";
  Statement batch(db, "SELECT fingerprint FROM batches WHERE last_seq = ?");
  batch.bind(1, seq);
  if (!batch.step()) return "no recorded batch ends at that event";
  if (batch.text(0) != fingerprint)
    return "its state digest differs from the one recorded with the batch it ends";
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

void write_snapshot(Connection& db, std::int64_t seq, const Engine& engine) {
  const std::vector<std::uint8_t> state = engine.save_state();
  Statement add(db,
                "INSERT OR REPLACE INTO snapshots(seq, fingerprint, sha256, state) "
                "VALUES(?, ?, ?, ?)");
  add.bind(1, seq).bind(2, fingerprint_hex(engine)).bind(3, sha256_of(state));
  add.bind_blob(4, state).run();
  Statement prune(db,
                  "DELETE FROM snapshots WHERE seq NOT IN "
                  "(SELECT seq FROM snapshots ORDER BY seq DESC LIMIT ?)");
  prune.bind(1, std::int64_t{kKept}).run();
}

void maybe_snapshot(Connection& db, std::int64_t seq, const Engine& engine) {
  const std::int64_t every = snapshot_every();
  if (every > 0 && seq - newest_snapshot(db) >= every) write_snapshot(db, seq, engine);
}

std::int64_t restore_newest(Connection& db, Engine& engine, std::vector<std::string>& notes) {
  Statement q(db, "SELECT seq, fingerprint, sha256, state FROM snapshots ORDER BY seq DESC");
  while (q.step()) {
    Engine trial = engine;
    const std::string problem = examine(db, q, trial);
    if (problem.empty()) {
      engine = std::move(trial);
      return q.int64(0);
    }
    notes.push_back(fmt::format("the snapshot at event {} is not used: {}", q.int64(0), problem));
  }
  return 0;
}

std::vector<SnapshotCheck> check_snapshots(Connection& db, const Engine& fresh) {
  std::vector<SnapshotCheck> out;
  Statement q(db, "SELECT seq, fingerprint, sha256, state FROM snapshots ORDER BY seq");
  while (q.step()) {
    Engine trial = fresh;
    out.push_back({q.int64(0), q.text(1), examine(db, q, trial)});
  }
  return out;
}

}  // namespace lockstep::db
