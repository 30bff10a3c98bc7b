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
  for (MemberId m : {kCadre, kPlain, kPlain2, kMobile}) {
    events.push_back(Event::complete(kLearn, m, kJul2, good_evidence()));
    events.push_back(Event::complete(kAnalysis, m, day(2005, 8, 2), good_evidence()));
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
  // The counter works: a refusal builds its explanation on the heap.
  counting = true;
  CHECK_FALSE(e.apply(Event::complete(kFeedback, kPlain, d)).accepted);
  counting = false;
  CHECK(allocations > 0);
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
