// Compact simulated events in day order (sim/day_events.h): the order is exactly a stable sort by
// day of the order the events were added, by counting and by the comparison fallback alike; a
// cleared buffer forgets its events; the Events it builds carry the step's evidence.
#include <doctest/doctest.h>

#include <algorithm>
#include <vector>

#include "sim/day_events.h"
#include "util/random.h"

namespace lockstep::sim {
namespace {

// `n` completions and approvals on days drawn from [first, first + span), added to `out` and
// returned in the order added.
std::vector<SimEvent> add_random(DayEvents& out, std::size_t n, DayNumber first, std::uint32_t span,
                                 std::uint64_t seed) {
  util::SplitMix64 rng(seed);
  std::vector<SimEvent> added;
  for (std::size_t i = 0; i < n; ++i) {
    const auto day = static_cast<DayNumber>(first + static_cast<DayNumber>(rng.next() % span));
    const auto actor = static_cast<std::uint32_t>(i);  // identifies the event
    if (rng.next() % 4 == 0) {
      out.approve(1, UnitRef(actor), 7, day);
      added.push_back({actor, 7, day, 1, Event::Kind::kApprove, ActorKind::kUnit});
    } else {
      out.complete(2, MemberRef(actor), day);
      added.push_back({actor, 0, day, 2, Event::Kind::kComplete});
    }
  }
  return added;
}

void check_stable_by_day(const DayEvents& got, std::vector<SimEvent> added) {
  std::stable_sort(added.begin(), added.end(),
                   [](const SimEvent& a, const SimEvent& b) { return a.day < b.day; });
  REQUIRE(got.size() == added.size());
  for (std::size_t i = 0; i < added.size(); ++i) {
    CHECK(got[i].actor == added[i].actor);
    CHECK(got[i].day == added[i].day);
    CHECK(got[i].kind == added[i].kind);
  }
}

}  // namespace

TEST_CASE("day events: counted into day order, same-day events in the order they were added") {
  DayEvents events;
  events.clear({});
  const std::vector<SimEvent> added = add_random(events, 5000, -30, 400, 1);
  events.order_by_day();
  check_stable_by_day(events, added);
}

TEST_CASE("day events: days too far apart to count are sorted, in the same stable order") {
  DayEvents events;
  events.clear({});
  std::vector<SimEvent> added = add_random(events, 2000, 0, 50, 2);
  const DayNumber far = static_cast<DayNumber>(DayEvents::kMaxCountedDays) * 3;
  events.complete(3, MemberRef(90'000), far);
  events.complete(3, MemberRef(90'001), -far);
  added.push_back({90'000, 0, far, 3, Event::Kind::kComplete});
  added.push_back({90'001, 0, -far, 3, Event::Kind::kComplete});
  events.order_by_day();
  check_stable_by_day(events, added);
  CHECK(events[0].actor == 90'001);
  CHECK(events[events.size() - 1].actor == 90'000);
}

TEST_CASE("day events: a cleared buffer holds only the next run's events") {
  DayEvents events;
  events.clear({});
  add_random(events, 3000, 100, 1000, 3);
  events.order_by_day();
  events.clear({});
  const std::vector<SimEvent> added = add_random(events, 700, 5, 20, 4);
  events.order_by_day();
  check_stable_by_day(events, added);
}

TEST_CASE("day events: completions carry their step's evidence, approvals their approver") {
  Evidence study;
  study.hours = 32;
  study.form = 2;
  DayEvents events;
  events.clear({Evidence{}, study});
  events.complete(1, MemberRef(10), 5);
  events.approve(0, UnitRef(3), 9, 4);
  events.complete(0, MemberRef(11), 4);
  events.order_by_day();
  REQUIRE(events.size() == 3);
  const Event approval = events.event(0);
  CHECK(approval.kind == Event::Kind::kApprove);
  CHECK(approval.phase == 0);
  CHECK(approval.actor == 3);
  CHECK(approval.approver == 9);
  CHECK(approval.day == 4);
  CHECK(events.event(1).actor == 11);
  CHECK(events.event(1).evidence.hours == kNoValue);
  const Event done = events.event(2);
  CHECK(done.kind == Event::Kind::kComplete);
  CHECK(done.step == 1);
  CHECK(done.actor == 10);
  CHECK(done.day == 5);
  CHECK(done.evidence.hours == 32);
  CHECK(done.evidence.form == 2);
  CHECK(done.evidence.chars == kNoValue);
}

}  // namespace lockstep::sim
