// The byte codec of the engine's snapshots (snapshot.cpp): numbers little-endian, arrays as their
// elements in order, and the FNV-1a digest the trailer carries.
//
// Invariant: a Reader never reads past its span. The first shortfall sets `error`, every later read
// gives 0, and a count is checked against the bytes left before anything is allocated for it.
#pragma once

#include <fmt/format.h>

#include <cstdint>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

#include "engine/calendar_queue.h"

namespace lockstep::engine::snapshot {

inline std::uint64_t fnv1a(const std::uint8_t* p, std::size_t n,
                           std::uint64_t h = 1469598103934665603ull) {
  for (std::size_t i = 0; i < n; ++i) h = (h ^ p[i]) * 1099511628211ull;
  return h;
}

struct Writer {
  std::vector<std::uint8_t> out;
  template <typename T>
  void num(T v) {
    auto u = static_cast<std::make_unsigned_t<T>>(v);
    for (std::size_t i = 0; i < sizeof(T); ++i)
      out.push_back(static_cast<std::uint8_t>(u >> (8 * i)));
  }
  template <typename T, typename A>
  void array(const std::vector<T, A>& v) {
    for (T x : v) num(x);
  }
  void entry(const QueueEntry& q) {
    num(q.day), num(static_cast<std::uint8_t>(q.kind)), num(q.step), num(q.who);
  }
};

// Reads the blob front to back; the first shortfall sets `error` and every later read gives 0.
struct Reader {
  std::span<const std::uint8_t> in;
  std::size_t at = 0;
  std::string error;

  bool ok() const { return error.empty(); }
  std::size_t left() const { return in.size() - at; }
  bool need(std::size_t n, const char* what) {
    if (ok() && n > left())
      error =
          fmt::format("truncated: {} needs {} byte(s) at offset {}, {} left", what, n, at, left());
    return ok();
  }
  template <typename T>
  T num(const char* what) {
    if (!need(sizeof(T), what)) return T{};
    std::make_unsigned_t<T> u = 0;
    for (std::size_t i = 0; i < sizeof(T); ++i)
      u |= static_cast<std::make_unsigned_t<T>>(std::make_unsigned_t<T>{in[at + i]} << (8 * i));
    at += sizeof(T);
    return static_cast<T>(u);
  }
  // `n` elements, each `bytes` long in the blob, checked against what is left before allocating.
  bool count_fits(std::uint64_t n, std::size_t bytes, const char* what) {
    if (ok() && n > left() / bytes)
      error = fmt::format("{} {} of {} byte(s) do not fit in the {} byte(s) left", n, what, bytes,
                          left());
    return ok();
  }
  template <typename T, typename A>
  void array(std::vector<T, A>& v, std::size_t n, const char* what) {
    if (!count_fits(n, sizeof(T), what)) return;
    v.resize(n);
    for (T& x : v) x = num<T>(what);
  }
  QueueEntry entry() {
    QueueEntry q;
    q.day = num<DayNumber>("queue entry");
    q.kind = static_cast<QueueEntry::Kind>(num<std::uint8_t>("queue entry"));
    q.step = num<StepId>("queue entry");
    q.who = num<std::uint32_t>("queue entry");
    return q;
  }
};

}  // namespace lockstep::engine::snapshot
