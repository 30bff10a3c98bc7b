// The stable names of Lockstep's enumerations: the words the rules language, the roster and event
// log formats, the JSON and CSV reports and the tests all use ("general_branch", "done_late",
// "phase_closed_steps_open"). One table per enumeration, read in both directions,
// so that what one part writes another reads back as the same value.
//
// These names are language-neutral identifiers, never translated; what people read is rendered
// from them elsewhere (lockstep/messages.h). The names of the lifecycle states and of violation
// and refusal kinds are declared beside their enumerations (lockstep/lifecycle.h,
// lockstep/violation.h) and defined with the others.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "lockstep/lifecycle.h"
#include "lockstep/model.h"
#include "lockstep/organization.h"
#include "lockstep/violation.h"

namespace lockstep {

// "member", "branch", "general_branch", "committee", "organization", "leadership": the words of
// the rules language's `by` clause.
const char* actor_name(Actor actor);
std::optional<Actor> parse_actor(std::string_view name);

// "hours", "chars", "count", "form": the evidence fields of `require` and of event logs.
const char* evidence_field_name(Requirement::Field field);
std::optional<Requirement::Field> parse_evidence_field(std::string_view name);

// "top", "committee", "general_branch", "branch": the roster formats' unit levels.
const char* unit_level_name(UnitLevel level);
std::optional<UnitLevel> parse_unit_level(std::string_view name);

// A duration as the rules language writes it: "30d", "2w", "-1m".
std::string duration_text(const Duration& d);

// Every name of an enumeration, in the enumeration's order: for did-you-mean and for help texts.
std::span<const char* const> actor_names();
std::span<const char* const> evidence_field_names();

}  // namespace lockstep
