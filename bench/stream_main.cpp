// bench_stream: writes a benchmark stream file (format and generation in stream.h).
//
//   bench_stream --members N [--steps K] [--seed S] [--out-of-order-ppm P] --out FILE
//
// Prints the file's header as one line of JSON. Exit codes: 0 written, 2 bad usage or I/O error.
#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>

#include "bench/args.h"
#include "bench/stream.h"

namespace {

using namespace lockstep::bench;

constexpr std::string_view kUsage =
    "usage: bench_stream --members N [--steps K] [--seed S] [--out-of-order-ppm P] --out FILE";

std::uint64_t whole(std::string_view option, std::string_view value, std::uint64_t max) {
  const auto n = parse_whole(value, max);
  if (!n)
    throw std::invalid_argument(fmt::format("{} expects a whole number, not '{}'", option, value));
  return *n;
}

}  // namespace

int main(int argc, char** argv) {
  StreamParams params;
  std::string out;
  bool have_members = false;
  try {
    for (int i = 1; i < argc; ++i) {
      const std::string_view arg = argv[i];
      if (i + 1 == argc) throw std::invalid_argument(fmt::format("{} needs a value", arg));
      const std::string_view value = argv[++i];
      if (arg == "--members") {
        params.members = whole(arg, value, UINT64_MAX);
        have_members = true;
      } else if (arg == "--steps") {
        params.steps = static_cast<std::uint32_t>(whole(arg, value, UINT32_MAX));
      } else if (arg == "--seed") {
        params.seed = whole(arg, value, UINT64_MAX);
      } else if (arg == "--out-of-order-ppm") {
        params.out_of_order_ppm = static_cast<std::uint32_t>(whole(arg, value, UINT32_MAX));
      } else if (arg == "--out") {
        out = value;
      } else {
        throw std::invalid_argument(fmt::format("unknown option '{}'", arg));
      }
    }
    if (!have_members || out.empty())
      throw std::invalid_argument("--members and --out are required");
    if (std::string problem = check_params(params); !problem.empty())
      throw std::invalid_argument(problem);
  } catch (const std::invalid_argument& e) {
    fmt::print(stderr, "bench_stream: {}\n{}\n", e.what(), kUsage);
    return 2;
  }
  try {
    write_stream_file(params, out);
    const StreamHeader h = StreamFile(out).header();
    const nlohmann::json info = {{"stream", out},
                                 {"members", h.members},
                                 {"steps", h.steps},
                                 {"events", h.events},
                                 {"seed", h.seed},
                                 {"out_of_order_ppm", h.out_of_order_ppm},
                                 {"expected_accepted", h.expected_accepted},
                                 {"expected_refused", h.expected_refused}};
    fmt::print("{}\n", info.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    return 0;
  } catch (const std::exception& e) {
    fmt::print(stderr, "bench_stream: {}\n", e.what());
    return 2;
  }
}
