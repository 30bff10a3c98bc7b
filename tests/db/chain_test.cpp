// The journal's trust boundary (format 3, db/chain.h): an edit of any column of any table, or a
// bit flipped anywhere in the file that changes a stored row, is found by verify, never "clean";
// a damaged snapshot is reported as a snapshot passed over, not a damaged journal. Older formats
// get their chain with their first write; migrate extends it; a kept head catches what a removed
// tail or a consistent rewrite of the whole chain would hide.
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>

#include "db/chain.h"
#include "tests/db/journal_fixture.h"

namespace lockstep::test {
namespace {

namespace fs = std::filesystem;

void record(Journal& j, const std::vector<LogEvent>& batch) {
  const JournalAppend a = j.append(batch);
  INFO(a.error);
  REQUIRE(a.ack);
}

std::string summary(const JournalCheck& c) {
  return fmt::format("problems:\n  {}\nsnapshots:\n  {}", fmt::join(c.problems, "\n  "),
                     fmt::join(c.snapshots, "\n  "));
}

// A journal whose every table holds rows and whose columns hold every kind of value they can:
// keys and none, evidence (hours, characters, a count, a form), an excuse with its reason and
// time of day, an approval by a supervision group, a revision, an advisory step; a migration
// (its row and epoch) with batches before and after it; snapshots (one every 4 events).
std::string rich_journal(const Scratch& s) {
  SnapshotEvery every("4");
  const std::string path = s.file("rich.db");
  {
    Journal j = make_journal(path, Mode::kAudit);
    record(j, opening());
    LogEvent learn = ev("2005-01-13", "ld0006", "learn", "l6");
    learn.hours = 3;
    LogEvent notes = ev("2005-01-14", "ld0018", "notes");
    notes.form = "written";
    notes.chars = 2500;
    LogEvent films = ev("2005-01-19", "ldj", "films");
    films.count = 3;
    record(j, {learn, notes, films});
    LogEvent excuse = ev("2005-01-20", "ld0020", "learn", "x20", LogEvent::Kind::kExcuse);
    excuse.second = 9 * 3600 + 30;
    record(j, {excuse, ev("2005-01-21", "ld0009", "learn_remote")});
  }
  std::string error;
  REQUIRE_MESSAGE(migrate_journal(path, kRules, false, error), error);
  {
    std::optional<Journal> j = Journal::open(path, {}, error);
    REQUIRE_MESSAGE(j, error);
    LogEvent approve = ev("2005-02-13", "ldj", "study", "", LogEvent::Kind::kApprove);
    approve.approver = "dd1";
    record(*j, {ev("2005-01-22", "ld0006", "learn", "r6", LogEvent::Kind::kRevise), approve});
    record(*j, {ev("2005-01-23", "ld0007", "learn")});
  }
  const JournalCheck c = verify_journal(path);
  INFO(summary(c));
  REQUIRE(c.clean());
  return path;
}

// An open SQLite handle on a file, closed at the end.
struct Db {
  sqlite3* h = nullptr;
  explicit Db(const std::string& path, int flags = SQLITE_OPEN_READWRITE) {
    REQUIRE(sqlite3_open_v2(path.c_str(), &h, flags | SQLITE_OPEN_URI, nullptr) == SQLITE_OK);
  }
  ~Db() { sqlite3_close_v2(h); }
};

// A statement's value as text with its storage class, so that 7 and '7' differ.
std::string typed(sqlite3_stmt* q, int c) {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_blob(q, c));
  const std::string bytes(p ? p : "", static_cast<std::size_t>(sqlite3_column_bytes(q, c)));
  return fmt::format("{}:{}", sqlite3_column_type(q, c), bytes);
}

std::vector<std::string> tables(sqlite3* h) {
  std::vector<std::string> out;
  sqlite3_stmt* q = nullptr;
  sqlite3_prepare_v2(
      h,
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%' "
      "ORDER BY name",
      -1, &q, nullptr);
  while (sqlite3_step(q) == SQLITE_ROW)
    out.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(q, 0)));
  sqlite3_finalize(q);
  return out;
}

// Every stored row of the file, typed: the schema, the two header fields a journal sets, then
// every table. Or why SQLite could not read them.
std::string dump(const std::string& path) {
  sqlite3* h = nullptr;
  const std::string uri = "file:" + path + "?immutable=1";
  std::string out;
  const auto query = [&](const std::string& sql) {
    sqlite3_stmt* q = nullptr;
    if (sqlite3_prepare_v2(h, sql.c_str(), -1, &q, nullptr) != SQLITE_OK) {
      out += fmt::format("cannot read: {}\n", sqlite3_errmsg(h));
      return false;
    }
    int rc = 0;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
      for (int c = 0; c < sqlite3_column_count(q); ++c) out += typed(q, c) + "|";
      out += "\n";
    }
    if (rc != SQLITE_DONE) out += fmt::format("cannot read: {}\n", sqlite3_errmsg(h));
    sqlite3_finalize(q);
    return rc == SQLITE_DONE;
  };
  if (sqlite3_open_v2(uri.c_str(), &h, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nullptr) ==
          SQLITE_OK &&
      query("SELECT * FROM sqlite_schema") && query("PRAGMA user_version") &&
      query("PRAGMA application_id"))
    for (const std::string& t : tables(h)) query(fmt::format("SELECT * FROM \"{}\"", t));
  sqlite3_close_v2(h);
  return out;
}

// One stored value, named by its table, column and the row's primary key.
struct Cell {
  std::string table, column, declared;
  std::vector<std::string> key_columns;
  std::vector<std::string> key;  // the row's key values, as SQL literals
  std::string where() const {
    std::string out;
    for (std::size_t i = 0; i < key.size(); ++i)
      out += fmt::format("{}\"{}\" = {}", i ? " AND " : "", key_columns[i], key[i]);
    return out;
  }
  std::string name() const { return fmt::format("{}.{} where {}", table, column, where()); }
};

std::string literal(sqlite3_stmt* q, int c) {
  switch (sqlite3_column_type(q, c)) {
    case SQLITE_INTEGER:
      return std::to_string(sqlite3_column_int64(q, c));
    case SQLITE_NULL:
      return "NULL";
    default: {
      std::string text(reinterpret_cast<const char*>(sqlite3_column_text(q, c)));
      std::string quoted = "'";
      for (char ch : text) quoted += ch == '\'' ? std::string("''") : std::string(1, ch);
      return quoted + "'";
    }
  }
}

// Every cell of every table the schema declares.
std::vector<Cell> every_cell(const std::string& path) {
  Db db(path);
  std::vector<Cell> out;
  for (const std::string& table : tables(db.h)) {
    std::vector<std::pair<std::string, std::string>> columns;  // name, declared type
    std::vector<std::string> key_columns;
    sqlite3_stmt* info = nullptr;
    sqlite3_prepare_v2(db.h, "SELECT name, type, pk FROM pragma_table_info(?) ORDER BY cid", -1,
                       &info, nullptr);
    sqlite3_bind_text(info, 1, table.c_str(), -1, SQLITE_TRANSIENT);
    std::vector<std::pair<int, std::string>> pk;
    while (sqlite3_step(info) == SQLITE_ROW) {
      const std::string name = reinterpret_cast<const char*>(sqlite3_column_text(info, 0));
      columns.emplace_back(name, reinterpret_cast<const char*>(sqlite3_column_text(info, 1)));
      if (sqlite3_column_int(info, 2) > 0) pk.emplace_back(sqlite3_column_int(info, 2), name);
    }
    sqlite3_finalize(info);
    std::sort(pk.begin(), pk.end());
    for (const auto& [n, name] : pk) key_columns.push_back(name);
    REQUIRE_MESSAGE(!key_columns.empty(), table);
    sqlite3_stmt* rows = nullptr;
    REQUIRE(sqlite3_prepare_v2(
                db.h,
                fmt::format("SELECT \"{}\" FROM \"{}\"", fmt::join(key_columns, "\", \""), table)
                    .c_str(),
                -1, &rows, nullptr) == SQLITE_OK);
    while (sqlite3_step(rows) == SQLITE_ROW) {
      std::vector<std::string> key;
      for (std::size_t c = 0; c < key_columns.size(); ++c)
        key.push_back(literal(rows, static_cast<int>(c)));
      for (const auto& [column, declared] : columns)
        out.push_back({table, column, declared, key_columns, key});
    }
    sqlite3_finalize(rows);
  }
  return out;
}

enum class Edit {
  kValue,         // another value of the same kind
  kStorageClass,  // the same bytes under another storage class (text as a blob ...)
};

// Changes one stored value as someone with sqlite3 would, constraints ignored: another value of
// the same kind (a number moved by one, text with a letter added, a blob with a byte flipped, NULL
// given a value), or the same bytes stored as a BLOB (text, the digits of a number) or as TEXT (a
// blob). False when SQLite keeps refusing (a key that would collide) or there is no such edit (a
// NULL has no bytes to store otherwise).
bool edit(const std::string& path, const Cell& cell, Edit how = Edit::kValue) {
  Db db(path);
  sqlite3_exec(db.h, "PRAGMA ignore_check_constraints = ON; PRAGMA synchronous = OFF", nullptr,
               nullptr, nullptr);
  sqlite3_stmt* q = nullptr;
  REQUIRE(sqlite3_prepare_v2(db.h,
                             fmt::format("SELECT \"{}\" FROM \"{}\" WHERE {}", cell.column,
                                         cell.table, cell.where())
                                 .c_str(),
                             -1, &q, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(q) == SQLITE_ROW);
  std::vector<std::string> candidates;
  const std::string column = fmt::format("\"{}\"", cell.column);
  if (how == Edit::kStorageClass) {
    switch (sqlite3_column_type(q, 0)) {
      case SQLITE_INTEGER:
        candidates = {fmt::format("CAST(CAST({} AS TEXT) AS BLOB)", column)};
        break;
      case SQLITE_TEXT:
        candidates = {fmt::format("CAST({} AS BLOB)", column)};
        break;
      case SQLITE_BLOB:
        candidates = {fmt::format("CAST({} AS TEXT)", column)};
        break;
      default:
        break;
    }
  } else {
    switch (sqlite3_column_type(q, 0)) {
      case SQLITE_INTEGER: {
        const std::int64_t v = sqlite3_column_int64(q, 0);
        candidates = {std::to_string(v + 1), std::to_string(v - 1), std::to_string(v + 1000)};
        break;
      }
      case SQLITE_NULL:
        candidates = {cell.declared == "INTEGER" ? "7" : "'x'"};
        break;
      case SQLITE_BLOB: {
        const auto* p = static_cast<const unsigned char*>(sqlite3_column_blob(q, 0));
        std::string hex;
        for (int i = 0; i < sqlite3_column_bytes(q, 0); ++i)
          hex += fmt::format("{:02x}", i == 0 ? p[i] ^ 1 : p[i]);
        candidates = {"x'" + hex + "'"};
        break;
      }
      default:
        candidates = {column + " || 'x'"};
    }
  }
  sqlite3_finalize(q);
  for (const std::string& value : candidates) {
    const std::string sql = fmt::format("UPDATE \"{}\" SET \"{}\" = {} WHERE {}", cell.table,
                                        cell.column, value, cell.where());
    if (sqlite3_exec(db.h, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK &&
        sqlite3_changes(db.h) == 1)
      return true;
  }
  return false;
}

std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void write_fresh(const std::string& path, const std::string& bytes) {
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path + suffix);
  std::ofstream(path, std::ios::binary) << bytes;
}

std::string batch_hashes(const std::string& path) {
  Db db(path);
  std::string out;
  sqlite3_stmt* q = nullptr;
  sqlite3_prepare_v2(db.h, "SELECT id, hash FROM batches ORDER BY id", -1, &q, nullptr);
  while (sqlite3_step(q) == SQLITE_ROW) out += typed(q, 0) + " " + typed(q, 1) + "\n";
  sqlite3_finalize(q);
  return out;
}

std::int64_t scalar(const std::string& path, const std::string& sql) {
  Db db(path);
  sqlite3_stmt* q = nullptr;
  REQUIRE(sqlite3_prepare_v2(db.h, sql.c_str(), -1, &q, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(q) == SQLITE_ROW);
  const std::int64_t v = sqlite3_column_int64(q, 0);
  sqlite3_finalize(q);
  return v;
}

bool mentions(const std::vector<std::string>& lines, const std::string& part) {
  for (const std::string& l : lines)
    if (l.find(part) != std::string::npos) return true;
  return false;
}

}  // namespace

// Every journal ever written is verified against this encoding: a change to it would make them
// all fail. The expected hashes were computed apart from this code, from the description in
// db/chain.h, with Python's hashlib.
TEST_CASE("the chain's encoding is the one db/chain.h describes, from values and from rows alike") {
  constexpr const char* kBatch = "79412b19a9399495ec8c72b3abc3c73f271b6dea47a816479f1181bfb2eed479";
  constexpr const char* kEpoch = "cc5d72a31d8a96b0cef976eb45eeecc66bccc149314759f838df38ae6cc0dd75";
  // As append() hashes a batch: from the values it binds.
  db::LinkHasher bound("batch", "");
  bound.row(4).integer(1).integer(1).integer(2).text("00ff");
  bound.row(14).integer(1).integer(1).integer(12794).integer(-1).integer(0).text("ldj");
  bound.text("mobilize").null().null().null().text("").text("").text("").text("m");
  bound.row(14).integer(2).integer(1).integer(12795).integer(36000).integer(1).text("ld0020");
  bound.text("learn").integer(3).integer(2500).null().text("written").text("外出").text("").null();
  CHECK(bound.finish() == kBatch);
  // As a walk hashes it: from the rows SQLite stored.
  db::Connection conn(":memory:", db::Connection::Open::kCreate);
  conn.exec(
      "CREATE TABLE b(id INTEGER PRIMARY KEY, first_seq INTEGER, last_seq INTEGER, fingerprint "
      "TEXT); CREATE TABLE e(seq INTEGER PRIMARY KEY, batch INTEGER, day INTEGER, second "
      "INTEGER, kind INTEGER, who TEXT, step TEXT, hours INTEGER, chars INTEGER, count INTEGER, "
      "form TEXT, reason TEXT, approver TEXT, key TEXT); INSERT INTO b VALUES(1, 1, 2, '00ff'); "
      "INSERT INTO e VALUES(1, 1, 12794, -1, 0, 'ldj', 'mobilize', NULL, NULL, NULL, '', '', '', "
      "'m'), (2, 1, 12795, 36000, 1, 'ld0020', 'learn', 3, 2500, NULL, 'written', '外出', '', "
      "NULL)");
  db::LinkHasher read("batch", "");
  db::Statement batch(conn, "SELECT * FROM b");
  REQUIRE(batch.step());
  read.columns(batch, 0, 4);
  db::Statement events(conn, "SELECT * FROM e ORDER BY seq");
  while (events.step()) read.columns(events, 0, 14);
  CHECK(read.finish() == kBatch);
  db::EpochRow epoch;
  epoch.id = 2;
  epoch.after_batch = 1;
  epoch.migration = 1;
  epoch.state = "d6ae32e7ec8e103d";
  epoch.config = "meta 00\nsources 11";
  CHECK(db::epoch_hash(kBatch, epoch) == kEpoch);
}

TEST_CASE("the same inputs give the same chain head, wherever the journal is") {
  Scratch s;
  std::string heads[2];
  for (int i = 0; i < 2; ++i) {
    const std::string path = s.file(fmt::format("copy{}/j.db", i));
    fs::create_directories(fs::path(path).parent_path());
    Journal j = make_journal(path);
    record(j, opening());
    const JournalAppend a = j.append({ev("2005-01-13", "ld0006", "learn", "a")});
    REQUIRE(a.ack);
    heads[i] = a.ack->head;
    CHECK(j.chain_head() == heads[i]);
  }
  CHECK(heads[0].size() == 64);
  CHECK(heads[0] == heads[1]);
}

TEST_CASE("every column of every journal table, edited in turn, is reported by verify") {
  Scratch s;
  const std::string path = rich_journal(s);
  const std::string original = read_bytes(path);
  const std::vector<Cell> cells = every_cell(path);
  std::set<std::string> tables_seen;
  for (const Cell& c : cells) tables_seen.insert(c.table);
  CHECK(tables_seen == std::set<std::string>{"batches", "epochs", "events", "meta", "migrations",
                                             "snapshots", "sources"});
  const std::string copy = s.file("edited.db");
  const auto reported = [&](const Cell& cell) {
    const JournalCheck c = verify_journal(copy);
    INFO(summary(c));
    if (cell.table == "snapshots") {
      // A cache: passed over and said so, the journal itself sound.
      CHECK(c.problems.empty());
      CHECK_FALSE(c.snapshots.empty());
    } else {
      CHECK_FALSE(c.problems.empty());
    }
  };
  int edited = 0;
  for (const Cell& cell : cells) {
    write_fresh(copy, original);
    CAPTURE(cell.name());
    REQUIRE(edit(copy, cell));
    ++edited;
    reported(cell);
  }
  // The same bytes under another storage class, in the first row of each table: a row that
  // reads the same as text is still not the row that was written.
  int retyped = 0;
  std::map<std::string, std::vector<std::string>> first_key;
  for (const Cell& cell : cells) {
    if (first_key.emplace(cell.table, cell.key).first->second != cell.key) continue;
    write_fresh(copy, original);
    CAPTURE(cell.name());
    if (!edit(copy, cell, Edit::kStorageClass)) continue;  // a NULL, or an INTEGER PRIMARY KEY
    ++retyped;
    reported(cell);
  }
  MESSAGE(edited, " values edited one at a time and ", retyped,
          " stored under another storage class, each reported");
  CHECK(retyped >= 30);
}

TEST_CASE("a bit flipped anywhere that changes a stored row is never verified clean") {
  Scratch s;
  const std::string path = rich_journal(s);
  const std::string original = read_bytes(path);
  const std::string before = dump(path);
  REQUIRE(before.find("cannot read") == std::string::npos);
  const std::string copy = s.file("flipped.db");
  std::mt19937 rng(2027);
  constexpr int kFlips = 200;
  int changed = 0, unreadable = 0;
  for (int round = 0; round < kFlips; ++round) {
    std::string damaged = original;
    const std::size_t bit = rng() % (damaged.size() * 8);
    damaged[bit / 8] = static_cast<char>(damaged[bit / 8] ^ (1 << (bit % 8)));
    write_fresh(copy, damaged);
    const std::string after = dump(copy);
    if (after == before) continue;  // free space, an index, a page's spare bytes
    ++changed;
    unreadable += after.find("cannot read") != std::string::npos;
    CAPTURE(round);
    CAPTURE(bit / 8);
    const JournalCheck c = verify_journal(copy);
    INFO(summary(c));
    CHECK_FALSE(c.clean());
  }
  MESSAGE(changed, " of ", kFlips, " single-bit flips changed a stored row (", unreadable,
          " of them made it unreadable to SQLite); every one was reported");
  CHECK(changed >= kFlips / 4);  // the flips do reach the rows
}

TEST_CASE("formats 1 and 2 get their chain with their first batch, and then verify clean") {
  for (const int format : {1, 2}) {
    CAPTURE(format);
    SnapshotEvery every("2");
    Scratch s;
    const std::string path = s.file("j.db");
    {
      Journal j = make_journal(path);
      record(j, opening());
      record(j, {ev("2005-01-13", "ld0006", "learn")});
    }
    make_older_format(path, format);
    const JournalCheck old = verify_journal(path);
    INFO(summary(old));
    CHECK(old.clean());
    CHECK(old.format == format);
    CHECK(old.head.empty());
    CHECK_FALSE(verify_journal(path, std::string(64, 'a')).clean());  // no head to match
    std::string error;
    std::vector<std::string> notes;
    JournalOptions options;
    options.on_note = [&](const std::string& n) { notes.push_back(n); };
    std::optional<Journal> j = Journal::open(path, options, error);
    REQUIRE_MESSAGE(j, error);
    CHECK(j->chain_head().empty());
    // A refused batch leaves the file as it was, its format too.
    const JournalAppend refused = j->append({ev("2005-01-14", "ld0007", "analysis")});
    REQUIRE_FALSE(refused.ack);
    CHECK(scalar(path, "PRAGMA user_version") == format);
    CHECK(j->chain_head().empty());
    const JournalAppend a = j->append({ev("2005-01-14", "ld0008", "learn")});
    REQUIRE_MESSAGE(a.ack, a.error);
    CHECK(scalar(path, "PRAGMA user_version") == 3);
    CHECK(scalar(path, "SELECT count(*) FROM epochs") == 1);
    CHECK(scalar(path, "SELECT count(*) FROM batches WHERE length(hash) = 64") == 3);
    CHECK(j->chain_head() == a.ack->head);
    j.reset();
    const JournalCheck c = verify_journal(path);
    INFO(summary(c));
    CHECK(c.clean());
    CHECK(c.format == 3);
    CHECK(c.head == a.ack->head);
    // The snapshot a format 2 journal held got the chain's head at its batch: it is used.
    j = Journal::open(path, options, error);
    REQUIRE(j);
    CHECK(notes.empty());
    CHECK(j->events().size() == 4);
  }
}

TEST_CASE("opening checks the links after its snapshot, reading the events those before it") {
  SnapshotEvery every("3");
  Scratch s;
  const std::string path = s.file("j.db");
  {
    Journal j = make_journal(path);
    record(j, opening());
    record(j, {ev("2005-01-13", "ld0006", "learn", "a")});  // a snapshot at event 3
    record(j, {ev("2005-01-14", "ld0008", "learn", "b")});
  }
  REQUIRE(scalar(path, "SELECT max(seq) FROM snapshots") == 3);
  const std::string original = read_bytes(path);
  std::string error;

  SUBCASE("an edit before the snapshot: opening does not see it, the events' reader does") {
    raw_sql(path, "UPDATE events SET key = 'forged' WHERE seq = 1");
    std::optional<Journal> j = Journal::open(path, {}, error);
    REQUIRE_MESSAGE(j, error);
    const std::optional<std::string> damaged = j->load_events();
    REQUIRE(damaged);
    CHECK(damaged->find("damaged journal: batch 1 (events 1..2) does not match its hash") !=
          std::string::npos);
    CHECK(j->events().empty());
  }
  SUBCASE("an edit after it: opening refuses") {
    raw_sql(path, "UPDATE events SET key = 'forged' WHERE seq = 4");
    CHECK_FALSE(Journal::open(path, {}, error));
    CHECK(error.find("damaged journal: batch 3 (events 4..4) does not match its hash") !=
          std::string::npos);
  }
  SUBCASE("no edit: every event read, opening and reading each checked their part") {
    std::optional<Journal> j = Journal::open(path, {}, error);
    REQUIRE(j);
    CHECK_FALSE(j->load_events());
    CHECK(j->events().size() == 4);
  }
}

TEST_CASE("a journal whose format number was lowered under its chain is refused") {
  Scratch s;
  const std::string path = s.file("j.db");
  {
    Journal j = make_journal(path);
    record(j, opening());
  }
  raw_sql(path, "PRAGMA user_version = 2");
  std::string error;
  CHECK_FALSE(Journal::open(path, {}, error));
  CHECK(error.find("says format 2 (user_version) but holds table 'epochs'") != std::string::npos);
  CHECK(mentions(verify_journal(path).problems, "its format number was lowered"));
}

TEST_CASE("migrate extends the chain: every earlier link stays, an epoch records the migration") {
  Scratch s;
  const std::string path = s.file("j.db");
  {
    Journal j = make_journal(path);
    record(j, opening());
    record(j, {ev("2005-01-13", "ld0006", "learn")});
  }
  const JournalCheck before = verify_journal(path);
  REQUIRE(before.clean());
  const std::string hashes = batch_hashes(path);
  std::string error;
  REQUIRE_MESSAGE(migrate_journal(path, kRules, false, error), error);
  CHECK(batch_hashes(path) == hashes);  // nothing rewritten
  CHECK(scalar(path, "SELECT count(*) FROM epochs") == 2);
  CHECK(scalar(path, "SELECT after_batch FROM epochs WHERE id = 2") == 2);
  CHECK(scalar(path, "SELECT migration FROM epochs WHERE id = 2") == 1);
  const JournalCheck after = verify_journal(path);
  INFO(summary(after));
  CHECK(after.clean());
  CHECK(after.head != before.head);
  CHECK(mentions(verify_journal(path, before.head).problems, "not the one kept"));
  // The next batch follows the migration's epoch.
  {
    std::optional<Journal> j = Journal::open(path, {}, error);
    REQUIRE(j);
    CHECK(j->chain_head() == after.head);
    record(*j, {ev("2005-01-14", "ld0008", "learn")});
  }
  CHECK(verify_journal(path).clean());
  // The epoch is a link like any other: moved, it no longer matches.
  raw_sql(path, "UPDATE epochs SET after_batch = 1 WHERE id = 2");
  CHECK(mentions(verify_journal(path).problems,
                 "epoch 2 (migration 1, after batch 1) does not "
                 "match its hash"));
}

TEST_CASE("a kept head catches a removed tail and a chain rewritten whole, verify names the link") {
  Scratch s;
  const std::string path = s.file("j.db");
  {
    Journal j = make_journal(path);
    record(j, opening());
    record(j, {ev("2005-01-13", "ld0006", "learn", "a")});
    record(j, {ev("2005-01-14", "ld0008", "learn", "b")});
  }
  const std::string head = verify_journal(path).head;
  REQUIRE(head.size() == 64);
  CHECK(verify_journal(path, head).clean());

  SUBCASE("the last batch removed: consistent, so only the kept head shows it") {
    raw_sql(path, "DELETE FROM events WHERE batch = 3; DELETE FROM batches WHERE id = 3");
    CHECK(verify_journal(path).clean());
    CHECK(mentions(verify_journal(path, head).problems,
                   fmt::format("the chain head is {}", verify_journal(path).head)));
  }
  SUBCASE("an event edited and the whole chain made again over the edited rows") {
    raw_sql(path, "UPDATE events SET key = 'forged' WHERE seq = 3");
    make_older_format(path, 2);
    {
      std::string error;
      std::optional<Journal> j = Journal::open(path, {}, error);
      REQUIRE(j);
      record(*j, {ev("2005-01-14", "ld0008", "learn", "b")});  // already there: nothing new
    }
    CHECK(scalar(path, "PRAGMA user_version") == 3);
    CHECK(verify_journal(path).clean());
    CHECK(mentions(verify_journal(path, head).problems, "not the one kept"));
  }
  SUBCASE("an edit that leaves the chain alone: the first damaged link named, with both hashes") {
    raw_sql(path, "UPDATE events SET key = 'forged' WHERE seq = 3");
    const JournalCheck c = verify_journal(path);
    REQUIRE(c.problems.size() == 1);
    CHECK(c.problems[0].find("batch 2 (events 3..3) does not match its hash: stored ") == 0);
    CHECK(c.problems[0].find(", its rows hash to ") != std::string::npos);
    CHECK(c.head == head);  // the stored head is still printed, for comparison
  }
}

}  // namespace lockstep::test
