// `db verify`: SQLite's own integrity check, then the journal's invariants (db/schema.h) and a
// full replay compared batch by batch with the state recorded when each batch was committed, and
// every snapshot checked on its own and against that replay.
#include <fmt/format.h>

#include <map>

#include "db/journal_impl.h"
#include "db/schema.h"
#include "db/snapshots.h"

namespace lockstep {
namespace {

struct BatchRow {
  std::int64_t first = 0, last = 0;
  std::string fingerprint;
};

void check_sqlite(db::Connection& conn, JournalCheck& out) {
  db::Statement integrity(conn, "PRAGMA integrity_check");
  while (integrity.step()) {
    const std::string line = integrity.text(0);
    if (line != "ok") out.problems.push_back("integrity_check: " + line);
  }
  db::Statement fk(conn, "PRAGMA foreign_key_check");
  while (fk.step())
    out.problems.push_back(fmt::format("event {} names a batch that is not recorded", fk.int64(1)));
}

// Batches whole and contiguous: each holds exactly the events first_seq..last_seq, the next
// starts where it ended, and no event lies outside a batch.
std::map<std::int64_t, BatchRow> check_batches(db::Connection& conn, JournalCheck& out) {
  std::map<std::int64_t, BatchRow> batches;
  db::Statement q(conn, "SELECT id, first_seq, last_seq, fingerprint FROM batches ORDER BY id");
  std::int64_t expected_first = 1;
  while (q.step()) {
    BatchRow b{q.int64(1), q.int64(2), q.text(3)};
    if (b.first != expected_first)
      out.problems.push_back(fmt::format("batch {} starts at event {}, expected {}", q.int64(0),
                                         b.first, expected_first));
    expected_first = b.last + 1;
    batches.emplace(q.int64(0), b);
  }
  db::Statement ev(conn, "SELECT batch, count(*), min(seq), max(seq) FROM events GROUP BY batch");
  std::map<std::int64_t, bool> seen;
  while (ev.step()) {
    const auto it = batches.find(ev.int64(0));
    if (it == batches.end()) {
      out.problems.push_back(fmt::format("{} event(s) belong to batch {}, which is not recorded",
                                         ev.int64(1), ev.int64(0)));
      continue;
    }
    seen[ev.int64(0)] = true;
    const BatchRow& b = it->second;
    if (ev.int64(2) != b.first || ev.int64(3) != b.last || ev.int64(1) != b.last - b.first + 1)
      out.problems.push_back(
          fmt::format("batch {} is not whole: it should hold events {}..{}, "
                      "it holds {} event(s) in {}..{}",
                      ev.int64(0), b.first, b.last, ev.int64(1), ev.int64(2), ev.int64(3)));
  }
  for (const auto& [id, b] : batches)
    if (!seen.count(id)) out.problems.push_back(fmt::format("batch {} holds no event", id));
  out.batches = batches.size();
  return batches;
}

}  // namespace

JournalCheck verify_journal(const std::string& db_path) {
  JournalCheck out;
  std::string error;
  std::unique_ptr<Journal::Impl> impl;
  {
    // Open without replaying first, to report SQLite-level damage even when replay would fail.
    if (auto bad = db::check_header(db_path)) {
      out.problems.push_back(*bad);
      return out;
    }
    try {
      db::Connection conn(db_path, false);
      if (auto bad = db::check_format(conn, db_path)) {
        out.problems.push_back(*bad);
        return out;
      }
      check_sqlite(conn, out);
      if (!out.problems.empty()) return out;
    } catch (const db::SqlError& e) {
      out.problems.push_back(fmt::format("{}: damaged journal: {}", db_path, e.what()));
      return out;
    }
  }
  // Read the structure and the events without applying them, then replay batch by batch.
  JournalOptions options;
  impl = db::open_impl(db_path, options, error);
  if (!impl) {
    out.problems.push_back(error);
    return out;
  }
  try {
    db::Transaction read(*impl->conn, false);
    const auto batches = check_batches(*impl->conn, out);
    // Replay again from nothing, comparing the state after each batch with the recorded one.
    Journal::Impl& j = *impl;
    j.engine = make_engine(j.model, j.org, {j.mode, j.start}).engine;
    // Each snapshot on its own, then (below) against the replay up to its event.
    std::map<std::int64_t, db::SnapshotCheck> snapshots;
    if (j.format >= 2)
      for (db::SnapshotCheck& c : db::check_snapshots(*j.conn, *j.engine)) {
        if (!c.problem.empty())
          out.problems.push_back(fmt::format("snapshot at event {}: {}", c.seq, c.problem));
        snapshots.emplace(c.seq, std::move(c));
      }
    j.events.reset();
    j.last_seq = 0;
    j.batches = 0;
    out.events = j.catch_up([&](std::int64_t batch) {
      const auto it = batches.find(batch);
      const std::string now = db::fingerprint_hex(*j.engine);
      if (it != batches.end() && it->second.fingerprint != now)
        out.problems.push_back(
            fmt::format("the state after batch {} differs from the state "
                        "recorded when it was committed",
                        batch));
      const auto snapshot = snapshots.find(j.last_seq);
      if (snapshot != snapshots.end()) {
        if (snapshot->second.fingerprint != now)
          out.problems.push_back(fmt::format(
              "snapshot at event {}: its state differs from the replay of the events up to it",
              j.last_seq));
        snapshots.erase(snapshot);
      }
    });
    for (const auto& [seq, c] : snapshots)
      out.problems.push_back(
          fmt::format("snapshot at event {}: the replay never stops there (no batch ends at it, "
                      "or the journal is shorter)",
                      seq));
    read.commit();
  } catch (const db::SqlError& e) {
    out.problems.push_back(fmt::format("{}: {}", db_path, e.what()));
  }
  return out;
}

}  // namespace lockstep
