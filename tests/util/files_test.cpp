// Input files are read only when regular (util/regular_file.h); output files are written whole or
// not at all (util/replace_file.h).
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "util/regular_file.h"
#include "util/replace_file.h"

using namespace lockstep::util;
namespace fs = std::filesystem;

namespace {

// A fresh folder under the build tree, removed at the end of the test.
struct Folder {
  fs::path path = fs::path(LOCKSTEP_BINARY_DIR) / ("util-files-test-" + std::to_string(getpid()));
  Folder() { fs::create_directories(path); }
  ~Folder() { fs::remove_all(path); }
  std::string at(const char* name) const { return (path / name).string(); }
};

void write(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("regular files: read whole, refused past the limit without being read") {
  const Folder f;
  write(f.at("a.txt"), "hello");
  const FileRead ok = read_regular_file(f.at("a.txt"), 5);
  CHECK(ok.status == FileReadStatus::kOk);
  CHECK(ok.text == "hello");
  const FileRead big = read_regular_file(f.at("a.txt"), 4);
  CHECK(big.status == FileReadStatus::kTooLarge);
  CHECK(big.size == 5);
  CHECK(big.text.empty());
  CHECK(read_file_start(f.at("a.txt"), 3).text == "hel");
  const FileRead missing = read_regular_file(f.at("none.txt"), 5);
  CHECK(missing.status == FileReadStatus::kUnreadable);
  CHECK(missing.reason == "no such file");
}

TEST_CASE("regular files: a FIFO, a folder and a device are refused at once, by name") {
  const Folder f;
  REQUIRE(::mkfifo(f.at("fifo").c_str(), 0600) == 0);
  const FileRead fifo = read_regular_file(f.at("fifo"), 100);  // no writer: must not block
  CHECK(fifo.status == FileReadStatus::kNotRegular);
  CHECK(fifo.reason == "it is a named pipe (FIFO), not a regular file");
  CHECK(read_file_start(f.at("fifo"), 16).status == FileReadStatus::kNotRegular);
  CHECK(read_regular_file(f.path.string(), 100).reason == "it is a folder, not a file");
  CHECK(read_regular_file("/dev/zero", 100).reason == "it is a device, not a regular file");
}

TEST_CASE("replaced files: whole on success, the old file kept and no temporary left on failure") {
  const Folder f;
  const std::string path = f.at("report.html");
  write(path, "old");
  CHECK_FALSE(replace_file(path, "new").has_value());
  CHECK(read(path) == "new");
  CHECK_FALSE(fs::exists(path + ".tmp"));

  const std::optional<std::string> missing = replace_file(f.at("no/report.html"), "x");
  REQUIRE(missing.has_value());
  CHECK(*missing == "No such file or directory");

  const std::optional<std::string> device = replace_file("/dev/full", "x");
  REQUIRE(device.has_value());
  CHECK(*device == "it exists and is not a regular file");
  CHECK(fs::is_character_file("/dev/full"));  // still the device, never renamed over

  {
    FileReplacement unfinished(path);
    unfinished.stream() << "half";
  }  // destroyed without commit(): the target keeps its old content
  CHECK(read(path) == "new");
  CHECK_FALSE(fs::exists(path + ".tmp"));
}
