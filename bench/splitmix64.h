// splitmix64: the one pseudo-random generator of the benchmark stream.
//
// Chosen because it is tiny, has a public reference definition that any language can reproduce
// bit for bit (the constants below), and passes the usual statistical batteries for this use.
// Each call advances the state by the golden-ratio increment and returns a bijective mix of it.
// Same seed, same sequence, on every platform: the stream's bytes depend on nothing else.
// C++17 so that every benchmark translation unit can include it.
#pragma once

#include <cstdint>

namespace lockstep::bench {

class SplitMix64 {
 public:
  explicit SplitMix64(std::uint64_t seed) : state_(seed) {}

  std::uint64_t next() {
    state_ += 0x9E3779B97F4A7C15ull;
    std::uint64_t z = state_;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }

  // A draw in [0, bound), bound > 0. Plain modulo: its tiny bias is part of the documented
  // definition of the stream, which matters more here than perfect uniformity.
  std::uint64_t below(std::uint64_t bound) { return next() % bound; }

 private:
  std::uint64_t state_;
};

}  // namespace lockstep::bench
