// The two lifecycles the engine tracks: one per step instance (a member's or a unit's step) and
// one per phase of an organization. Their transitions are defined once, as Boost.MSM transition
// tables inside the library; docs/semantics.md lists them.
//
// This header stays valid C++17: the MSM translation unit includes it.
#pragma once

#include <cstdint>

namespace lockstep {

// Where one step instance stands. Done, DoneLate and Excused "satisfy" the step: prerequisites
// naming it are met. A step that does not apply to a member or unit has no lifecycle at all.
enum class StepState : std::uint8_t {
  kLocked,    // not done, and (when last checked) some prerequisite was unmet
  kReady,     // not done, every prerequisite met
  kDone,      // done on time
  kDoneLate,  // done after its deadline
  kOverdue,   // its deadline passed and it is not done
  kExcused,   // excused with a reason (an away member): counts as done for whoever waits on it
  kReopened,  // a revision was required after it was done: not done until it is done again
};
inline constexpr int kStepStateCount = 7;

// Where a phase stands for one organization (a unit directly under the campaign's top committee).
enum class PhaseState : std::uint8_t {
  kPending,       // its window has not opened yet
  kOpen,          // its window is open and some required step is open
  kAwaitingGate,  // every required step is done; the gate (回头看, 转段) is not approved yet
  kClosed,        // its gate was approved or its window ended
};
inline constexpr int kPhaseStateCount = 4;

// Stable lower-case names ("done_late", "awaiting_gate") for reports and tests.
const char* step_state_name(StepState s);
const char* phase_state_name(PhaseState s);

}  // namespace lockstep
