// Evidence requirements (docs/semantics.md, "Evidence requirements"): what a completion's evidence
// owes, for the actor who reported it.
#pragma once

#include <vector>

#include "engine/context.h"
#include "lockstep/engine.h"

namespace lockstep::engine {

// Records in `out` each requirement of e's step that e's evidence does not meet, for the member m
// (kNoMember for a unit step) of unit u (the member's responsible branch): for each field, a
// replacement for one of the member's categories or for u's org type, the strictest when several
// apply, else the general requirements.
void check_requirements(const Context& c, const Event& e, MemberId m, UnitId u,
                        std::vector<Violation>& out);

}  // namespace lockstep::engine
