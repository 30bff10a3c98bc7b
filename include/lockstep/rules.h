// The rules language: compile a rules file into a campaign model, lay it out canonically, draw its
// step graph. This is all the engine and the command line see of dsl/.
//
// Every function takes untrusted text and never throws on bad input: problems come back as
// diagnostics (lockstep/diagnostic.h; codes in docs/diagnostics.md), capped at 100 with a final
// "too many errors". Same input, same output, byte for byte. Calls share no
// state and may run concurrently.
#pragma once

#include <optional>
#include <string>

#include "lockstep/diagnostic.h"
#include "lockstep/model.h"

namespace lockstep {

struct RulesResult {
  // The campaign the file declares, when it declares one and there is no error (warnings are
  // allowed). A file of procedures only is checked and gives no model.
  std::optional<CampaignModel> model;
  Diagnostics diagnostics;  // errors and warnings, ordered by file and position
  SourceFiles files;        // the file (index 0) and every file it imports; model->files matches
  bool unreadable = false;  // the file itself could not be read: an I/O problem, not a rules one
};

// Reads, parses and checks a rules file; `import` paths are relative to its folder.
RulesResult compile_rules_file(const std::string& path);

// The same for text already in memory; `name` is the path shown in diagnostics and the folder
// imports are resolved from.
RulesResult compile_rules_text(const std::string& name, const std::string& text);

struct FormatResult {
  std::optional<std::string> text;  // the canonical layout; absent when the file does not parse
  Diagnostics diagnostics;          // syntax errors only: formatting needs no name resolved
  SourceFiles files;
  bool unreadable = false;
};

// Lays a rules file out canonically (docs/language.md, "Layout"), keeping every comment.
// Formatting its own output changes nothing.
FormatResult format_rules_file(const std::string& path);
FormatResult format_rules_text(const std::string& name, const std::string& text);

enum class GraphStyle { kDot, kMermaid };

// The step graph: one node per step labelled with its display name, clustered by phase, an edge
// from each prerequisite to its step (labelled with its scope when not the same performer).
std::string render_graph(const CampaignModel& model, GraphStyle style);

}  // namespace lockstep
