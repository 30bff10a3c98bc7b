// Reuse: a campaign or procedure with the procedures it extends, flattened into one list of
// declarations, still pointing into the syntax trees (so every span stays where it was written).
//
// Layers apply from the most basic procedure to the unit itself. In a later layer:
//   - a `phase` with an existing id merges into it: its display name, window, window overrides
//     and gate, when written, replace the earlier ones; its steps are added, or replace the
//     step of the same id (which then moves to this phase if it was elsewhere);
//   - `remove step ID` / `remove phase ID` drop one;
//   - org types, categories and forms are added (a second declaration is a duplicate error);
//   - `start` replaces the earlier start.
// Within one layer a name declared twice is an error (E0202); the first declaration is kept.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "dsl/ast.h"
#include "dsl/diagnostic_sink.h"
#include "dsl/loader.h"

namespace lockstep::dsl {

struct FlatPhase {
  const PhaseAst* decl = nullptr;  // the latest declaration (its id's span names the phase)
  const Text* display = nullptr;
  const WindowAst* window = nullptr;
  std::vector<const WindowOverrideAst*> windows;
  const GateAst* gate = nullptr;
  std::vector<const StepAst*> steps;
  bool header_broken = false;
};

struct FlatCampaign {
  const UnitAst* unit = nullptr;  // the campaign (or the procedure checked on its own)
  const StartAst* start = nullptr;
  std::vector<const DeclAst*> org_types, categories, forms;
  std::vector<FlatPhase> phases;
};

// Flattens `unit` (declared in file `file`) with what it extends. Reports unknown or cyclic
// `extends`, duplicates within a layer and removals of what does not exist.
FlatCampaign flatten(const Loaded& loaded, std::uint32_t file, const UnitAst& unit,
                     DiagnosticSink& sink);

// The procedure `name` as seen from file `file`: its own procedures, then those of the files it
// imports. Null when there is none.
const UnitAst* find_procedure(const Loaded& loaded, std::uint32_t file, std::string_view name,
                              std::uint32_t* found_in = nullptr);

}  // namespace lockstep::dsl
