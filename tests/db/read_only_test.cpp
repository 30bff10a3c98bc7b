// A journal on read-only storage: opening, reading its events and verify read it as it is, with
// SQLite's read-only mode; append (record) and migrate say the storage is read-only and write
// nothing; an older format is checked with what it has, not upgraded; a WAL holding changes is
// read through its -shm, and without one is a clear error rather than a silent miss.
//
// Read-only storage is a read-only bind mount, made in a mount namespace of the test process's
// own so that nothing outlives it. That needs root (CAP_SYS_ADMIN); chmod would mean nothing to
// root, which the tests run as. Where no mount can be made the tests that need one say so and
// pass; JournalOptions::read_only (SQLite's read-only mode on writable storage) is tested always.
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <sched.h>
#include <sys/mount.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "tests/db/journal_fixture.h"

namespace lockstep::test {
namespace {

namespace fs = std::filesystem;

// `source` seen read-only at `target` for the rest of this process.
struct ReadOnlyMount {
  std::string dir;      // the read-only view; empty when it could not be made
  std::string why_not;  // why, then
  ReadOnlyMount(const std::string& source, const std::string& target) {
    fs::create_directories(target);
    why_not = mount_read_only(source, target);
    if (why_not.empty()) dir = target;
  }
  static std::string mount_read_only(const std::string& source, const std::string& target) {
    const auto failed = [](const char* what) {
      return fmt::format("{}: {}", what, std::strerror(errno));
    };
    // A namespace of our own, its mounts private: nothing is seen or left outside this process.
    if (unshare(CLONE_NEWNS) != 0) return failed("unshare(CLONE_NEWNS)");
    if (mount("none", "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0)
      return failed("mount --make-rprivate /");
    if (mount(source.c_str(), target.c_str(), nullptr, MS_BIND, nullptr) != 0)
      return failed("mount --bind");
    if (mount(nullptr, target.c_str(), nullptr, MS_BIND | MS_REMOUNT | MS_RDONLY, nullptr) != 0) {
      std::string why = failed("mount -o remount,ro");
      umount2(target.c_str(), MNT_DETACH);
      return why;
    }
    return {};
  }
  ~ReadOnlyMount() {
    if (!dir.empty()) umount2(dir.c_str(), MNT_DETACH);
  }
  ReadOnlyMount(const ReadOnlyMount&) = delete;
  ReadOnlyMount& operator=(const ReadOnlyMount&) = delete;
  bool skipped() const {
    if (dir.empty()) MESSAGE("no read-only storage to test on (", why_not, "): skipped");
    return dir.empty();
  }
};

std::string bytes_of(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void record(Journal& j, const std::vector<LogEvent>& batch) {
  const JournalAppend a = j.append(batch);
  INFO(a.error);
  REQUIRE(a.ack);
}

// A closed journal (no -wal left) in its own folder, with a snapshot and events after it.
std::string journal_in(const std::string& folder) {
  SnapshotEvery every("3");
  fs::create_directories(folder);
  const std::string path = folder + "/j.db";
  Journal j = make_journal(path, Mode::kAudit);
  record(j, opening());
  record(j, {ev("2005-01-13", "ld0006", "learn", "a"), ev("2005-01-13", "ld0007", "learn")});
  record(j, {ev("2005-01-14", "ld0008", "learn", "b")});
  return path;
}

Journal open_ok(const std::string& path, const JournalOptions& options = {}) {
  std::string error;
  std::optional<Journal> j = Journal::open(path, options, error);
  INFO(error);
  REQUIRE(j);
  return std::move(*j);
}

bool contains(const std::string& text, const std::string& part) {
  INFO(text);
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("on read-only storage a journal opens, reports and verifies as it is, nothing written") {
  Scratch s;
  const std::string path = journal_in(s.file("rw"));
  const JournalCheck writable = verify_journal(path);
  REQUIRE(writable.clean());
  const std::uint64_t live = open_ok(path).engine().fingerprint();
  const std::string before = bytes_of(path);
  ReadOnlyMount ro(s.file("rw"), s.file("ro"));
  if (ro.skipped()) return;
  const std::string ro_path = ro.dir + "/j.db";

  Journal j = open_ok(ro_path);
  CHECK(j.read_only());
  CHECK(j.engine().fingerprint() == live);
  CHECK_FALSE(j.load_events());
  CHECK(j.events().size() == 5);
  CHECK(j.chain_head() == writable.head);
  const JournalCheck c = verify_journal(ro_path, writable.head);
  CHECK(c.clean());
  CHECK(c.read_only);
  CHECK(c.head == writable.head);

  const JournalAppend a = j.append({ev("2005-01-15", "ld0015", "learn")});
  CHECK_FALSE(a.ack);
  CHECK(contains(a.error, "the journal is on read-only storage"));
  CHECK(contains(a.error, "nothing of this batch was written"));
  std::string error;
  CHECK(migrate_journal(ro_path, kRules, true, error));  // a dry run only reads
  CHECK_FALSE(migrate_journal(ro_path, kRules, false, error));
  CHECK(contains(error, "read-only storage"));
  CHECK(bytes_of(path) == before);
  CHECK_FALSE(fs::exists(path + "-wal"));
  CHECK_FALSE(fs::exists(path + "-shm"));
}

TEST_CASE("an older format on read-only storage is checked with what it has, not upgraded") {
  Scratch s;
  const std::string path = journal_in(s.file("rw"));
  make_older_format(path, 2);
  const std::string before = bytes_of(path);
  ReadOnlyMount ro(s.file("rw"), s.file("ro"));
  if (ro.skipped()) return;
  const std::string ro_path = ro.dir + "/j.db";
  std::vector<std::string> notes;
  JournalOptions options;
  options.on_note = [&](const std::string& n) { notes.push_back(n); };
  Journal j = open_ok(ro_path, options);
  CHECK(notes.empty());  // its snapshot is used
  CHECK(j.chain_head().empty());
  const JournalCheck c = verify_journal(ro_path);
  CHECK(c.clean());
  CHECK(c.format == 2);
  CHECK(c.head.empty());
  CHECK_FALSE(j.append({ev("2005-01-15", "ld0015", "learn")}).ack);
  CHECK(bytes_of(path) == before);
}

TEST_CASE("on read-only storage a WAL is read through its -shm, and without one is a clear error") {
  Scratch s;
  const std::string path = journal_in(s.file("rw"));
  // While the journal is open its last batches are in the WAL: copy the files as they are then.
  {
    Journal j = open_ok(path);
    record(j, {ev("2005-01-15", "ld0015", "learn", "c")});
    REQUIRE(fs::file_size(path + "-wal") > 0);
    fs::create_directories(s.file("with_shm"));
    fs::create_directories(s.file("without_shm"));
    for (const char* suffix : {"", "-wal", "-shm"})
      fs::copy_file(path + suffix, s.file("with_shm") + "/j.db" + suffix);
    for (const char* suffix : {"", "-wal"})
      fs::copy_file(path + suffix, s.file("without_shm") + "/j.db" + suffix);
  }
  ReadOnlyMount with_shm(s.file("with_shm"), s.file("ro_with_shm"));
  if (with_shm.skipped()) return;
  ReadOnlyMount without_shm(s.file("without_shm"), s.file("ro_without_shm"));
  REQUIRE(!without_shm.dir.empty());

  Journal j = open_ok(with_shm.dir + "/j.db");
  CHECK(j.events().size() == 6);  // the batch only in the WAL too
  CHECK(verify_journal(with_shm.dir + "/j.db").clean());

  std::string error;
  CHECK_FALSE(Journal::open(without_shm.dir + "/j.db", {}, error));
  CHECK(contains(error, "its write-ahead log"));
  CHECK(contains(error, "-shm', which is missing and cannot be made here"));
  const JournalCheck c = verify_journal(without_shm.dir + "/j.db");
  REQUIRE_FALSE(c.problems.empty());
  CHECK(contains(c.problems[0], "its write-ahead log"));
}

TEST_CASE("JournalOptions::read_only opens with SQLite's read-only mode: append writes nothing") {
  Scratch s;
  const std::string path = journal_in(s.file("rw"));
  const std::string before = bytes_of(path);
  JournalOptions options;
  options.read_only = true;
  Journal j = open_ok(path, options);
  CHECK(j.read_only());
  CHECK(j.events().size() == 5);
  const JournalAppend a = j.append({ev("2005-01-15", "ld0015", "learn")});
  CHECK_FALSE(a.ack);
  CHECK(contains(a.error, "read-only storage (or its file or folder is not writable)"));
  CHECK(bytes_of(path) == before);
  CHECK_FALSE(open_ok(path).read_only());  // writable storage, opened as usual
}

}  // namespace lockstep::test
