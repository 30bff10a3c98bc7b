// Feeding journal events to the engine the way replay and status do (cli/run_report.h): the clock
// moves one day at a time up to each event's day, so deadlines fire on the same days whoever
// feeds the engine; a gap longer than kMaxDailyGap days is crossed in one step so that a far-off
// date cannot make the replay take long.
#pragma once

#include "lockstep/engine.h"

namespace lockstep::db {

inline constexpr DayNumber kMaxDailyGap = 3660;  // the same as cli/run_report.h

void advance_to(Engine& engine, DayNumber day);

// Advances to the event's day, then applies it.
Outcome advance_and_apply(Engine& engine, const Event& event);

}  // namespace lockstep::db
