// The names the roster formats give unit levels (docs/formats.md, "Rosters"): top, committee,
// general_branch, branch. Readers parse them and writers write them with these two functions, so
// that what is written reads back as the same level.
#pragma once

#include <optional>
#include <string_view>

#include "lockstep/organization.h"

namespace lockstep::io {

// The level named `name` exactly, or nothing.
std::optional<UnitLevel> parse_unit_level(std::string_view name);

// The name of `level`; "?" for a value outside the enumeration.
const char* unit_level_name(UnitLevel level);

}  // namespace lockstep::io
