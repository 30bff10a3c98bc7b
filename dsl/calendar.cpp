// See calendar.h. Day numbers count from 1970-01-01 through 400-year eras of 146097 days, which
// repeat exactly in the Gregorian calendar; within an era, years are counted from March so that
// the leap day falls at the end of the year.
#include "dsl/calendar.h"

#include <fmt/format.h>

namespace lockstep::dsl {
namespace {

constexpr int kDaysPerEra = 146097;
constexpr int kEpochShift = 719468;  // days from 0000-03-01 to 1970-01-01

bool is_leap(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

}  // namespace

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  return month == 2 && is_leap(year) ? 29 : kDays[month - 1];
}

std::optional<DayNumber> civil_to_days(int year, int month, int day) {
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > days_in_month(year, month))
    return std::nullopt;
  const int y = month <= 2 ? year - 1 : year;  // the year counted from March
  const int era = y / 400;
  const int year_of_era = y - era * 400;
  const int month_from_march = (month + 9) % 12;  // March = 0 ... February = 11
  const int day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
  const int day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * kDaysPerEra + day_of_era - kEpochShift;
}

std::string format_date(DayNumber days) {
  const int z = days + kEpochShift;
  const int era = (z >= 0 ? z : z - kDaysPerEra + 1) / kDaysPerEra;
  const int day_of_era = z - era * kDaysPerEra;
  const int year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const int day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const int month_from_march = (5 * day_of_year + 2) / 153;
  const int day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
  const int month = month_from_march < 10 ? month_from_march + 3 : month_from_march - 9;
  const int year = year_of_era + era * 400 + (month <= 2 ? 1 : 0);
  return fmt::format("{:04}-{:02}-{:02}", year, month, day);
}

}  // namespace lockstep::dsl
