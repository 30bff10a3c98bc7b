// See run_cli.h. The program is started by the shell with both streams sent to files, which are
// then read back; arguments are single-quoted, so spaces and Chinese pass through unchanged.
#include "tests/cli/run_cli.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

namespace lockstep::testing {
namespace {

std::string quote(const std::string& arg) {
  std::string out = "'";
  for (char c : arg) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

const std::string& temp_dir() {
  static const std::string dir = [] {
    const std::string d = std::string(LOCKSTEP_BINARY_DIR) + "/tests/cli/tmp-" +
                          std::to_string(static_cast<long>(getpid()));
    std::filesystem::create_directories(d);
    return d;
  }();
  return dir;
}

}  // namespace

std::string temp_path(const std::string& name) {
  return temp_dir() + "/" + name;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + path);
}

CliResult run_cli(const std::vector<std::string>& args) {
  static int calls = 0;
  const std::string out_path = temp_path("stdout-" + std::to_string(calls));
  const std::string err_path = temp_path("stderr-" + std::to_string(calls++));
  // Appended piece by piece: GCC 12 at -O3 warns falsely (-Wrestrict) on "literal" + std::string.
  std::string command = "cd ";
  command += quote(LOCKSTEP_SOURCE_DIR);
  command += " && NO_COLOR=1 ";
  command += quote(LOCKSTEP_CLI);
  for (const std::string& a : args) {
    command += ' ';
    command += quote(a);
  }
  command += " >";
  command += quote(out_path);
  command += " 2>";
  command += quote(err_path);
  const int status = std::system(command.c_str());
  CliResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_file(out_path);
  r.err = read_file(err_path);
  return r;
}

std::string without_source(const std::string& json) {
  nlohmann::ordered_json j = nlohmann::ordered_json::parse(json);
  j["campaign"]["source"] = "";
  return j.dump();
}

}  // namespace lockstep::testing
