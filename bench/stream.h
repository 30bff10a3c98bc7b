// The benchmark stream: N members each doing the same K ordered steps, as one 32-bit event per
// completion, member-ordered (all events of member 0, then member 1, ...). Every contender
// replays the same bytes, so their counts can be compared exactly.
//
// The ordering rule every contender enforces: a member may complete step s only once it has
// completed steps 0..s-1 and not yet s. An event that breaks the rule is refused and changes
// nothing.
//
// Generation, deterministic by seed: one SplitMix64 sequence (util/random.h) seeded with `seed`,
// consumed member by member, so the stream of M members is a prefix of the stream of N > M members
// with the same seed, steps and rate. For each member draw r; if K >= 2 and
// r % 1'000'000 < out_of_order_ppm the member is perturbed, kind = draw % 3:
//   0 early:  j = 1 + draw % (K-1), at = draw % j: an extra event for step j just before step
//             `at` (refused: step j-1 is not done yet); the K steps then follow, all accepted.
//   1 repeat: j = draw % K: step j a second time right after the first (refused: done already).
//   2 swap:   j = draw % (K-1): steps j and j+1 exchanged; j+1 is refused, j accepted, and every
//             later step refused, since j+1 never comes again.
// Otherwise the member does steps 0..K-1 in order. The generator counts what it made, and the
// file carries those counts, so a run can check every contender against them too.
//
// Event encoding: event = member << step_bits | step, step_bits = max(1, bits of K-1).
// File format, little-endian: a 64-byte header, then `events` words of 32 bits.
//   offset 0  char[8] magic "LKSTRM01"     offset 32 u64 seed
//   offset 8  u32 steps K, 1..64           offset 40 u32 out_of_order_ppm, 0..1'000'000
//   offset 12 u32 step_bits                offset 44 u32 zero
//   offset 16 u64 members                  offset 48 u64 expected accepted
//   offset 24 u64 events                   offset 56 u64 expected refused
// A file is read with StreamFile, which checks all of it before any contender sees an event: a
// contender's hot loop may then trust every member and step to be in range.
#pragma once

#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "bench/replayer.h"
#include "util/random.h"

namespace lockstep::bench {

inline constexpr std::uint32_t kMaxSteps = 64;
inline constexpr std::uint32_t kPartsPerMillion = 1'000'000;
inline constexpr std::size_t kHeaderBytes = 64;

struct StreamParams {
  std::uint64_t members = 0;
  std::uint32_t steps = 6;
  std::uint64_t seed = 1;
  std::uint32_t out_of_order_ppm = 10'000;  // 1% of members perturbed
};

struct StreamHeader {
  std::uint32_t steps = 0;
  std::uint32_t step_bits = 0;
  std::uint64_t members = 0;
  std::uint64_t events = 0;
  std::uint64_t seed = 0;
  std::uint32_t out_of_order_ppm = 0;
  std::uint64_t expected_accepted = 0;
  std::uint64_t expected_refused = 0;

  friend bool operator==(const StreamHeader&, const StreamHeader&) = default;
};

// Bits the step field takes for K steps.
std::uint32_t step_bits_for(std::uint32_t steps);

// Empty when the parameters describe a stream that can be encoded; else what is wrong.
std::string check_params(const StreamParams& params);

// Produces the stream one member at a time, so a file of any size is written in bounded memory.
class StreamGenerator {
 public:
  // Throws std::invalid_argument with check_params's message.
  explicit StreamGenerator(const StreamParams& params);

  // Appends the next member's events to `out`; false, appending nothing, after the last member.
  bool next_member(std::vector<std::uint32_t>& out);

  // The header of what has been generated so far (complete once next_member returned false).
  const StreamHeader& header() const { return header_; }

 private:
  void emit(std::vector<std::uint32_t>& out, std::uint32_t step);

  StreamParams params_;
  StreamHeader header_;
  std::uint64_t next_ = 0;  // next member
  util::SplitMix64 rng_;
};

// The whole stream in memory: for tests and small sizes.
struct Stream {
  StreamHeader header;
  std::vector<std::uint32_t> events;
};
Stream generate_stream(const StreamParams& params);

// Writes the stream to `path` through a temporary file renamed at the end, so a reader never sees
// half a file. Throws std::invalid_argument (parameters) or std::runtime_error (I/O).
void write_stream_file(const StreamParams& params, const std::string& path);

// The 64 header bytes for `header`.
std::vector<unsigned char> encode_header(const StreamHeader& header);

// A stream file, mapped read-only and checked in full on open. Move-only.
class StreamFile {
 public:
  // Throws StreamError naming the path, the byte offset and what was expected there.
  explicit StreamFile(const std::string& path);
  StreamFile(StreamFile&& other) noexcept;
  StreamFile& operator=(StreamFile&&) = delete;
  StreamFile(const StreamFile&) = delete;
  ~StreamFile();

  const std::string& path() const { return path_; }
  const StreamHeader& header() const { return header_; }
  std::span<const std::uint32_t> events() const;
  StreamView view() const;

 private:
  std::string path_;
  StreamHeader header_;
  void* map_ = nullptr;
  std::size_t map_bytes_ = 0;
};

// What an unreadable or malformed stream file raises.
struct StreamError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Reads and checks only the header of a stream file (and that its size matches); for reports
// that need a stream's counts without its events. Throws StreamError.
StreamHeader read_stream_header(const std::string& path);

// Checks a header: `bytes` holds at least its first 64 bytes (fewer means a short file), and
// `file_bytes` is the whole stream's size. Returns the first problem, or an empty string.
std::string check_header(std::span<const unsigned char> bytes, std::uint64_t file_bytes,
                         StreamHeader* header);

// Checks a stream held in memory (header and events) as StreamFile checks a file; returns the
// first problem as "byte OFFSET: expected ..., found ...", or an empty string.
std::string check_stream_bytes(std::span<const unsigned char> bytes, StreamHeader* header);

}  // namespace lockstep::bench
