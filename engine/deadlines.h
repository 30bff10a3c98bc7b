// The deadline of a step instance as it stands now (docs/semantics.md, "Deadlines and the clock"),
// and the calendar-queue checks that `within` clauses need.
//
// An instance's deadline is its `due` (or its phase's end) until the step its `within` counts
// from is done; from then on it is that completion's day plus the limit (an explicit `due` still
// holds when earlier, and on the same day unless it alone is advisory). What the `within` counts
// from resolves like a prerequisite: the member's own step, the nearest unit performing it
// upwards, or — for "of all members" / "of all subunits" — the last completion among them, once
// all of them are satisfied.
//
// A view: it owns nothing and reads the instances as they are, so a deadline is never stale.
#pragma once

#include <cstdint>
#include <optional>

#include "engine/calendar_queue.h"
#include "engine/context.h"
#include "engine/instance_table.h"

namespace lockstep::engine {

// What became of an instance that `within` clauses count from.
enum class SourceChange : std::uint8_t { kDone, kExcused, kReopened };

class Deadlines {
 public:
  Deadlines(const Context& c, const InstanceTable& instances) : c_(c), instances_(instances) {}

  // The deadline of the instance (m, u, s) (m == kNoMember for a unit step) and the rule it cites.
  Deadline effective_due(MemberId m, UnitId u, StepId s) const;

  // effective_due(m, u, s).day without building its rule: a completion needs the rule only when
  // it is late.
  DayNumber due_day(MemberId m, UnitId u, StepId s) const {
    const Deadline& fixed = fixed_deadline(m, u, s);
    const StepPlan& sp = c_.plan.steps[s];
    return sp.within ? within_day(m, u, sp, fixed).value_or(fixed.day) : fixed.day;
  }

  // Queues, for the day `today`, a check of every instance whose `within` counts from the
  // instance (m, u, s) that `change` just happened to, on `day` (deadlines.cpp says when).
  void schedule_dependents(CalendarQueue& queue, DayNumber today, MemberId m, UnitId u, StepId s,
                           DayNumber day, SourceChange change) const;

 private:
  const Deadline& fixed_deadline(MemberId m, UnitId u, StepId s) const {
    return c_.schedule.deadline(s, c_.type_of_unit(m != kNoMember ? c_.branch_of(m) : u));
  }
  // The day a `within` of `sp` (which has one) makes the instance due, when it replaces the fixed
  // deadline `fixed`; nothing while what it counts from is not done, or when `fixed` holds.
  std::optional<DayNumber> within_day(MemberId m, UnitId u, const StepPlan& sp,
                                      const Deadline& fixed) const;
  // The day the `within` counts from, once there is one.
  std::optional<DayNumber> base_day(MemberId m, UnitId u, const PrerequisiteCheck& base) const;

  const Context& c_;
  const InstanceTable& instances_;
};

}  // namespace lockstep::engine
