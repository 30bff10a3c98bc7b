// Parsing one rules file into its syntax tree.
#pragma once

#include <cstdint>
#include <string_view>

#include "dsl/ast.h"
#include "dsl/diagnostic_sink.h"

namespace lockstep::dsl {

// Parses `text` (which scan_source accepted) as file number `file`. Never throws on bad input:
// syntax errors go to `sink` (code E01xx, "expected ...; found ..."), the parser skips to the next
// declaration and goes on, and the tree keeps what could be read (see `broken` in ast.h).
FileAst parse_rules(std::uint32_t file, std::string_view text, DiagnosticSink& sink);

}  // namespace lockstep::dsl
