// Recomputes a saved engine state's checksum after an edit, so that the edit reaches the checks
// behind it. Written from the format's description (engine/snapshot.cpp: the last eight bytes
// are the FNV-1a of every byte before them, little-endian), not from its code, so that it also
// checks that description. Used by the saved-state tests and the saved-state fuzz target.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace lockstep::test {

inline void reseal_state(std::vector<std::uint8_t>& blob) {
  if (blob.size() < 8) return;
  std::uint64_t h = 1469598103934665603ull;
  for (std::size_t i = 0; i + 8 < blob.size(); ++i) h = (h ^ blob[i]) * 1099511628211ull;
  for (std::size_t i = 0; i < 8; ++i)
    blob[blob.size() - 8 + i] = static_cast<std::uint8_t>(h >> (8 * i));
}

}  // namespace lockstep::test
