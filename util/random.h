// splitmix64: the one pseudo-random generator of Lockstep (the simulator's draws, synthetic
// organizations, the benchmark stream, generated test inputs).
//
// Chosen because it is tiny, has a public reference definition that any language can reproduce
// bit for bit (the constants below), and passes the usual statistical batteries for this use.
// Seeded explicitly: the same seed gives the same draws on every machine and standard library
// (std:: distributions are not portable in their output, so none is used). Not for cryptography.
// C++17, so that the benchmark's C++17 translation units can include it.
#pragma once

#include <cstdint>

namespace lockstep::util {

class SplitMix64 {
 public:
  explicit SplitMix64(std::uint64_t seed) : state_(seed) {}

  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  // A draw in [0, bound), bound > 0. Plain modulo: its tiny bias is part of the documented
  // definition of the benchmark stream, which matters more there than perfect uniformity.
  std::uint64_t below(std::uint64_t bound) { return next() % bound; }
  // Uniform in [0, 1), from the top 53 bits.
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  bool chance(double p) { return p > 0 && uniform() < p; }

 private:
  std::uint64_t state_;
};

// A well-mixed seed for run `run` of a simulation seeded with `seed`.
inline std::uint64_t run_seed(std::uint64_t seed, std::uint64_t run) {
  SplitMix64 r(seed ^ (run * 0xd1b54a32d192ed03ull));
  return r.next();
}

}  // namespace lockstep::util
