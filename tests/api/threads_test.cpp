// Threads: the const members of a campaign (and so of its engine and name index) may run at once
// from several threads while nothing changes it. Run under ThreadSanitizer by scripts/test.
#include <doctest/doctest.h>

#include <thread>

#include "tests/api/township.h"

namespace lockstep {
namespace {

// Everything a reader asks, folded into one number.
std::uint64_t read_everything(const Campaign& c) {
  std::uint64_t sum = c.engine().fingerprint();
  const Organization& org = c.organization();
  for (MemberId m = 0; m < org.member_count(); m += 7) {
    const std::optional<MemberStatus> s = c.member_status(org.member_id(m));
    if (s) sum = sum * 31 + s->steps.size() + s->next.size();
  }
  for (UnitId u = 0; u < org.units.size(); ++u) {
    if (auto s = c.unit_status(org.units[u].id)) sum = sum * 31 + s->steps.size();
    if (auto r = c.engine().rollup_subtree(u)) sum = sum * 31 + r->overdue.size();
  }
  for (const Violation& v : c.violations()) sum = sum * 31 + c.describe(v).size();
  return sum;
}

TEST_CASE("threads: concurrent const queries of one campaign agree with a lone reader") {
  CampaignOptions audit;
  audit.mode = Mode::kAudit;
  Campaign c = test::open_township(audit);
  const Organization& org = c.organization();
  for (MemberId m = 0; m < org.member_count(); m += 3)
    c.apply(LogEvent::complete("learn", org.member_id(m), test::date("2005-07-05")));
  c.advance_to(test::date("2005-09-01"));
  const std::uint64_t expected = read_everything(c);
  std::vector<std::uint64_t> got(4, 0);
  std::vector<std::thread> readers;
  for (std::size_t i = 0; i < got.size(); ++i)
    readers.emplace_back([&c, &got, i] { got[i] = read_everything(c); });
  for (std::thread& t : readers) t.join();
  for (std::uint64_t g : got) CHECK(g == expected);
}

TEST_CASE("threads: campaigns over one shared model and roster run at once") {
  const Campaign base = test::open_township();
  std::vector<Campaign> copies(4, base);
  std::vector<std::thread> writers;
  for (Campaign& c : copies)
    writers.emplace_back([&c] {
      const Organization& org = c.organization();
      for (MemberId m = 0; m < org.member_count(); ++m)
        c.apply(LogEvent::complete("learn", org.member_id(m), test::date("2005-07-05")));
    });
  for (std::thread& t : writers) t.join();
  for (const Campaign& c : copies)
    CHECK(c.engine().fingerprint() == copies[0].engine().fingerprint());
}

}  // namespace
}  // namespace lockstep
