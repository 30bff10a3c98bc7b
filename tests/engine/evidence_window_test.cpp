// The member kernel's evidence test (engine/evidence_window.h) against the general path's
// (engine/plan.h, meets_all): the same answer for every evidence, at the edges of each interval
// and at the edges of what a field can hold, and an empty window where nothing can meet the bounds.
#include <doctest/doctest.h>

#include <cstdint>
#include <random>
#include <vector>

#include "engine/evidence_window.h"

using namespace lockstep;
using namespace lockstep::engine;

namespace {

// Values around every edge that matters: the bounds' own, zero, kNoValue, the ends of 32 bits
// and of a form byte.
std::vector<std::int64_t> edges(const EvidenceBounds& b, int f) {
  std::vector<std::int64_t> v = {INT32_MIN, INT32_MIN + 1, -2,  kNoValue,      0,        1, 2,
                                 253,       254,           255, INT32_MAX - 1, INT32_MAX};
  for (const std::int64_t x : {b.low[f], b.high[f]})
    for (std::int64_t d = -1; d <= 1; ++d)
      if ((d < 0 && x > INT64_MIN) || d == 0 || (d > 0 && x < INT64_MAX)) v.push_back(x + d);
  return v;
}

// Evidence with field f set to x (when it fits the field) and the others from `base`.
bool set_field(Evidence& e, int f, std::int64_t x) {
  if (f == 3) {
    if (x < 0 || x > 255) return false;
    e.form = static_cast<FormId>(x);
    return true;
  }
  if (x < INT32_MIN || x > INT32_MAX) return false;
  (f == 0 ? e.hours : f == 1 ? e.chars : e.count) = static_cast<std::int32_t>(x);
  return true;
}

EvidenceBounds random_bounds(std::mt19937_64& rng) {
  // Bounds as plan.cpp makes them: low from 0, high up to INT64_MAX, one bit per field asked.
  const std::int64_t picks[] = {0,
                                1,
                                2,
                                3,
                                7,
                                60,
                                253,
                                254,
                                255,
                                256,
                                INT32_MAX - 1,
                                INT32_MAX,
                                std::int64_t{INT32_MAX} + 1,
                                INT64_MAX};
  EvidenceBounds b;
  b.fields = static_cast<std::uint8_t>(rng() & 15);
  for (int f = 0; f < 4; ++f) {
    b.low[f] = picks[rng() % std::size(picks)];
    b.high[f] = rng() % 4 == 0 ? INT64_MAX : picks[rng() % std::size(picks)];
  }
  return b;
}

}  // namespace

TEST_CASE("evidence window: admits exactly what meets_all does, or is empty when nothing can") {
  std::mt19937_64 rng(20240101);
  int windows = 0, empty = 0, compared = 0;
  for (int round = 0; round < 3000; ++round) {
    const EvidenceBounds b = random_bounds(rng);
    const std::optional<EvidenceWindow> w = make_evidence_window(b);
    // Evidence whose every field but one is random around the edges, the one swept.
    for (int f = 0; f < 4; ++f) {
      for (const std::int64_t x : edges(b, f)) {
        Evidence e;
        for (int g = 0; g < 4; ++g) {
          const std::vector<std::int64_t> around = edges(b, g);
          set_field(e, g, around[rng() % around.size()]);
        }
        if (!set_field(e, f, x)) continue;
        if (w) {
          REQUIRE(admits(*w, e) == meets_all(b, e));
          ++compared;
        } else {
          REQUIRE_FALSE(meets_all(b, e));
        }
      }
    }
    ++(w ? windows : empty);
  }
  // The random bounds reach both kinds, and the sweep compares enough evidence to mean something.
  CHECK(windows > 1000);
  CHECK(empty > 100);
  CHECK(compared > 50000);
}

TEST_CASE("evidence window: the padding after the form does not change the answer") {
  EvidenceBounds b;
  b.fields = 8;  // form = 3
  b.low[3] = b.high[3] = 3;
  const std::optional<EvidenceWindow> w = make_evidence_window(b);
  REQUIRE(w);
  unsigned char raw[sizeof(Evidence)];
  Evidence e;
  e.form = 3;
  std::memcpy(raw, &e, sizeof raw);
  for (std::size_t i = offsetof(Evidence, form) + 1; i < sizeof raw; ++i) raw[i] = 0xa5;
  std::memcpy(&e, raw, sizeof raw);
  CHECK(admits(*w, e));
  e.form = kNoForm;
  CHECK_FALSE(admits(*w, e));
}

TEST_CASE("evidence window: bounds that contradict each other leave the step to the general path") {
  EvidenceBounds b;
  b.fields = 1;  // hours at least 5 and at most 4
  b.low[0] = 5;
  b.high[0] = 4;
  CHECK_FALSE(make_evidence_window(b));
  b.low[0] = std::int64_t{INT32_MAX} + 1;  // more hours than evidence can report
  b.high[0] = INT64_MAX;
  CHECK_FALSE(make_evidence_window(b));
  b.fields = 8;  // a form above every form
  b.low[3] = kNoForm;
  b.high[3] = INT64_MAX;
  CHECK_FALSE(make_evidence_window(b));
}
