// Contender (a): Lockstep's engine over seed 000's campaign, run by bench/run.
#include <cstdio>
#include <exception>

#include "bench/contender.h"

int main(int argc, char** argv) {
  try {
    return lockstep::bench::run_contender(
        argc, argv,
        lockstep::bench::make_engine_replayer(LOCKSTEP_SOURCE_DIR
                                              "/rules/baoxian_2005_township.lock"));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "engine_replay: %s\n", e.what());
    return 2;
  }
}
