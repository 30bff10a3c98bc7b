// The harness every C++ contender runs in: the same options, the same timing, the same one line
// of JSON, so that bench/run and bench_report treat them alike (the XState contender,
// bench/xstate/replay.mjs, follows the same contract).
//
//   <contender> --check FILE --stream FILE [--repeat R]
//
// First the check stream is replayed once, untimed: a small stream rich in out-of-order events on
// which every contender's counts must agree. Then the timed stream R times (default 5), each pass
// from fresh state built untimed by prepare(); the figure is the best pass by wall time. The CPU
// time of the thread is kept too (its best pass): on a machine shared with other work a pass can
// be descheduled, and wall time well above CPU time shows that it was. Every pass must give
// the same counts, or the contender fails. Output, one line on stdout:
//   {"contender":"raw","check":{"stream":..,"members":..,"events":..,"accepted":..,"refused":..},
//    "stream":..,"members":..,"events":..,"accepted":..,"refused":..,"repetitions":R,
//    "best_s":..,"best_cpu_s":..,"events_per_s":..,"state_bytes_per_member":..,"peak_rss_bytes":..}
// Exit codes: 0 done, 2 bad usage or unreadable stream (one line on stderr saying which).
//
// A new contender (the engine's `engine_replay`) implements Replayer and calls run_contender from
// its main().
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "bench/replayer.h"

namespace lockstep::bench {

struct Measurement {
  ReplayCounts counts;
  int repetitions = 0;
  double best_seconds = 0;      // wall time of the fastest pass
  double best_cpu_seconds = 0;  // CPU time of the thread, least of all passes
};

// Replays `stream` `repetitions` times from fresh state; throws std::runtime_error if two passes
// disagree on the counts.
Measurement measure(Replayer& replayer, const StreamView& stream, int repetitions);

// Peak resident memory of this process so far, in bytes.
std::uint64_t peak_rss_bytes();

// The whole command line program; returns the exit code.
int run_contender(int argc, char** argv, std::unique_ptr<Replayer> replayer);

// Whether `args[1]` is `flag` (a contender's own option, given before the common ones), removing it
// when it is.
bool take_leading_flag(std::vector<char*>& args, std::string_view flag);

}  // namespace lockstep::bench
