// `lockstep fmt FILE... [--check]`: rewrites rules files in the canonical layout, keeping every
// comment. With --check, changes nothing and lists the files that would change. Exit 0 when
// nothing (more) needs to change, 1 when --check finds a file to change or a file does not parse,
// 2 for bad usage or a file that cannot be read or written.
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <algorithm>

#include "cli/command_line.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "lockstep/rules.h"
#include "util/replace_file.h"

namespace lockstep::cli {

int run_fmt(std::span<char*> args) {
  CLI::App app{"Rewrite rules files in the canonical layout.", "lockstep fmt"};
  std::vector<std::string> files;
  bool check = false;
  app.add_option("files", files, "rules files (.lock)")->required();
  app.add_flag("--check", check, "change nothing; exit 1 if a file would change");
  if (const auto stop = parse_command_line(app, args)) return *stop;
  int status = 0;
  for (const std::string& path : files) {
    FormatResult r = format_rules_file(path);
    if (r.unreadable) {
      for (const Diagnostic& d : r.diagnostics) eprint("{}", render_text(d, r.files));
      status = 2;
      continue;
    }
    if (!r.text) {
      for (const Diagnostic& d : r.diagnostics) eprint("{}\n", render_text(d, r.files));
      eprint("{}: not formatted: it does not parse\n", path);
      status = std::max(status, 1);
      continue;
    }
    if (*r.text == r.files[0].text) continue;
    if (check) {
      print("{}: would be reformatted\n", path);
      status = std::max(status, 1);
    } else if (const auto problem = util::replace_file(path, *r.text)) {
      // Written beside the file, then renamed over it: a reader never sees half a file.
      eprint("{}: cannot write the formatted file: {}\n", path, *problem);
      status = 2;
    } else {
      print("{}: formatted\n", path);
    }
  }
  return status;
}

}  // namespace lockstep::cli
