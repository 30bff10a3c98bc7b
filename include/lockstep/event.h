// Events: what the engine is told happened. Every name is resolved to a dense id once, by whoever
// reads events (an event log, a simulator, an embedding application); the engine's hot path sees
// only numbers.
//
// An event names its actor by a typed reference: MemberRef for a step performed by members (even
// when the branch records it for them), UnitRef for every other step and for a gate's organization.
// A bare number does not convert to either, so a unit's number cannot be passed for a member by
// mistake; an event whose reference is of the wrong kind for its step is refused
// (kWrongActorKind). The engine checks every id against the model and the roster: an id out of
// range refuses the event, it never reads out of bounds.
#pragma once

#include <cstdint>
#include <string_view>

#include "lockstep/model.h"
#include "lockstep/organization.h"

namespace lockstep {

enum class ActorKind : std::uint8_t { kMember, kUnit };

// A member or a unit, with which it is: what an Event's factories take.
struct ActorRef {
  ActorKind kind = ActorKind::kMember;
  std::uint32_t id = 0;
};

// A member of the roster, by its index (NameIndex finds it from a name). Explicit from a number;
// converts to its MemberId (for queries) and to an ActorRef (for events).
struct MemberRef {
  MemberId id;
  constexpr explicit MemberRef(MemberId member) : id(member) {}
  constexpr operator MemberId() const { return id; }
  constexpr operator ActorRef() const { return {ActorKind::kMember, id}; }
};

// A unit of the roster, by its index; as MemberRef.
struct UnitRef {
  UnitId id;
  constexpr explicit UnitRef(UnitId unit) : id(unit) {}
  constexpr operator UnitId() const { return id; }
  constexpr operator ActorRef() const { return {ActorKind::kUnit, id}; }
};

// An evidence field that was not given.
inline constexpr std::int32_t kNoValue = -1;
inline constexpr FormId kNoForm = 0xff;

// What a completion brings as proof: hours of study, characters of written material, a count of
// sessions, the form of the material. Fields left at kNoValue / kNoForm were not reported; a
// requirement on a field that was not reported is not met.
struct Evidence {
  std::int32_t hours = kNoValue;
  std::int32_t chars = kNoValue;
  std::int32_t count = kNoValue;
  FormId form = kNoForm;
};

struct Event {
  enum class Kind : std::uint8_t {
    kComplete,  // `actor` completed `step` on `day` with `evidence`
    kExcuse,   // `actor` is excused from `step` from `day`, for `reason` (外出, 离岗退养 ...)
    kApprove,  // the gate of `phase` was approved for organization `actor` by `approver`
    kRevise,   // a revision of `actor`'s completed `step` was required on `day`: it reopens
    kAdvance,  // time passed: the clock moves to `day`, deadlines and phase windows fire
  };
  Kind kind = Kind::kComplete;
  ActorKind actor_kind = ActorKind::kMember;  // what `actor` is
  StepId step = 0;
  PhaseId phase = 0;
  std::uint32_t actor = 0;     // a MemberId or a UnitId, as actor_kind says
  DayNumber day = 0;           // when it happened; for kAdvance, the clock's new day
  std::uint32_t approver = 0;  // kApprove: a supervision group's index (gate "by supervision")
                               // or the approving parent's UnitId (gate "by parent")
  Evidence evidence;           // kComplete only
  std::string_view reason;     // kExcuse only; the engine copies it

  static Event complete(StepId step, ActorRef actor, DayNumber day, Evidence evidence = {}) {
    Event e;
    e.kind = Kind::kComplete;
    e.step = step;
    e.set_actor(actor);
    e.day = day;
    e.evidence = evidence;
    return e;
  }
  static Event excuse(StepId step, ActorRef actor, DayNumber day, std::string_view reason) {
    Event e;
    e.kind = Kind::kExcuse;
    e.step = step;
    e.set_actor(actor);
    e.day = day;
    e.reason = reason;
    return e;
  }
  static Event approve(PhaseId phase, UnitRef organization, std::uint32_t approver, DayNumber day) {
    Event e;
    e.kind = Kind::kApprove;
    e.phase = phase;
    e.set_actor(organization);
    e.approver = approver;
    e.day = day;
    return e;
  }
  static Event revise(StepId step, ActorRef actor, DayNumber day) {
    Event e;
    e.kind = Kind::kRevise;
    e.step = step;
    e.set_actor(actor);
    e.day = day;
    return e;
  }
  void set_actor(ActorRef a) {
    actor_kind = a.kind;
    actor = a.id;
  }
  static Event advance(DayNumber day) {
    Event e;
    e.kind = Kind::kAdvance;
    e.day = day;
    return e;
  }
};

}  // namespace lockstep
