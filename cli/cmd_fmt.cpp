// Placeholder until the rules-language commands land.
#include <fmt/format.h>
#include "cli/commands.h"
namespace lockstep::cli {
int run_fmt(std::span<char*>) { fmt::print(stderr, "lockstep fmt: not built yet\n"); return 2; }
}  // namespace lockstep::cli
