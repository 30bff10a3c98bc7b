// Dates of the proleptic Gregorian calendar as day numbers (days since 1970-01-01), the unit of
// lockstep::DayNumber.
#pragma once

#include <optional>
#include <string>

#include "lockstep/model.h"

namespace lockstep::dsl {

int days_in_month(int year, int month);

// The day number of a date, or nothing when the date does not exist (2005-02-30).
std::optional<DayNumber> civil_to_days(int year, int month, int day);

// "YYYY-MM-DD" of a day number.
std::string format_date(DayNumber days);

}  // namespace lockstep::dsl
