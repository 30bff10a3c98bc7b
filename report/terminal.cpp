#include "report/terminal.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>

#include "lockstep/report.h"

namespace lockstep {

bool terminal_wants_color(int fd) {
  return report::color_enabled(isatty(fd) == 1, std::getenv("NO_COLOR"));
}

}  // namespace lockstep

namespace lockstep::report {
namespace {

constexpr std::size_t kBarWidth = 30;

int percent_of(std::uint64_t done, std::uint64_t total) {
  if (total == 0) return 100;
  done = std::min(done, total);
  // In 128-bit so that a national campaign's counts cannot overflow the product.
  return static_cast<int>(static_cast<unsigned __int128>(done) * 100 / total);
}

}  // namespace

bool color_enabled(bool is_terminal, const char* no_color) {
  return is_terminal && no_color == nullptr;
}

std::string render_progress_line(const std::string& label, std::uint64_t done, std::uint64_t total,
                                 std::size_t bar_width) {
  const int percent = percent_of(done, total);
  const std::size_t filled = bar_width * static_cast<std::size_t>(percent) / 100;
  std::string line = label;
  line += " [";
  line.append(filled, '#');
  line.append(bar_width - filled, '.');
  line += "] ";
  std::string pct = std::to_string(percent) + "%";
  line.append(4 - std::min<std::size_t>(4, pct.size()), ' ');
  line += pct;
  line += "  " + std::to_string(std::min(done, total)) + "/" + std::to_string(total);
  return line;
}

ProgressBar::ProgressBar(std::string label, std::uint64_t total)
    : ProgressBar(std::move(label), total, stderr, isatty(STDERR_FILENO) == 1) {}

ProgressBar::ProgressBar(std::string label, std::uint64_t total, std::FILE* out, bool enabled)
    : label_(std::move(label)), total_(total), out_(out), enabled_(enabled) {}

ProgressBar::~ProgressBar() {
  finish();
}

void ProgressBar::update(std::uint64_t done) {
  if (!enabled_) return;
  const int percent = percent_of(done, total_);
  if (percent == shown_percent_) return;
  shown_percent_ = percent;
  std::fprintf(out_, "\r%s", render_progress_line(label_, done, total_, kBarWidth).c_str());
  std::fflush(out_);
}

void ProgressBar::finish() {
  if (!enabled_) return;
  enabled_ = false;
  if (shown_percent_ < 0) return;
  // Clear the line so that what follows starts at column 0 on an empty line.
  std::fprintf(out_, "\r\x1b[2K");
  std::fflush(out_);
}

}  // namespace lockstep::report
