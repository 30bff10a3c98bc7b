// The corpus of broken rules files (tests/rules_corpus/*.lock), each checked against the text
// `lockstep check` prints for it (*.expected). Set LOCKSTEP_UPDATE_GOLDEN=1 to rewrite the
// expected files after a deliberate change, then review the diff.
//
// Also: 10 MB of deterministic garbage, as tokens and as raw bytes, finishes with a bounded list
// of diagnostics ending in "too many errors".
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "lockstep/rules.h"
#include "util/random.h"

using namespace lockstep;
namespace fs = std::filesystem;

namespace {

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string render_all(const RulesResult& r) {
  std::string out;
  for (const Diagnostic& d : r.diagnostics) out += render_text(d, r.files) + "\n";
  return out;
}

std::string garbage_tokens(std::size_t bytes) {
  static const char* kTokens[] = {"campaign", "procedure",   "phase",
                                  "step",     "by",          "member",
                                  "after",    "of",          "parent",
                                  "due",      "within",      "require",
                                  "only",     "except",      "window",
                                  "gate",     "{",           "}",
                                  ",",        ":",           "=",
                                  ">=",       "+",           "-",
                                  ".",        "\"名称\"",    "\"unterminated\n",
                                  "学习计划", "x1",          "2005-07-01",
                                  "30d",      "7",           "# comment\n",
                                  "\n",       "\n",          "，",
                                  "。",       "phase.start", "start",
                                  "import",   "\"a.lock\"",  "\t"};
  lockstep::util::SplitMix64 rng{42};
  std::string out;
  out.reserve(bytes + 32);
  int depth = 0;  // braces stay shallow, so the parser (not the nesting limit) meets the garbage
  while (out.size() < bytes) {
    std::string_view token = kTokens[rng.below(sizeof kTokens / sizeof kTokens[0])];
    if (token == "{" && depth == 3) token = "}";
    if (token == "}" && depth == 0) token = "{";
    depth += token == "{" ? 1 : token == "}" ? -1 : 0;
    out += token;
    out += ' ';
  }
  return out;
}

std::string garbage_bytes(std::size_t bytes) {
  lockstep::util::SplitMix64 rng{7};
  std::string out(bytes, '\0');
  for (char& c : out) c = static_cast<char>(rng.next() & 0xFF);
  return out;
}

void check_bounded(const RulesResult& r, double seconds) {
  MESSAGE("10 MB checked in " << seconds << " s with " << r.diagnostics.size() << " diagnostics");
  CHECK_FALSE(r.model.has_value());
  REQUIRE_FALSE(r.diagnostics.empty());
  CHECK(r.diagnostics.size() <= 101);
  CHECK(r.diagnostics.back().code == "E0005");
  std::size_t rendered = 0;
  for (const Diagnostic& d : r.diagnostics) rendered += render_text(d, r.files).size();
  CHECK(rendered < 200000);  // each source line is cut to a window around its span
}

}  // namespace

TEST_CASE("corpus: every broken rules file gives exactly its expected diagnostics") {
  // Paths in the expected output are relative to the source tree, as in the documentation.
  fs::current_path(LOCKSTEP_SOURCE_DIR);
  const bool update = std::getenv("LOCKSTEP_UPDATE_GOLDEN") != nullptr;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator("tests/rules_corpus"))
    if (e.path().extension() == ".lock") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  CHECK(files.size() >= 12);
  for (const fs::path& file : files) {
    INFO(file.string());
    const RulesResult r = compile_rules_file(file.generic_string());
    CHECK_FALSE(r.diagnostics.empty());  // every file of the corpus has something to say
    const std::string actual = render_all(r);
    fs::path expected_path = file;
    expected_path.replace_extension(".expected");
    if (update) {
      std::ofstream(expected_path, std::ios::binary) << actual;
      continue;
    }
    REQUIRE(fs::exists(expected_path));
    CHECK(actual == read(expected_path));
    CHECK(render_all(compile_rules_file(file.generic_string())) == actual);  // byte-identical runs
  }
}

TEST_CASE("corpus: 10 MB of garbage tokens finishes with a bounded list of errors") {
  const std::string text = garbage_tokens(10u << 20);
  const auto start = std::chrono::steady_clock::now();
  const RulesResult r = compile_rules_text("garbage.lock", text);
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  check_bounded(r, took.count());
}

TEST_CASE("corpus: 10 MB of random bytes stops at the first invalid UTF-8, bounded") {
  const std::string text = garbage_bytes(10u << 20);
  const auto start = std::chrono::steady_clock::now();
  const RulesResult r = compile_rules_text("bytes.lock", text);
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  check_bounded(r, took.count());
  CHECK(r.diagnostics.front().code == "E0001");
}

TEST_CASE("corpus: a file over the size limit is refused before it is read") {
  const RulesResult r = compile_rules_text("huge.lock", std::string((32u << 20) + 1, ' '));
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].code == "E0002");
}
