// Time passing (docs/semantics.md, "Deadlines and the clock"): the clock's day, the campaign's
// fixed calendar (phase windows opening and ending, branch-wide deadlines, the reference dates of
// advisory windows) and the calendar queue of per-member and per-unit deadline checks that
// `within` clauses make. The clock moves only forward, by advance_to(); each advance fires, in day
// order, what falls due. Within one day: windows open, then fixed deadlines, then queued checks,
// then windows end, then reference dates pass, so a step missed on the last day of its phase is
// recorded before the phase closes with it open. A reference date changes no state: it only
// records advice (docs/semantics.md, "Advisory windows").
//
// A deadline of day D fires on day D + 1: a step due on D may be done on D. A queued check fires
// on its own day, the day its `missed` is dated: D + 1, or the day a `within` made it already past
// (deadlines.cpp, schedule_dependents).
//
// Invariants: every timeline point before next_point has fired and none after it (their days are
// at most `today`, the rest later); the queue holds no check of a day before the last advance's
// that has not fired; the clock never moves back.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/calendar_queue.h"
#include "engine/context.h"
#include "lockstep/engine.h"

namespace lockstep::engine {

class InstanceTable;
class PhaseBook;

// A fixed point of the campaign's calendar, fired when the clock reaches `day`.
struct TimePoint {
  // The values are part of a saved state's identity and the order of a day's points: new kinds
  // go last.
  enum class Kind : std::uint8_t {
    kWindowOpens,
    kDeadline,
    kWindowEnds,          // the binding end: the phase closes
    kReferenceDeadline,   // a step's reference date (an advisory window's end): advice only
    kReferenceWindowEnds  // an advisory window's end: advice only, the phase stays open
  };
  DayNumber day = 0;
  Kind kind = Kind::kDeadline;
  std::uint16_t id = 0;  // a PhaseId for windows, a StepId for deadlines
  OrgTypeId org_type = 0;
};

// What firing the calendar changes: instances become overdue, phases open and close, violations
// are found.
struct FiringTargets {
  const Context& context;
  InstanceTable& instances;
  PhaseBook& phases;
  std::vector<Violation>& violations;
};

class Clock {
 public:
  // Lays out the calendar of `c` (only points some unit is concerned by) and sets the clock
  // before the start; the caller then advances it to the start.
  void initialize(const Context& c);

  // Moves the clock to `day` (not before today), firing everything due by then.
  void advance_to(DayNumber day, const FiringTargets& t);

  DayNumber today = 0;
  std::size_t next_point = 0;       // the first TimePoint not fired yet
  std::vector<TimePoint> timeline;  // sorted by day, kind, id, org type
  CalendarQueue queue;

 private:
  static void fire_point(const TimePoint& p, const FiringTargets& t);
  static void fire_queued(const QueueEntry& q, DayNumber now, const FiringTargets& t);
  // A fixed deadline's check of one instance; with `reference`, the check of its reference date,
  // which records advice and changes nothing.
  static void fire_deadline(MemberId m, UnitId u, StepId s, DayNumber now, const FiringTargets& t,
                            bool reference = false);

  std::vector<QueueEntry> fired_;  // scratch for advance_to(), reused
};

}  // namespace lockstep::engine
