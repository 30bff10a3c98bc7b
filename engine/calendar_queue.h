// A calendar queue of deadline checks, bucketed by day: per-member and per-unit deadlines that
// only become known when something is done ("within 7d after opinion"). Pushing is O(1) and, once
// the buckets have grown to their working size, allocates nothing; popping a day costs the
// entries of that day.
//
// Invariants: every entry leaves on its own day, so what a check finds is dated by the entry
// alone, never by which other entries happened to move the base. Entries for days before `base_`
// (a check for a day the queue has already gone past, pushed since) wait in `overdue_`, sorted by
// day and then push order, and leave first; entries within kSpan days of base_ sit in their day's
// bucket; later ones wait in a min-heap and move into the ring as base_ advances.
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <optional>
#include <tuple>
#include <vector>

#include "lockstep/model.h"

namespace lockstep::engine {

struct QueueEntry {
  enum class Kind : std::uint8_t {
    kMember,        // `who` is a member: check its `step`
    kUnit,          // `who` is a unit: check its `step`
    kMembersBelow,  // check `step` for every member the unit `who` is responsible for
    kUnitsBelow,    // check `step` for every unit in the subtree of `who`
  };
  DayNumber day = 0;  // the first day the check may find the deadline passed
  Kind kind = Kind::kMember;
  StepId step = 0;
  std::uint32_t who = 0;

  friend bool operator==(const QueueEntry&, const QueueEntry&) = default;
};

class CalendarQueue {
 public:
  static constexpr DayNumber kSpan = 256;

  explicit CalendarQueue(DayNumber base = 0) : base_(base), ring_(kSpan) {}

  void push(const QueueEntry& e) {
    if (e.day < base_) {
      // Kept sorted: after the last entry of a day no later than e's, so a day's entries keep
      // their push order.
      const auto at =
          std::upper_bound(overdue_.begin(), overdue_.end(), e,
                           [](const QueueEntry& a, const QueueEntry& b) { return a.day < b.day; });
      overdue_.insert(at, e);
    } else if (e.day < base_ + kSpan) {
      ring_[slot(e.day)].push_back(e);
      ++in_ring_;
    } else {
      far_.push_back(e);
      std::push_heap(far_.begin(), far_.end(), later);
    }
  }

  bool empty() const { return overdue_.empty() && in_ring_ == 0 && far_.empty(); }

  // The earliest day of a queued entry, if any.
  std::optional<DayNumber> earliest() const {
    if (!overdue_.empty()) return overdue_.front().day;
    if (in_ring_ > 0) {
      for (DayNumber d = base_; d < base_ + kSpan; ++d)
        if (!ring_[slot(d)].empty()) return d;
    }
    if (!far_.empty()) return far_.front().day;
    return std::nullopt;
  }

  // Moves every entry of a day up to and including `day` into `out` (by day, then push order),
  // and makes day + 1 the new base if it is later than the base.
  void pop_through(DayNumber day, std::vector<QueueEntry>& out) {
    const auto through = std::find_if(overdue_.begin(), overdue_.end(),
                                      [day](const QueueEntry& e) { return e.day > day; });
    out.insert(out.end(), overdue_.begin(), through);
    overdue_.erase(overdue_.begin(), through);
    while (base_ <= day) {
      if (in_ring_ == 0) {
        // Nothing in the ring: jump straight to the next far entry or past `day`.
        const DayNumber next = far_.empty() ? day + 1 : std::min(far_.front().day, day + 1);
        base_ = std::max(base_, next);
        refill();
        if (in_ring_ == 0) break;
        continue;
      }
      std::vector<QueueEntry>& bucket = ring_[slot(base_)];
      out.insert(out.end(), bucket.begin(), bucket.end());
      in_ring_ -= bucket.size();
      bucket.clear();
      ++base_;
      refill();
    }
    if (base_ <= day) base_ = day + 1;
  }

  // Every entry, in a canonical order: for fingerprints.
  std::vector<QueueEntry> contents() const {
    std::vector<QueueEntry> all = ring_entries();
    std::vector<QueueEntry> far = far_;
    std::sort(far.begin(), far.end(), [](const QueueEntry& a, const QueueEntry& b) {
      return std::tie(a.day, a.kind, a.step, a.who) < std::tie(b.day, b.kind, b.step, b.who);
    });
    all.insert(all.end(), far.begin(), far.end());
    return all;
  }

  // What a saved engine state needs to rebuild the queue exactly (engine/snapshot.cpp): the base
  // day, the entries before it and the day buckets' entries from the base on (in the order they
  // would leave), and the far heap in its own layout. Pushing the bucket entries, then the heap's
  // in that order, into a queue of the same base puts every entry back where it was: the heap
  // order decides which of one day's entries leaves first.
  DayNumber base() const { return base_; }
  std::vector<QueueEntry> ring_entries() const {
    std::vector<QueueEntry> all = overdue_;
    for (DayNumber d = base_; d < base_ + kSpan; ++d) {
      const auto& b = ring_[slot(d)];
      all.insert(all.end(), b.begin(), b.end());
    }
    return all;
  }
  const std::vector<QueueEntry>& far_heap() const { return far_; }

 private:
  static bool later(const QueueEntry& a, const QueueEntry& b) { return a.day > b.day; }
  std::size_t slot(DayNumber d) const {
    return static_cast<std::size_t>(((d % kSpan) + kSpan) % kSpan);
  }
  void refill() {
    while (!far_.empty() && far_.front().day < base_ + kSpan) {
      std::pop_heap(far_.begin(), far_.end(), later);
      QueueEntry e = far_.back();
      far_.pop_back();
      ring_[slot(e.day)].push_back(e);  // e.day >= base_: far entries are later than the ring
      ++in_ring_;
    }
  }

  DayNumber base_;
  std::vector<QueueEntry> overdue_;  // days before base_, by day then push order
  std::vector<std::vector<QueueEntry>> ring_;
  std::vector<QueueEntry> far_;  // a min-heap by day
  std::size_t in_ring_ = 0;
};

}  // namespace lockstep::engine
