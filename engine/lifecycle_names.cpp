// Names of the engine's lifecycle events, for the lifecycle tests' messages. The names of the
// states themselves are public and live with the other enumerations' names (core/names.cpp).
#include "engine/lifecycle.h"

#include <array>

namespace lockstep::engine {
namespace {

constexpr std::array<const char*, kStepEventCount> kStepEvents = {
    "unlock",          "complete_on_time", "complete_late", "repetition",
    "deadline_passed", "excuse",           "revise"};
constexpr std::array<const char*, kPhaseEventCount> kPhaseEvents = {
    "window_opens", "steps_done", "step_reopened", "approve", "window_ends"};

}  // namespace

const char* step_event_name(StepEvent e) {
  const auto i = static_cast<std::size_t>(e);
  return i < kStepEvents.size() ? kStepEvents[i] : "?";
}

const char* phase_event_name(PhaseEvent e) {
  const auto i = static_cast<std::size_t>(e);
  return i < kPhaseEvents.size() ? kPhaseEvents[i] : "?";
}

}  // namespace lockstep::engine
