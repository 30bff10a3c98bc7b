// A hand-built campaign model for roster tests: the org types and categories of the seed rules.
#pragma once

#include "lockstep/model.h"

inline lockstep::CampaignModel roster_test_model() {
  lockstep::CampaignModel model;
  model.id = "test";
  for (const char* t : {"township_organ", "village", "school", "hospital", "enterprise"})
    model.org_types.push_back({t, t, {}});
  for (const char* c : {"leading_cadre", "in_service", "retired", "infirm", "mobile", "away"})
    model.categories.push_back({c, c, {}});
  return model;
}
