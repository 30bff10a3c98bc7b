// Scenarios: how people behave in a simulated campaign. A small INI-like companion format to the
// rules language, documented in docs/simulate.md:
//
//   [default]                     # every step
//   duration = triangular 2 5 14  # days from when the step can start: fixed N | uniform A B |
//                                 #   triangular MIN MODE MAX
//   late = 0.05                   # probability of finishing after the deadline ...
//   late_by = uniform 1 10        # ... by this many days
//   skip = 0.01                   # probability of never doing the step
//   out_of_order = 0.02           # probability of not waiting for the prerequisites
//   [step analysis]               # overrides for one step (by its id in the rules)
//   [category mobile]             # members in a category take longer
//   slower = 1.5
//   [org_type village]            # units of an org type take longer, always or in a season
//   slower = 1.2
//   season = 2005-09-01 2005-10-15 2.0
//
// Parsing is strict: an unknown section, key, step, category or org type, a bad number or a
// probability outside 0..1 is an error at file:line:column saying what was expected; nothing is
// half-read. Invariants of a parsed Scenario: one StepBehaviour per step of the model, factors
// > 0, probabilities in [0, 1], distributions with min <= mode <= max, all >= 0.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "lockstep/diagnostic.h"
#include "lockstep/model.h"

namespace lockstep::sim {

struct Distribution {
  enum class Kind { kFixed, kUniform, kTriangular };
  Kind kind = Kind::kFixed;
  double min = 0, mode = 0, max = 0;  // kFixed: min only; kUniform: min, max
};

struct StepBehaviour {
  Distribution duration{Distribution::Kind::kTriangular, 1, 3, 10};
  double late = 0;
  Distribution late_by{Distribution::Kind::kUniform, 1, 0, 7};
  double skip = 0;
  double out_of_order = 0;
};

struct Season {
  DayNumber from = 0, to = 0;  // both included
  double factor = 1;
};

struct Scenario {
  std::vector<StepBehaviour> steps;                   // by StepId
  std::vector<double> category_factor;                // by CategoryId
  std::vector<double> org_type_factor;                // by OrgTypeId
  std::vector<std::vector<Season>> org_type_seasons;  // by OrgTypeId
};

// The behaviour when no scenario file is given: every step with the default behaviour above.
Scenario default_scenario(const CampaignModel& model);

struct ScenarioResult {
  std::optional<Scenario> scenario;
  Diagnostics diagnostics;
  SourceFiles files;  // the scenario file, index 0
};

ScenarioResult parse_scenario_text(const std::string& name, const std::string& text,
                                   const CampaignModel& model);
ScenarioResult read_scenario_file(const std::string& path, const CampaignModel& model);

}  // namespace lockstep::sim
