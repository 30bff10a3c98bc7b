// The dense tables the hot path runs on against the Boost.MSM machines they are derived from:
// every (state, event) pair, reached by a path of events, and long random sequences.
#include <doctest/doctest.h>

#include <deque>
#include <random>
#include <string>

#include "engine/lifecycle.h"

using namespace lockstep;
using namespace lockstep::engine;

namespace {

// Shortest event paths from the initial state to every state, found on the dense table.
template <typename Event, int kStates, int kEvents>
std::vector<std::vector<Event>> paths(const std::uint8_t (&table)[kStates][kEvents]) {
  std::vector<std::vector<Event>> path(kStates);
  std::vector<bool> seen(kStates, false);
  seen[0] = true;
  std::deque<int> todo{0};
  while (!todo.empty()) {
    const int s = todo.front();
    todo.pop_front();
    for (int e = 0; e < kEvents; ++e) {
      const int n = table[s][e];
      if (n == kNoTransition || seen[n]) continue;
      seen[n] = true;
      path[n] = path[s];
      path[n].push_back(static_cast<Event>(e));
      todo.push_back(n);
    }
  }
  for (int s = 0; s < kStates; ++s) REQUIRE_MESSAGE(seen[s], "state ", s, " is unreachable");
  return path;
}

}  // namespace

TEST_CASE("lifecycle: every state of both machines is reachable from the initial one") {
  const LifecycleTables& t = lifecycle_tables();
  CHECK(t.every_step_state_reachable);
  CHECK(t.every_phase_state_reachable);
}

TEST_CASE("lifecycle: the step table agrees with the MSM machine on every (state, event) pair") {
  const LifecycleTables& t = lifecycle_tables();
  const auto path = paths<StepEvent, kStepStateCount, kStepEventCount>(t.step);
  int transitions = 0;
  for (int s = 0; s < kStepStateCount; ++s) {
    for (int e = 0; e < kStepEventCount; ++e) {
      std::vector<StepEvent> events = path[s];
      events.push_back(static_cast<StepEvent>(e));
      const std::vector<std::uint8_t> after = run_step_machine(events);
      INFO(step_state_name(static_cast<StepState>(s)), " + ",
           step_event_name(static_cast<StepEvent>(e)));
      // The path itself is accepted by the machine and ends in state s.
      for (std::size_t i = 0; i + 1 < after.size(); ++i) REQUIRE(after[i] != kNoTransition);
      if (!path[s].empty()) REQUIRE(after[after.size() - 2] == s);
      CHECK(after.back() == t.step[s][e]);
      transitions += t.step[s][e] != kNoTransition;
    }
  }
  // The lifecycle documented in docs/semantics.md has exactly these transitions.
  CHECK(transitions == 21);
}

TEST_CASE("lifecycle: the phase table agrees with the MSM machine on every (state, event) pair") {
  const LifecycleTables& t = lifecycle_tables();
  const auto path = paths<PhaseEvent, kPhaseStateCount, kPhaseEventCount>(t.phase);
  int transitions = 0;
  for (int s = 0; s < kPhaseStateCount; ++s) {
    for (int e = 0; e < kPhaseEventCount; ++e) {
      std::vector<PhaseEvent> events = path[s];
      events.push_back(static_cast<PhaseEvent>(e));
      INFO(phase_state_name(static_cast<PhaseState>(s)), " + ",
           phase_event_name(static_cast<PhaseEvent>(e)));
      CHECK(run_phase_machine(events).back() == t.phase[s][e]);
      transitions += t.phase[s][e] != kNoTransition;
    }
  }
  CHECK(transitions == 7);
}

TEST_CASE("lifecycle: random event sequences give the same states on the machine and the table") {
  const LifecycleTables& t = lifecycle_tables();
  std::mt19937 rng(20050701);
  for (int run = 0; run < 200; ++run) {
    std::vector<StepEvent> steps;
    std::vector<PhaseEvent> phases;
    for (int i = 0; i < 40; ++i) {
      steps.push_back(static_cast<StepEvent>(rng() % kStepEventCount));
      phases.push_back(static_cast<PhaseEvent>(rng() % kPhaseEventCount));
    }
    const auto by_machine = run_step_machine(steps);
    std::uint8_t state = 0;
    for (std::size_t i = 0; i < steps.size(); ++i) {
      const std::uint8_t next = t.step[state][static_cast<int>(steps[i])];
      REQUIRE(by_machine[i] == next);
      if (next != kNoTransition) state = next;
    }
    const auto phase_by_machine = run_phase_machine(phases);
    state = 0;
    for (std::size_t i = 0; i < phases.size(); ++i) {
      const std::uint8_t next = t.phase[state][static_cast<int>(phases[i])];
      REQUIRE(phase_by_machine[i] == next);
      if (next != kNoTransition) state = next;
    }
  }
}

TEST_CASE("lifecycle: the transitions named in docs/semantics.md") {
  const LifecycleTables& t = lifecycle_tables();
  auto step = [&](StepState s, StepEvent e) {
    return t.step[static_cast<int>(s)][static_cast<int>(e)];
  };
  auto is = [](StepState s) { return static_cast<std::uint8_t>(s); };
  CHECK(step(StepState::kLocked, StepEvent::kUnlock) == is(StepState::kReady));
  CHECK(step(StepState::kReady, StepEvent::kCompleteOnTime) == is(StepState::kDone));
  CHECK(step(StepState::kReady, StepEvent::kCompleteLate) == is(StepState::kDoneLate));
  CHECK(step(StepState::kReady, StepEvent::kDeadlinePassed) == is(StepState::kOverdue));
  CHECK(step(StepState::kOverdue, StepEvent::kCompleteOnTime) == kNoTransition);
  CHECK(step(StepState::kOverdue, StepEvent::kCompleteLate) == is(StepState::kDoneLate));
  CHECK(step(StepState::kDone, StepEvent::kRevise) == is(StepState::kReopened));
  CHECK(step(StepState::kDone, StepEvent::kCompleteOnTime) == kNoTransition);
  CHECK(step(StepState::kReopened, StepEvent::kCompleteOnTime) == is(StepState::kDone));
  CHECK(step(StepState::kReopened, StepEvent::kDeadlinePassed) == kNoTransition);
  CHECK(step(StepState::kExcused, StepEvent::kCompleteOnTime) == is(StepState::kDone));
  CHECK(step(StepState::kExcused, StepEvent::kDeadlinePassed) == kNoTransition);
  auto phase = [&](PhaseState s, PhaseEvent e) {
    return t.phase[static_cast<int>(s)][static_cast<int>(e)];
  };
  auto ps = [](PhaseState s) { return static_cast<std::uint8_t>(s); };
  CHECK(phase(PhaseState::kPending, PhaseEvent::kWindowOpens) == ps(PhaseState::kOpen));
  CHECK(phase(PhaseState::kPending, PhaseEvent::kApprove) == kNoTransition);
  CHECK(phase(PhaseState::kOpen, PhaseEvent::kStepsDone) == ps(PhaseState::kAwaitingGate));
  CHECK(phase(PhaseState::kAwaitingGate, PhaseEvent::kStepReopened) == ps(PhaseState::kOpen));
  CHECK(phase(PhaseState::kAwaitingGate, PhaseEvent::kApprove) == ps(PhaseState::kClosed));
  CHECK(phase(PhaseState::kClosed, PhaseEvent::kWindowEnds) == kNoTransition);
}
