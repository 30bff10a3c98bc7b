// Contender (c): one Boost.MSM object per member, run by bench/run.
//
//   msm_replay [--default-config | --checked] --check FILE --stream FILE [--repeat R]
//
// By default the machines are MSM's leanest ("msm"); with --default-config, MSM's default
// configuration ("msm-default"); with --checked, the lean machine with the engine's checks and
// counts ("msm-checked").
#include <vector>

#include "bench/contender.h"

int main(int argc, char** argv) {
  namespace bench = lockstep::bench;
  std::vector<char*> args(argv, argv + argc);
  std::unique_ptr<bench::Replayer> replayer;
  if (bench::take_leading_flag(args, "--default-config"))
    replayer = bench::make_msm_replayer(bench::MsmConfig::kDefault);
  else if (bench::take_leading_flag(args, "--checked"))
    replayer = bench::make_msm_checked_replayer();
  else
    replayer = bench::make_msm_replayer(bench::MsmConfig::kLean);
  return bench::run_contender(static_cast<int>(args.size()), args.data(), std::move(replayer));
}
