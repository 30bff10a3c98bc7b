// `lockstep check FILE... [--format text|json] [--color auto|always|never]`: compiles each rules
// file and reports every error and warning. Exit 0 when no file has an error (warnings allowed),
// 1 when one has, 2 for bad usage or a file that cannot be read.
#include <fmt/format.h>
#include <unistd.h>
#include <CLI/CLI.hpp>

#include <cstdio>
#include <cstdlib>

#include "cli/command_line.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "lockstep/rules.h"

namespace lockstep::cli {
namespace {

std::string summary(const RulesResult& r, const std::string& path) {
  std::size_t errors = 0, warnings = 0;
  for (const Diagnostic& d : r.diagnostics) {
    if (d.level == Diagnostic::Level::kError) ++errors;
    if (d.level == Diagnostic::Level::kWarning) ++warnings;
  }
  const auto count = [](std::size_t n, const char* what) {
    return fmt::format("{} {}{}", n, what, n == 1 ? "" : "s");
  };
  if (errors > 0)
    return fmt::format("{}: {}, {}\n", path, count(errors, "error"), count(warnings, "warning"));
  std::string what = "procedures only, no campaign";
  if (r.model) {
    what =
        fmt::format("campaign '{}' \"{}\": {}, {}", r.model->id, r.model->display_name,
                    count(r.model->phases.size(), "phase"), count(r.model->steps.size(), "step"));
  }
  return fmt::format("{}: ok ({}){}\n", path, what,
                     warnings ? fmt::format(", {}", count(warnings, "warning")) : std::string());
}

}  // namespace

int run_check(std::span<char*> args) {
  CLI::App app{"Check rules files and report every error.", "lockstep check"};
  std::vector<std::string> files;
  std::string format = "text";
  std::string color = "auto";
  app.add_option("files", files, "rules files (.lock)")->required();
  app.add_option("--format", format, "text for people, json for editors and CI")
      ->check(CLI::IsMember({"text", "json"}));
  app.add_option("--color", color, "colour the text output")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  if (const auto stop = parse_command_line(app, args)) return *stop;
  const bool use_color = color == "always" || (color == "auto" && isatty(fileno(stdout)) &&
                                               std::getenv("NO_COLOR") == nullptr);

  bool errors = false, unreadable = false;
  Diagnostics all;
  SourceFiles all_files;
  for (const std::string& path : files) {
    RulesResult r = compile_rules_file(path);
    errors = errors || has_errors(r.diagnostics);
    unreadable = unreadable || r.unreadable;
    if (format == "json") {
      // One list for all files: shift this file's numbering after the previous files'.
      const auto shift = static_cast<std::uint32_t>(all_files.size());
      for (Diagnostic& d : r.diagnostics) {
        d.span.file += shift;
        for (Label& l : d.related) l.span.file += shift;
        all.push_back(std::move(d));
      }
      for (SourceFile& f : r.files) all_files.push_back(std::move(f));
      continue;
    }
    std::string text;
    for (const Diagnostic& d : r.diagnostics) text += render_text(d, r.files, use_color) + "\n";
    text += summary(r, path);
    out(text);
  }
  if (format == "json") {
    out(render_json(all, all_files));
  }
  return unreadable ? 2 : errors ? 1 : 0;
}

}  // namespace lockstep::cli
