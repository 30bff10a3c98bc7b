// `db verify`: SQLite's own integrity check, then the journal's invariants (db/schema.h), every
// link of the hash chain from its genesis (db/chain.h) and the newest epoch's record of what is
// not in a batch, a full replay compared with the states the journal recorded, and every snapshot
// checked on its own and against that replay. It reads only: a journal on read-only storage is
// verified as it is.
//
// The walk goes on past a link that does not match, hashing each link from the stored hash of the
// one before it, so every damaged link is found by itself; the first is reported in full (what was
// stored, what its rows hash to), the others by name. A damaged snapshot is reported apart: it is
// passed over when opening and the journal is sound without it.
#include <fmt/format.h>

#include <map>

#include "db/chain.h"
#include "db/journal_impl.h"
#include "db/schema.h"
#include "db/snapshots.h"
#include "lockstep/messages.h"

namespace lockstep {
namespace {

struct BatchRow {
  std::int64_t first = 0, last = 0;
};

void check_sqlite(db::Connection& conn, JournalCheck& out) {
  db::Statement integrity(conn, "PRAGMA integrity_check");
  while (integrity.step()) {
    const std::string line = integrity.text(0);
    if (line != "ok") out.problems.push_back("integrity_check: " + line);
  }
  db::Statement fk(conn, "PRAGMA foreign_key_check");
  while (fk.step())
    out.problems.push_back(
        fk.text(0) == "events"
            ? fmt::format("event {} names a batch that is not recorded", fk.int64(1))
            : fmt::format("{} row {} refers to a {} row that is not recorded", fk.text(0),
                          fk.int64(1), fk.text(2)));
}

// Batches whole and contiguous: each holds exactly the events first_seq..last_seq, the next
// starts where it ended, and no event lies outside a batch.
void check_batches(db::Connection& conn, JournalCheck& out) {
  std::map<std::int64_t, BatchRow> batches;
  db::Statement q(conn, "SELECT id, first_seq, last_seq FROM batches ORDER BY id");
  std::int64_t expected_first = 1;
  while (q.step()) {
    BatchRow b{q.int64(1), q.int64(2)};
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
}

// The links that do not match: the first in full, then how many more and which.
struct Mismatches {
  std::string first;
  std::vector<std::string> later;
  void add(std::string full, std::string name) {
    if (first.empty())
      first = std::move(full);
    else
      later.push_back(std::move(name));
  }
  void report(JournalCheck& out) const {
    if (first.empty()) return;
    out.problems.push_back(first);
    if (later.empty()) return;
    constexpr std::size_t kNamed = 10;
    std::string names;
    for (std::size_t i = 0; i < later.size() && i < kNamed; ++i)
      names += (i ? ", " : "") + later[i];
    if (later.size() > kNamed) names += ", ...";
    out.problems.push_back(
        fmt::format("{} later link(s) do not match their hash either: {}", later.size(), names));
  }
};

}  // namespace

JournalCheck verify_journal(const std::string& db_path, const std::string& expected_head) {
  JournalCheck out;
  // SQLite-level damage first, on its own connection: it is reported even when nothing else
  // could be read.
  if (auto bad = db::check_header(db_path)) {
    out.problems.push_back(*bad);
    return out;
  }
  try {
    db::Connection conn(db_path, db::Connection::Open::kExisting);
    out.read_only = conn.read_only();
    if (auto bad = db::check_format(conn, db_path, &out.format)) {
      out.problems.push_back(*bad);
      return out;
    }
    check_sqlite(conn, out);
    if (!out.problems.empty()) return out;
  } catch (const db::SqlError& e) {
    out.problems.push_back(fmt::format("{}: damaged journal: {}", db_path, e.what()));
    return out;
  }
  // The binding (meta, sources, the engine they make), nothing replayed yet.
  std::string error;
  std::unique_ptr<Journal::Impl> impl = db::open_impl(db_path, {}, error, false);
  if (!impl) {
    out.problems.push_back(error);
    return out;
  }
  Journal::Impl& j = *impl;
  try {
    db::Transaction read(*j.conn, false);
    check_batches(*j.conn, out);
    const bool structure_sound = out.problems.empty();
    if (const std::string bad = j.config_problem(); !bad.empty()) out.problems.push_back(bad);
    // The newest epoch starts the rules in force: the states recorded before it were under
    // others, so the replay is compared from it on.
    const std::optional<db::EpochRow> newest =
        j.epochs.empty() ? std::nullopt : std::optional<db::EpochRow>(j.epochs.back());
    const std::int64_t compare_after = newest ? newest->after_batch : 0;

    // Each snapshot on its own; the sound ones (below) against the replay up to their event.
    std::map<std::int64_t, db::SnapshotCheck> snapshots;
    if (j.format >= 2)
      for (db::SnapshotCheck& c :
           db::check_snapshots(*j.conn, {j.chained(), j.epochs}, *j.engine)) {
        if (c.problem.empty())
          snapshots.emplace(c.seq, std::move(c));
        else
          out.snapshots.push_back(fmt::format(
              "the snapshot at event {} is damaged and passed over: {}", c.seq, c.problem));
      }

    Mismatches mismatches;
    bool replaying = true;  // until an event cannot be replayed: later states mean nothing
    db::ChainWalk walk;
    walk.hashed = j.chained();
    walk.on_event = [&](const db::Statement& row) {
      ++out.events;
      if (!replaying) return;
      const std::int64_t seq = row.int64(0);
      const LogEvent record = db::read_event_row(row, 2);
      Refusal why;
      std::optional<Event> e = j.names->resolve(record, why);
      if (static_cast<std::uint8_t>(record.kind) > 3)
        out.problems.push_back(fmt::format("event {} has an unknown kind", seq));
      else if (!e)
        out.problems.push_back(fmt::format("event {}: {}", seq, describe(why, *j.model, *j.org)));
      else if (!feed(*j.engine, *e, &why).accepted)
        out.problems.push_back(
            fmt::format("event {} is refused on replay: {}", seq, describe(why, *j.model, *j.org)));
      else
        return;
      replaying = false;
    };
    walk.on_batch = [&](const db::BatchRow& b, const std::string& computed,
                        const std::string& prev) {
      if (walk.hashed && computed != b.hash)
        mismatches.add(db::batch_mismatch(b, computed, prev), fmt::format("batch {}", b.id));
      if (!replaying) return;
      const std::string now = db::fingerprint_hex(*j.engine);
      if (b.id > compare_after && b.fingerprint != now)
        out.problems.push_back(fmt::format(
            "the state after batch {} differs from the state recorded when it was committed",
            b.id));
      const auto snapshot = snapshots.find(b.last);
      if (snapshot != snapshots.end()) {
        if (snapshot->second.fingerprint != now)
          out.snapshots.push_back(fmt::format(
              "the snapshot at event {} is damaged and passed over: its state differs from the "
              "replay of the events up to it",
              b.last));
        snapshots.erase(snapshot);
      }
    };
    walk.on_epoch = [&](const db::EpochRow& e, const std::string& computed,
                        const std::string& prev) {
      if (computed != e.hash)
        mismatches.add(db::epoch_mismatch(e, computed, prev), fmt::format("epoch {}", e.id));
      if (replaying && newest && e.id == newest->id && e.state != db::fingerprint_hex(*j.engine))
        out.problems.push_back(
            fmt::format("the state at epoch {} (after batch {}) differs from the one it recorded",
                        e.id, e.after_batch));
    };
    walk.on_stray = [&](const std::string& problem) {
      if (structure_sound) out.problems.push_back(problem);
    };
    walk.run(*j.conn, j.at);
    mismatches.report(out);
    for (const auto& [seq, c] : snapshots)
      out.snapshots.push_back(fmt::format(
          "the snapshot at event {} is damaged and passed over: the replay never stops there "
          "(no batch ends at it, or the journal is shorter)",
          seq));
    if (j.chained()) out.head = j.at.head;
    read.commit();
  } catch (const db::SqlError& e) {
    out.problems.push_back(fmt::format("{}: {}", db_path, e.what()));
  }
  if (!expected_head.empty() && expected_head != out.head)
    out.problems.push_back(
        out.head.empty()
            ? fmt::format("the journal has no chain head (format {}); {} was expected", out.format,
                          expected_head)
            : fmt::format("the chain head is {}, not the one kept ({}): batches were recorded or "
                          "removed since, or the chain was rewritten",
                          out.head, expected_head));
  return out;
}

}  // namespace lockstep
