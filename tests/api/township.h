// Seed 000's township (rules/baoxian_2005_township.lock, samples/rosters/township_000.csv), opened
// the way an application opens a campaign.
#pragma once

#include <doctest/doctest.h>

#include "lockstep/campaign.h"
#include "lockstep/civil_date.h"

namespace lockstep::test {

inline Campaign open_township(const CampaignOptions& options = {}) {
  CampaignResult opened =
      Campaign::open(LOCKSTEP_SOURCE_DIR "/rules/baoxian_2005_township.lock",
                     LOCKSTEP_SOURCE_DIR "/samples/rosters/township_000.csv", options);
  REQUIRE_MESSAGE(opened.campaign, (opened.diagnostics.empty() ? std::string("no campaign")
                                                               : opened.diagnostics[0].message));
  return std::move(*opened.campaign);
}

inline DayNumber date(const char* text) {
  const std::optional<DayNumber> d = parse_date(text);
  REQUIRE(d);
  return *d;
}

}  // namespace lockstep::test
