// The two roster file formats (docs/formats.md, "Rosters"): each reader turns its syntax into
// roster records and feeds them to a RosterBuilder, reporting syntax errors to `errors`.
#pragma once

#include <cstddef>
#include <string_view>

#include "io/error_list.h"
#include "io/roster_builder.h"

namespace lockstep::io {

// One CSV file of unit, member and group records. Reads the text twice: units and groups first,
// then members, so that members are resolved as they stream by.
void read_roster_csv(std::string_view text, std::size_t start, RosterBuilder& builder,
                     ErrorList& errors);

// One JSON object {"units": [...], "members": [...], "groups": [...]}.
void read_roster_json(std::string_view text, std::size_t start, RosterBuilder& builder,
                      ErrorList& errors);

}  // namespace lockstep::io
