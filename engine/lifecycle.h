// The events that move the two lifecycles (lockstep/lifecycle.h), and the dense transition tables
// the engine's hot path runs on.
//
// The tables are not written here: lifecycle_tables() derives them once, at first use, by driving
// the Boost.MSM machines of lifecycle_msm.cpp through every (state, event) pair, so the MSM
// transition tables stay the single source of truth. tests/engine/lifecycle_test.cpp drives the
// machines and the dense tables side by side and proves they agree.
//
// Valid C++17: the MSM translation unit includes it.
#pragma once

#include <cstdint>
#include <vector>

#include "lockstep/lifecycle.h"

namespace lockstep::engine {

// What can happen to a step instance. The engine classifies each accepted event into one of these.
enum class StepEvent : std::uint8_t {
  kUnlock,          // every prerequisite is now met
  kCompleteOnTime,  // a completion on or before the deadline (or the last needed repetition)
  kCompleteLate,    // a completion after the deadline
  kRepetition,      // a completion that leaves the step short of its required repetitions
  kDeadlinePassed,  // the clock passed the deadline
  kExcuse,          // excused with a reason
  kRevise,          // a revision was required (专题组织生活会后修改党性分析材料)
};
inline constexpr int kStepEventCount = 7;

// What can happen to a phase of an organization.
enum class PhaseEvent : std::uint8_t {
  kWindowOpens,   // the clock reached the start of its window
  kStepsDone,     // the last open required step of the phase was done
  kStepReopened,  // a required step of the phase was reopened
  kApprove,       // its gate was approved (implicitly at once for a phase without a gate)
  kWindowEnds,    // the clock passed the end of its window
};
inline constexpr int kPhaseEventCount = 5;

// A cell of a dense table: the next state's value, or kNoTransition when the lifecycle has no
// transition for the pair (the event does not apply in that state; nothing changes).
inline constexpr std::uint8_t kNoTransition = 0xff;

struct LifecycleTables {
  std::uint8_t step[kStepStateCount][kStepEventCount];
  std::uint8_t phase[kPhaseStateCount][kPhaseEventCount];
  // True when every state was reached from the initial one while deriving the tables.
  bool every_step_state_reachable = false;
  bool every_phase_state_reachable = false;
};

// The tables derived from the MSM machines; computed on first use, thread-safe, never changes.
const LifecycleTables& lifecycle_tables();

// For the agreement test: start a fresh MSM machine in its initial state, feed it `events`, and
// return the state after each one, or kNoTransition for an event it had no transition for.
std::vector<std::uint8_t> run_step_machine(const std::vector<StepEvent>& events);
std::vector<std::uint8_t> run_phase_machine(const std::vector<PhaseEvent>& events);

const char* step_event_name(StepEvent e);
const char* phase_event_name(PhaseEvent e);

}  // namespace lockstep::engine
