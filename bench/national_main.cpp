// bench_national RULES MEMBERS [SEED] [--json]: the sharded national simulation alone, as
// `lockstep simulate RULES --synthetic MEMBERS --seed SEED` runs it above
// sim::kShardedAboveMembers, for profiling and timing without the command line around it. Exit 0
// after a run, 2 when the rules do not compile.
//
// Last, on stderr, one line: "bench_national: simulation W s wall, C s cpu", the time of the
// simulation and its report alone, without starting the process and compiling the rules (a fixed
// cost of a run, not a cost per member; bench/national_scaling shows both).
#include <time.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "lockstep/rules.h"
#include "sim/sharded.h"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: bench_national RULES MEMBERS [SEED] [--json]\n");
    return 2;
  }
  const lockstep::RulesResult rules = lockstep::compile_rules_file(argv[1]);
  if (!rules.model) {
    std::fprintf(stderr, "bench_national: %s does not compile\n", argv[1]);
    return 2;
  }
  const std::uint64_t members = std::strtoull(argv[2], nullptr, 10);
  const std::uint64_t seed = argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 1;
  const bool json = argc > 4 && std::string(argv[4]) == "--json";
  if (members == 0 || members >= 0xffffffffull) {
    std::fprintf(stderr, "bench_national: MEMBERS must be 1 to 4294967294\n");
    return 2;
  }
  const auto now = [](clockid_t clock) {
    timespec t{};
    clock_gettime(clock, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
  };
  const double wall = now(CLOCK_MONOTONIC), cpu = now(CLOCK_PROCESS_CPUTIME_ID);
  lockstep::sim::ShardedOptions options;
  options.members = members;
  options.seed = seed;
  const lockstep::sim::ShardedResult result = lockstep::sim::simulate_sharded(
      *rules.model, lockstep::sim::default_scenario(*rules.model), options);
  if (!result.summary) {
    std::fprintf(stderr, "bench_national: the engine refuses the rules\n");
    return 2;
  }
  const std::string source = "bench_national";
  const std::string out =
      json ? lockstep::render_sharded_json(*result.summary, *rules.model, source)
           : lockstep::render_sharded_text(*result.summary, *rules.model, source);
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::fflush(stdout);
  std::fprintf(stderr, "bench_national: simulation %.6f s wall, %.6f s cpu\n",
               now(CLOCK_MONOTONIC) - wall, now(CLOCK_PROCESS_CPUTIME_ID) - cpu);
  return 0;
}
