// Advancing the clock and applying journal events; see replay.h.
#include "db/replay.h"

namespace lockstep::db {

void advance_to(Engine& engine, DayNumber day) {
  while (engine.clock() < day) {
    const bool daily = day - engine.clock() <= kMaxDailyGap;
    engine.apply(Event::advance(daily ? engine.clock() + 1 : day));
  }
}

Outcome advance_and_apply(Engine& engine, const Event& event) {
  advance_to(engine, event.day);
  return engine.apply(event);
}

}  // namespace lockstep::db
