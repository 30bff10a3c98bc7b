// Imports stay inside the folder of the file being compiled (dsl/confined_read.h): a rules file
// cannot make Lockstep read, or print a line of, any other file of the machine.
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "lockstep/rules.h"

using namespace lockstep;
namespace fs = std::filesystem;

namespace {

const char* kCampaign =
    "campaign c \"C\" {\n  start 2005-07-01\n  phase p \"P\" from start, 10d {\n"
    "    step s \"S\" by branch\n  }\n}\n";

// A scratch folder of this test, removed at the end.
struct Folder {
  fs::path dir = fs::temp_directory_path() / ("lockstep-imports-" + std::to_string(::getpid()));
  Folder() {
    fs::remove_all(dir);
    fs::create_directories(dir / "sub");
  }
  ~Folder() { fs::remove_all(dir); }
  void write(const std::string& name, const std::string& text) const {
    std::ofstream(dir / name, std::ios::binary) << text;
  }
};

// The rendered diagnostics of compiling `main.lock` made of `imports` and a campaign.
std::string compile_main(const Folder& f, const std::string& imports) {
  f.write("main.lock", imports + kCampaign);
  const RulesResult r = compile_rules_file((f.dir / "main.lock").string());
  std::string out;
  for (const Diagnostic& d : r.diagnostics) out += d.code + " " + render_text(d, r.files) + "\n";
  return out;
}

}  // namespace

TEST_CASE("imports: a file in the rules folder or below is read") {
  const Folder f;
  f.write("sub/base.lock", "procedure q \"Q\" { }\n");
  CHECK(compile_main(f, "import \"sub/base.lock\"\n").find("error") == std::string::npos);
}

TEST_CASE(
    "imports: an absolute path, one leaving the folder, or a file that is not rules is refused") {
  const Folder f;
  f.write("notes.txt", "the secret\n");
  const std::string out = compile_main(f,
                                       "import \"/etc/passwd\"\n"
                                       "import \"../../../../etc/passwd\"\n"
                                       "import \"sub/../../x.lock\"\n"
                                       "import \"notes.txt\"\n");
  CHECK(out.find("'/etc/passwd' is an absolute path") != std::string::npos);
  CHECK(out.find("'../../../../etc/passwd' leaves the folder") != std::string::npos);
  CHECK(out.find("'sub/../../x.lock' leaves the folder") != std::string::npos);
  CHECK(out.find("'notes.txt' does not name a rules file") != std::string::npos);
  // Nothing of the files named is shown: only the import lines themselves.
  CHECK(out.find("root:") == std::string::npos);
  CHECK(out.find("the secret") == std::string::npos);
}

TEST_CASE("imports: a symbolic link, as the file or as a folder on the way, is not followed") {
  const Folder f;
  fs::create_directories(f.dir / "real");
  f.write("real/r.lock", "procedure r \"R\" { }\n");
  fs::create_symlink("/etc/passwd", f.dir / "passwd.lock");
  fs::create_directory_symlink(f.dir / "real", f.dir / "linked");
  const std::string out = compile_main(f, "import \"passwd.lock\"\nimport \"linked/r.lock\"\n");
  CHECK(out.find("passwd.lock': it is a symbolic link") != std::string::npos);
  CHECK(out.find("linked/r.lock': a folder on its path is not a folder") != std::string::npos);
  CHECK(out.find("root:") == std::string::npos);
}

TEST_CASE("imports: a FIFO is refused without waiting for a writer") {
  const Folder f;
  REQUIRE(::mkfifo((f.dir / "fifo.lock").c_str(), 0600) == 0);
  CHECK(compile_main(f, "import \"fifo.lock\"\n")
            .find("fifo.lock': it is a named pipe (FIFO), not a regular file") !=
        std::string::npos);
}
