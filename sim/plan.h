// A simulation plan: every (actor, step) instance a campaign asks of an organization, with its
// window and deadline, in an order where prerequisites come first. Built once from a fresh engine
// (which knows what applies to whom) and reused by every run of a Monte Carlo simulation.
//
// Invariants: `order` lists every step once, each after the steps it names in `after` and
// `within` (cycles, which the rules compiler rejects, fall back to id order); instances of a step
// are ordered by actor id; `unit_window[u * phases + p]` is unit u's window of phase p, or {1, 0}
// when none.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "lockstep/engine.h"

namespace lockstep::sim {

struct Instance {
  std::uint32_t actor = 0;  // a MemberId for member steps, a UnitId otherwise
  UnitId unit = 0;          // the unit it belongs to: the actor itself, or the member's branch
  DayNumber due = 0;        // its deadline at the start, or the end of its window
};

struct Plan {
  std::vector<StepId> order;
  std::vector<std::vector<Instance>> instances;  // by StepId
  std::vector<UnitId> organization;              // by UnitId: its grassroots organization
  std::vector<std::pair<DayNumber, DayNumber>> unit_window;
  std::size_t phase_count = 0;

  std::pair<DayNumber, DayNumber> window(UnitId u, PhaseId p) const {
    return unit_window[u * phase_count + p];
  }
};

Plan make_plan(const Engine& fresh);

}  // namespace lockstep::sim
