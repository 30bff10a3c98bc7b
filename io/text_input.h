// What every reader in io/ does with an untrusted text: skip a UTF-8 byte order mark, and map byte
// offsets to the lines and columns of diagnostics. (Reading the file, a regular file only, under
// a size limit, is util/regular_file.h's.)
//
// Readers work on byte offsets into the text (cheap to keep per field) and turn them into
// SourceSpans only when they report a problem or keep a line number, so the line table is built
// on first use.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "lockstep/model.h"

namespace lockstep::io {

// 3 when `text` starts with the UTF-8 byte order mark EF BB BF, else 0.
std::size_t bom_length(std::string_view text);

// Maps byte offsets of one text to 1-based lines and byte columns (the SourceSpan contract).
// The text must outlive the index.
class LineIndex {
 public:
  LineIndex(std::string_view text, std::uint32_t file) : text_(text), file_(file) {}

  // The span of bytes [begin, end); a span running past its line is cut at the line's end.
  SourceSpan span(std::size_t begin, std::size_t end) const;
  std::uint32_t line(std::size_t offset) const { return span(offset, offset).line; }

 private:
  std::string_view text_;
  std::uint32_t file_;
  mutable std::vector<std::size_t> line_starts_;  // built on first use
};

}  // namespace lockstep::io
