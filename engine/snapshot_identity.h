// What a snapshot of the engine's state is only valid for (snapshot.cpp): the sizes of the
// campaign's plan and roster, its start and mode, and a digest of its shape (step, phase and unit
// ids, the calendar, each branch's members), so that a state is never loaded into another
// campaign's engine.
#pragma once

#include <cstdint>
#include <string>

#include "engine/engine_impl.h"
#include "engine/snapshot_codec.h"

namespace lockstep::engine::snapshot {

// What a saved state is only valid for, written after the magic and version.
struct Identity {
  std::uint64_t members = 0, units = 0;
  std::uint32_t steps = 0, member_slots = 0, unit_slots = 0, day_slots = 0, rep_slots = 0,
                phases = 0;
  std::uint64_t timeline = 0;
  DayNumber start = 0;
  std::uint8_t mode = 0;
  std::uint64_t shape = 0;

  void write(Writer& w) const {
    w.num(members), w.num(units), w.num(steps), w.num(member_slots), w.num(unit_slots);
    w.num(day_slots), w.num(rep_slots), w.num(phases), w.num(timeline), w.num(start);
    w.num(mode), w.num(shape);
  }
  void read(Reader& r) {
    members = r.num<std::uint64_t>("header"), units = r.num<std::uint64_t>("header");
    steps = r.num<std::uint32_t>("header"), member_slots = r.num<std::uint32_t>("header");
    unit_slots = r.num<std::uint32_t>("header"), day_slots = r.num<std::uint32_t>("header");
    rep_slots = r.num<std::uint32_t>("header"), phases = r.num<std::uint32_t>("header");
    timeline = r.num<std::uint64_t>("header"), start = r.num<DayNumber>("header");
    mode = r.num<std::uint8_t>("header"), shape = r.num<std::uint64_t>("header");
  }
};

// The identity of the engine `x` as it stands.
Identity identity_of(const engine::EngineState& x);

// The first difference between a blob's identity and the engine's, as a sentence; empty when none.
std::string identity_mismatch(const Identity& got, const Identity& want);

}  // namespace lockstep::engine::snapshot
