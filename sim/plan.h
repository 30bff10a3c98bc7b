// A simulation plan: every (actor, step) instance a campaign asks of an organization, with its
// window and deadline, in an order where prerequisites come first. Built once from a fresh engine
// (which knows what applies to whom) and reused by every run of a Monte Carlo simulation.
//
// Invariants: `order` lists every step once, each after the steps it names in `after` and
// `within` (cycles, which the rules compiler rejects, fall back to id order); instances of a step
// are ordered by actor id; `unit_window[u * phases + p]` is unit u's window of phase p, or {1, 0}
// when none, and `unit_binding_end` the last day it binds (its end, or later for an advisory
// window). An instance's `due` is the day people aim at: for a step due at an advisory window's
// binding end, the window's own end, the date given for reference.
#pragma once

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "lockstep/engine.h"

namespace lockstep::sim {

struct Instance {
  std::uint32_t actor = 0;  // a MemberId for member steps, a UnitId otherwise
  UnitId unit = 0;          // the unit it belongs to: the actor itself, or the member's branch
  DayNumber due = 0;        // its deadline at the start, or the end of its window (aim_of)
};

struct Plan {
  std::vector<StepId> order;
  std::vector<std::vector<Instance>> instances;  // by StepId
  std::vector<UnitId> organization;              // by UnitId: its grassroots organization
  std::vector<std::pair<DayNumber, DayNumber>> unit_window;
  std::vector<DayNumber> unit_binding_end;  // [u * phases + p]
  std::size_t phase_count = 0;

  std::pair<DayNumber, DayNumber> window(UnitId u, PhaseId p) const {
    return unit_window[u * phase_count + p];
  }
  DayNumber binding_end(UnitId u, PhaseId p) const { return unit_binding_end[u * phase_count + p]; }
  // The day an instance of `step` in `unit` (a member's: its branch) aims at, from the deadline
  // a fresh engine gives it. People work to the reference dates an advisory window gives; the
  // engine binds them only at the period's end.
  DayNumber aim_of(const CampaignModel& model, StepId step, std::optional<DayNumber> due,
                   UnitId unit) const;
};

Plan make_plan(const Engine& fresh);

}  // namespace lockstep::sim
