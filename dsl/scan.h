// The cheap checks made on a rules file's bytes before it is parsed: size, UTF-8 and the depth of
// nested braces. A file that fails them is not parsed at all (its errors would only cascade), so
// the parser can rely on valid UTF-8 of bounded size.
#pragma once

#include <cstdint>
#include <string_view>

#include "dsl/diagnostic_sink.h"

namespace lockstep::dsl {

// Reports every problem found to `sink`; returns true when the text may be parsed.
bool scan_source(std::uint32_t file, std::string_view text, DiagnosticSink& sink);

}  // namespace lockstep::dsl
