// The simulation's random numbers: splitmix64, seeded explicitly, so the same seed gives the same
// draws on every machine and standard library (std:: distributions are not portable in their
// output, so none is used). Not for cryptography.
#pragma once

#include <cstdint>

namespace lockstep::sim {

class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}

  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  // Uniform in [0, 1), from the top 53 bits.
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  bool chance(double p) { return p > 0 && uniform() < p; }

 private:
  std::uint64_t state_;
};

// A well-mixed seed for run `run` of a simulation seeded with `seed`.
inline std::uint64_t run_seed(std::uint64_t seed, std::uint64_t run) {
  Random r(seed ^ (run * 0xd1b54a32d192ed03ull));
  return r.next();
}

}  // namespace lockstep::sim
