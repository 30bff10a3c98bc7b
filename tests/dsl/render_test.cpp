// Rendering diagnostics: rustc-like text with the marker under the exact span (by display width),
// and JSON for machines.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include "lockstep/diagnostic.h"

using namespace lockstep;

namespace {

Diagnostic at(std::uint32_t line, std::uint32_t column, std::uint32_t length) {
  Diagnostic d;
  d.code = "E0201";
  d.message = "unknown step 'mobilise'";
  d.span = SourceSpan{0, line, column, length};
  d.label = "not declared";
  d.help = "did you mean 'mobilize'?";
  return d;
}

}  // namespace

TEST_CASE("render: the place, the line, a marker under the span, the help") {
  const SourceFiles files{
      {"r.lock", "campaign c \"C\" {\n  step plan \"x\" by branch after mobilise\n}\n"}};
  const std::string text = render_text(at(2, 33, 8), files);
  CHECK(text ==
        "r.lock:2:33: error[E0201]: unknown step 'mobilise'\n"
        "2 |   step plan \"x\" by branch after mobilise\n"
        "  |                                 ^^^^^^^^ not declared\n"
        "  help: did you mean 'mobilize'?\n");
}

TEST_CASE("render: columns count characters and the marker counts terminal cells") {
  // "学习计划" is 12 bytes, 4 characters, 8 cells.
  const SourceFiles files{{"r.lock", "step 学习计划 \"计\" by membr\n"}};
  Diagnostic d = at(1, 28, 5);  // 'membr' starts at byte 28
  d.message = "unknown actor 'membr'";
  d.label = "";
  d.help = "";
  const std::string text = render_text(d, files);
  CHECK(text.find("r.lock:1:18:") == 0);  // character 18
  const auto marker_line = text.substr(text.rfind("| ") + 2);
  CHECK(marker_line == std::string(22, ' ') + "^^^^^\n");  // cells before: 5 + 8 + 1 + 4 + 4
}

TEST_CASE("render: related places are notes with their own line and a secondary marker") {
  const SourceFiles files{{"r.lock", "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nstep x\n"}};
  Diagnostic d = at(11, 6, 1);
  d.related.push_back(Label{SourceSpan{0, 2, 1, 1}, "first declared here"});
  const std::string text = render_text(d, files);
  CHECK(text.find("r.lock:2:1: note: first declared here\n 2 | b\n   | -\n") != std::string::npos);
  CHECK(text.find("11 | step x\n") != std::string::npos);  // the gutter fits the widest number
}

TEST_CASE("render: a huge line is cut around the span, invalid bytes and tabs are shown safely") {
  std::string line(100000, 'x');
  line.replace(50000, 4, "oops");
  const SourceFiles files{{"big.lock", line + "\n"}};
  const std::string text = render_text(at(1, 50001, 4), files);
  CHECK(text.size() < 1000);
  CHECK(text.find("\u2026") != std::string::npos);  // "…" marks each cut
  CHECK(text.find("oops") != std::string::npos);
  const SourceFiles bad{{"bad.lock",
                         "\tab\xFF"
                         "c\n"}};
  const std::string shown = render_text(at(1, 4, 1), bad);
  CHECK(shown.find("    ab\xEF\xBF\xBD"
                   "c") != std::string::npos);
  CHECK(shown.find("|       ^") != std::string::npos);
}

TEST_CASE("render: a diagnostic without a place names the file only") {
  Diagnostic d;
  d.code = "E0005";
  d.message = "too many errors";
  const std::string text = render_text(d, {{"r.lock", ""}});
  CHECK(text == "r.lock: error[E0005]: too many errors\n");
}

TEST_CASE("render: colours only when asked") {
  const SourceFiles files{{"r.lock", "x\n"}};
  CHECK(render_text(at(1, 1, 1), files, false).find('\x1b') == std::string::npos);
  CHECK(render_text(at(1, 1, 1), files, true).find("\x1b[1;31m") != std::string::npos);
}

TEST_CASE("render: JSON has one object per diagnostic with character columns") {
  const SourceFiles files{{"r.lock", "step 学习 x\n"}};
  Diagnostic d = at(1, 13, 1);  // 'x' after two CJK characters
  d.related.push_back(Label{SourceSpan{0, 1, 6, 6}, "here"});
  const auto j = nlohmann::json::parse(render_json({d, d}, files));
  REQUIRE(j.is_array());
  REQUIRE(j.size() == 2);
  CHECK(j[0]["level"] == "error");
  CHECK(j[0]["code"] == "E0201");
  CHECK(j[0]["file"] == "r.lock");
  CHECK(j[0]["line"] == 1);
  CHECK(j[0]["column"] == 9);
  CHECK(j[0]["end_column"] == 10);
  CHECK(j[0]["byte_offset"] == 12);
  CHECK(j[0]["help"] == "did you mean 'mobilize'?");
  CHECK(j[0]["related"][0]["column"] == 6);
  CHECK(j[0]["related"][0]["end_column"] == 8);
  CHECK(render_json({}, files) == "[]\n");
}
