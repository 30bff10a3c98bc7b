// Parsing of whole numbers given on the benchmark programs' command lines: digits only, no sign,
// no spaces, no overflow. Returns nothing when the text is not such a number up to `max`.
#pragma once

#include <charconv>
#include <cstdint>
#include <optional>
#include <string_view>

namespace lockstep::bench {

inline std::optional<std::uint64_t> parse_whole(std::string_view text, std::uint64_t max) {
  std::uint64_t value = 0;
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  if (text.empty() || error != std::errc{} || stop != end || value > max) return std::nullopt;
  return value;
}

}  // namespace lockstep::bench
