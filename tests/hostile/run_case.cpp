// Runs one command of the hostile-input corpus and says how it ended and what it cost:
//
//   run_case TIMEOUT_S STDIN STDOUT STDERR -- COMMAND [ARG...]
//
// STDIN, STDOUT and STDERR are files (STDOUT and STDERR created or truncated), /dev/full, or
// "-" for closed. The command runs in its own process group; after TIMEOUT_S seconds the group
// is killed. One line goes to stdout:
//
//   exit=CODE rss_kb=PEAK seconds=WALL
//
// CODE is the exit status, 128 + the signal when a signal ended it, or "timeout". PEAK is the
// child's peak resident set (getrusage of the waited child, in KiB): the figure the corpus bounds.
// A small program rather than /usr/bin/time, so that the tests need nothing beyond the build.
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace {

// Puts `path` on descriptor `fd` in the child: opened for reading (fd 0) or writing.
void redirect(const char* path, int fd) {
  if (std::strcmp(path, "-") == 0) {
    ::close(fd);
    return;
  }
  const int flags = fd == 0 ? O_RDONLY : (O_WRONLY | O_CREAT | O_TRUNC);
  const int opened = ::open(path, flags, 0644);
  if (opened < 0) {
    std::perror(path);
    std::_Exit(125);
  }
  if (opened != fd) {
    ::dup2(opened, fd);
    ::close(opened);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 7 || std::strcmp(argv[5], "--") != 0) {
    std::fprintf(stderr, "usage: run_case TIMEOUT_S STDIN STDOUT STDERR -- COMMAND [ARG...]\n");
    return 2;
  }
  const int timeout_s = std::atoi(argv[1]);
  const auto started = std::chrono::steady_clock::now();
  const pid_t child = ::fork();
  if (child < 0) {
    std::perror("fork");
    return 2;
  }
  if (child == 0) {
    ::setpgid(0, 0);
    redirect(argv[2], 0);
    redirect(argv[3], 1);
    redirect(argv[4], 2);
    ::execv(argv[6], argv + 6);
    std::_Exit(127);
  }
  ::setpgid(child, child);
  int status = 0;
  struct rusage usage {};
  bool timed_out = false;
  for (;;) {
    const pid_t done = ::wait4(child, &status, WNOHANG, &usage);
    if (done == child) break;
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (elapsed > timeout_s && !timed_out) {
      timed_out = true;
      ::kill(-child, SIGKILL);
    }
    ::usleep(2000);
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::string code = timed_out             ? "timeout"
                     : WIFEXITED(status)   ? std::to_string(WEXITSTATUS(status))
                     : WIFSIGNALED(status) ? std::to_string(128 + WTERMSIG(status))
                                           : "unknown";
  std::printf("exit=%s rss_kb=%ld seconds=%.2f\n", code.c_str(), usage.ru_maxrss, seconds);
  return 0;
}
