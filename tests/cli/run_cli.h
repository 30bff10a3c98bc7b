// Running the built `lockstep` program from a test: its exit code, stdout and stderr, and a
// temporary directory of files for it to read and write.
//
// Invariants: the program runs in the source directory, so paths like rules/... and samples/...
// work; every temp_path() is unique to this test process, so ctest may run cases in parallel.
#pragma once

#include <string>
#include <vector>

namespace lockstep::testing {

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

CliResult run_cli(const std::vector<std::string>& args);

// A path for a file named `name` in a directory of this process's own.
std::string temp_path(const std::string& name);

std::string read_file(const std::string& path);
void write_file(const std::string& path, const std::string& text);

// The text of a JSON report with its "source" value blanked: two runs of the same campaign from
// different commands then compare equal when their results do.
std::string without_source(const std::string& json);

}  // namespace lockstep::testing
