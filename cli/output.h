// Everything `lockstep` writes to its standard output and standard error goes through here.
//
// A command's standard output is its result: a report, a check's verdict, the acknowledgement of
// recorded events. Output that could not be written (a full disk, /dev/full, an I/O error) must
// not pass for success. So every write to stdout goes through out() or print(), which note the
// first failure and its errno; flush_out() says whether everything so far reached the file; and
// main() ends every command with finish(), which flushes and turns a failed write into one message
// on stderr ("lockstep: cannot write the output: No space left on device") and exit 2.
//
// Writes to stderr (err(), eprint()) never throw and never abort: when stderr itself fails there
// is nowhere left to say so, and the exit code still tells. ({fmt}'s own print() throws on a
// failed write, which ended the program with SIGABRT; nothing in cli/ calls it.)
//
// A closed pipe keeps its default meaning (SIGPIPE ends the program, as `lockstep ... | head`
// expects), except in `record`, which ignores SIGPIPE so that a client closing the pipe between a
// COMMIT and its acknowledgement hears what was recorded (cmd_record.cpp).
#pragma once

#include <fmt/format.h>

#include <string>
#include <string_view>
#include <utility>

namespace lockstep::cli {

// Appends `text` to stdout (buffered). After a failure, further output is dropped.
void out(std::string_view text);
// Writes `text` to stderr at once; a failure is ignored.
void err(std::string_view text);

template <typename... Args>
void print(fmt::format_string<Args...> format, Args&&... args) {
  out(fmt::format(format, std::forward<Args>(args)...));
}
template <typename... Args>
void eprint(fmt::format_string<Args...> format, Args&&... args) {
  err(fmt::format(format, std::forward<Args>(args)...));
}

// Flushes stdout. True when every byte written so far reached it.
bool flush_out();
// Why stdout failed ("No space left on device"); empty while it has not.
std::string out_failure();
// Marks the failure as explained to the user (record says more than finish() would).
void out_failure_reported();

// The exit code of a command that would exit with `code`: flushes stdout; when some output
// was lost, says so on stderr (unless already explained) and returns 2.
int finish(int code);

}  // namespace lockstep::cli
