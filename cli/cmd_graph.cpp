// `lockstep graph FILE [--mermaid]`: prints a campaign's step graph, clustered by phase, as
// Graphviz DOT (the default) or Mermaid. Exit 1 when the rules have errors (they are printed to
// stderr), 2 for bad usage or a file that cannot be read.
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <cstdio>

#include "cli/command_line.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "lockstep/rules.h"

namespace lockstep::cli {

int run_graph(std::span<char*> args) {
  CLI::App app{"Print the step graph as Graphviz DOT or Mermaid.", "lockstep graph"};
  std::string file;
  bool mermaid = false;
  app.add_option("file", file, "a rules file declaring a campaign")->required();
  app.add_flag("--mermaid", mermaid, "print Mermaid instead of DOT");
  if (const auto stop = parse_command_line(app, args)) return *stop;
  const RulesResult r = compile_rules_file(file);
  for (const Diagnostic& d : r.diagnostics) eprint("{}\n", render_text(d, r.files));
  if (r.unreadable) return 2;
  if (!r.model) {
    if (!has_errors(r.diagnostics)) eprint("{}: declares no campaign to draw\n", file);
    return 1;
  }
  out(render_graph(*r.model, mermaid ? GraphStyle::kMermaid : GraphStyle::kDot));
  return 0;
}

}  // namespace lockstep::cli
