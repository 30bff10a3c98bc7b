// Compact events in day order; see day_events.h.
#include "sim/day_events.h"

#include <algorithm>
#include <utility>

namespace lockstep::sim {

void DayEvents::clear(std::vector<Evidence> evidence_by_step) {
  events_.clear();
  evidence_ = std::move(evidence_by_step);
  first_day_ = kNoFirstDay;
  last_day_ = kNoLastDay;
}

void DayEvents::reserve(std::size_t events) {
  events_.reserve(events);
}

void DayEvents::order_by_day() {
  if (events_.size() < 2 || first_day_ == last_day_) return;
  const std::int64_t span = std::int64_t{last_day_} - first_day_ + 1;
  if (span > kMaxCountedDays) {
    std::stable_sort(events_.begin(), events_.end(),
                     [](const SimEvent& a, const SimEvent& b) { return a.day < b.day; });
    return;
  }
  // Counting sort: events per day, then each day's first position, then every event to its
  // day's next position, in the order they were added.
  counts_.assign(static_cast<std::size_t>(span), 0);
  for (const SimEvent& e : events_) ++counts_[static_cast<std::size_t>(e.day - first_day_)];
  std::size_t position = 0;
  for (std::size_t& c : counts_) position += std::exchange(c, position);
  spare_.resize(events_.size());
  for (const SimEvent& e : events_)
    spare_[counts_[static_cast<std::size_t>(e.day - first_day_)]++] = e;
  events_.swap(spare_);
}

Event DayEvents::event(std::size_t i) const {
  const SimEvent& e = events_[i];
  if (e.kind == Event::Kind::kApprove)
    return Event::approve(e.what, UnitRef(e.actor), e.approver, e.day);
  return Event::complete(e.what, ActorRef{e.actor_kind, e.actor}, e.day,
                         e.what < evidence_.size() ? evidence_[e.what] : Evidence{});
}

}  // namespace lockstep::sim
