// The walk over a journal's links; see chain_walk.h.
#include "db/chain_walk.h"

#include <fmt/format.h>
#include <sqlite3.h>

namespace lockstep::db {
namespace {

// A link's stored hash as text; one stored under another storage class matches no computed hash,
// and says what it was.
std::string stored_hash(const Statement& q, int column) {
  const int type = q.type(column);
  std::string text = q.text(column);
  if (type != SQLITE_TEXT) text += fmt::format(" (stored as SQLite type {}, not as text)", type);
  return text;
}

// The row is encoded before any value is read: reading a BLOB as text converts it in place, after
// which SQLite no longer says it was a BLOB.
EpochRow read_epoch(const Statement& q) {
  EpochRow e;
  encode_columns(e.stored, q, 0, 5);
  e.id = q.int64(0);
  e.after_batch = q.int64(1);
  if (!q.is_null(2)) e.migration = q.int64(2);
  e.state = q.text(3);
  e.config = q.text(4);
  e.hash = stored_hash(q, 5);
  return e;
}

constexpr const char* kEpochColumns = "id, after_batch, migration, state, config, hash";

}  // namespace

std::vector<EpochRow> load_epochs(Connection& db) {
  std::vector<EpochRow> out;
  Statement q(db, fmt::format("SELECT {} FROM epochs ORDER BY after_batch, id", kEpochColumns));
  while (q.step()) out.push_back(read_epoch(q));
  return out;
}

void seat(Connection& db, ChainPosition& at) {
  at.epoch = 0;
  at.head.clear();
  std::int64_t epoch_after = -1;
  Statement e(db,
              "SELECT id, after_batch, hash FROM epochs WHERE after_batch <= ? "
              "ORDER BY after_batch DESC, id DESC LIMIT 1");
  e.bind(1, at.batch);
  if (e.step()) {
    at.epoch = e.int64(0);
    epoch_after = e.int64(1);
    at.head = e.text(2);
  }
  if (at.batch > 0 && epoch_after != at.batch) {
    Statement b(db, "SELECT hash FROM batches WHERE id = ?");
    b.bind(1, at.batch);
    at.head = b.step() ? b.text(0) : std::string();
  }
}

void ChainWalk::run(Connection& db, ChainPosition& at) const {
  std::vector<EpochRow> epochs;
  if (hashed) {
    Statement q(db, fmt::format("SELECT {} FROM epochs WHERE id > ? ORDER BY after_batch, id",
                                kEpochColumns));
    q.bind(1, at.epoch);
    while (q.step()) epochs.push_back(read_epoch(q));
  }
  std::size_t next_epoch = 0;
  const auto link_done = [&](const std::string& stored, const std::string& computed) {
    at.head = chain_on_computed ? computed : stored;
  };
  // Walks the next epochs while `more` says so.
  const auto epochs_while = [&](const auto& more) {
    for (; next_epoch < epochs.size() && more(epochs[next_epoch]); ++next_epoch) {
      const EpochRow& e = epochs[next_epoch];
      const std::string prev = at.head;
      const std::string computed = epoch_hash(prev, e);
      if (on_epoch) on_epoch(e, computed, prev);
      at.epoch = e.id;
      link_done(e.hash, computed);
    }
  };

  Statement batches(db, fmt::format("SELECT id, first_seq, last_seq, fingerprint, {} FROM batches "
                                    "WHERE id > ? AND id <= ? ORDER BY id",
                                    hashed ? "hash" : "''"));
  batches.bind(1, at.batch).bind(2, until_batch);
  Statement events(db, fmt::format("SELECT seq, batch, {} FROM events WHERE seq > ? ORDER BY seq",
                                   kEventColumns));
  events.bind(1, at.seq);
  bool have_event = events.step();
  while (batches.step()) {
    const std::int64_t id = batches.int64(0);  // an INTEGER PRIMARY KEY: always an integer
    epochs_while([&](const EpochRow& e) { return e.after_batch < id; });
    const std::string prev = at.head;
    // Hashed before any value is read (see read_epoch), then read.
    std::optional<LinkHasher> h;
    if (hashed) {
      h.emplace("batch", prev);
      h->columns(batches, 0, 4);
    }
    BatchRow b{batches.int64(0), batches.int64(1), batches.int64(2), batches.text(3),
               hashed ? stored_hash(batches, 4) : std::string()};
    for (; have_event && events.int64(0) <= b.last; have_event = events.step()) {
      const std::int64_t seq = events.int64(0);
      if (seq < b.first) {
        if (on_stray)
          on_stray(fmt::format("event {} lies outside every batch (batch {} holds events {}..{})",
                               seq, b.id, b.first, b.last));
        continue;
      }
      if (h) h->columns(events, 0, kEventRowColumns);
      if (on_event) on_event(events);
      at.seq = seq;
    }
    const std::string computed = h ? h->finish() : std::string();
    if (on_batch) on_batch(b, computed, prev);
    at.batch = b.id;
    link_done(b.hash, computed);
  }
  epochs_while(
      [&](const EpochRow& e) { return e.after_batch <= until_batch && e.id <= until_epoch; });
  if (until_batch != std::numeric_limits<std::int64_t>::max()) return;
  if (have_event && on_stray) {
    std::int64_t first = events.int64(0), count = 0;
    do ++count;
    while (events.step());
    on_stray(fmt::format("{} event(s) from event {} on lie after the last batch", count, first));
  }
}

}  // namespace lockstep::db
