// The clock: by default it follows the events day by day, as replay does, so a deadline that falls
// before a late event is found missed on its day; with a manual clock the application moves it,
// and the late event is judged alone. docs/embedding.md, "The clock".
#include <doctest/doctest.h>

#include "lockstep/run.h"
#include "tests/api/township.h"

namespace lockstep {
namespace {

std::vector<ViolationKind> kinds(const std::vector<Violation>& vs) {
  std::vector<ViolationKind> out;
  for (const Violation& v : vs) out.push_back(v.kind);
  return out;
}

TEST_CASE("clock: following the events, a late mobilize is missed on its due day, then late") {
  Campaign c = test::open_township();
  const DayNumber due = *c.engine().due(*c.model().find_step("mobilize"), UnitRef(1));
  const Verdict v = c.apply(LogEvent::complete("mobilize", "jg1", due + 5));
  REQUIRE(v.accepted);
  // Every unit's mobilize is missed on the same day; jg1's is then done late.
  std::size_t missed = 0, late = 0;
  for (const Violation& x : v.violations) {
    if (x.unit != 1) continue;
    missed += x.kind == ViolationKind::kMissed;
    late += x.kind == ViolationKind::kLate;
  }
  CHECK(missed == 1);
  CHECK(late == 1);
  CHECK(c.clock() == due + 5);
}

TEST_CASE("clock: manual, the late mobilize is judged alone until the application advances") {
  CampaignOptions manual;
  manual.clock = ClockPolicy::kManual;
  Campaign c = test::open_township(manual);
  const DayNumber start = c.clock();
  const DayNumber due = *c.engine().due(*c.model().find_step("mobilize"), UnitRef(1));
  const Verdict v = c.apply(LogEvent::complete("mobilize", "jg1", due + 5));
  REQUIRE(v.accepted);
  CHECK(kinds(v.violations) == std::vector<ViolationKind>{ViolationKind::kLate});
  CHECK(c.clock() == start);
  // Advancing finds the other units' mobilize missed, not jg1's (it is done).
  const Verdict later = c.advance_to(due + 5);
  REQUIRE(later.accepted);
  for (const Violation& x : later.violations) CHECK(x.unit != 1);
  CHECK_FALSE(later.violations.empty());
  CHECK(c.advance_to(start).refusal.kind == RefusalKind::kClockBackwards);
}

TEST_CASE("clock: a campaign following the events gives replay's violations") {
  Campaign embedded = test::open_township();
  RunResult started =
      Run::start(embedded.engine().shared_model(), embedded.engine().shared_organization());
  REQUIRE(started.run);
  Run& replay = *started.run;
  const DayNumber d = embedded.clock();
  const std::vector<LogEvent> log = {LogEvent::complete("mobilize", "jg1", d + 20),
                                     LogEvent::complete("plan", "jg1", d + 21),
                                     LogEvent::complete("learn", "qs0006", d + 40)};
  for (const LogEvent& r : log) embedded.apply(r);
  ResolvedLog resolved = resolve_log(log, replay.model(), replay.organization(), false);
  replay.apply(resolved.events);
  CHECK(embedded.engine().fingerprint() == replay.engine().fingerprint());
  CHECK(embedded.violations().size() == replay.engine().violations().size());
}

}  // namespace
}  // namespace lockstep
