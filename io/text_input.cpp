// See text_input.h.
#include "io/text_input.h"

#include <algorithm>

namespace lockstep::io {

std::size_t bom_length(std::string_view text) {
  return text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
}

SourceSpan LineIndex::span(std::size_t begin, std::size_t end) const {
  if (line_starts_.empty()) {
    line_starts_.push_back(0);
    for (std::size_t i = 0; i < text_.size(); ++i)
      if (text_[i] == '\n') line_starts_.push_back(i + 1);
  }
  begin = std::min(begin, text_.size());
  end = std::clamp(end, begin, text_.size());
  // The last line start at or before `begin`.
  const auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), begin) - 1;
  const std::size_t line_start = *it;
  std::size_t line_end = text_.size();
  if (it + 1 != line_starts_.end()) line_end = *(it + 1) - 1;
  end = std::min(end, std::max(line_end, begin));
  SourceSpan s;
  s.file = file_;
  s.line = static_cast<std::uint32_t>(it - line_starts_.begin() + 1);
  s.column = static_cast<std::uint32_t>(begin - line_start + 1);
  s.length = static_cast<std::uint32_t>(end - begin);
  return s;
}

}  // namespace lockstep::io
