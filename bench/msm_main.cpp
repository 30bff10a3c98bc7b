// Contender (c): one Boost.MSM object per member, run by bench/run.
//
//   msm_replay [--default-config] --check FILE --stream FILE [--repeat R]
//
// By default the machines are MSM's leanest ("msm"); with --default-config, MSM's default
// configuration, and the contender is named "msm-default".
#include <string_view>
#include <vector>

#include "bench/contender.h"

int main(int argc, char** argv) {
  using lockstep::bench::MsmConfig;
  std::vector<char*> args(argv, argv + argc);
  MsmConfig config = MsmConfig::kLean;
  if (args.size() > 1 && std::string_view(args[1]) == "--default-config") {
    config = MsmConfig::kDefault;
    args.erase(args.begin() + 1);
  }
  return lockstep::bench::run_contender(static_cast<int>(args.size()), args.data(),
                                        lockstep::bench::make_msm_replayer(config));
}
