// Civil-date arithmetic. The conversions count days in 400-year eras (146,097 days each), which
// makes them exact for every year without tables or loops.
#include "lockstep/civil_date.h"

#include <algorithm>
#include <cstdint>

namespace lockstep {
namespace {

DayNumber clamp_day(std::int64_t d) {
  return static_cast<DayNumber>(std::clamp<std::int64_t>(d, kMinDay, kMaxDay));
}

bool is_leap(std::int64_t y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int month_length(std::int64_t y, int m) {
  static constexpr int kLength[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kLength[m - 1];
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

std::int64_t to_days(std::int64_t y, int m, int d) {
  y -= m <= 2;  // years start in March, so the leap day ends a year
  const std::int64_t era = floor_div(y, 400);
  const std::int64_t yoe = y - era * 400;                                   // [0, 399]
  const std::int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;  // [0, 365]
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;           // [0, 146096]
  return era * 146097 + doe - 719468;
}

}  // namespace

DayNumber days_from_civil(const CivilDate& date) {
  return clamp_day(to_days(date.year, date.month, date.day));
}

CivilDate civil_from_days(DayNumber days) {
  const std::int64_t z = static_cast<std::int64_t>(clamp_day(days)) + 719468;
  const std::int64_t era = floor_div(z, 146097);
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  CivilDate out;
  out.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  out.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  out.year = static_cast<int>(yoe + era * 400 + (out.month <= 2));
  return out;
}

int days_in_month(int year, int month) {
  return month >= 1 && month <= 12 ? month_length(year, month) : 0;
}

bool is_valid_date(const CivilDate& date) {
  return date.month >= 1 && date.month <= 12 && date.day >= 1 &&
         date.day <= month_length(date.year, date.month) && date.year > -2000000 &&
         date.year < 2000000;
}

std::optional<DayNumber> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto number = [&](std::size_t from, std::size_t count) -> std::optional<int> {
    int value = 0;
    for (std::size_t i = from; i < from + count; ++i) {
      if (text[i] < '0' || text[i] > '9') return std::nullopt;
      value = value * 10 + (text[i] - '0');
    }
    return value;
  };
  auto y = number(0, 4), m = number(5, 2), d = number(8, 2);
  if (!y || !m || !d) return std::nullopt;
  CivilDate date{*y, *m, *d};
  if (!is_valid_date(date)) return std::nullopt;
  return days_from_civil(date);
}

bool in_date_range(DayNumber day) {
  static const DayNumber first = days_from_civil({kFirstYear, 1, 1});
  static const DayNumber last = days_from_civil({kLastYear, 12, 31});
  return day >= first && day <= last;
}

std::string date_range_text() {
  return "dates run from " + std::to_string(kFirstYear) + "-01-01 to " + std::to_string(kLastYear) +
         "-12-31";
}

std::string format_date(DayNumber days) {
  const CivilDate c = civil_from_days(days);
  std::string out;
  std::string year = std::to_string(c.year < 0 ? -c.year : c.year);
  if (year.size() < 4) year.insert(0, 4 - year.size(), '0');
  if (c.year < 0) out += '-';
  out += year;
  out += c.month < 10 ? "-0" : "-";
  out += std::to_string(c.month);
  out += c.day < 10 ? "-0" : "-";
  out += std::to_string(c.day);
  return out;
}

DayNumber add_months(DayNumber days, std::int64_t months) {
  // Beyond this many months the result is clamped anyway; the bound keeps the arithmetic exact.
  months = std::clamp<std::int64_t>(months, -20'000'000, 20'000'000);
  const CivilDate c = civil_from_days(days);
  const std::int64_t index = static_cast<std::int64_t>(c.year) * 12 + (c.month - 1) + months;
  const std::int64_t year = floor_div(index, 12);
  const int month = static_cast<int>(index - year * 12) + 1;
  const int day = std::min(c.day, month_length(year, month));
  return clamp_day(to_days(year, month, day));
}

DayNumber add_duration(DayNumber days, const Duration& d) {
  switch (d.unit) {
    case Duration::Unit::kDays:
      return clamp_day(std::int64_t{days} + d.amount);
    case Duration::Unit::kWeeks:
      return clamp_day(std::int64_t{days} + std::int64_t{d.amount} * 7);
    case Duration::Unit::kMonths:
      return add_months(days, d.amount);
  }
  return days;
}

}  // namespace lockstep
