// The journal tests' fixture; see journal_fixture.h.
#include "tests/db/journal_fixture.h"

#include <doctest/doctest.h>
#include <sqlite3.h>
#include <stdlib.h>

namespace lockstep::test {

Scratch::Scratch() {
  std::string pattern =
      (std::filesystem::temp_directory_path() / "lockstep-db-test-XXXXXX").string();
  REQUIRE(mkdtemp(pattern.data()) != nullptr);
  dir = pattern;
}

Scratch::~Scratch() {
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
}

SnapshotEvery::SnapshotEvery(const char* n) {
  setenv("LOCKSTEP_SNAPSHOT_EVERY", n, 1);
}

SnapshotEvery::~SnapshotEvery() {
  unsetenv("LOCKSTEP_SNAPSHOT_EVERY");
}

Journal make_journal(const std::string& path, Mode mode) {
  std::string error;
  std::optional<Journal> j = Journal::create(path, kRules, kRoster, mode, kStart, error);
  INFO(error);
  REQUIRE(j);
  return std::move(*j);
}

LogEvent ev(const std::string& date, const std::string& who, const std::string& step,
            const std::string& key, LogEvent::Kind kind) {
  LogEvent e;
  e.day = *parse_date(date);
  e.who = who;
  e.step = step;
  e.kind = kind;
  e.idempotency_key = key;
  if (kind == LogEvent::Kind::kExcuse) e.reason = "外出";
  return e;
}

void raw_sql(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  char* err = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
  INFO(sql << ": " << (err ? err : ""));
  sqlite3_free(err);
  sqlite3_close(db);
  REQUIRE(rc == SQLITE_OK);
}

void make_older_format(const std::string& path, int format) {
  REQUIRE((format == 1 || format == 2));
  raw_sql(path,
          "DROP TABLE epochs; ALTER TABLE batches DROP COLUMN hash; "
          "ALTER TABLE snapshots DROP COLUMN chain; PRAGMA user_version = 2");
  if (format == 1) raw_sql(path, "DROP TABLE snapshots; PRAGMA user_version = 1");
}

}  // namespace lockstep::test
