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
// `status DB` when args[1] is a journal (a SQLite file), run_status otherwise.
int run_status_dispatch(std::span<char*> args);
int run_db(std::span<char*> args);
int run_record(std::span<char*> args);
int run_simulate(std::span<char*> args);
int run_test(std::span<char*> args);

}  // namespace lockstep::cli
