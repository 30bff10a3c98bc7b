// Finding a span's line in a source text and converting byte columns to what a person sees.
// Shared by the text and JSON renderers.
#pragma once

#include <cstddef>
#include <string_view>

#include "lockstep/model.h"

namespace lockstep {

struct LineInText {
  std::size_t begin = 0;  // byte offset of the line's first byte
  std::size_t end = 0;    // byte offset of its '\n' (or of the end of the text)
  bool found = false;
};

// Line `line` (1-based) of `text`. Scans with memchr: fast enough for a diagnostic's few lines.
LineInText find_line(std::string_view text, std::uint32_t line);

// The 1-based column in characters (code points) of byte column `byte_column` (1-based).
std::size_t char_column(std::string_view text, const LineInText& line, std::uint32_t byte_column);

}  // namespace lockstep
