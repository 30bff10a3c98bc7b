// The runner's report: reads what the contenders printed (one JSON line each, contract in
// contender.h), cross-checks their counts, and renders the table for people and the one line of
// JSON for machines.
//
// The cross-check is the run's correctness test. Every contender must have replayed the same
// check stream with the same counts; and every count, on the check stream and on the timed one,
// must equal what the generator recorded in the stream's header, which it derived from the
// perturbations it made, independently of any replay. Any difference fails the run. The engine is
// the exception: it enforces its campaign's order, which is not the stream's chain, and checks its
// counts itself against a reference loop over that order (engine_replayer.cpp).
//
// Contenders appear in a fixed order (engine, xstate, msm, raw, then any other). One that did not
// run is shown with the reason and reported as null in the JSON, never with an invented figure.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bench/stream.h"

namespace lockstep::bench {

struct CountsOn {
  std::string stream;  // path of the stream file
  std::uint64_t members = 0;
  std::uint64_t events = 0;
  std::uint64_t accepted = 0;
  std::uint64_t refused = 0;
};

struct ContenderResult {
  std::string name;
  CountsOn check;
  CountsOn timed;
  std::uint64_t repetitions = 0;
  double best_seconds = 0;
  double best_cpu_seconds = 0;
  double events_per_second = 0;
  std::uint64_t state_bytes_per_member = 0;
  std::uint64_t peak_rss_bytes = 0;
  // Rounds merged into this result, and the slowest round's best CPU time, the noise the best
  // figure was picked from: set by merge_rounds (one round, and 0, as parsed).
  std::uint64_t rounds = 1;
  double slowest_round_cpu_seconds = 0;
};

// Parses the contenders' lines (blank lines ignored). Throws std::invalid_argument with
// "source:line:column: expected ..." at the first malformed line.
std::vector<ContenderResult> parse_results(std::string_view text, std::string_view source);

using HeaderReader = std::function<StreamHeader(const std::string& path)>;

// A run may repeat its contenders in rounds (bench/run --rounds): the passes of one round run back
// to back, so a spell of other work on the machine can slow them all, while rounds minutes apart
// rarely all meet one. Results of one contender on one timed stream (and size) are merged into one,
// in order of first appearance: the least wall and CPU time, the most events per second, the
// largest peak, passes added up; `rounds` counts them and `slowest_round_cpu_seconds` keeps the
// worst round.
std::vector<ContenderResult> merge_rounds(const std::vector<ContenderResult>& results);

// How much slower the slowest round was than the best, in percent (0 for one round).
double round_spread_percent(const ContenderResult& r);

// Every disagreement found, one sentence each; empty when the run is consistent; run on the
// results before merge_rounds, so that every round's counts are checked. Headers are read through
// `header_of` (read_stream_header in the program, a table in tests); a header that cannot be read
// is a problem too. A contender may replay one timed stream (in any number of rounds), unless
// `one_per_contender` is false (the scaling run, where each replays streams of several sizes).
std::vector<std::string> cross_check(const std::vector<ContenderResult>& results,
                                     const HeaderReader& header_of, bool one_per_contender = true);

struct ReportInputs {
  std::vector<ContenderResult> results;
  std::map<std::string, std::string> absent;  // contender -> why it has no figure
  std::string mode;                           // "full", "quick", "tiny"
  std::optional<double> national_wall_seconds;
  std::optional<std::uint64_t> national_peak_rss_bytes;
  std::optional<std::uint64_t> national_members;  // the size the national run was measured at
  std::string national_note;  // why the national figures are missing, when they are
};

// The table, the engine's performance goals as far as they can be judged, and the national run.
std::string render_table(const ReportInputs& inputs);

// One line of JSON, no newline: engine/xstate/msm/raw_events_per_s, national_wall_s,
// national_peak_rss_bytes (null when not measured) and the detail of each contender.
std::string render_summary_json(const ReportInputs& inputs);

}  // namespace lockstep::bench
