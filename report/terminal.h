// What the terminal gets beyond plain text: colours and a progress bar, each only when a person
// is watching. Colours follow the NO_COLOR convention (no colour when the variable is set, whatever
// its value, even empty); the progress bar goes to stderr, only when stderr is a terminal, so
// redirected output and CI logs stay clean.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

namespace lockstep::report {

// The decision behind terminal_wants_color(), without the environment: `no_color` is the value of
// NO_COLOR, or nullptr when it is not set.
bool color_enabled(bool is_terminal, const char* no_color);

// "label [#########.........]  45%  450/1000", `bar_width` characters between the brackets.
std::string render_progress_line(const std::string& label, std::uint64_t done, std::uint64_t total,
                                 std::size_t bar_width);

// Redraws one line on `out` with '\r' when the shown percentage changes (at most 101 redraws per
// run, whatever the total), and clears it when finished or destroyed. Does nothing when disabled.
class ProgressBar {
 public:
  // Enabled when stderr is a terminal.
  ProgressBar(std::string label, std::uint64_t total);
  ProgressBar(std::string label, std::uint64_t total, std::FILE* out, bool enabled);
  ~ProgressBar();
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  void update(std::uint64_t done);
  void finish();

 private:
  std::string label_;
  std::uint64_t total_;
  std::FILE* out_;
  bool enabled_;
  int shown_percent_ = -1;
};

}  // namespace lockstep::report
