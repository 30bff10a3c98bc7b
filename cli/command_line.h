// What the subcommands share in reading their command lines: parsing, with CLI11's outcomes
// mapped onto the exit codes of cli/commands.h, and the options of the commands that put out a
// campaign report (replay, status, simulate), so that they name and check them alike.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "report/output.h"

namespace lockstep::cli {

// Parses `args` (args[0] is the command's name) into `app`. Returns the exit code when the command
// stops here: 0 after --help, 2 for bad usage, CLI11 having printed why; nothing when it goes on.
std::optional<int> parse_command_line(CLI::App& app, std::span<char*> args);

// Checks a numeric option's text before CLI11 converts it: digits only (no sign, no spaces, no
// exponent), from `min` to `max`. CLI11 alone reads "-1" into an unsigned option as 2^64 - 1 and
// would take it silently.
CLI::Validator whole_number(std::uint64_t min, std::uint64_t max);

// --format text|json|csv and --html FILE, as given.
struct ReportFlags {
  std::string format = "text";
  std::string html;
};

// Adds --format and --html to `app`, writing into `flags`. Call it where the options belong in
// the command's --help.
void add_report_flags(CLI::App& app, ReportFlags& flags);

// The renderers' options for `flags` (checked by the parser), with colours when stdout is a
// terminal that wants them.
report::OutputOptions output_options(const ReportFlags& flags);

// report::emit_report onto the program's checked stdout and stderr (cli/output.h).
int emit_report(const CampaignReport& report, const report::OutputOptions& options);

// What both kinds of `status` print (cmd_status.cpp): the report, then in text a table of every
// unit. Returns the report's exit code.
int emit_status_report(const CampaignReport& report, const report::OutputOptions& out);

}  // namespace lockstep::cli
