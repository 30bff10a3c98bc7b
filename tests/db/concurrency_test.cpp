// Two processes recording into one journal: both batches land, serialized, nothing corrupted;
// the one that waits is told, and gets a clear error when the other holds the lock too long.
#include <doctest/doctest.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>

#include "tests/db/journal_fixture.h"

namespace lockstep::test {
namespace {

// `member` learns, is asked to revise, learns again ...: an endless run of events the engine
// accepts, one batch each.
int record_alternating(const std::string& path, const std::string& member, int batches) {
  std::string error;
  std::optional<Journal> j = Journal::open(path, {}, error);
  if (!j) return 3;
  for (int i = 0; i < batches; ++i) {
    const auto kind = i % 2 == 0 ? LogEvent::Kind::kComplete : LogEvent::Kind::kRevise;
    const std::string key = member + "-" + std::to_string(i);
    if (!j->append({ev("2005-01-13", member, "learn", key, kind)}).ack) return 4;
  }
  return 0;
}

}  // namespace

TEST_CASE("two processes recording at once: every batch lands, whole, in each one's order") {
  Scratch s;
  const std::string path = s.file("j.db");
  {
    Journal j = make_journal(path, Mode::kAudit);
    REQUIRE(j.append(opening()).ack);
  }
  constexpr int kBatches = 40;
  pid_t children[2];
  const char* members[2] = {"ld0006", "ld0008"};
  for (int c = 0; c < 2; ++c) {
    children[c] = fork();
    REQUIRE(children[c] >= 0);
    if (children[c] == 0) _exit(record_alternating(path, members[c], kBatches));
  }
  for (pid_t child : children) {
    int status = 0;
    REQUIRE(waitpid(child, &status, 0) == child);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
  }
  std::string error;
  std::optional<Journal> j = Journal::open(path, {}, error);
  REQUIRE(j);
  CHECK(j->events().size() == 2 + 2 * kBatches);
  CHECK(j->batch_count() == 1 + 2 * kBatches);
  int next[2] = {0, 0};
  for (std::size_t i = 2; i < j->events().size(); ++i) {
    const LogEvent& e = j->events()[i];
    const int c = e.who == members[0] ? 0 : 1;
    CHECK(e.idempotency_key == std::string(members[c]) + "-" + std::to_string(next[c]++));
  }
  CHECK(verify_journal(path).problems.empty());
}

TEST_CASE("the process that waits for the lock is told, and times out with a clear error") {
  Scratch s;
  const std::string path = s.file("j.db");
  make_journal(path);
  sqlite3* other = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &other) == SQLITE_OK);
  REQUIRE(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK);

  bool told = false;
  JournalOptions options;
  options.busy_timeout_ms = 300;
  options.on_wait = [&] { told = true; };
  std::string error;
  std::optional<Journal> j = Journal::open(path, options, error);
  REQUIRE(j);  // readers are not blocked by a writer (WAL)
  const auto t0 = std::chrono::steady_clock::now();
  JournalAppend r = j->append(opening());
  const auto waited = std::chrono::steady_clock::now() - t0;
  CHECK_FALSE(r.ack);
  CHECK(told);
  CHECK(waited >= std::chrono::milliseconds(250));
  CHECK(r.error.find("another process is recording into this journal") != std::string::npos);
  CHECK(r.error.find("nothing of this batch was written") != std::string::npos);

  REQUIRE(sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(other);
  r = j->append(opening());
  REQUIRE(r.ack);
  CHECK(r.ack->recorded == 2);
}

}  // namespace lockstep::test
