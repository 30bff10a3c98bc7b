// A damaged or foreign journal file is a clear error, never a crash: empty, random bytes,
// truncated, bytes flipped anywhere, another application's SQLite file, another format version,
// and tampering that SQLite cannot see (stored rules, events, batches) found by db verify.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "tests/db/journal_fixture.h"

namespace lockstep::test {
namespace {

// A journal with a few batches, closed (so SQLite has checkpointed its WAL into the file).
std::string recorded_journal(const Scratch& s) {
  const std::string path = s.file("j.db");
  Journal j = make_journal(path, Mode::kAudit);
  REQUIRE(j.append(opening()).ack);
  REQUIRE(j.append({ev("2005-01-13", "ld0006", "learn", "a"), ev("2005-01-13", "ld0007", "learn")})
              .ack);
  REQUIRE(j.append({ev("2005-01-14", "ld0008", "learn")}).ack);
  return path;
}

std::string open_error(const std::string& path) {
  std::string error;
  std::optional<Journal> j = Journal::open(path, {}, error);
  CHECK_FALSE(j);
  return error;
}

bool contains(const std::string& text, const std::string& part) {
  INFO(text);
  return text.find(part) != std::string::npos;
}

bool verify_finds(const std::string& path, const std::string& part) {
  const JournalCheck c = verify_journal(path);
  std::string all;
  for (const std::string& p : c.problems) all += p + "\n";
  INFO(all);
  return all.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("files that are not SQLite at all are named as such") {
  Scratch s;
  std::ofstream(s.file("empty.db")).flush();
  CHECK(contains(open_error(s.file("empty.db")), "empty"));
  CHECK(contains(open_error(s.file("missing.db")), "no such journal"));
  CHECK(contains(open_error(s.dir.string()), "not a regular file"));
  std::mt19937 rng(6);
  std::string noise(8192, '\0');
  for (char& c : noise) c = static_cast<char>(rng());
  std::ofstream(s.file("noise.db"), std::ios::binary) << noise;
  CHECK(contains(open_error(s.file("noise.db")), "not a SQLite database"));
  CHECK(verify_finds(s.file("noise.db"), "not a SQLite database"));
}

TEST_CASE("another application's SQLite file and other format versions are refused") {
  Scratch s;
  raw_sql(s.file("foreign.db"), "CREATE TABLE t(x); INSERT INTO t VALUES(1);");
  CHECK(contains(open_error(s.file("foreign.db")), "another application"));
  raw_sql(s.file("bare.db"), "CREATE TABLE t(x); DROP TABLE t;");
  CHECK(contains(open_error(s.file("bare.db")), "an empty SQLite database"));

  const std::string path = recorded_journal(s);
  raw_sql(path, "PRAGMA user_version=4");
  CHECK(contains(open_error(path), "newer than this program reads"));
  raw_sql(path, "PRAGMA user_version=0");
  CHECK(contains(open_error(path), "unknown journal format 0"));
  raw_sql(path, "PRAGMA user_version=1; PRAGMA application_id=7");
  CHECK(contains(open_error(path), "another application (application_id 0x7"));
  raw_sql(path, "PRAGMA application_id=1282110320; DROP TABLE migrations");
  CHECK(contains(open_error(path), "table 'migrations' is missing"));
}

TEST_CASE("a truncated journal is an error at any length") {
  Scratch s;
  const std::string path = recorded_journal(s);
  const auto size = std::filesystem::file_size(path);
  REQUIRE(size > 4096);
  for (std::uintmax_t cut :
       {std::uintmax_t{10}, std::uintmax_t{100}, std::uintmax_t{4096}, size / 2, size - 1}) {
    const std::string copy = s.file("cut.db");
    std::filesystem::copy_file(path, copy, std::filesystem::copy_options::overwrite_existing);
    std::filesystem::resize_file(copy, cut);
    CAPTURE(cut);
    std::string error;
    std::optional<Journal> j = Journal::open(copy, {}, error);
    const JournalCheck c = verify_journal(copy);
    // Either the file is refused, or SQLite still reads all it needs; verify agrees with open.
    CHECK((j.has_value() || !error.empty()));
    if (!j) CHECK_FALSE(c.problems.empty());
  }
}

TEST_CASE("bytes flipped anywhere in a journal never crash open or verify") {
  Scratch s;
  const std::string path = recorded_journal(s);
  std::string original;
  {
    std::ifstream in(path, std::ios::binary);
    original.assign(std::istreambuf_iterator<char>(in), {});
  }
  std::mt19937 rng(2026);
  int refused = 0;
  for (int round = 0; round < 150; ++round) {
    std::string damaged = original;
    const int flips = 1 + static_cast<int>(rng() % 8);
    for (int f = 0; f < flips; ++f)
      damaged[rng() % damaged.size()] ^= static_cast<char>(1 + rng() % 255);
    const std::string copy = s.file("flip.db");
    std::filesystem::remove(copy);
    std::ofstream(copy, std::ios::binary) << damaged;
    std::string error;
    std::optional<Journal> j = Journal::open(copy, {}, error);
    const JournalCheck c = verify_journal(copy);
    if (!j) {
      ++refused;
      CHECK_FALSE(error.empty());
      CHECK_FALSE(c.problems.empty());
    }
  }
  MESSAGE(refused << " of 150 damaged copies refused");
}

TEST_CASE("tampering SQLite cannot see is found: rules, events, batches") {
  Scratch s;
  const std::string path = recorded_journal(s);
  CHECK(verify_journal(path).problems.empty());

  SUBCASE("stored rules edited") {
    raw_sql(path, "UPDATE sources SET text = text || '#' WHERE kind = 'rules' AND idx = 0");
    CHECK(contains(open_error(path), "stored rules do not match the hash"));
    CHECK(verify_finds(path, "stored rules do not match the hash"));
  }
  SUBCASE("stored roster edited") {
    raw_sql(path,
            "UPDATE sources SET text = replace(text, '雷小新', '雷小明') WHERE kind = 'roster'");
    CHECK(contains(open_error(path), "stored roster does not match the hash"));
  }
  SUBCASE("an event moved to another day") {
    raw_sql(path, "UPDATE events SET day = day + 1 WHERE seq = 3");
    CHECK(verify_finds(path, "the state after batch 2 differs from the state recorded"));
  }
  SUBCASE("an event changed to a member it does not apply to") {
    raw_sql(path, "UPDATE events SET who = 'ld0010' WHERE seq = 3");
    CHECK(contains(open_error(path), "event 3 is refused on replay"));
    CHECK(verify_finds(path, "event 3 is refused on replay"));
  }
  SUBCASE("an event removed from the middle of a batch") {
    raw_sql(path, "DELETE FROM events WHERE seq = 4");
    CHECK(verify_finds(path, "batch 2 is not whole"));
  }
  SUBCASE("a batch record removed") {
    raw_sql(path, "PRAGMA foreign_keys=OFF; DELETE FROM batches WHERE id = 3");
    CHECK(verify_finds(path, "event 5 names a batch that is not recorded"));
  }
  SUBCASE("an event naming nobody") {
    raw_sql(path, "UPDATE events SET who = 'nobody' WHERE seq = 5");
    CHECK(contains(open_error(path), "event 5: unknown member 'nobody'"));
  }
  SUBCASE("an unknown mode") {
    raw_sql(path, "UPDATE meta SET value = 'lenient' WHERE key = 'mode'");
    CHECK(contains(open_error(path), "unknown mode 'lenient'"));
  }
}

}  // namespace lockstep::test
