// Civil dates of the proleptic Gregorian calendar and lockstep::DayNumber (days since 1970-01-01).
//
// Months are calendar months: adding one month to 31 January gives the last day of February,
// because campaigns write "1m" meaning "until the same day next month", and a day that month lacks
// is clamped to its last day. Every function is total: day numbers are clamped to
// [kMinDay, kMaxDay] (about ±1.4 million years), so no input overflows.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "lockstep/model.h"

namespace lockstep {

inline constexpr DayNumber kMinDay = -(1 << 29);
inline constexpr DayNumber kMaxDay = (1 << 29);

struct CivilDate {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
};

// The day number of a date; the date must exist (see is_valid_date).
DayNumber days_from_civil(const CivilDate& date);
CivilDate civil_from_days(DayNumber days);

bool is_valid_date(const CivilDate& date);

// The days of `month` (1..12) in `year`: 28 to 31; 0 for a month outside 1..12.
int days_in_month(int year, int month);

// "YYYY-MM-DD" (four-digit year 0000..9999, two-digit month and day) to a day number; nothing
// for any other text or a date that does not exist (2005-02-30). The syntax only: a reader of
// campaign dates also checks in_date_range().
std::optional<DayNumber> parse_date(std::string_view text);

// The years a campaign's dates may fall in, the range of the rules language. Every reader of
// dates (event logs, scenarios, rules tests) and every date option refuses a date outside it, so
// that no engine clock, deadline or report ever holds one.
inline constexpr int kFirstYear = 1900;
inline constexpr int kLastYear = 2199;

// Whether `day` lies from 1900-01-01 to 2199-12-31.
bool in_date_range(DayNumber day);

// "dates run from 1900-01-01 to 2199-12-31": the end of a message refusing a date outside.
std::string date_range_text();

// "YYYY-MM-DD"; years outside 0..9999 are written with as many digits as they need.
std::string format_date(DayNumber days);

// `days` plus `months` calendar months, the day of month clamped to the target month's length.
DayNumber add_months(DayNumber days, std::int64_t months);

// `days` plus a duration as written in the rules (days, weeks or calendar months), clamped.
DayNumber add_duration(DayNumber days, const Duration& d);

}  // namespace lockstep
