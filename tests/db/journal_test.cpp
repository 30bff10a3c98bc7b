// The journal's guarantees on the happy path and at its edges: batches recorded and acknowledged,
// the state rebuilt on opening equal to a replay, a refused event writing nothing of its batch,
// idempotency keys, and the binding to the rules and roster.
#include <doctest/doctest.h>

#include <fstream>

#include "lockstep/name_index.h"
#include "lockstep/roster.h"
#include "lockstep/rules.h"
#include "lockstep/run.h"
#include "tests/db/journal_fixture.h"
#include "tests/view.h"

namespace lockstep::test {
namespace {

std::optional<Journal> reopen(const std::string& path) {
  std::string error;
  std::optional<Journal> j = Journal::open(path, {}, error);
  INFO(error);
  CHECK(j);
  return j;
}

}  // namespace

TEST_CASE("a recorded batch is acknowledged with its journal positions and survives reopening") {
  Scratch s;
  const std::string path = s.file("j.db");
  {
    Journal j = make_journal(path);
    JournalAppend r = j.append(opening());
    REQUIRE(r.ack);
    CHECK(r.ack->batch == 1);
    CHECK(r.ack->recorded == 2);
    CHECK(r.ack->first_seq == 1);
    CHECK(r.ack->last_seq == 2);
    r = j.append({ev("2005-01-13", "ld0006", "learn")});
    REQUIRE(r.ack);
    CHECK(r.ack->batch == 2);
    CHECK(r.ack->first_seq == 3);
  }
  std::optional<Journal> j = reopen(path);
  REQUIRE(j);
  CHECK(j->events().size() == 3);
  CHECK(j->batch_count() == 2);
  CHECK(j->events()[2].who == "ld0006");
  CHECK(j->engine().clock() == *parse_date("2005-01-13"));
}

TEST_CASE("the state rebuilt on opening equals a replay of the journal's events") {
  Scratch s;
  const std::string path = s.file("j.db");
  std::uint64_t live = 0;
  {
    Journal j = make_journal(path, Mode::kAudit);
    REQUIRE(j.append(opening()).ack);
    REQUIRE(j.append({ev("2005-01-14", "ld0007", "analysis"), ev("2005-01-15", "ld0006", "learn")})
                .ack);
    live = j.engine().fingerprint();
  }
  std::optional<Journal> j = reopen(path);
  REQUIRE(j);
  CHECK(j->engine().fingerprint() == live);
  CHECK(j->engine().violations().size() > 0);  // analysis before talk: recorded in audit mode

  RulesResult rules = compile_rules_file(kRules);
  REQUIRE(rules.model);
  RosterResult roster = read_roster_file(kRoster, *rules.model);
  REQUIRE(roster.org);
  EngineResult made =
      make_engine(test::view(*rules.model), test::view(*roster.org), {Mode::kAudit, kStart});
  REQUIRE(made.engine);
  // Replay by hand from the files, as replay would: the same state.
  Engine& engine = *made.engine;
  const NameIndex names(test::view(*rules.model), test::view(*roster.org));
  for (const LogEvent& r : j->events()) {
    Refusal error;
    std::optional<Event> e = names.resolve(r, error);
    REQUIRE(e);
    CHECK(feed(engine, *e).accepted);
  }
  CHECK(engine.fingerprint() == live);
  CHECK(j->events().size() == 4);
  CHECK(j->run_at(*parse_date("2005-01-15")).engine().fingerprint() == live);
  CHECK(j->run_at(*parse_date("2005-01-12")).engine().fingerprint() != live);
}

TEST_CASE("enforce mode: an event out of order refuses its whole batch and writes nothing") {
  Scratch s;
  const std::string path = s.file("j.db");
  Journal j = make_journal(path);
  REQUIRE(j.append(opening()).ack);
  const std::uint64_t before = j.engine().fingerprint();
  // learn is fine, analysis before talk is not: neither is written.
  JournalAppend r =
      j.append({ev("2005-01-13", "ld0006", "learn"), ev("2005-01-13", "ld0007", "analysis")});
  CHECK_FALSE(r.ack);
  CHECK(r.refused);
  CHECK(r.error.find("event 2 refused") != std::string::npos);
  CHECK(r.error.find("talk") != std::string::npos);
  CHECK(j.engine().fingerprint() == before);
  CHECK(j.events().size() == 2);
  std::optional<Journal> again = reopen(path);
  REQUIRE(again);
  CHECK(again->events().size() == 2);
  CHECK(verify_journal(path).problems.empty());
}

TEST_CASE("an unknown name refuses the batch with what was expected") {
  Scratch s;
  Journal j = make_journal(s.file("j.db"));
  JournalAppend r =
      j.append({ev("2005-01-11", "ldj", "mobilize"), ev("2005-01-11", "nobody", "learn")});
  CHECK_FALSE(r.ack);
  CHECK_FALSE(r.refused);
  CHECK(r.error.find("unknown member 'nobody'") != std::string::npos);
  CHECK(j.events().empty());
}

TEST_CASE("an idempotency key records a retried event once and refuses a different one") {
  Scratch s;
  const std::string path = s.file("j.db");
  Journal j = make_journal(path);
  REQUIRE(j.append(opening()).ack);
  // The same batch again, as a client retrying after a lost acknowledgement would send it.
  JournalAppend r = j.append(opening());
  REQUIRE(r.ack);
  CHECK(r.ack->recorded == 0);
  CHECK(r.ack->already == 2);
  CHECK(r.ack->batch == 0);
  // A retry with one new event: only that one is written.
  r = j.append({ev("2005-01-12", "ldj", "plan", "p"), ev("2005-01-13", "ld0006", "learn", "l")});
  REQUIRE(r.ack);
  CHECK(r.ack->recorded == 1);
  CHECK(r.ack->already == 1);
  // The key of plan reused for another event: an error, nothing written.
  r = j.append(
      {ev("2005-01-14", "ld0008", "learn", "x"), ev("2005-01-14", "ld0009", "learn", "p")});
  CHECK_FALSE(r.ack);
  CHECK(r.error.find("idempotency key 'p' already names a different event") != std::string::npos);
  // Twice the same key inside one batch, the same event: recorded once.
  r = j.append(
      {ev("2005-01-14", "ld0008", "learn", "y"), ev("2005-01-14", "ld0008", "learn", "y")});
  REQUIRE(r.ack);
  CHECK(r.ack->recorded == 1);
  CHECK(r.ack->already == 1);
  CHECK(j.events().size() == 4);
  CHECK(verify_journal(path).problems.empty());
}

TEST_CASE("the journal is bound to its rules and roster: others are a clear error") {
  Scratch s;
  const std::string path = s.file("j.db");
  Journal j = make_journal(path);
  CHECK_FALSE(j.check_bound(kRules, kRoster));
  const auto other_rules =
      j.check_bound(LOCKSTEP_SOURCE_DIR "/rules/baoxian_2005_township.lock", kRoster);
  REQUIRE(other_rules);
  CHECK(other_rules->find("bound to other rules") != std::string::npos);
  CHECK(other_rules->find("lockstep db migrate") != std::string::npos);
  // The same roster with one display name changed is another roster.
  std::string text;
  {
    std::ifstream in(kRoster);
    text.assign(std::istreambuf_iterator<char>(in), {});
  }
  text.replace(text.find("雷小新"), std::string("雷小新").size(), "雷小明");
  std::ofstream(s.file("roster.csv")) << text;
  const auto other_roster = j.check_bound(kRules, s.file("roster.csv"));
  REQUIRE(other_roster);
  CHECK(other_roster->find("bound to another roster") != std::string::npos);
}

TEST_CASE("making a journal never overwrites a file, and bad rules make none") {
  Scratch s;
  const std::string path = s.file("j.db");
  std::ofstream(path) << "precious";
  std::string error;
  CHECK_FALSE(Journal::create(path, kRules, kRoster, Mode::kEnforce, kStart, error));
  CHECK(error.find("already exists") != std::string::npos);
  std::ifstream in(path);
  std::string kept;
  in >> kept;
  CHECK(kept == "precious");

  std::ofstream(s.file("bad.lock")) << "campaign x {\n  phase\n";
  error.clear();
  CHECK_FALSE(Journal::create(s.file("new.db"), s.file("bad.lock"), kRoster, Mode::kEnforce, kStart,
                              error));
  CHECK(error.find("bad.lock:") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(s.file("new.db")));
}

}  // namespace lockstep::test
