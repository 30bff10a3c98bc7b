// Generation of the benchmark stream, as specified in stream.h. The expected counts are derived
// here from what each perturbation does, independently of any contender's replay.
#include <fmt/format.h>

#include <bit>
#include <cstdio>
#include <memory>
#include <stdexcept>

#include "bench/stream.h"

namespace lockstep::bench {

// Events are written as the host stores them; the format is little-endian.
static_assert(std::endian::native == std::endian::little,
              "the stream format assumes a little-endian host");

std::uint32_t step_bits_for(std::uint32_t steps) {
  if (steps <= 2) return 1;
  return static_cast<std::uint32_t>(std::bit_width(steps - 1));
}

std::string check_params(const StreamParams& p) {
  if (p.steps < 1 || p.steps > kMaxSteps)
    return fmt::format("steps must be between 1 and {}, not {}", kMaxSteps, p.steps);
  if (p.out_of_order_ppm > kPartsPerMillion)
    return fmt::format("the out-of-order rate must be at most {} per million, not {}",
                       kPartsPerMillion, p.out_of_order_ppm);
  const std::uint64_t limit = std::uint64_t{1} << (32 - step_bits_for(p.steps));
  if (p.members > limit)
    return fmt::format("at most {} members fit a 32-bit event with {} steps, not {}", limit,
                       p.steps, p.members);
  return {};
}

StreamGenerator::StreamGenerator(const StreamParams& params) : params_(params), rng_(params.seed) {
  if (std::string problem = check_params(params); !problem.empty())
    throw std::invalid_argument(problem);
  header_.steps = params.steps;
  header_.step_bits = step_bits_for(params.steps);
  header_.members = params.members;
  header_.seed = params.seed;
  header_.out_of_order_ppm = params.out_of_order_ppm;
}

void StreamGenerator::emit(std::vector<std::uint32_t>& out, std::uint32_t step) {
  out.push_back(static_cast<std::uint32_t>(next_ << header_.step_bits) | step);
  ++header_.events;
}

bool StreamGenerator::next_member(std::vector<std::uint32_t>& out) {
  if (next_ == params_.members) return false;
  const std::uint32_t k = params_.steps;
  enum Kind { kInOrder, kEarly, kRepeat, kSwap };
  Kind kind = kInOrder;
  const bool perturbed = rng_.below(kPartsPerMillion) < params_.out_of_order_ppm;
  if (perturbed && k >= 2) kind = static_cast<Kind>(1 + rng_.below(3));

  switch (kind) {
    case kInOrder:
      for (std::uint32_t s = 0; s < k; ++s) emit(out, s);
      header_.expected_accepted += k;
      break;
    case kEarly: {
      const auto j = static_cast<std::uint32_t>(1 + rng_.below(k - 1));
      const auto at = static_cast<std::uint32_t>(rng_.below(j));
      for (std::uint32_t s = 0; s < k; ++s) {
        if (s == at) emit(out, j);  // step j-1 >= at is not done yet: refused
        emit(out, s);
      }
      header_.expected_accepted += k;
      header_.expected_refused += 1;
      break;
    }
    case kRepeat: {
      const auto j = static_cast<std::uint32_t>(rng_.below(k));
      for (std::uint32_t s = 0; s < k; ++s) {
        emit(out, s);
        if (s == j) emit(out, s);  // done already: refused
      }
      header_.expected_accepted += k;
      header_.expected_refused += 1;
      break;
    }
    case kSwap: {
      const auto j = static_cast<std::uint32_t>(rng_.below(k - 1));
      for (std::uint32_t s = 0; s < k; ++s) {
        if (s == j)
          emit(out, j + 1);
        else if (s == j + 1)
          emit(out, j);
        else
          emit(out, s);
      }
      // 0..j-1 and j accepted; j+1 (early) and j+2..K-1 (j+1 missing) refused.
      header_.expected_accepted += j + 1;
      header_.expected_refused += k - 1 - j;
      break;
    }
  }
  ++next_;
  return true;
}

Stream generate_stream(const StreamParams& params) {
  StreamGenerator generator(params);
  Stream stream;
  stream.events.reserve(static_cast<std::size_t>(params.members) * params.steps);
  while (generator.next_member(stream.events)) {
  }
  stream.header = generator.header();
  return stream;
}

namespace {

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

void write_all(std::FILE* f, const void* data, std::size_t bytes, const std::string& path) {
  if (bytes != 0 && std::fwrite(data, 1, bytes, f) != bytes)
    throw std::runtime_error(fmt::format("{}: cannot write", path));
}

}  // namespace

void write_stream_file(const StreamParams& params, const std::string& path) {
  StreamGenerator generator(params);
  const std::string temporary = path + ".tmp";
  std::unique_ptr<std::FILE, FileCloser> file(std::fopen(temporary.c_str(), "wb"));
  if (!file) throw std::runtime_error(fmt::format("{}: cannot create", temporary));

  // The header's counts are known only at the end: write a placeholder, then rewrite it.
  std::vector<unsigned char> header = encode_header(generator.header());
  write_all(file.get(), header.data(), header.size(), temporary);
  std::vector<std::uint32_t> chunk;
  constexpr std::size_t kChunkEvents = std::size_t{1} << 20;  // 4 MiB of events at a time
  chunk.reserve(kChunkEvents + kMaxSteps + 1);
  bool more = true;
  while (more) {
    more = generator.next_member(chunk);
    if (chunk.size() >= kChunkEvents || (!more && !chunk.empty())) {
      write_all(file.get(), chunk.data(), chunk.size() * sizeof(std::uint32_t), temporary);
      chunk.clear();
    }
  }
  header = encode_header(generator.header());
  if (std::fseek(file.get(), 0, SEEK_SET) != 0)
    throw std::runtime_error(fmt::format("{}: cannot seek", temporary));
  write_all(file.get(), header.data(), header.size(), temporary);
  if (std::fclose(file.release()) != 0)
    throw std::runtime_error(fmt::format("{}: cannot write", temporary));
  if (std::rename(temporary.c_str(), path.c_str()) != 0)
    throw std::runtime_error(fmt::format("{}: cannot rename to {}", temporary, path));
}

}  // namespace lockstep::bench
