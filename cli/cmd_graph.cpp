// Placeholder until the rules-language commands land.
#include <fmt/format.h>
#include "cli/commands.h"
namespace lockstep::cli {
int run_graph(std::span<char*>) { fmt::print(stderr, "lockstep graph: not built yet\n"); return 2; }
}  // namespace lockstep::cli
