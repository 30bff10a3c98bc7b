// The crash test: `lockstep record` killed with SIGKILL at random moments, again and again, then
// the journal checked against what was acknowledged (docs/reliability.md).
//
//   crash_driver LOCKSTEP RULES ROSTER WORKDIR KILLS SEED
//
// Events are fed on stdin in batches of three, each with an idempotency key c<k>. After a kill
// the next run resubmits from the first unacknowledged batch, as a client would. After every
// kill the journal must hold exactly the opening events then c0, c1, ... in order, a whole
// number of batches, every acknowledged event, and at most the one batch in flight beyond them.
// At the end `lockstep db verify` must be clean (integrity, batches whole, every link of the hash
// chain, state after every batch equal to the replay, every snapshot equal to the replay up to
// it). Snapshots are written every kSnapshotEvery events (LOCKSTEP_SNAPSHOT_EVERY, inherited by
// every `lockstep record`), so kills land while they are written, and each run opens the journal
// from the newest one.
// Prints the figures; exit 0 when every check held.
#include <fcntl.h>
#include <fmt/format.h>
#include <poll.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace {

constexpr int kBatch = 3;
constexpr const char* kSnapshotEvery = "6";
constexpr int kBatchesPerRun = 60;
// Members of the bureau whose study the engine accepts; each learns, is asked to revise, learns
// again ..., so the supply of accepted events never ends.
const char* const kMembers[] = {"ld0006", "ld0007", "ld0008"};

std::string event_line(long k) {
  const long members = sizeof kMembers / sizeof *kMembers;
  const bool complete = (k / members) % 2 == 0;
  return fmt::format(R"({{"time":"2005-01-13","who":"{}","kind":"{}","step":"learn","key":"c{}"}})",
                     kMembers[k % members], complete ? "complete" : "revise", k) +
         "\n";
}

int run(const std::vector<std::string>& argv, bool quiet = false) {
  const pid_t pid = fork();
  if (pid == 0) {
    if (quiet) {
      const int null = open("/dev/null", O_WRONLY);
      dup2(null, 1);
    }
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

// The journal's keys in order, read directly with SQLite.
std::vector<std::string> journal_keys(const std::string& db) {
  std::vector<std::string> keys;
  sqlite3* h = nullptr;
  if (sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) return {"?"};
  sqlite3_busy_timeout(h, 10000);
  sqlite3_stmt* q = nullptr;
  sqlite3_prepare_v2(h, "SELECT coalesce(key, '') FROM events ORDER BY seq", -1, &q, nullptr);
  while (q && sqlite3_step(q) == SQLITE_ROW)
    keys.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(q, 0)));
  sqlite3_finalize(q);
  sqlite3_close(h);
  return keys;
}

// How many snapshots the journal keeps, and the newest one's position.
std::pair<long, long> snapshots(const std::string& db) {
  std::pair<long, long> out{-1, -1};
  sqlite3* h = nullptr;
  if (sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) return out;
  sqlite3_stmt* q = nullptr;
  sqlite3_prepare_v2(h, "SELECT count(*), coalesce(max(seq), 0) FROM snapshots", -1, &q, nullptr);
  if (q && sqlite3_step(q) == SQLITE_ROW)
    out = {static_cast<long>(sqlite3_column_int64(q, 0)),
           static_cast<long>(sqlite3_column_int64(q, 1))};
  sqlite3_finalize(q);
  sqlite3_close(h);
  return out;
}

struct Run {
  int acked_batches = 0;
  bool killed = false;
  bool bad_ack = false;
};

// One `lockstep record` fed batches from `from`, killed `delay` after its `acks`-th
// acknowledgement (so every run makes progress however slowly the machine starts processes),
// unless it ended first.
Run record_and_kill(const std::string& lockstep, const std::string& db, long from, int acks,
                    std::chrono::microseconds delay) {
  int in[2], out[2];
  if (pipe(in) != 0 || pipe(out) != 0) std::exit(3);
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(in[0], 0);
    dup2(out[1], 1);
    close(in[1]);
    close(out[0]);
    const int null = open("/dev/null", O_WRONLY);
    dup2(null, 2);
    execl(lockstep.c_str(), lockstep.c_str(), "record", db.c_str(), "--batch", "3", nullptr);
    _exit(127);
  }
  close(in[0]);
  close(out[1]);
  std::thread writer([fd = in[1], from] {
    for (long k = from; k < from + kBatch * kBatchesPerRun; ++k) {
      const std::string line = event_line(k);
      if (write(fd, line.data(), line.size()) != static_cast<ssize_t>(line.size())) break;
    }
    close(fd);
  });
  Run r;
  std::string pending;
  const auto consume = [&](bool until_eof, std::chrono::steady_clock::time_point deadline,
                           int until_acks) {
    char buf[4096];
    while (true) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      pollfd p{out[0], POLLIN, 0};
      if (!until_eof && (left.count() <= 0 || r.acked_batches >= until_acks)) return false;
      if (poll(&p, 1, until_eof ? -1 : static_cast<int>(left.count())) <= 0) continue;
      const ssize_t n = read(out[0], buf, sizeof buf);
      if (n <= 0) return true;  // the child is gone
      pending.append(buf, static_cast<std::size_t>(n));
      for (std::size_t nl; (nl = pending.find('\n')) != std::string::npos;
           pending.erase(0, nl + 1)) {
        const std::string line = pending.substr(0, nl);
        if (line.rfind("ok", 0) != 0) {
          r.bad_ack = true;
          continue;
        }
        // Every acknowledged batch accounts for its three events: recorded now or before.
        unsigned long recorded = 0, already = 0;
        if (std::sscanf(line.c_str(), "ok batch %*u: %lu event(s) recorded at %*u..%*u, %lu",
                        &recorded, &already) < 1)
          std::sscanf(line.c_str(), "ok: nothing new, %lu", &already);
        if (recorded + already != kBatch) r.bad_ack = true;
        ++r.acked_batches;
      }
    }
  };
  bool ended = consume(false, std::chrono::steady_clock::now() + std::chrono::seconds(60), acks);
  const auto deadline = std::chrono::steady_clock::now() + delay;
  if (!ended) ended = consume(false, deadline, kBatchesPerRun + 1);
  if (!ended) {
    kill(pid, SIGKILL);
    r.killed = true;
  }
  consume(true, deadline, 0);  // acknowledgements written before the kill still count
  int status = 0;
  waitpid(pid, &status, 0);
  writer.join();
  close(out[0]);
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 7) {
    fmt::print(stderr, "usage: crash_driver LOCKSTEP RULES ROSTER WORKDIR KILLS SEED\n");
    return 2;
  }
  signal(SIGPIPE, SIG_IGN);
  setenv("LOCKSTEP_SNAPSHOT_EVERY", kSnapshotEvery, 1);
  const std::string lockstep = argv[1], rules = argv[2], roster = argv[3], dir = argv[4];
  const int kills = std::atoi(argv[5]);
  std::mt19937_64 rng(std::strtoull(argv[6], nullptr, 10));
  std::filesystem::create_directories(dir);
  const std::string db = dir + "/crash.db";
  for (const char* s : {"", "-wal", "-shm"}) std::filesystem::remove(db + s);
  if (run({lockstep, "db", "init", db, "--rules", rules, "--org", roster, "--mode", "audit",
           "--start", "2005-01-10"},
          true) != 0 ||
      run({lockstep, "record", db, "2005-01-11,ldj,complete,mobilize,,,,,,,m",
           "2005-01-12,ldj,complete,plan,,,,,,,p"},
          true) != 0) {
    fmt::print(stderr, "crash_driver: cannot make the journal\n");
    return 2;
  }
  long acked = 0;  // events acknowledged: always a prefix c0 .. c(acked-1)
  int killed = 0, runs = 0, failures = 0, in_flight_committed = 0;
  std::uniform_int_distribution<int> acks_first(0, 4);
  std::uniform_int_distribution<int> delay_us(0, 30000);
  const auto t0 = std::chrono::steady_clock::now();
  while (killed < kills) {
    ++runs;
    const Run r = record_and_kill(lockstep, db, acked, acks_first(rng),
                                  std::chrono::microseconds(delay_us(rng)));
    killed += r.killed;
    acked += static_cast<long>(r.acked_batches) * kBatch;
    if (r.bad_ack) {
      fmt::print(stderr, "run {}: an acknowledgement did not account for its whole batch\n", runs);
      ++failures;
    }
    // The journal: m, p, then c0 .. c(n-1) in order; n covers every acknowledged event, is a
    // whole number of batches and holds at most the one batch in flight beyond them.
    const std::vector<std::string> keys = journal_keys(db);
    const long n = static_cast<long>(keys.size()) - 2;
    bool ordered = keys.size() >= 2 && keys[0] == "m" && keys[1] == "p";
    for (long k = 0; ordered && k < n; ++k) ordered = keys[2 + k] == fmt::format("c{}", k);
    if (!ordered || n < acked || n % kBatch != 0 || n > acked + kBatch) {
      fmt::print(stderr, "run {}: journal holds {} events, {} acknowledged, in order: {}\n", runs,
                 n, acked, ordered);
      ++failures;
    }
    if (n > acked) ++in_flight_committed;  // committed, killed before its acknowledgement
  }
  const std::vector<std::string> keys = journal_keys(db);
  const int verify = run({lockstep, "db", "verify", db}, true);
  const auto [kept, newest] = snapshots(db);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const long lost = acked - std::max(0L, static_cast<long>(keys.size()) - 2 - 0);
  fmt::print("crash test: {} runs, {} killed with SIGKILL, {:.1f} s\n", runs, killed, seconds);
  fmt::print("events acknowledged: {}; in the journal: {}; lost: {}\n", acked, keys.size() - 2,
             lost > 0 ? lost : 0);
  fmt::print("kills between COMMIT and acknowledgement (batch kept, resent, recorded once): {}\n",
             in_flight_committed);
  fmt::print("snapshots every {} events: {} kept, the newest at event {}\n", kSnapshotEvery, kept,
             newest);
  fmt::print("check failures: {}; db verify: {}\n", failures, verify == 0 ? "clean" : "PROBLEMS");
  // A run that acknowledged nothing would prove nothing.
  if (acked == 0) fmt::print(stderr, "crash_driver: no batch was ever acknowledged\n");
  // Nor would one that never wrote a snapshot, for the snapshots.
  if (acked > 6 && kept < 1) fmt::print(stderr, "crash_driver: no snapshot was ever written\n");
  return failures == 0 && verify == 0 && lost <= 0 && acked > 0 && (acked <= 6 || kept >= 1) ? 0
                                                                                             : 1;
}
