// The events of one simulated run, compact, put in day order without a comparison sort.
//
// The behaviour model knows each event's day when it makes it, so it records a 16-byte SimEvent
// (who, what, which day) instead of a 56-byte Event, and order_by_day() then places them by a
// counting sort over the run's days: a stable order, the same as std::stable_sort by day of the
// events in the order they were made. The evidence of a completion is the same for every
// completion of a step (the behaviour model reports what the step requires), so it is kept once per
// step and put into the Event only when event(i) builds it for the engine.
//
// Invariants: after order_by_day(), events are sorted by day and events of the same day keep the
// order in which they were added; clear() forgets the events but keeps every buffer, so a caller
// that reuses one DayEvents (a worker running shard after shard) allocates nothing per event and,
// once the buffers have grown, nothing per run. A run whose days span more than kMaxCountedDays
// (only when durations add up to centuries) falls back to a stable comparison sort: the same
// order.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "lockstep/event.h"

namespace lockstep::sim {

// A completion or a gate approval, as the behaviour model makes them.
struct SimEvent {
  std::uint32_t actor = 0;     // Event::actor
  std::uint32_t approver = 0;  // Event::approver (approvals only)
  DayNumber day = 0;
  std::uint16_t what = 0;  // the step of a completion, the phase of an approval
  Event::Kind kind = Event::Kind::kComplete;
  ActorKind actor_kind = ActorKind::kMember;  // Event::actor_kind
};
static_assert(sizeof(SimEvent) == 16, "a national run makes a billion of them");

class DayEvents {
 public:
  // Days spanned beyond which order_by_day() sorts by comparison instead of counting.
  static constexpr std::int64_t kMaxCountedDays = std::int64_t{1} << 16;

  // Forgets the events of the last run (not the buffers) and sets each step's evidence.
  void clear(std::vector<Evidence> evidence_by_step);
  void reserve(std::size_t events);

  void complete(StepId step, ActorRef actor, DayNumber day) {
    add({actor.id, 0, day, step, Event::Kind::kComplete, actor.kind});
  }
  void approve(PhaseId phase, UnitRef organization, std::uint32_t approver, DayNumber day) {
    add({organization.id, approver, day, phase, Event::Kind::kApprove, ActorKind::kUnit});
  }

  // Puts the events in day order, stably (see above).
  void order_by_day();

  std::size_t size() const { return events_.size(); }
  const SimEvent& operator[](std::size_t i) const { return events_[i]; }
  // The i-th event as the engine takes it.
  Event event(std::size_t i) const;

 private:
  void add(const SimEvent& e) {
    first_day_ = e.day < first_day_ ? e.day : first_day_;
    last_day_ = e.day > last_day_ ? e.day : last_day_;
    events_.push_back(e);
  }

  static constexpr DayNumber kNoFirstDay = std::numeric_limits<DayNumber>::max();
  static constexpr DayNumber kNoLastDay = std::numeric_limits<DayNumber>::min();

  std::vector<SimEvent> events_;
  std::vector<SimEvent> spare_;      // order_by_day()'s destination, then swapped in
  std::vector<std::size_t> counts_;  // by day from first_day_: events, then first positions
  std::vector<Evidence> evidence_;   // by StepId
  DayNumber first_day_ = kNoFirstDay, last_day_ = kNoLastDay;  // over events_
};

}  // namespace lockstep::sim
