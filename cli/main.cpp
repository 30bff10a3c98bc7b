// `lockstep`: one program, one subcommand per job. Each subcommand is a function in its own
// cmd_*.cpp, listed in the table below; main() only dispatches and maps usage errors to exit 2.
//
// Exit codes, for every subcommand: 0 success / nothing found, 1 problems found (errors in rules,
// violations), 2 bad usage, unreadable input, or output that could not be written (every command
// ends through finish(), cli/output.h).
#include <cstring>
#include <span>
#include <string_view>

#include "cli/commands.h"
#include "cli/output.h"

namespace {

struct Command {
  std::string_view name;
  std::string_view summary;
  int (*run)(std::span<char*> args);  // args[0] is the subcommand's name
};

constexpr Command kCommands[] = {
    {"check", "check rules files and report every error", lockstep::cli::run_check},
    {"fmt", "rewrite rules files in canonical layout", lockstep::cli::run_fmt},
    {"graph", "print the step graph as Graphviz DOT or Mermaid", lockstep::cli::run_graph},
    {"replay", "run an event log through the engine and report violations",
     lockstep::cli::run_replay},
    {"status", "show where every unit stands at a date (or from a journal)",
     lockstep::cli::run_status_dispatch},
    {"record", "append events to a journal, acknowledged batch by batch",
     lockstep::cli::run_record},
    {"db", "make, verify or migrate a journal (init, verify, migrate)", lockstep::cli::run_db},
    {"simulate", "simulate a campaign and forecast who will be late", lockstep::cli::run_simulate},
    {"test", "run rules tests (*.locktest) and show what no test exercises",
     lockstep::cli::run_test},
};

std::string usage() {
  std::string text = "usage: lockstep <command> [options]\n\ncommands:\n";
  for (const Command& c : kCommands) text += fmt::format("  {:<10} {}\n", c.name, c.summary);
  return text + "\nRun 'lockstep <command> --help' for a command's options.\n";
}

}  // namespace

int main(int argc, char** argv) {
  using lockstep::cli::finish;
  if (argc < 2) {
    lockstep::cli::err(usage());
    return 2;
  }
  std::string_view name = argv[1];
  if (name == "--help" || name == "-h" || name == "help") {
    lockstep::cli::out(usage());
    return finish(0);
  }
  if (name == "--version") {
    lockstep::cli::out("lockstep 0.1.0\n");
    return finish(0);
  }
  for (const Command& c : kCommands) {
    if (c.name == name)
      return finish(c.run(std::span<char*>(argv + 1, static_cast<std::size_t>(argc - 1))));
  }
  lockstep::cli::eprint("lockstep: unknown command '{}'\n\n", name);
  lockstep::cli::err(usage());
  return 2;
}
