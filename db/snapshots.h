// Snapshots of the engine's state in the journal (db/schema.h, table `snapshots`): a cache that
// lets opening a journal replay only the events after the newest good snapshot. The journal's
// events stay the truth; a snapshot is used only when every check passes, otherwise an older one
// or the full replay is, and stderr says so.
//
// Policy: append() writes a snapshot of the state after its batch, in the batch's transaction,
// when at least `every` events lie after the newest snapshot (100,000 unless the environment
// variable LOCKSTEP_SNAPSHOT_EVERY says otherwise; 0 writes none). The newest kKept are kept.
//
// A snapshot is used only when: the SHA-256 of its blob matches; it ends a recorded batch and its
// digest equals the one the journal recorded there (the batch's, or the newest migration's when
// the snapshot is at that migration); in format 3, the chain head it stores equals the hash of
// the journal's newest link there, so opening can take up the chain at it and check only the
// links after it; Engine::load_state() accepts the blob; and the loaded engine's digest equals the
// stored one. A snapshot taken before the newest migration holds a state under other rules and
// is never used.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/chain.h"
#include "db/sqlite.h"
#include "lockstep/engine.h"

namespace lockstep::db {

inline constexpr std::int64_t kDefaultSnapshotEvery = 100000;
inline constexpr int kKept = 2;

// Events between snapshots: LOCKSTEP_SNAPSHOT_EVERY when it is a whole number >= 0, else the
// default.
std::int64_t snapshot_every();

// The position of the newest snapshot, 0 when there is none.
std::int64_t newest_snapshot(Connection& db);

// Stores `engine` (the state after event `seq`, which ends a batch, where the chain's head is
// `head`) and prunes to the newest kKept; inside the caller's write transaction (format 3).
void write_snapshot(Connection& db, std::int64_t seq, const Engine& engine,
                    const std::string& head);

// Writes a snapshot when the policy asks for one at `seq`.
void maybe_snapshot(Connection& db, std::int64_t seq, const Engine& engine,
                    const std::string& head);

// What a snapshot is checked against: the journal's epochs in chain order (empty before format
// 3, when there is no chain to check).
struct SnapshotContext {
  bool chained = false;
  std::vector<EpochRow> epochs;
};

// Replaces `engine` (fresh from make_engine) by the newest snapshot that passes every check and
// returns the event and batch it ends, or {0, 0} (engine untouched) when none does. `notes`
// receives a line per snapshot passed over and why.
struct RestoredAt {
  std::int64_t seq = 0, batch = 0;
};
RestoredAt restore_newest(Connection& db, const SnapshotContext& context, Engine& engine,
                          std::vector<std::string>& notes);

// One stored snapshot as verify sees it: where, its digest, and what is wrong with it on its own
// (checksum, batch, blob, digest), empty when nothing.
struct SnapshotCheck {
  std::int64_t seq = 0;
  std::string fingerprint;
  std::string problem;
};
// Checks every snapshot against `fresh` (an engine straight from make_engine).
std::vector<SnapshotCheck> check_snapshots(Connection& db, const SnapshotContext& context,
                                           const Engine& fresh);

}  // namespace lockstep::db
