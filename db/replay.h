// Feeding journal events to the engine the way replay and status do: the clock moves one day at a
// time up to each event's day (lockstep::advance_daily), then the event is applied.
#pragma once

#include "lockstep/engine.h"

namespace lockstep::db {

// Advances to the event's day, then applies it.
inline Outcome advance_and_apply(Engine& engine, const Event& event) {
  advance_daily(engine, event.day);
  return engine.apply(event);
}

}  // namespace lockstep::db
