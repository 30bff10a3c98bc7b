// The hot path allocates nothing: accepting member completions in order, with their evidence
// checked, touches no heap. Its own executable, because it replaces the global operator new to
// count allocations.
#include <doctest/doctest.h>

#include <atomic>
#include <cstdlib>
#include <new>

#include "tests/engine/fixture.h"

namespace {
std::atomic<bool> counting{false};
std::atomic<long> allocations{0};
}  // namespace

void* operator new(std::size_t n) {
  if (counting) ++allocations;
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
  std::free(p);
}

using namespace lockstep;
using namespace lockstep::test;
using namespace lockstep::test::ids;

namespace {

const DayNumber kJul2 = day(2005, 7, 2);

// The example engine with its branches' plans done, so that members may learn.
Engine engine_with_plans() {
  Engine e = make_example_engine(Mode::kEnforce);
  REQUIRE(e.apply(Event::complete(kMobilize, kOrgan, kJul2)).accepted);
  REQUIRE(e.apply(Event::complete(kPlan, kBranch1, kJul2)).accepted);
  REQUIRE(e.apply(Event::complete(kPlan, kBranch2, kJul2)).accepted);
  return e;
}

// Each member's `learn` then `analysis`, in order and on time: a run of two events per member.
std::vector<Event> member_runs() {
  std::vector<Event> events;
  for (MemberRef m : {kCadre, kPlain, kPlain2, kMobile}) {
    events.push_back(Event::complete(kLearn, MemberRef(m), kJul2, good_evidence()));
    events.push_back(Event::complete(kAnalysis, MemberRef(m), day(2005, 8, 2), good_evidence()));
  }
  return events;
}

}  // namespace

TEST_CASE("hot path: accepted completions in order allocate nothing") {
  Engine e = engine_with_plans();
  const DayNumber d = kJul2;
  std::vector<Event> events = member_runs();
  events.push_back(Event::complete(kAnalysis, kRetiredMember, day(2005, 8, 2), good_evidence()));
  const std::size_t before = e.violations().size();
  allocations = 0;
  counting = true;
  std::size_t refused = 0;
  for (const Event& ev : events) refused += !e.apply(ev).accepted;
  counting = false;
  CHECK(refused == 0);
  CHECK(e.violations().size() == before);
  CHECK(allocations == 0);
  // The counter works: the first refusal builds its explanation on the heap.
  counting = true;
  CHECK_FALSE(e.apply(Event::complete(kFeedback, kPlain, d)).accepted);
  counting = false;
  CHECK(allocations > 0);
}

TEST_CASE("refusals: a caller reusing one Refusal, explaining the like allocates nothing") {
  Engine e = engine_with_plans();
  const DayNumber d = kJul2;
  // Feedback before its prerequisites: refused, with the unmet prerequisites listed. The engine
  // and the caller swap their records, so both hold grown lists after two refusals.
  const Event early = Event::complete(kFeedback, kPlain, d);
  Refusal why;
  REQUIRE_FALSE(e.apply(early, &why).accepted);
  REQUIRE_FALSE(e.apply(early, &why).accepted);
  const std::vector<UnmetPrerequisite> first = why.unmet;  // a copy
  REQUIRE(!first.empty());
  REQUIRE(first[0].units.size() + first[0].members.size() > 0);
  const std::vector<Event> batch(4, early);
  allocations = 0;
  counting = true;
  std::size_t refused = 0;
  for (MemberRef m : {kCadre, kPlain2, kMobile, kPlain2, kPlain})
    refused += !e.apply(Event::complete(kFeedback, m, d), &why).accepted;
  refused += e.apply(batch);  // refusals not asked for: nothing is handed over
  counting = false;
  CHECK(refused == 9);
  CHECK(allocations == 0);
  // The explanation is this call's, not left over from an earlier one.
  CHECK(why.kind == RefusalKind::kOutOfOrder);
  CHECK(why.event.actor == kPlain);
  const std::vector<UnmetPrerequisite>& last = why.unmet;
  REQUIRE(last.size() == first.size());
  for (std::size_t i = 0; i < last.size(); ++i) {
    CHECK(last[i].step == first[i].step);
    CHECK(last[i].units == first[i].units);
    CHECK(last[i].members == first[i].members);
    CHECK(last[i].count == first[i].count);
  }
}

TEST_CASE("hot path: a batch of accepted completions in member runs allocates nothing") {
  Engine e = engine_with_plans();
  const std::vector<Event> events = member_runs();
  const std::size_t before = e.violations().size();
  allocations = 0;
  counting = true;
  const std::size_t refused = e.apply(events);
  counting = false;
  CHECK(refused == 0);
  CHECK(e.violations().size() == before);
  CHECK(allocations == 0);
}
