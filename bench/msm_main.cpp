// Contender (c): one Boost.MSM object per member, run by bench/run.
#include "bench/contender.h"

int main(int argc, char** argv) {
  return lockstep::bench::run_contender(argc, argv, lockstep::bench::make_msm_replayer());
}
