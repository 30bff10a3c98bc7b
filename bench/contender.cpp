// The contender harness (contract in contender.h).
#include "bench/contender.h"

#include <fmt/format.h>
#include <sys/resource.h>
#include <time.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>

#include "bench/args.h"
#include "bench/stream.h"

namespace lockstep::bench {
namespace {

double thread_cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

}  // namespace

Measurement measure(Replayer& replayer, const StreamView& stream, int repetitions) {
  Measurement result;
  for (int r = 0; r < repetitions; ++r) {
    replayer.prepare(stream);
    const double cpu_start = thread_cpu_seconds();
    const auto start = std::chrono::steady_clock::now();
    const ReplayCounts counts = replayer.replay(stream);
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    const double cpu = thread_cpu_seconds() - cpu_start;
    if (r == 0 || cpu < result.best_cpu_seconds) result.best_cpu_seconds = cpu;
    if (r == 0) {
      result.counts = counts;
      result.best_seconds = elapsed.count();
    } else if (counts.accepted != result.counts.accepted ||
               counts.refused != result.counts.refused) {
      throw std::runtime_error(fmt::format(
          "pass {} accepted {} and refused {}, but pass 1 accepted {} and refused {}", r + 1,
          counts.accepted, counts.refused, result.counts.accepted, result.counts.refused));
    } else if (elapsed.count() < result.best_seconds) {
      result.best_seconds = elapsed.count();
    }
    ++result.repetitions;
  }
  return result;
}

std::uint64_t peak_rss_bytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<std::uint64_t>(usage.ru_maxrss) * 1024;  // Linux reports KiB
}

namespace {

struct Options {
  std::string check;
  std::string stream;
  int repeat = 5;
};

constexpr int kMaxRepeat = 1000;

// Throws std::invalid_argument with one sentence of what is wrong.
Options parse_options(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg != "--check" && arg != "--stream" && arg != "--repeat")
      throw std::invalid_argument(fmt::format("unknown option '{}'", arg));
    if (i + 1 == argc) throw std::invalid_argument(fmt::format("{} needs a value", arg));
    const std::string_view value = argv[++i];
    if (arg == "--check") {
      options.check = value;
    } else if (arg == "--stream") {
      options.stream = value;
    } else {
      const auto n = parse_whole(value, kMaxRepeat);
      if (!n || *n < 1)
        throw std::invalid_argument(fmt::format(
            "--repeat expects a whole number from 1 to {}, not '{}'", kMaxRepeat, value));
      options.repeat = static_cast<int>(*n);
    }
  }
  if (options.check.empty() || options.stream.empty())
    throw std::invalid_argument("both --check FILE and --stream FILE are required");
  return options;
}

nlohmann::json counts_json(const StreamFile& file, const ReplayCounts& counts) {
  return {{"stream", file.path()},
          {"members", file.header().members},
          {"events", file.header().events},
          {"accepted", counts.accepted},
          {"refused", counts.refused}};
}

}  // namespace

int run_contender(int argc, char** argv, std::unique_ptr<Replayer> replayer) {
  const char* program = replayer->name();
  Options options;
  try {
    options = parse_options(argc, argv);
  } catch (const std::invalid_argument& e) {
    fmt::print(stderr, "{}: {}\nusage: {} --check FILE --stream FILE [--repeat R]\n", program,
               e.what(), argc > 0 ? argv[0] : program);
    return 2;
  }
  try {
    nlohmann::json out;
    out["contender"] = program;
    {
      const StreamFile check(options.check);
      const Measurement m = measure(*replayer, check.view(), 1);
      out["check"] = counts_json(check, m.counts);
    }
    const StreamFile stream(options.stream);
    const Measurement m = measure(*replayer, stream.view(), options.repeat);
    out.update(counts_json(stream, m.counts));
    out["repetitions"] = m.repetitions;
    out["best_s"] = m.best_seconds;
    out["best_cpu_s"] = m.best_cpu_seconds;
    out["events_per_s"] =
        m.best_seconds > 0 ? static_cast<double>(stream.header().events) / m.best_seconds : 0.0;
    out["state_bytes_per_member"] = replayer->state_bytes_per_member();
    out["peak_rss_bytes"] = peak_rss_bytes();
    // Paths come from the command line and may not be UTF-8: replace, never throw.
    fmt::print("{}\n", out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    return 0;
  } catch (const std::exception& e) {
    fmt::print(stderr, "{}: {}\n", program, e.what());
    return 2;
  }
}

bool take_leading_flag(std::vector<char*>& args, std::string_view flag) {
  if (args.size() < 2 || std::string_view(args[1]) != flag) return false;
  args.erase(args.begin() + 1);
  return true;
}

}  // namespace lockstep::bench
