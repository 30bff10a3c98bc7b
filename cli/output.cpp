// See output.h.
#include "cli/output.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace lockstep::cli {
namespace {

struct OutState {
  int error = 0;          // errno of the first failed write to stdout
  bool failed = false;    // some output to stdout was lost
  bool reported = false;  // and the user was told
};

OutState& state() {
  static OutState s;
  return s;
}

void note_failure(int error) {
  OutState& s = state();
  if (s.failed) return;
  s.failed = true;
  s.error = error != 0 ? error : EIO;
}

}  // namespace

void out(std::string_view text) {
  if (state().failed || text.empty()) return;
  errno = 0;
  if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size()) note_failure(errno);
}

void err(std::string_view text) {
  if (!text.empty()) (void)std::fwrite(text.data(), 1, text.size(), stderr);
  (void)std::fflush(stderr);
  std::clearerr(stderr);  // a failed stderr stays usable for a later attempt, and harmless
}

bool flush_out() {
  errno = 0;
  if (std::fflush(stdout) != 0) note_failure(errno);
  // Output written by others (CLI11's --help goes through std::cout) fails into the same flag.
  if (std::ferror(stdout)) note_failure(0);
  return !state().failed;
}

std::string out_failure() {
  return state().failed ? std::string(std::strerror(state().error)) : std::string();
}

void out_failure_reported() {
  state().reported = true;
}

int finish(int code) {
  if (flush_out()) return code;
  if (!state().reported)
    eprint("lockstep: cannot write the output: {}\n", std::strerror(state().error));
  state().reported = true;
  return 2;
}

}  // namespace lockstep::cli
