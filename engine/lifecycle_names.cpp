// Stable names of lifecycle states and events, used in reports, snapshots and test messages.
#include "engine/lifecycle.h"

namespace lockstep {

const char* step_state_name(StepState s) {
  switch (s) {
    case StepState::kLocked:
      return "locked";
    case StepState::kReady:
      return "ready";
    case StepState::kDone:
      return "done";
    case StepState::kDoneLate:
      return "done_late";
    case StepState::kOverdue:
      return "overdue";
    case StepState::kExcused:
      return "excused";
    case StepState::kReopened:
      return "reopened";
  }
  return "?";
}

const char* phase_state_name(PhaseState s) {
  switch (s) {
    case PhaseState::kPending:
      return "pending";
    case PhaseState::kOpen:
      return "open";
    case PhaseState::kAwaitingGate:
      return "awaiting_gate";
    case PhaseState::kClosed:
      return "closed";
  }
  return "?";
}

namespace engine {

const char* step_event_name(StepEvent e) {
  switch (e) {
    case StepEvent::kUnlock:
      return "unlock";
    case StepEvent::kCompleteOnTime:
      return "complete_on_time";
    case StepEvent::kCompleteLate:
      return "complete_late";
    case StepEvent::kRepetition:
      return "repetition";
    case StepEvent::kDeadlinePassed:
      return "deadline_passed";
    case StepEvent::kExcuse:
      return "excuse";
    case StepEvent::kRevise:
      return "revise";
  }
  return "?";
}

const char* phase_event_name(PhaseEvent e) {
  switch (e) {
    case PhaseEvent::kWindowOpens:
      return "window_opens";
    case PhaseEvent::kStepsDone:
      return "steps_done";
    case PhaseEvent::kStepReopened:
      return "step_reopened";
    case PhaseEvent::kApprove:
      return "approve";
    case PhaseEvent::kWindowEnds:
      return "window_ends";
  }
  return "?";
}

}  // namespace engine
}  // namespace lockstep
