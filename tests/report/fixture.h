// A campaign report to test the renderers with: the township's 2nd batch of the 2005 campaign
// (seed 000), eight grassroots units under two supervision groups, Chinese display names, and one
// unit whose name tries to break out of the HTML ("</script>..."). Built by a fixed formula, so
// every run gives the same report.
#pragma once

#include "lockstep/report.h"

namespace lockstep::testing {

// 2005-07-01 and 2005-09-30 as day numbers.
inline constexpr DayNumber kFixtureStart = 12965;
inline constexpr DayNumber kFixtureAsOf = 13056;

CampaignReport fixture_report();

// One phase, two units, two steps, three violations: small enough for golden strings.
CampaignReport tiny_report();

}  // namespace lockstep::testing
