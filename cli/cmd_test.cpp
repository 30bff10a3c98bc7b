// `lockstep test [PATH...] [--format text|json] [--coverage full|summary|none]`: runs the rules
// tests (`*.locktest`) found under each PATH (a file, or a directory searched recursively; the
// current directory by default) and prints pass or FAIL per test, the diff of each failure, `N
// passed, M failed` and the coverage of each rules file (docs/testing.md). The library does the
// work (lockstep/ruletest.h); this file reads the command line and prints. Exit 0 every test
// passed, 1 some test failed, 2 bad usage or a test, rules file, roster or event log that does not
// load (its diagnostics are printed to stderr).
#include <fmt/format.h>
#include <unistd.h>

#include <CLI/CLI.hpp>

#include "cli/command_line.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "lockstep/report.h"
#include "lockstep/ruletest.h"

namespace lockstep::cli {

int run_test(std::span<char*> args) {
  CLI::App app{"Run rules tests (*.locktest) and report which pass, which fail, and coverage.",
               "lockstep test"};
  std::vector<std::string> paths;
  std::string format = "text";
  app.add_option("paths", paths, "test files, or directories searched for *.locktest (default: .)");
  app.add_option("--format", format, "text for people, json for CI")
      ->check(CLI::IsMember({"text", "json"}));
  std::string coverage = "full";
  app.add_option("--coverage", coverage,
                 "text only: list what no test exercised (full), count it (summary), or neither "
                 "(none)")
      ->check(CLI::IsMember({"full", "summary", "none"}));
  if (const auto stop = parse_command_line(app, args)) return *stop;
  if (paths.empty()) paths.push_back(".");

  ruletest::Problems not_found;
  const std::vector<std::string> files = ruletest::find_test_files(paths, not_found);
  ruletest::SuiteResult result = ruletest::run_test_files(files);
  if (!not_found.diagnostics.empty())
    result.file_problems.insert(result.file_problems.begin(), not_found);

  const std::string problems =
      ruletest::render_problems(result, terminal_wants_color(STDERR_FILENO));
  if (!problems.empty()) eprint("{}\n", problems);
  if (files.empty() && not_found.diagnostics.empty())
    eprint("lockstep test: no *.locktest file under {}\n", fmt::join(paths, ", "));
  const ruletest::CoverageDetail detail = coverage == "none" ? ruletest::CoverageDetail::kNone
                                          : coverage == "summary"
                                              ? ruletest::CoverageDetail::kSummary
                                              : ruletest::CoverageDetail::kFull;
  print("{}",
        format == "json" ? ruletest::render_json(result) : ruletest::render_text(result, detail));
  return result.exit_code();
}

}  // namespace lockstep::cli
