// Display width of UTF-8 text in a terminal, without the C library's locale.
//
// A compact wcwidth: East Asian Wide and Fullwidth characters (CJK ideographs, kana, Hangul,
// fullwidth forms, most emoji) take 2 columns, combining marks and zero-width format characters 0,
// everything else 1. Ambiguous-width characters count 1, as in most terminals outside CJK
// locales. Bytes that are not valid UTF-8 decode to U+FFFD, one per bad byte, so every function
// here accepts any byte string and never reads past its end. The decoding and the width tables
// are the rules language's (util/unicode.h): a diagnostic's marker and a report's column agree on
// what a character takes.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "util/unicode.h"

namespace lockstep::report {

using util::append_utf8;
using util::decode_utf8;
using util::kReplacementChar;

// The text with every invalid byte replaced by U+FFFD: what JSON, CSV and HTML may hold.
std::string to_valid_utf8(std::string_view text);

// 0, 1 or 2 columns. Control characters count 0 here; sanitize text before showing it.
int codepoint_width(char32_t c);

std::size_t display_width(std::string_view text);

// What is safe to print in a table cell: control characters (C0, DEL, C1, which could move the
// cursor or start an escape sequence), line and paragraph separators and invalid UTF-8 become
// U+FFFD; tabs become a space.
std::string sanitize_for_terminal(std::string_view text);

// The longest prefix that fits in `width` columns; when text had to be cut, the prefix ends with
// "…" and still fits. Never splits a code point.
std::string truncate_to_width(std::string_view text, std::size_t width);

}  // namespace lockstep::report
