// Checks shared by the fuzz targets of untrusted input: every place a diagnostic (or an event)
// points at must exist in the text that was read.
//
// A SourceSpan is 1-based, its column counted in bytes (lockstep/model.h). "Inside" allows the
// position just past the end of a line and the empty line after a final line break, where
// "expected ... but the file ended" errors point; nothing further.
#pragma once

#include <cstddef>
#include <cstdio>
#include <string_view>
#include <vector>

#include "lockstep/diagnostic.h"

namespace lockstep::fuzz {

// The length in bytes of every line of `text` (split at '\n'), the last one possibly empty.
inline std::vector<std::size_t> line_lengths(std::string_view text) {
  std::vector<std::size_t> lengths;
  std::size_t begin = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') {
      lengths.push_back(i - begin);
      begin = i + 1;
    }
  }
  lengths.push_back(text.size() - begin);
  return lengths;
}

// Says which span is outside on stderr, so that a finding explains itself.
inline bool span_inside(const SourceSpan& s, const std::vector<std::size_t>& lines) {
  const bool inside = s.file == 0 && s.line >= 1 && s.line <= lines.size() && s.column >= 1 &&
                      s.column <= lines[s.line - 1] + 1;
  if (!inside)
    std::fprintf(stderr, "span %u:%u:%u outside the text (%zu lines)\n", unsigned{s.file},
                 unsigned{s.line}, unsigned{s.column}, lines.size());
  return inside;
}

// True when every diagnostic and related place points inside `text` (file 0); every error has a
// position.
inline bool diagnostics_inside(const Diagnostics& ds, std::string_view text) {
  const std::vector<std::size_t> lines = line_lengths(text);
  for (const Diagnostic& d : ds) {
    // Line 0 is "no position", which the renderers print as a note about the whole file; only
    // notes and warnings may have none (the "too many errors" note does).
    const bool whole_file = d.span.line == 0 && d.level != Diagnostic::Level::kError;
    bool inside = whole_file || span_inside(d.span, lines);
    for (const Label& l : d.related) inside = inside && span_inside(l.span, lines);
    if (!inside) {
      std::fprintf(stderr, "in %s: %s\n", d.code.c_str(), d.message.c_str());
      return false;
    }
  }
  return true;
}

}  // namespace lockstep::fuzz
