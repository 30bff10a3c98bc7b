// Contender (c): one Boost.MSM object per member, run by bench/run.
//
//   msm_replay [--default-config] --check FILE --stream FILE [--repeat R]
//
// By default the machines are MSM's leanest ("msm"); with --default-config, MSM's default
// configuration, and the contender is named "msm-default".
#include <vector>

#include "bench/contender.h"

int main(int argc, char** argv) {
  using lockstep::bench::MsmConfig;
  std::vector<char*> args(argv, argv + argc);
  const MsmConfig config = lockstep::bench::take_leading_flag(args, "--default-config")
                               ? MsmConfig::kDefault
                               : MsmConfig::kLean;
  return lockstep::bench::run_contender(static_cast<int>(args.size()), args.data(),
                                        lockstep::bench::make_msm_replayer(config));
}
