// The subcommands of `lockstep`, one per cmd_*.cpp. Each takes its own argv (args[0] is the
// command's name) and returns the process exit code: 0 clean, 1 problems found, 2 usage or I/O.
#pragma once

#include <span>

namespace lockstep::cli {

int run_check(std::span<char*> args);
int run_fmt(std::span<char*> args);
int run_graph(std::span<char*> args);
int run_replay(std::span<char*> args);
int run_status(std::span<char*> args);
int run_simulate(std::span<char*> args);

}  // namespace lockstep::cli
