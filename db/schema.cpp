// The journal's tables and format checks; see schema.h.
#include "db/schema.h"

#include <fmt/format.h>

#include <cstring>
#include <filesystem>
#include <fstream>

namespace lockstep::db {
namespace {

bool has_table(Connection& db, const char* table) {
  Statement q(db, "SELECT count(*) FROM sqlite_schema WHERE type='table' AND name=?");
  q.bind(1, std::string_view(table));
  return q.step() && q.int64(0) == 1;
}

bool has_column(Connection& db, const char* table, const char* column) {
  Statement q(db, "SELECT count(*) FROM pragma_table_info(?) WHERE name=?");
  q.bind(1, std::string_view(table)).bind(2, std::string_view(column));
  return q.step() && q.int64(0) == 1;
}

}  // namespace

void set_pragmas(Connection& db) {
  if (db.read_only()) {
    db.exec("PRAGMA foreign_keys=ON");
    return;
  }
  // WAL lets readers go on while one process writes, and a crash leaves either the whole commit
  // or none of it; FULL syncs the WAL on every commit, so an acknowledged batch survives power
  // loss.
  db.exec("PRAGMA journal_mode=WAL");
  db.exec("PRAGMA synchronous=FULL");
  db.exec("PRAGMA foreign_keys=ON");
}

void create_schema(Connection& db) {
  db.exec(fmt::format("PRAGMA application_id={}; PRAGMA user_version=1;", kApplicationId));
  db.exec(R"(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE sources(
  kind TEXT NOT NULL CHECK(kind IN ('rules', 'roster')),
  idx INTEGER NOT NULL CHECK(idx >= 0),
  path TEXT NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY(kind, idx)) WITHOUT ROWID;
CREATE TABLE batches(
  id INTEGER PRIMARY KEY,
  first_seq INTEGER NOT NULL,
  last_seq INTEGER NOT NULL CHECK(last_seq >= first_seq),
  fingerprint TEXT NOT NULL);
CREATE TABLE events(
  seq INTEGER PRIMARY KEY,
  batch INTEGER NOT NULL REFERENCES batches(id),
  day INTEGER NOT NULL,
  second INTEGER NOT NULL CHECK(second BETWEEN -1 AND 86400),
  kind INTEGER NOT NULL CHECK(kind BETWEEN 0 AND 3),
  who TEXT NOT NULL,
  step TEXT NOT NULL,
  hours INTEGER CHECK(hours BETWEEN 0 AND 2147483647),
  chars INTEGER CHECK(chars BETWEEN 0 AND 2147483647),
  count INTEGER CHECK(count BETWEEN 0 AND 2147483647),
  form TEXT NOT NULL,
  reason TEXT NOT NULL,
  approver TEXT NOT NULL,
  key TEXT UNIQUE);
CREATE TABLE migrations(
  id INTEGER PRIMARY KEY,
  from_hash TEXT NOT NULL,
  to_hash TEXT NOT NULL,
  events INTEGER NOT NULL);
)");
  upgrade_schema(db, 1);
}

void upgrade_schema(Connection& db, std::int64_t from) {
  if (from >= kFormatVersion) return;
  if (from < 2)
    db.exec(R"(
CREATE TABLE snapshots(
  seq INTEGER PRIMARY KEY CHECK(seq > 0),
  fingerprint TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  state BLOB NOT NULL);)");
  db.exec(fmt::format(R"(
ALTER TABLE batches ADD COLUMN hash TEXT NOT NULL DEFAULT '';
ALTER TABLE snapshots ADD COLUMN chain TEXT NOT NULL DEFAULT '';
CREATE TABLE epochs(
  id INTEGER PRIMARY KEY,
  after_batch INTEGER NOT NULL CHECK(after_batch >= 0),
  migration INTEGER,
  state TEXT NOT NULL,
  config TEXT NOT NULL,
  hash TEXT NOT NULL);
PRAGMA user_version={};)",
                      kFormatVersion));
}

std::optional<std::string> check_header(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return fmt::format("{}: no such journal", path);
  if (!std::filesystem::is_regular_file(path, ec))
    return fmt::format("{}: not a regular file, so not a journal", path);
  std::ifstream in(path, std::ios::binary);
  char head[16] = {};
  in.read(head, sizeof head);
  if (in.gcount() == 0)
    return fmt::format("{}: the file is empty: not a journal (make one with 'lockstep db init')",
                       path);
  if (in.gcount() < 16 || std::memcmp(head, "SQLite format 3", 16) != 0)
    return fmt::format(
        "{}: not a SQLite database, so not a lockstep journal (its first bytes are "
        "not the SQLite header)",
        path);
  return std::nullopt;
}

std::optional<std::string> check_format(Connection& db, const std::string& path,
                                        std::int64_t* format) {
  Statement app(db, "PRAGMA application_id");
  const std::int64_t id = app.step() ? app.int64(0) : 0;
  Statement ver(db, "PRAGMA user_version");
  const std::int64_t version = ver.step() ? ver.int64(0) : 0;
  Statement tables(db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'");
  if (id == 0 && version == 0 && tables.step() && tables.int64(0) == 0)
    return fmt::format(
        "{}: an empty SQLite database, not a lockstep journal (was 'lockstep db "
        "init' interrupted? remove the file and run it again)",
        path);
  if (id != kApplicationId)
    return fmt::format(
        "{}: a SQLite database of another application (application_id {:#x}, a "
        "lockstep journal has {:#x})",
        path, id, kApplicationId);
  if (version > kFormatVersion)
    return fmt::format(
        "{}: journal format {} is newer than this program reads ({}); use a newer "
        "lockstep",
        path, version, kFormatVersion);
  if (version < kOldestFormatVersion)
    return fmt::format("{}: unknown journal format {} (user_version; expected {} to {})", path,
                       version, kOldestFormatVersion, kFormatVersion);
  for (const char* table :
       {"meta", "sources", "batches", "events", "migrations", "snapshots", "epochs"}) {
    const std::string_view name(table);
    if (version < 2 && name == "snapshots") continue;
    if (version < kChainFormatVersion && name == "epochs") continue;
    if (!has_table(db, table))
      return fmt::format("{}: damaged journal: table '{}' is missing", path, table);
  }
  // The chain's tables and columns: all of them in format 3, none before. A file holding them
  // under an older number had its user_version lowered, which would turn the chain's checks off.
  const bool chained[] = {has_table(db, "epochs"), has_column(db, "batches", "hash"),
                          version >= 2 && has_column(db, "snapshots", "chain")};
  const char* const what[] = {"table 'epochs'", "column 'batches.hash'",
                              "column 'snapshots.chain'"};
  for (int i = 0; i < 3; ++i) {
    if (version >= kChainFormatVersion && !chained[i])
      return fmt::format("{}: damaged journal: {} of its hash chain is missing", path, what[i]);
    if (version < kChainFormatVersion && chained[i])
      return fmt::format(
          "{}: damaged journal: it says format {} (user_version) but holds {} of format {}'s hash "
          "chain: its format number was lowered",
          path, version, what[i], kChainFormatVersion);
  }
  if (format) *format = version;
  return std::nullopt;
}

std::string meta_get(Connection& db, const std::string& key) {
  Statement q(db, "SELECT value FROM meta WHERE key=?");
  q.bind(1, key);
  if (!q.step()) throw SqlError(0, fmt::format("damaged journal: meta '{}' is missing", key));
  return q.text(0);
}

void meta_set(Connection& db, const std::string& key, const std::string& value) {
  Statement q(db, "INSERT OR REPLACE INTO meta(key, value) VALUES(?, ?)");
  q.bind(1, key).bind(2, value).run();
}

}  // namespace lockstep::db
