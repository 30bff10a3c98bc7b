// The cells the terminal reports share: counts grouped for reading, aligned in their columns.
#include <doctest/doctest.h>

#include "report/table.h"
#include "report/text_cells.h"

using namespace lockstep::report;

TEST_CASE("counts are grouped by three digits from the right") {
  CHECK(grouped(0) == "0");
  CHECK(grouped(7) == "7");
  CHECK(grouped(999) == "999");
  CHECK(grouped(1000) == "1,000");
  CHECK(grouped(65536) == "65,536");
  CHECK(grouped(100271000) == "100,271,000");
  CHECK(grouped(18446744073709551615ull) == "18,446,744,073,709,551,615");
}

TEST_CASE("grouped counts stay right-aligned under their heading") {
  Table t({{"Phase", Align::kLeft}, {"Required", Align::kRight}});
  t.add_row({"学习动员", count(665322)});
  t.add_row({"整改提高", count(5116)});
  const std::string text = t.render(false);
  CHECK(text.find("学习动员   665,322\n") != std::string::npos);
  CHECK(text.find("整改提高     5,116\n") != std::string::npos);
}
