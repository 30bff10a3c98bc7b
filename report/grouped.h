// A count for people to read, its digits grouped by three: 100,271,000. Header-only, so that the
// benchmark's report (bench/), which does not link the report library, prints counts alike.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace lockstep::report {

inline std::string grouped(std::uint64_t n) {
  const std::string digits = std::to_string(n);
  std::string out;
  out.reserve(digits.size() + digits.size() / 3);
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i != 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

}  // namespace lockstep::report
