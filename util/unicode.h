// UTF-8 and terminal display width: what the rules language needs of Unicode.
//
// Rules files are UTF-8 and Chinese is first-class, so positions are kept in bytes (the model's
// SourceSpan contract) and converted here to what a person sees: characters for column numbers and
// terminal cells for aligning a marker under a span (CJK ideographs take two cells).
//
// decode() never reads past the end of its input and never fails: an invalid sequence yields
// U+FFFD and advances one byte, so callers can render any bytes safely.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace lockstep::util {

inline constexpr char32_t kReplacementChar = 0xFFFD;

// Decodes the code point starting at s[i] and advances i past it (by one byte when invalid).
char32_t decode_utf8(std::string_view s, std::size_t& i);

// The byte offset of the first byte that does not start or continue a valid UTF-8 sequence
// (overlong forms, surrogates and values above U+10FFFF are invalid), searching from `from`.
std::optional<std::size_t> find_invalid_utf8(std::string_view s, std::size_t from = 0);

// Appends the UTF-8 encoding of c.
void append_utf8(std::string& out, char32_t c);

// Terminal cells taken by one code point: 0 (combining marks, zero-width), 1, or 2 (East Asian
// wide and fullwidth). Control characters count 1: renderers replace them before printing.
int display_width(char32_t c);

// Cells taken by a string (invalid bytes count as one U+FFFD each).
std::size_t display_width(std::string_view s);

// `text` as a message may quote it: cut at a character boundary to at most `max_columns` terminal
// cells, with "…" in place of what was cut, and every control character or invalid byte shown as
// U+FFFD. A value of any length (a 100 MB field) gives a short, printable quote.
std::string excerpt(std::string_view text, std::size_t max_columns = 60);

// Number of code points (invalid bytes count one each).
std::size_t char_count(std::string_view s);

// Whether a code point may appear in an identifier after its first character. ASCII letters,
// digits and '_' may; so may non-ASCII letters and ideographs, but not CJK or general
// punctuation (a fullwidth comma "，" must not silently join two names into one).
bool is_identifier_char(char32_t c);

// The ASCII character a fullwidth or CJK punctuation mark is probably meant to be ('，' -> ','),
// or 0 when there is none.
char ascii_lookalike(char32_t c);

}  // namespace lockstep::util
