// Days since 1970-01-01 to a civil date, by 400-year eras (146097 days each) counted from
// 0000-03-01, so that the leap day falls at the end of each shifted year.
#include "report/dates.h"

#include <fmt/format.h>

#include <cstdint>

namespace lockstep::report {

std::string format_day(DayNumber day) {
  const std::int64_t z = static_cast<std::int64_t>(day) + 719468;  // days since 0000-03-01
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t day_of_era = z - era * 146097;  // 0 .. 146096
  const std::int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const std::int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const std::int64_t shifted_month = (5 * day_of_year + 2) / 153;  // 0 = March
  const std::int64_t d = day_of_year - (153 * shifted_month + 2) / 5 + 1;
  const std::int64_t m = shifted_month < 10 ? shifted_month + 3 : shifted_month - 9;
  const std::int64_t y = year_of_era + era * 400 + (m <= 2 ? 1 : 0);
  return fmt::format("{:04}-{:02}-{:02}", y, m, d);
}

}  // namespace lockstep::report
