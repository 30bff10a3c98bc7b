// bench_memory: how fast this machine streams memory, the bound the raw contender meets at large
// sizes (docs/performance.md). Google Benchmark; not part of bench/run's figures.
//
//   build-bench/bench/bench_memory [--benchmark_filter=...]
//
// Sequential read: sums 32-bit words, as a contender reads its stream. Read-modify-write: bumps
// 64-bit words in place, as a contender updates members' masks. Sizes run from one that fits the
// first-level cache to one far beyond the last-level cache; bytes per second are reported.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <numeric>
#include <vector>

namespace {

void sequential_read(benchmark::State& state) {
  std::vector<std::uint32_t> words(static_cast<std::size_t>(state.range(0)) /
                                   sizeof(std::uint32_t));
  std::iota(words.begin(), words.end(), 0u);
  for (auto _ : state) {
    std::uint64_t sum = 0;
    for (std::uint32_t w : words) sum += w;
    benchmark::DoNotOptimize(sum);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}

void read_modify_write(benchmark::State& state) {
  std::vector<std::uint64_t> words(static_cast<std::size_t>(state.range(0)) /
                                   sizeof(std::uint64_t));
  for (auto _ : state) {
    for (std::uint64_t& w : words) w = w * 3 + 1;
    benchmark::ClobberMemory();
  }
  // Each byte is read once and written once.
  state.SetBytesProcessed(2 * static_cast<std::int64_t>(state.iterations()) * state.range(0));
}

// 32 KiB (first-level cache) to 1 GiB (far beyond the last-level cache).
BENCHMARK(sequential_read)->RangeMultiplier(32)->Range(32 << 10, 1 << 30);
BENCHMARK(read_modify_write)->RangeMultiplier(32)->Range(32 << 10, 1 << 30);

}  // namespace

BENCHMARK_MAIN();
