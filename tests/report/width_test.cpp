// Display width: the compact wcwidth, UTF-8 decoding of bad bytes, truncation and sanitizing.
#include <doctest/doctest.h>

#include "report/width.h"

using namespace lockstep::report;

TEST_CASE("CJK ideographs, kana, Hangul and fullwidth forms are two columns wide") {
  CHECK(display_width("中") == 2);
  CHECK(display_width("保持共产党员先进性教育活动") == 26);
  CHECK(display_width("ひらがな") == 8);
  CHECK(display_width("한국") == 4);
  CHECK(display_width("（第二批）") == 10);  // fullwidth parentheses
  CHECK(display_width("Ａ") == 2);
  CHECK(display_width("😀") == 2);
  CHECK(display_width("\xF0\xA0\x80\x80") == 2);  // U+20000, CJK Extension B
}

TEST_CASE("ASCII is one column, combining marks and zero-width characters none") {
  CHECK(display_width("") == 0);
  CHECK(display_width("abc") == 3);
  CHECK(display_width("a中b") == 4);
  CHECK(display_width("e\xCC\x81") == 1);  // e + COMBINING ACUTE ACCENT
  CHECK(display_width("a\xE2\x80\x8B"
                      "b") == 2);       // ZERO WIDTH SPACE
  CHECK(display_width("…") == 1);       // ambiguous width counts 1
  CHECK(codepoint_width(0x303F) == 1);  // just past the wide CJK symbols block
  CHECK(codepoint_width(0x3000) == 2);  // ideographic space
}

TEST_CASE("bad UTF-8 decodes to one replacement character per bad byte") {
  std::string_view bad = "\xFF";
  std::size_t pos = 0;
  CHECK(decode_utf8(bad, pos) == kReplacementChar);
  CHECK(pos == 1);
  CHECK(display_width("\xE4\xB8") == 2);          // a cut-off 3-byte sequence
  CHECK(display_width("\xC0\xAF") == 2);          // an overlong '/'
  CHECK(display_width("\xED\xA0\x80") == 3);      // a UTF-16 surrogate
  CHECK(display_width("\xF4\x90\x80\x80") == 4);  // past U+10FFFF
}

TEST_CASE("truncation cuts by display width and ends with an ellipsis") {
  CHECK(truncate_to_width("中华人民共和国", 5) == "中华…");
  CHECK(truncate_to_width("中华人民", 8) == "中华人民");
  CHECK(truncate_to_width("中华人民", 7) == "中华人…");
  CHECK(truncate_to_width("abcdef", 4) == "abc…");
  CHECK(truncate_to_width("a中", 2) == "a…");
  CHECK(truncate_to_width("abc", 0) == "");
  CHECK(display_width(truncate_to_width("中a中a中a", 6)) <= 6);
}

TEST_CASE("sanitizing removes what could drive the terminal") {
  CHECK(sanitize_for_terminal("a\x1b[31mb") == "a\xEF\xBF\xBD[31mb");
  CHECK(sanitize_for_terminal("line\nbreak") ==
        "line\xEF\xBF\xBD"
        "break");
  CHECK(sanitize_for_terminal("tab\there") == "tab here");
  CHECK(sanitize_for_terminal("\xC2\x9B"
                              "2J") ==
        "\xEF\xBF\xBD"
        "2J");  // C1 CSI
  CHECK(sanitize_for_terminal("\xFF") == "\xEF\xBF\xBD");
  CHECK(sanitize_for_terminal("红星村") == "红星村");
}

TEST_CASE("invalid bytes become replacement characters, valid text is kept") {
  CHECK(to_valid_utf8("红星\xFF村") == "红星\xEF\xBF\xBD村");
  CHECK(to_valid_utf8("\xE4\xB8") == "\xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(to_valid_utf8("plain") == "plain");
}
