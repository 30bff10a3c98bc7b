// db migrate: the journal re-evaluated under new rules, the change in violations reported kind
// by kind, and the journal rebound to the new rules in one step; a dry run or a journal the new
// rules cannot replay changes nothing.
#include <doctest/doctest.h>

#include <fstream>
#include <regex>

#include "tests/db/journal_fixture.h"

namespace lockstep::test {
namespace {

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// The bureau rules copied into `dir`, with `from` replaced by `to` in the shared base file.
std::string edited_rules(const Scratch& s, const std::string& from, const std::string& to) {
  std::string base = read_text(LOCKSTEP_SOURCE_DIR "/rules/baoxian_base.lock");
  const auto at = base.find(from);
  REQUIRE(at != std::string::npos);
  base.replace(at, from.size(), to);
  std::ofstream(s.file("baoxian_base.lock")) << base;
  std::ofstream(s.file("baoxian_2005_bureau.lock")) << read_text(kRules);
  return s.file("baoxian_2005_bureau.lock");
}

}  // namespace

TEST_CASE("a tighter deadline adds late violations, a dry run writes nothing, migrate rebinds") {
  Scratch s;
  const std::string path = s.file("j.db");
  {
    Journal j = make_journal(path);
    REQUIRE(j.append({ev("2005-01-15", "ldj", "mobilize"), ev("2005-01-16", "ldj", "plan")}).ack);
  }
  const std::string rules =
      edited_rules(s, "step mobilize \"动员大会\" by organization due phase.start + 7d",
                   "step mobilize \"动员大会\" by organization due phase.start + 2d");
  std::string error;
  const int late = static_cast<int>(ViolationKind::kLate);

  std::optional<JournalMigration> dry = migrate_journal(path, rules, true, error);
  INFO(error);
  REQUIRE(dry);
  CHECK(dry->events == 2);
  CHECK(dry->before[late] == 0);
  CHECK(dry->after[late] == 1);
  CHECK(dry->added[late] == 1);
  CHECK(dry->removed[late] == 0);
  CHECK(dry->from_hash != dry->to_hash);
  {
    std::optional<Journal> j = Journal::open(path, {}, error);
    REQUIRE(j);
    CHECK(j->rules_hash() == dry->from_hash);  // nothing written
  }

  std::optional<JournalMigration> done = migrate_journal(path, rules, false, error);
  REQUIRE(done);
  CHECK(done->added[late] == 1);
  std::optional<Journal> j = Journal::open(path, {}, error);
  REQUIRE(j);
  CHECK(j->rules_hash() == done->to_hash);
  CHECK_FALSE(j->check_bound(rules, kRoster));
  CHECK(j->check_bound(kRules, kRoster));
  int late_now = 0;
  for (const Violation& v : j->engine().violations()) late_now += v.kind == ViolationKind::kLate;
  CHECK(late_now == 1);
  CHECK(verify_journal(path).problems.empty());

  // And back: the violation is removed again.
  std::optional<JournalMigration> back = migrate_journal(path, kRules, false, error);
  REQUIRE(back);
  CHECK(back->removed[late] == 1);
  CHECK(back->after[late] == 0);
}

TEST_CASE("new rules that cannot replay the journal change nothing") {
  Scratch s;
  const std::string path = s.file("j.db");
  std::string hash;
  {
    Journal j = make_journal(path);
    REQUIRE(j.append(opening()).ack);
    hash = j.rules_hash();
  }
  // 'plan' renamed everywhere: the recorded event names a step the new rules do not have.
  const std::regex plan(R"(\bplan\b)");
  std::ofstream(s.file("baoxian_base.lock")) << std::regex_replace(
      read_text(LOCKSTEP_SOURCE_DIR "/rules/baoxian_base.lock"), plan, "plan2");
  std::ofstream(s.file("baoxian_2005_bureau.lock"))
      << std::regex_replace(read_text(kRules), plan, "plan2");
  const std::string rules = s.file("baoxian_2005_bureau.lock");
  std::string error;
  std::optional<JournalMigration> m = migrate_journal(path, rules, false, error);
  CHECK_FALSE(m);
  CHECK(error.find("journal event 2 cannot be replayed") != std::string::npos);
  CHECK(error.find("nothing changed") != std::string::npos);
  std::optional<Journal> j = Journal::open(path, {}, error);
  REQUIRE(j);
  CHECK(j->rules_hash() == hash);
}

}  // namespace lockstep::test
