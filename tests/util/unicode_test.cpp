#include <doctest/doctest.h>

#include "util/suggest.h"
#include "util/unicode.h"

using namespace lockstep::util;

TEST_CASE("unicode: decoding walks code points and never reads past the end") {
  const std::string s = "a学\xF0\x9F\x98\x80";
  std::size_t i = 0;
  CHECK(decode_utf8(s, i) == U'a');
  CHECK(decode_utf8(s, i) == U'学');
  CHECK(i == 4);
  CHECK(decode_utf8(s, i) == char32_t{0x1F600});
  CHECK(i == s.size());
  const std::string truncated = "\xE5\xAD";  // the first two bytes of 学
  i = 0;
  CHECK(decode_utf8(truncated, i) == kReplacementChar);
  CHECK(i == 1);
}

TEST_CASE("unicode: invalid UTF-8 is found at its byte") {
  CHECK_FALSE(find_invalid_utf8("学习 plain ascii").has_value());
  CHECK(find_invalid_utf8("ab\xFF").value() == 2);
  CHECK(find_invalid_utf8("\xC0\x80").value() == 0);              // overlong NUL
  CHECK(find_invalid_utf8("x\xED\xA0\x80").value() == 1);         // a surrogate
  CHECK(find_invalid_utf8("\xF4\x90\x80\x80").value() == 0);      // above U+10FFFF
  CHECK(find_invalid_utf8("ok\xEF\xBF\xBD", 0) == std::nullopt);  // U+FFFD written out is fine
}

TEST_CASE("unicode: CJK takes two terminal cells, combining marks none") {
  CHECK(display_width("step") == 4);
  CHECK(display_width("学习计划") == 8);
  CHECK(display_width("（外出）") == 8);   // fullwidth parentheses
  CHECK(display_width("e\xCC\x81") == 1);  // e + combining acute
  CHECK(char_count("学习 plan") == 7);
}

TEST_CASE("unicode: identifiers take letters and ideographs, not punctuation") {
  CHECK(is_identifier_char(U'学'));
  CHECK(is_identifier_char(U'_'));
  CHECK(is_identifier_char(U'é'));
  CHECK_FALSE(is_identifier_char(U'，'));
  CHECK_FALSE(is_identifier_char(U'。'));
  CHECK_FALSE(is_identifier_char(U'“'));
  CHECK_FALSE(is_identifier_char(U'-'));
  CHECK(ascii_lookalike(U'，') == ',');
  CHECK(ascii_lookalike(U'：') == ':');
  CHECK(ascii_lookalike(U'学') == 0);
}

TEST_CASE("suggest: edit distance counts code points and neighbour swaps") {
  CHECK(edit_distance("mobilize", "mobilise", 5) == 1);
  CHECK(edit_distance("stpe", "step", 5) == 1);
  CHECK(edit_distance("学习计划", "学习记划", 5) == 1);
  CHECK(edit_distance("abcdef", "uvwxyz", 2) == 3);  // gives up past the limit
  CHECK(closest_name("mobilise", {"plan", "mobilize", "learn"}) == "mobilize");
  CHECK(closest_name("学习记划", {"学习计划", "动员大会"}) == "学习计划");
  CHECK(closest_name("zzzzzz", {"plan", "learn"}).empty());
  CHECK(closest_name("d", {"a", "b"}).empty());  // short names do not match by accident
  CHECK(did_you_mean("Plan", {"plan"}) == "did you mean 'plan'?");
}

TEST_CASE("unicode: an excerpt is short, cut at a character with '…', and printable") {
  CHECK(excerpt("mobilize") == "mobilize");
  CHECK(excerpt(std::string(100000000, 'x'), 10) == std::string(9, 'x') + "\u2026");
  CHECK(excerpt("学习计划", 5) == "学习\u2026");  // 2 + 2 cells, the third would not fit with '…'
  CHECK(excerpt("学习计划", 8) == "学习计划");    // exactly the width: nothing cut
  CHECK(excerpt("a\x1b[2Jb\xFF") == "a\uFFFD[2Jb\uFFFD");
}
