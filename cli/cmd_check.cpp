// Placeholder until the rules-language commands land.
#include <fmt/format.h>
#include "cli/commands.h"
namespace lockstep::cli {
int run_check(std::span<char*>) { fmt::print(stderr, "lockstep check: not built yet\n"); return 2; }
}  // namespace lockstep::cli
