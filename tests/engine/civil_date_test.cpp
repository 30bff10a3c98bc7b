#include <doctest/doctest.h>

#include "lockstep/civil_date.h"

using namespace lockstep;

TEST_CASE("civil date: known day numbers and the round trip over many years") {
  CHECK(days_from_civil({1970, 1, 1}) == 0);
  CHECK(days_from_civil({2005, 7, 1}) == 12965);
  CHECK(days_from_civil({2000, 3, 1}) - days_from_civil({2000, 2, 28}) == 2);  // leap year
  CHECK(days_from_civil({1900, 3, 1}) - days_from_civil({1900, 2, 28}) == 1);  // not leap
  for (DayNumber d = -800000; d <= 800000; d += 97) {
    const CivilDate c = civil_from_days(d);
    REQUIRE(is_valid_date(c));
    REQUIRE(days_from_civil(c) == d);
  }
}

TEST_CASE("civil date: parse accepts YYYY-MM-DD of existing dates only") {
  CHECK(parse_date("2005-07-01") == days_from_civil({2005, 7, 1}));
  CHECK(parse_date("2008-02-29").has_value());
  CHECK_FALSE(parse_date("2005-02-29").has_value());
  CHECK_FALSE(parse_date("2005-13-01").has_value());
  CHECK_FALSE(parse_date("2005-7-1").has_value());
  CHECK_FALSE(parse_date("2005-07-01x").has_value());
  CHECK_FALSE(parse_date("２００５-07-01").has_value());
  CHECK_FALSE(parse_date("").has_value());
  CHECK(format_date(days_from_civil({2005, 7, 1})) == "2005-07-01");
  CHECK(format_date(*parse_date("0001-01-01")) == "0001-01-01");
}

TEST_CASE("civil date: months are calendar months, clamped to the month's last day") {
  CHECK(add_months(days_from_civil({2005, 1, 31}), 1) == days_from_civil({2005, 2, 28}));
  CHECK(add_months(days_from_civil({2008, 1, 31}), 1) == days_from_civil({2008, 2, 29}));
  CHECK(add_months(days_from_civil({2005, 7, 1}), 6) == days_from_civil({2006, 1, 1}));
  CHECK(add_months(days_from_civil({2005, 3, 15}), -3) == days_from_civil({2004, 12, 15}));
  CHECK(add_duration(0, {2, Duration::Unit::kWeeks}) == 14);
  CHECK(add_duration(0, {-3, Duration::Unit::kDays}) == -3);
}

TEST_CASE("civil date: huge amounts clamp instead of overflowing") {
  CHECK(add_duration(0, {2147483647, Duration::Unit::kWeeks}) == kMaxDay);
  CHECK(add_duration(0, {-2147483647, Duration::Unit::kMonths}) == kMinDay);
  CHECK(add_months(kMaxDay, 2147483647) == kMaxDay);
  CHECK(is_valid_date(civil_from_days(kMinDay)));
}

TEST_CASE("civil date: days in a month, leap Februaries included") {
  CHECK(days_in_month(2005, 1) == 31);
  CHECK(days_in_month(2005, 4) == 30);
  CHECK(days_in_month(2005, 2) == 28);
  CHECK(days_in_month(2004, 2) == 29);
  CHECK(days_in_month(2000, 2) == 29);
  CHECK(days_in_month(2100, 2) == 28);
  CHECK(days_in_month(2005, 0) == 0);
  CHECK(days_in_month(2005, 13) == 0);
}
