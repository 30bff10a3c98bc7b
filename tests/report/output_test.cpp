// emit_report: the format asked for on stdout, the HTML file written whole or not at all, and the
// exit codes every command shares.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "report/output.h"
#include "tests/report/fixture.h"
#include "tests/report/read_back.h"

using namespace lockstep;
using namespace lockstep::report;
namespace fs = std::filesystem;

namespace {

// A fresh directory under the build tree, removed at the end of the test.
struct TempDir {
  fs::path path =
      fs::path(LOCKSTEP_BINARY_DIR) / ("report-output-test-" + std::to_string(getpid()));
  TempDir() { fs::create_directories(path); }
  ~TempDir() { fs::remove_all(path); }
};

}  // namespace

TEST_CASE("formats are named text, json and csv") {
  CHECK(parse_format("text") == Format::kText);
  CHECK(parse_format("json") == Format::kJson);
  CHECK(parse_format("csv") == Format::kCsv);
  CHECK_FALSE(parse_format("JSON").has_value());
  CHECK_FALSE(parse_format("").has_value());
}

TEST_CASE("the chosen format goes to out, exit 1 with a required violation") {
  std::FILE* out = std::tmpfile();
  std::FILE* err = std::tmpfile();
  OutputOptions o;
  o.format = Format::kCsv;
  CHECK(emit_report(testing::tiny_report(), o, out, err) == 1);
  CHECK(testing::read_back(out) == render_report_csv(testing::tiny_report()));
  CHECK(testing::read_back(err).empty());
  std::fclose(out);
  std::fclose(err);
}

TEST_CASE("advisory violations alone, or none, exit 0") {
  CampaignReport r = testing::tiny_report();
  r.violations = {r.violations[2]};  // the advisory one
  std::FILE* out = std::tmpfile();
  CHECK(emit_report(r, {}, out, stderr) == 0);
  r.violations.clear();
  CHECK(emit_report(r, {}, out, stderr) == 0);
  std::fclose(out);
}

TEST_CASE("the HTML file is written whole, and an unwritable path exits 2 and writes nothing") {
  TempDir dir;
  std::FILE* out = std::tmpfile();
  std::FILE* err = std::tmpfile();
  OutputOptions o;
  o.format = Format::kJson;
  o.html_path = (dir.path / "report.html").string();
  CHECK(emit_report(testing::tiny_report(), o, out, err) == 1);
  std::ifstream f(o.html_path, std::ios::binary);
  std::stringstream html;
  html << f.rdbuf();
  CHECK(html.str() == render_report_html(testing::tiny_report()));
  CHECK_FALSE(fs::exists(o.html_path + ".tmp"));

  std::FILE* out2 = std::tmpfile();
  o.html_path = (dir.path / "missing-dir" / "report.html").string();
  CHECK(emit_report(testing::tiny_report(), o, out2, err) == 2);
  CHECK(testing::read_back(out2).empty());
  CHECK(testing::read_back(err).find("cannot write") != std::string::npos);
  CHECK_FALSE(fs::exists(dir.path / "missing-dir"));
  std::fclose(out);
  std::fclose(out2);
  std::fclose(err);
}
