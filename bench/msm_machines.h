// What the Boost.MSM contenders share: their machines have the six steps of the stream compiled
// in, one machine per member. Plain C++17, for their C++17 translation units.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench/replayer.h"

namespace lockstep::bench {

inline constexpr std::uint32_t kMsmSteps = 6;

// Fresh machines for the stream's members, started in their initial state, reusing the
// allocation between passes. Throws std::invalid_argument for a stream of another step count.
template <class Machine>
void start_msm_machines(std::vector<Machine>& machines, const StreamView& stream) {
  if (stream.steps != kMsmSteps)
    throw std::invalid_argument("the Boost.MSM contender has its " + std::to_string(kMsmSteps) +
                                " steps compiled in; the stream has " +
                                std::to_string(stream.steps));
  machines.assign(stream.members, Machine{});
  for (Machine& m : machines) m.start();
}

}  // namespace lockstep::bench
