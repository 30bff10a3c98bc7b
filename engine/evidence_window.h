// A step's evidence bounds (plan.h, EvidenceBounds) as the member kernel tests them: the four
// fields of an Evidence compared at once, as four 32-bit lanes, instead of field by field with a
// branch for each.
//
// Each lane accepts a value v when (v - low) taken modulo 2^32 is at most `span`, which is the
// interval [low, low + span]; an unbounded lane has low = INT32_MIN and span = 2^32 - 1, which
// accepts every value. Both are stored with their top bit flipped, so that the unsigned
// comparison is a signed one, which every vector unit has.
//
// Invariant: admits(make_evidence_window(b), e) == meets_all(b, e) for every evidence e, whenever
// make_evidence_window(b) is not empty. It is empty when some interval of `b` admits no value an
// Evidence can hold (bounds that contradict each other, a bound beyond 32 bits): the kernel then
// leaves the step to the general path.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>

#include "engine/plan.h"
#include "lockstep/event.h"

namespace lockstep::engine {

// Unsigned, so that the subtraction wraps as it should; compared as signed (the same bits).
using EvidenceLanes = std::uint32_t __attribute__((vector_size(16)));
using SignedLanes = std::int32_t __attribute__((vector_size(16)));

struct EvidenceWindow {
  EvidenceLanes low_flipped;   // low ^ 2^31, by lane: hours, chars, count, form
  EvidenceLanes span_flipped;  // span ^ 2^31
};

// An Evidence is three 32-bit fields and a byte, padded to 16 bytes: the lanes read all of it,
// and the byte's lane, the low byte of a little-endian word, keeps only the byte.
static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__);
static_assert(sizeof(Evidence) == sizeof(EvidenceLanes) && offsetof(Evidence, form) == 12);

// nullopt when some field's interval admits no value (see above).
inline std::optional<EvidenceWindow> make_evidence_window(const EvidenceBounds& b) {
  constexpr std::uint32_t kFlip = std::uint32_t{1} << 31;
  // The largest value of each field that can mean anything: kNoForm is not a form, and meets
  // nothing, so a form's interval stops below it.
  constexpr std::int64_t kTop[4] = {INT32_MAX, INT32_MAX, INT32_MAX, kNoForm - 1};
  EvidenceWindow w{};
  for (int f = 0; f < 4; ++f) {
    std::uint32_t low = static_cast<std::uint32_t>(INT32_MIN);
    std::uint32_t span = UINT32_MAX;
    if (b.fields & (1u << f)) {
      // meets_all's intervals never start below 0 (plan.cpp), so an unreported field (kNoValue)
      // meets none of them, and nor does kNoForm, above kTop.
      const std::int64_t high = b.high[f] < kTop[f] ? b.high[f] : kTop[f];
      if (b.low[f] < 0 || b.low[f] > high) return std::nullopt;
      low = static_cast<std::uint32_t>(b.low[f]);
      span = static_cast<std::uint32_t>(high - b.low[f]);
    }
    w.low_flipped[f] = low ^ kFlip;
    w.span_flipped[f] = span ^ kFlip;
  }
  return w;
}

inline bool admits(const EvidenceWindow& w, const Evidence& e) {
  EvidenceLanes v;
  std::memcpy(&v, &e, sizeof v);
  v &= EvidenceLanes{UINT32_MAX, UINT32_MAX, UINT32_MAX, 0xff};  // the form's byte, not the padding
  // (v - low) ^ 2^31 is v - (low ^ 2^31) modulo 2^32, so one subtraction flips it too.
  const SignedLanes over = SignedLanes(v - w.low_flipped) > SignedLanes(w.span_flipped);
  std::uint64_t halves[2];
  std::memcpy(halves, &over, sizeof halves);
  return (halves[0] | halves[1]) == 0;
}

}  // namespace lockstep::engine
