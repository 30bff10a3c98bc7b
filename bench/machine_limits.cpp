// bench_machine: the limits of this machine that bound the contenders (docs/performance.md): the
// clock a core sustains, and how fast it streams memory. Google Benchmark; not part of bench/run's
// figures.
//
//   build-bench/bench/bench_machine [--benchmark_filter=...]
//
// Dependent adds: a chain of additions, each waiting for the previous, runs at one per cycle, so
// adds per second is the clock. Sequential read: sums 32-bit words, as a contender reads its
// stream. Read-modify-write: bumps 64-bit words in place, as a contender updates members' masks.
// Sizes run from one that fits the first-level cache to one far beyond the last-level cache; bytes
// per second are reported.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <numeric>
#include <vector>

namespace {

void dependent_adds(benchmark::State& state) {
  constexpr std::int64_t kAdds = 1 << 20;
  std::uint64_t x = 0;
  for (auto _ : state) {
    for (std::int64_t i = 0; i < kAdds / 4; ++i) {
      // Four adds to one register per iteration, so the loop's own counter is not the chain.
      asm volatile("add $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\tadd $1, %0" : "+r"(x));
    }
  }
  benchmark::DoNotOptimize(x);
  state.counters["adds_per_second"] = benchmark::Counter(
      static_cast<double>(state.iterations() * kAdds), benchmark::Counter::kIsRate);
}

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

BENCHMARK(dependent_adds);
// 32 KiB (first-level cache) to 1 GiB (far beyond the last-level cache).
BENCHMARK(sequential_read)->RangeMultiplier(32)->Range(32 << 10, 1 << 30);
BENCHMARK(read_modify_write)->RangeMultiplier(32)->Range(32 << 10, 1 << 30);

}  // namespace

BENCHMARK_MAIN();
