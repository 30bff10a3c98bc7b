// See width.h.
#include "report/width.h"

namespace lockstep::report {
namespace {

bool is_control(char32_t c) {
  return c < 0x20 || (c >= 0x7F && c < 0xA0) || c == 0x2028 || c == 0x2029;
}

}  // namespace

std::string to_valid_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) append_utf8(out, decode_utf8(text, pos));
  return out;
}

int codepoint_width(char32_t c) {
  return is_control(c) ? 0 : util::display_width(c);
}

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (std::size_t pos = 0; pos < text.size();) width += codepoint_width(decode_utf8(text, pos));
  return width;
}

std::string sanitize_for_terminal(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    const char32_t c = decode_utf8(text, pos);
    if (c == '\t') {
      out += ' ';
    } else {
      append_utf8(out, is_control(c) ? kReplacementChar : c);
    }
  }
  return out;
}

std::string truncate_to_width(std::string_view text, std::size_t width) {
  if (display_width(text) <= width) return std::string(text);
  if (width == 0) return {};
  // Room for the ellipsis, which is one column wide.
  const std::size_t budget = width - 1;
  std::size_t used = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t next = pos;
    const int w = codepoint_width(decode_utf8(text, next));
    if (used + static_cast<std::size_t>(w) > budget) break;
    used += static_cast<std::size_t>(w);
    pos = next;
  }
  std::string out(text.substr(0, pos));
  out += "\u2026";
  return out;
}

}  // namespace lockstep::report
