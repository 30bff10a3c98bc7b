// Moving an engine's clock the way every feeder does; see advance_daily() in lockstep/engine.h.
#include "lockstep/engine.h"

namespace lockstep {

void advance_daily(Engine& engine, DayNumber day,
                   const std::function<void(const Engine&)>& on_day) {
  while (engine.clock() < day) {
    if (on_day) on_day(engine);
    const bool daily = day - engine.clock() <= kMaxDailyGap;
    engine.apply(Event::advance(daily ? engine.clock() + 1 : day));
  }
}

}  // namespace lockstep
