// The identity a snapshot is valid for; see snapshot_identity.h.
#include "engine/snapshot_identity.h"

#include <fmt/format.h>

#include "lockstep/civil_date.h"

namespace lockstep::engine::snapshot {

Identity identity_of(const engine::EngineState& x) {
  Identity id;
  id.members = x.context.org->member_count();
  id.units = x.context.org->units.size();
  id.steps = static_cast<std::uint32_t>(x.context.model->steps.size());
  id.member_slots = static_cast<std::uint32_t>(x.context.member_slots);
  id.unit_slots = static_cast<std::uint32_t>(x.context.unit_slots);
  id.day_slots = x.context.plan.day_slots;
  id.rep_slots = x.context.plan.rep_slots;
  id.phases = static_cast<std::uint32_t>(x.context.phases);
  id.timeline = x.clock.timeline.size();
  id.start = x.context.start;
  id.mode = static_cast<std::uint8_t>(x.mode);
  // Counts alone cannot tell two campaigns apart; names, the calendar and the branches can.
  Writer w;
  const auto text = [&w](const std::string& s) {
    w.out.insert(w.out.end(), s.begin(), s.end());
    w.out.push_back(0);
  };
  for (const Step& s : x.context.model->steps) text(s.id);
  for (const Phase& p : x.context.model->phases) text(p.id);
  for (const Unit& u : x.context.org->units) text(u.id);
  for (const TimePoint& t : x.clock.timeline)
    w.num(t.day), w.num(static_cast<std::uint8_t>(t.kind)), w.num(t.id), w.num(t.org_type);
  w.array(x.context.topology.responsible_begin);
  w.array(x.context.topology.responsible_members);
  id.shape = fnv1a(w.out.data(), w.out.size());
  return id;
}

std::string identity_mismatch(const Identity& got, const Identity& want) {
  const auto differs = [](const char* what, std::uint64_t a, std::uint64_t b) {
    return fmt::format("made for another campaign: {} {} in the state, {} in this engine", what, a,
                       b);
  };
  if (got.members != want.members) return differs("members", got.members, want.members);
  if (got.units != want.units) return differs("units", got.units, want.units);
  if (got.steps != want.steps) return differs("steps", got.steps, want.steps);
  if (got.member_slots != want.member_slots || got.unit_slots != want.unit_slots ||
      got.day_slots != want.day_slots || got.rep_slots != want.rep_slots ||
      got.phases != want.phases || got.timeline != want.timeline)
    return "made for another campaign: the plan's slots, phases or calendar differ";
  if (got.start != want.start)
    return fmt::format("made for another start date: {} in the state, {} in this engine",
                       format_date(got.start), format_date(want.start));
  if (got.mode != want.mode) return "made in the other mode (enforce, audit)";
  if (got.shape != want.shape)
    return "made for another campaign: the step, phase or unit ids, the calendar or the "
           "branches' members differ";
  return {};
}

}  // namespace lockstep::engine::snapshot
