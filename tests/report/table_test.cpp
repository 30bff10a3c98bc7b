// The table writer: mixed Chinese and ASCII columns line up by display width (golden strings).
#include <doctest/doctest.h>

#include "report/table.h"

using namespace lockstep::report;

TEST_CASE("mixed Chinese and ASCII cells align by display width") {
  Table t({{"单位"}, {"违规", Align::kRight}, {"Note"}});
  t.add_row({"红星村党支部", "12", "ok"});
  t.add_row({"East Village", "3", "迟到"});
  CHECK(t.render(false) ==
        "单位          违规  Note\n"
        "------------------------\n"
        "红星村党支部    12  ok\n"
        "East Village     3  迟到\n");
}

TEST_CASE("cells wider than their column's limit are cut with an ellipsis") {
  Table t({{"Unit", Align::kLeft, 6}, {"N", Align::kRight}});
  t.add_row({"红星村党支部", "1"});
  t.add_row({"abcdefgh", "10"});
  CHECK(t.render(false) ==
        "Unit     N\n"
        "----------\n"
        "红星…    1\n"
        "abcde…  10\n");
}

TEST_CASE("missing cells are empty and extra cells are dropped") {
  Table t({{"a"}, {"b"}});
  t.add_row({"x"});
  t.add_row({"1", "2", "3"});
  CHECK(t.render(false) == "a  b\n----\nx\n1  2\n");
}

TEST_CASE("colour is added around the padded text and only when asked for") {
  Table t({{"Kind"}, {"N", Align::kRight}});
  t.add_row({"late", Cell("3", Style::kRed)});
  const std::string plain = t.render(false);
  CHECK(plain.find('\x1b') == std::string::npos);
  const std::string coloured = t.render(true);
  CHECK(coloured == "\x1b[1mKind\x1b[0m  \x1b[1mN\x1b[0m\n-------\nlate  \x1b[31m3\x1b[0m\n");
}

TEST_CASE("escape sequences in cells are neutralized, not passed to the terminal") {
  Table t({{"Name"}});
  t.add_row({"\x1b]0;owned\x07村"});
  const std::string out = t.render(false);
  CHECK(out.find('\x1b') == std::string::npos);
  CHECK(out.find('\x07') == std::string::npos);
  CHECK(out.find("村") != std::string::npos);
}
