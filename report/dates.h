// Day numbers as people read them: "2005-07-01". Proleptic Gregorian, any DayNumber.
#pragma once

#include <string>

#include "lockstep/model.h"

namespace lockstep::report {

std::string format_day(DayNumber day);

}  // namespace lockstep::report
