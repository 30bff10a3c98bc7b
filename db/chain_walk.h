// Reading a journal's links in chain order (db/chain.h): the batches by id, each with its events
// by seq, and the epochs between them, hashing each link as it goes. One walk serves opening (from
// the newest usable snapshot), appending (what other processes recorded meanwhile), reading every
// event (status, migrate), making the chain of an older format, and `db verify` (from the genesis).
//
// Two cursors move forward together (batches by id, events by seq) and the few epochs are held in
// memory, so a walk reads each row once, in order, whatever the size of the batches.
//
// Invariants: the walk calls on_event for every event inside a batch's range, in seq order, then
// on_batch for that batch; an epoch's on_epoch comes after the batch it follows and before the
// next one. `at` always names the last link walked; its `head` is the stored hash of that link
// (the computed one when `chain_on_computed`), so a damaged link is found alone: the link after it
// still matches, being hashed from what is stored.
#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "db/chain.h"
#include "db/sqlite.h"

namespace lockstep::db {

// Where a walk stands.
struct ChainPosition {
  std::int64_t batch = 0;  // the last batch walked; 0 before the first
  std::int64_t seq = 0;    // the last event walked
  std::int64_t epoch = 0;  // the last epoch walked; 0 before the genesis
  std::string head;        // the hash of the last link walked; "" before the genesis
};

// The columns of an event as every reader selects them: seq, batch, then these.
inline constexpr const char* kEventColumns =
    "day, second, kind, who, step, hours, chars, count, form, reason, approver, key";
inline constexpr int kEventRowColumns = 14;  // seq, batch and the twelve above

struct ChainWalk {
  bool hashed = true;              // format 3: compute each link's hash
  bool chain_on_computed = false;  // making the chain: the next link's prev is the computed hash
  // Walk no batch beyond until_batch, and after it no epoch beyond until_epoch: the links up to
  // a position.
  std::int64_t until_batch = std::numeric_limits<std::int64_t>::max();
  std::int64_t until_epoch = std::numeric_limits<std::int64_t>::max();

  // An event's row, columns seq, batch, then kEventColumns.
  std::function<void(const Statement& row)> on_event;
  // After a batch's events: its row as stored, the hash computed for it ("" unless hashed) and the
  // prev it was computed from.
  std::function<void(const BatchRow&, const std::string& computed, const std::string& prev)>
      on_batch;
  std::function<void(const EpochRow&, const std::string& computed, const std::string& prev)>
      on_epoch;
  // An event outside every batch's range, named with where it lies.
  std::function<void(const std::string& problem)> on_stray;

  // Walks every link after `at` (up to until_batch and until_epoch), moving `at` along.
  void run(Connection& db, ChainPosition& at) const;
};

// Every epoch, in chain order (after_batch, id).
std::vector<EpochRow> load_epochs(Connection& db);

// Takes up the chain at batch `at.batch` (whose last event is `at.seq`) without walking what
// lies before: `at.epoch` becomes the newest epoch after a batch at or before it, `at.head` the
// stored hash of the newest link there (that epoch when it follows `at.batch` itself, else the
// batch). Used where a snapshot is restored and after an older format got its chain.
void seat(Connection& db, ChainPosition& at);

}  // namespace lockstep::db
