// Snapshots: the engine's state saved and loaded back (Engine::save_state / load_state), and the
// journal's snapshots: written by the policy, used on open so that only the tail is replayed,
// passed over when damaged, checked by verify, dropped by migrate, added to an older format.
#include <doctest/doctest.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <random>

#include "lockstep/messages.h"
#include "lockstep/name_index.h"
#include "lockstep/roster.h"
#include "lockstep/rules.h"
#include "lockstep/run.h"
#include "tests/db/journal_fixture.h"
#include "tests/engine/reseal_state.h"
#include "tests/view.h"

namespace lockstep::test {
namespace {

// The bureau's sample log, up to and including the branch's 'opinion', which queues every
// member's 'feedback' deadline; then an excuse (an away member's feedback) and a revision; `tail`
// gets the rest, but for the excused feedback.
std::vector<LogEvent> bureau_log(std::vector<LogEvent>* tail = nullptr) {
  EventLogResult r = read_event_log_file(LOCKSTEP_SOURCE_DIR "/samples/events/bureau_001.csv");
  REQUIRE(r.events);
  const auto opinion = std::find_if(r.events->begin(), r.events->end(),
                                    [](const LogEvent& e) { return e.step == "opinion"; });
  REQUIRE(opinion != r.events->end());
  std::vector<LogEvent> head(r.events->begin(), opinion + 1);
  head.push_back(ev("2005-03-30", "ld0013", "feedback", "", LogEvent::Kind::kExcuse));
  head.push_back(ev("2005-03-30", "ld0027", "notes", "", LogEvent::Kind::kRevise));
  if (tail)
    std::copy_if(opinion + 1, r.events->end(), std::back_inserter(*tail),
                 [](const LogEvent& e) { return !(e.who == "ld0013" && e.step == "feedback"); });
  return head;
}

// Appends one batch, which must be recorded.
void record(Journal& j, const std::vector<LogEvent>& batch) {
  const JournalAppend a = j.append(batch);
  INFO(a.error);
  REQUIRE(a.ack);
}

// Engine::load_state, its diagnostic's message in `error`: true when loaded.
bool load(Engine& engine, std::span<const std::uint8_t> blob, std::string& error) {
  const Diagnostics refused = engine.load_state(blob);
  error = refused.empty() ? std::string() : refused.front().message;
  return refused.empty();
}

// Applies journal records to an engine as the journal does; every one must be accepted.
void feed(Engine& engine, const std::vector<LogEvent>& records) {
  const NameIndex names(engine.shared_model(), engine.shared_organization());
  for (const LogEvent& r : records) {
    Refusal why;
    std::optional<Event> e = names.resolve(r, why);
    INFO(r.who, " ", r.step, ": ", describe(why, engine.model(), engine.organization()));
    REQUIRE(e);
    REQUIRE(feed(engine, *e).accepted);
  }
}

Engine fresh_like(const Engine& e, std::optional<Mode> mode = {}) {
  return *make_engine(e.shared_model(), e.shared_organization(),
                      {mode.value_or(e.mode()), e.start()})
              .engine;
}

std::vector<std::string> described(const Engine& e) {
  std::vector<std::string> out;
  for (const Violation& v : e.violations())
    out.push_back(describe(v, e.model(), e.organization()) + " @" + std::to_string(v.day));
  return out;
}

std::vector<std::int64_t> snapshot_positions(const std::string& path) {
  std::vector<std::int64_t> out;
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  sqlite3_stmt* q = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, "SELECT seq FROM snapshots ORDER BY seq", -1, &q, nullptr) ==
          SQLITE_OK);
  while (sqlite3_step(q) == SQLITE_ROW) out.push_back(sqlite3_column_int64(q, 0));
  sqlite3_finalize(q);
  sqlite3_close(db);
  return out;
}

Journal open_journal(const std::string& path) {
  std::string error;
  std::optional<Journal> j = Journal::open(path, {}, error);
  INFO(error);
  REQUIRE(j);
  return std::move(*j);
}

std::uint64_t full_replay(const Journal& j) {
  Engine e = fresh_like(j.engine());
  feed(e, j.events());
  return e.fingerprint();
}

bool has_problem(const JournalCheck& c, const std::string& part) {
  for (const std::string& p : c.problems)
    if (p.find(part) != std::string::npos) return true;
  return false;
}

// A damaged snapshot is reported as such, the journal itself sound.
bool snapshot_damaged(const JournalCheck& c, const std::string& part) {
  INFO(fmt::format("{}", fmt::join(c.problems, "\n")));
  CHECK(c.problems.empty());
  for (const std::string& p : c.snapshots)
    if (p.find(part) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE(
    "an engine loaded from its saved state is the same engine, and stays so after more "
    "events") {
  Scratch s;
  Journal j = make_journal(s.file("j.db"), Mode::kAudit);
  std::vector<LogEvent> tail;
  record(j, bureau_log(&tail));
  Engine original = j.engine();
  REQUIRE(!original.violations().empty());
  const std::vector<std::uint8_t> blob = original.save_state();

  Engine loaded = fresh_like(original);
  const std::uint64_t before = loaded.fingerprint();
  std::string error;
  REQUIRE_MESSAGE(load(loaded, blob, error), error);
  CHECK(loaded.fingerprint() != before);
  CHECK(loaded.fingerprint() == original.fingerprint());
  CHECK(loaded.clock() == original.clock());
  CHECK(described(loaded) == described(original));
  CHECK(loaded.save_state() == blob);  // byte for byte

  // The rest of the log, then the clock past every deadline (the queued 'feedback' ones too).
  const std::size_t violations = original.violations().size();
  feed(original, tail);
  feed(loaded, tail);
  advance_daily(original, *parse_date("2005-12-31"));
  advance_daily(loaded, *parse_date("2005-12-31"));
  CHECK(original.violations().size() > violations);
  CHECK(loaded.fingerprint() == original.fingerprint());
  CHECK(described(loaded) == described(original));
  CHECK(loaded.save_state() == original.save_state());
}

TEST_CASE(
    "truncated, bit-flipped, forged and foreign states are refused; the engine is "
    "unchanged") {
  Scratch s;
  Journal j = make_journal(s.file("j.db"), Mode::kAudit);
  record(j, bureau_log());
  const std::vector<std::uint8_t> blob = j.engine().save_state();
  Engine target = fresh_like(j.engine());
  const std::uint64_t untouched = target.fingerprint();
  std::string error;
  const auto refused = [&](const std::vector<std::uint8_t>& bad, const std::string& why) {
    error.clear();
    const bool loaded = load(target, bad, error);
    INFO(error);
    CHECK_FALSE(loaded);
    CHECK(error.find(why) != std::string::npos);
    CHECK(target.fingerprint() == untouched);
  };

  for (std::size_t n :
       {std::size_t{0}, std::size_t{7}, std::size_t{20}, blob.size() / 2, blob.size() - 1})
    refused(std::vector<std::uint8_t>(blob.begin(), blob.begin() + static_cast<long>(n)), "");
  std::vector<std::uint8_t> longer = blob;
  longer.insert(longer.end() - 8, std::uint8_t{0});
  refused(longer, "checksum");
  reseal_state(longer);
  refused(longer, "after the end of the state");

  // Every byte flipped in turn: the magic, the version or the checksum catches it.
  for (std::size_t i = 0; i < blob.size(); ++i) {
    std::vector<std::uint8_t> bad = blob;
    bad[i] ^= 0x10;
    error.clear();
    REQUIRE_FALSE(load(target, bad, error));
  }
  CHECK(target.fingerprint() == untouched);

  std::vector<std::uint8_t> version = blob;
  version[8] = 2;
  refused(version, "format version 2");

  // Forged: edits with the checksum recomputed reach the checks behind it. Each is refused or
  // gives a state the engine can work with; none may crash (the ASan build runs this too).
  std::mt19937 rng(7);
  int accepted = 0;
  for (int round = 0; round < 2000; ++round) {
    std::vector<std::uint8_t> bad = blob;
    const std::size_t at = 12 + rng() % (blob.size() - 20);
    bad[at] = static_cast<std::uint8_t>(rng());
    reseal_state(bad);
    Engine scratch = target;
    error.clear();
    if (load(scratch, bad, error)) {
      ++accepted;  // e.g. another day of a completion: a different but coherent state
      advance_daily(scratch, *parse_date("2005-12-31"));
      CHECK(scratch.fingerprint() != 0);
    } else {
      CHECK(scratch.fingerprint() == untouched);
    }
  }
  MESSAGE(accepted, " of 2000 forged one-byte edits gave a coherent state");
  CHECK(accepted < 2000);

  // A step byte that is no state, and counts that do not fit.
  const std::size_t body = 8 + 4 + 8 + 8 + 4 * 6 + 8 + 4 + 1 + 8 + 4 + 8;
  std::vector<std::uint8_t> state_byte = blob;
  state_byte[body] = 0x33;
  reseal_state(state_byte);
  refused(state_byte, "");

  // Another mode, another start date, another campaign.
  Engine enforce = fresh_like(j.engine(), Mode::kEnforce);
  refused(enforce.save_state(), "mode");
  Engine later = *make_engine(j.engine().shared_model(), j.engine().shared_organization(),
                              {Mode::kAudit, j.engine().start() + 1})
                      .engine;
  refused(later.save_state(), "start date");
  RulesResult rules = compile_rules_file(LOCKSTEP_SOURCE_DIR "/rules/baoxian_2005_township.lock");
  REQUIRE(rules.model);
  RosterResult roster =
      read_roster_file(LOCKSTEP_SOURCE_DIR "/samples/rosters/township_000.csv", *rules.model);
  REQUIRE(roster.org);
  Engine township =
      *make_engine(test::view(*rules.model), test::view(*roster.org), {Mode::kAudit, kStart})
           .engine;
  refused(township.save_state(), "another campaign");
  refused({'n', 'o', 't', ' ', 'a', ' ', 's', 't', 'a', 't', 'e', '!', 0, 0, 0, 0, 0, 0, 0, 0},
          "not an engine state");
}

// The kernel counts on a phase's byte keeping in step with its count of open required steps; a
// state whose phase is awaiting its gate with steps still open is refused, though well-formed.
TEST_CASE("a state with a phase out of step with its open steps is refused") {
  Scratch s;
  Journal j = make_journal(s.file("j.db"), Mode::kAudit);
  record(j, bureau_log());
  const Engine& engine = j.engine();
  std::vector<std::uint8_t> bytes;  // the phase bytes as stored: by unit, then phase
  std::size_t open_at = 0;
  for (UnitId u = 0; u < engine.organization().units.size(); ++u)
    for (PhaseId p = 0; p < engine.model().phases.size(); ++p) {
      const PhaseState state = engine.phase_state(u, p).value_or(PhaseState::kPending);
      if (state == PhaseState::kOpen) open_at = bytes.size();
      bytes.push_back(static_cast<std::uint8_t>(state));
    }
  REQUIRE(engine.phase_state(0, 0).value_or(PhaseState::kPending) == PhaseState::kPending);
  REQUIRE(bytes[open_at] == static_cast<std::uint8_t>(PhaseState::kOpen));
  std::vector<std::uint8_t> blob = engine.save_state();
  const auto found = std::search(blob.begin(), blob.end(), bytes.begin(), bytes.end());
  REQUIRE(found != blob.end());
  REQUIRE(std::search(found + 1, blob.end(), bytes.begin(), bytes.end()) == blob.end());
  found[static_cast<long>(open_at)] = static_cast<std::uint8_t>(PhaseState::kAwaitingGate);
  reseal_state(blob);
  Engine target = fresh_like(engine);
  const std::uint64_t untouched = target.fingerprint();
  std::string error;
  CHECK_FALSE(load(target, blob, error));
  CHECK(error.find("awaiting_gate with") != std::string::npos);
  CHECK(target.fingerprint() == untouched);
}

TEST_CASE("opening a journal uses its newest snapshot and replays only the events after it") {
  SnapshotEvery every("50");
  Scratch s;
  const std::string path = s.file("j.db");
  std::vector<LogEvent> tail;
  std::vector<LogEvent> log = bureau_log(&tail);
  log.insert(log.end(), tail.begin(), tail.end());
  std::uint64_t live = 0;
  {
    Journal j = make_journal(path, Mode::kAudit);
    for (std::size_t i = 0; i < log.size(); i += 20)
      record(j, {log.begin() + static_cast<long>(i),
                 log.begin() + static_cast<long>(std::min(i + 20, log.size()))});
    live = j.engine().fingerprint();
  }
  // A snapshot every 50 events or more, at batch ends, the newest two kept.
  const std::vector<std::int64_t> at = snapshot_positions(path);
  REQUIRE(at.size() == 2);
  CHECK(at[1] % 20 == 0);
  CHECK(at[1] <= static_cast<std::int64_t>(log.size()));
  CHECK(verify_journal(path).problems.empty());

  Journal reopened = open_journal(path);
  CHECK(reopened.engine().fingerprint() == live);
  CHECK(reopened.events().size() == log.size());
  CHECK(full_replay(reopened) == live);
  CHECK(reopened.batch_count() == (log.size() + 19) / 20);

  // Proof that the events before the snapshot were not replayed: damage them and open again.
  raw_sql(path, "UPDATE events SET step = 'no_such_step' WHERE seq = 1");
  CHECK(open_journal(path).engine().fingerprint() == live);
  CHECK(has_problem(verify_journal(path), "event 1"));
}

TEST_CASE("a damaged snapshot is reported by verify and passed over on open") {
  SnapshotEvery every("40");
  Scratch s;
  const std::string path = s.file("j.db");
  std::vector<LogEvent> tail;
  std::vector<LogEvent> log = bureau_log(&tail);
  std::uint64_t live = 0;
  {
    Journal j = make_journal(path, Mode::kAudit);
    for (std::size_t i = 0; i < log.size(); i += 30)
      record(j, {log.begin() + static_cast<long>(i),
                 log.begin() + static_cast<long>(std::min(i + 30, log.size()))});
    live = j.engine().fingerprint();
  }
  const std::vector<std::int64_t> at = snapshot_positions(path);
  REQUIRE(at.size() == 2);
  const std::string newest = std::to_string(at[1]), older = std::to_string(at[0]);

  SUBCASE("bytes of the blob changed") {
    raw_sql(path, "UPDATE snapshots SET state = zeroblob(64) WHERE seq = " + newest);
    CHECK(snapshot_damaged(verify_journal(path), "snapshot at event " + newest +
                                                     " is damaged and passed over: its SHA-256"));
  }
  SUBCASE("the older state stored under the newer position, with its own checksum") {
    raw_sql(path,
            "UPDATE snapshots SET (state, sha256) = (SELECT state, sha256 FROM snapshots "
            "WHERE seq = " +
                older + ") WHERE seq = " + newest);
    CHECK(snapshot_damaged(verify_journal(path), "snapshot at event " + newest +
                                                     " is damaged and passed over: the state it "
                                                     "loads has another digest"));
  }
  SUBCASE("its digest changed") {
    raw_sql(path, "UPDATE snapshots SET fingerprint = '0000000000000000' WHERE seq = " + newest);
    CHECK(snapshot_damaged(verify_journal(path), "recorded at the batch it ends"));
  }
  SUBCASE("both damaged: the full replay") {
    raw_sql(path, "UPDATE snapshots SET state = x'00'");
    const JournalCheck c = verify_journal(path);
    CHECK(snapshot_damaged(c, "snapshot at event " + newest));
    CHECK(snapshot_damaged(c, "snapshot at event " + older));
  }
  // Opening says what it passed over, to the caller's note handler rather than stderr.
  std::vector<std::string> notes;
  JournalOptions options;
  options.on_note = [&](const std::string& n) { notes.push_back(n); };
  std::string error;
  std::optional<Journal> reopened = Journal::open(path, options, error);
  INFO(error);
  REQUIRE(reopened);
  CHECK(reopened->engine().fingerprint() == live);
  CHECK(full_replay(*reopened) == live);
  REQUIRE_FALSE(notes.empty());
  CHECK(notes.front().find("snapshot at event " + newest) != std::string::npos);
  CHECK((notes.back().find("instead") != std::string::npos));
}

TEST_CASE("a journal of format 1 opens, and gets its snapshots table with its next batch") {
  SnapshotEvery every("2");
  Scratch s;
  const std::string path = s.file("j.db");
  { Journal j = make_journal(path); }
  make_older_format(path, 1);
  {
    Journal j = open_journal(path);
    CHECK(verify_journal(path).problems.empty());
    record(j, opening());
  }
  CHECK(snapshot_positions(path) == std::vector<std::int64_t>{2});
  CHECK(verify_journal(path).problems.empty());
  raw_sql(path, "PRAGMA user_version = 4");
  std::string error;
  CHECK_FALSE(Journal::open(path, {}, error));
  CHECK(error.find("newer than this program reads") != std::string::npos);
}

TEST_CASE("migrate drops the snapshots of the old rules and writes one under the new") {
  SnapshotEvery every("2");
  Scratch s;
  const std::string path = s.file("j.db");
  {
    Journal j = make_journal(path);
    record(j, opening());
    record(j, {ev("2005-01-20", "ld0001", "learn")});
  }
  CHECK(snapshot_positions(path) == std::vector<std::int64_t>{2});
  std::string error;
  const std::optional<JournalMigration> m =
      migrate_journal(path, LOCKSTEP_SOURCE_DIR "/rules/baoxian_2005_bureau.lock", false, error);
  REQUIRE_MESSAGE(m, error);
  CHECK(snapshot_positions(path) == std::vector<std::int64_t>{3});
  CHECK(verify_journal(path).problems.empty());
  CHECK(open_journal(path).engine().fingerprint() == full_replay(open_journal(path)));
}

}  // namespace lockstep::test
