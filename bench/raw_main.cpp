// Contender (d): the raw loop, run by bench/run.
#include "bench/contender.h"

int main(int argc, char** argv) {
  return lockstep::bench::run_contender(argc, argv, lockstep::bench::make_raw_replayer());
}
