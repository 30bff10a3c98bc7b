// Colours only on a terminal and never with NO_COLOR; the progress bar's line and its redraws.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "lockstep/report.h"
#include "report/terminal.h"
#include "tests/report/read_back.h"

using namespace lockstep::report;

TEST_CASE("colour needs a terminal and no NO_COLOR, whatever its value") {
  CHECK(color_enabled(true, nullptr));
  CHECK_FALSE(color_enabled(false, nullptr));
  CHECK_FALSE(color_enabled(true, "1"));
  CHECK_FALSE(color_enabled(true, ""));
  CHECK_FALSE(color_enabled(true, "0"));
}

TEST_CASE("terminal_wants_color reads isatty and the NO_COLOR environment variable") {
  // A pseudo-terminal stands in for a person's terminal; a pipe for redirected output.
  const int master = posix_openpt(O_RDWR | O_NOCTTY);
  REQUIRE(master >= 0);
  REQUIRE(grantpt(master) == 0);
  REQUIRE(unlockpt(master) == 0);
  const int tty = open(ptsname(master), O_RDWR | O_NOCTTY);
  REQUIRE(tty >= 0);
  int pipe_fds[2];
  REQUIRE(pipe(pipe_fds) == 0);

  unsetenv("NO_COLOR");
  CHECK(lockstep::terminal_wants_color(tty));
  CHECK_FALSE(lockstep::terminal_wants_color(pipe_fds[1]));
  setenv("NO_COLOR", "", 1);
  CHECK_FALSE(lockstep::terminal_wants_color(tty));
  setenv("NO_COLOR", "1", 1);
  CHECK_FALSE(lockstep::terminal_wants_color(tty));
  unsetenv("NO_COLOR");

  close(pipe_fds[0]);
  close(pipe_fds[1]);
  close(tty);
  close(master);
}

TEST_CASE("the progress line shows a bar, the percentage and the counts") {
  CHECK(render_progress_line("runs", 45, 100, 10) == "runs [####......]  45%  45/100");
  CHECK(render_progress_line("runs", 0, 0, 4) == "runs [####] 100%  0/0");
  CHECK(render_progress_line("runs", 7, 5, 4) == "runs [####] 100%  5/5");
  // Counts of a national campaign do not overflow.
  CHECK(render_progress_line("e", 1ULL << 62, 1ULL << 63, 2) ==
        "e [#.]  50%  4611686018427387904/9223372036854775808");
}

TEST_CASE("a disabled progress bar writes nothing") {
  std::FILE* f = std::tmpfile();
  REQUIRE(f);
  {
    ProgressBar bar("runs", 10, f, false);
    for (int i = 0; i <= 10; ++i) bar.update(i);
  }
  CHECK(lockstep::testing::read_back(f).empty());
  std::fclose(f);
}

TEST_CASE("an enabled progress bar redraws only when the percentage changes, then clears") {
  std::FILE* f = std::tmpfile();
  REQUIRE(f);
  {
    ProgressBar bar("runs", 1000000, f, true);
    for (int i = 0; i <= 1000000; ++i) bar.update(i);
  }
  const std::string out = lockstep::testing::read_back(f);
  std::size_t redraws = 0;
  for (char c : out) redraws += c == '\r';
  CHECK(redraws == 102);  // 0% .. 100%, then the clearing
  CHECK(out.find("100%") != std::string::npos);
  CHECK(out.substr(out.size() - 5) == "\r\x1b[2K");
  std::fclose(f);
}
