// The scaling run (bench/run --scaling): each contender replays streams of 10^4 to 10^8 members,
// and the cost per member should stay flat. These render what bench_report prints for it: a table
// of nanoseconds per member (wall and CPU time) and events per second, and a text bar chart of
// CPU nanoseconds per member against the number of members, one bar per size, so that a flat column
// of bars shows linear cost at a glance.
//
// The sweep may be run in several rounds, so a contender has several results of one size: they are
// merged into the best (least time, most events per second), and the spread, how much slower the
// slowest round's CPU time was in percent, shows the noise the best figure was picked from.
#pragma once

#include <string>
#include <vector>

#include "bench/report.h"

namespace lockstep::bench {

// Table and chart, contenders in the report's order, sizes ascending.
std::string render_scaling(const std::vector<ContenderResult>& results);

// One line of JSON, no newline:
//   {"scaling":{"raw":[[members, ns_per_member, cpu_ns_per_member, events_per_s, rounds,
//                       spread_percent], ...], ...}}.
std::string render_scaling_json(const std::vector<ContenderResult>& results);

}  // namespace lockstep::bench
