// Diagnostics: what every reader of untrusted input (rules, rosters, event logs, databases)
// returns instead of throwing or crashing.
//
// A Diagnostic points at a span of a source file, carries a stable code (E.... for errors,
// W.... for warnings) that tests and editors can match, one sentence of what is wrong, and where it
// helps a sentence of how to fix it. Rendering to text (the source line with a marker under the
// span) or JSON is separate, so readers never format output themselves.
#pragma once

#include <string>
#include <vector>

#include "lockstep/model.h"

namespace lockstep {

// A file as it was read: diagnostics refer to it by its index in a SourceFiles table.
struct SourceFile {
  std::string path;
  std::string text;
};
using SourceFiles = std::vector<SourceFile>;

struct Label {
  SourceSpan span;
  std::string message;
};

struct Diagnostic {
  enum class Level { kError, kWarning, kNote };
  Level level = Level::kError;
  std::string code;            // stable: "E0101"; documented in docs/diagnostics.md
  std::string message;         // one sentence: what is wrong
  SourceSpan span;             // the exact span the marker goes under
  std::string label;           // short text printed beside the marker (may be empty)
  std::vector<Label> related;  // other places involved (each link of a cycle, ...)
  std::string help;            // how to fix it (may be empty)
};
using Diagnostics = std::vector<Diagnostic>;

inline bool has_errors(const Diagnostics& ds) {
  for (const Diagnostic& d : ds)
    if (d.level == Diagnostic::Level::kError) return true;
  return false;
}

// Renders like a compiler: "path:line:col: error[E0101]: message", the source line, a marker
// under the span, the related places, then "help: ...". `color` adds ANSI colours.
std::string render_text(const Diagnostic& d, const SourceFiles& files, bool color = false);

// One JSON object per diagnostic, as documented in docs/diagnostics.md.
std::string render_json(const Diagnostics& ds, const SourceFiles& files);

}  // namespace lockstep
