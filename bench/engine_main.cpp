// Contender (a): Lockstep's engine over seed 000's campaign, run by bench/run.
//
//   engine_replay [--one-at-a-time] --check FILE --stream FILE [--repeat R]
//
// By default the events go to the engine through Engine::apply(span), in blocks; with
// --one-at-a-time through Engine::apply(event), and the contender is named "engine-each".
#include <cstdio>
#include <exception>
#include <vector>

#include "bench/contender.h"

int main(int argc, char** argv) {
  using lockstep::bench::EngineCall;
  std::vector<char*> args(argv, argv + argc);
  const EngineCall call = lockstep::bench::take_leading_flag(args, "--one-at-a-time")
                              ? EngineCall::kEach
                              : EngineCall::kBatch;
  try {
    return lockstep::bench::run_contender(
        static_cast<int>(args.size()), args.data(),
        lockstep::bench::make_engine_replayer(
            LOCKSTEP_SOURCE_DIR "/rules/baoxian_2005_township.lock", call));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "engine_replay: %s\n", e.what());
    return 2;
  }
}
