// Reading and checking stream files (format in stream.h). A file is mapped, not copied: the
// largest benchmark stream is a few GiB and must be held once, by the page cache.
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <utility>

#include "bench/stream.h"

namespace lockstep::bench {

static_assert(std::endian::native == std::endian::little,
              "the stream format assumes a little-endian host");

namespace {

constexpr std::array<char, 8> kMagic = {'L', 'K', 'S', 'T', 'R', 'M', '0', '1'};

template <typename T>
void put(std::vector<unsigned char>& out, std::size_t offset, T value) {
  std::memcpy(out.data() + offset, &value, sizeof value);
}

template <typename T>
T get(std::span<const unsigned char> bytes, std::size_t offset) {
  T value;
  std::memcpy(&value, bytes.data() + offset, sizeof value);
  return value;
}

}  // namespace

std::vector<unsigned char> encode_header(const StreamHeader& h) {
  std::vector<unsigned char> out(kHeaderBytes, 0);
  std::memcpy(out.data(), kMagic.data(), kMagic.size());
  put(out, 8, h.steps);
  put(out, 12, h.step_bits);
  put(out, 16, h.members);
  put(out, 24, h.events);
  put(out, 32, h.seed);
  put(out, 40, h.out_of_order_ppm);
  put(out, 48, h.expected_accepted);
  put(out, 56, h.expected_refused);
  return out;
}

std::string check_header(std::span<const unsigned char> bytes, std::uint64_t file_bytes,
                         StreamHeader* header) {
  if (bytes.size() < kHeaderBytes || file_bytes < kHeaderBytes)
    return fmt::format("byte {}: expected a {}-byte header, found the end of the file",
                       std::min<std::uint64_t>(bytes.size(), file_bytes), kHeaderBytes);
  if (std::memcmp(bytes.data(), kMagic.data(), kMagic.size()) != 0)
    return "byte 0: expected the magic \"LKSTRM01\" of a benchmark stream";
  StreamHeader h;
  h.steps = get<std::uint32_t>(bytes, 8);
  h.step_bits = get<std::uint32_t>(bytes, 12);
  h.members = get<std::uint64_t>(bytes, 16);
  h.events = get<std::uint64_t>(bytes, 24);
  h.seed = get<std::uint64_t>(bytes, 32);
  h.out_of_order_ppm = get<std::uint32_t>(bytes, 40);
  h.expected_accepted = get<std::uint64_t>(bytes, 48);
  h.expected_refused = get<std::uint64_t>(bytes, 56);

  if (h.steps < 1 || h.steps > kMaxSteps)
    return fmt::format("byte 8: expected a step count from 1 to {}, found {}", kMaxSteps, h.steps);
  if (h.step_bits != step_bits_for(h.steps))
    return fmt::format("byte 12: expected {} step bits for {} steps, found {}",
                       step_bits_for(h.steps), h.steps, h.step_bits);
  if (h.members > (std::uint64_t{1} << (32 - h.step_bits)))
    return fmt::format("byte 16: expected at most {} members, found {}",
                       std::uint64_t{1} << (32 - h.step_bits), h.members);
  const std::uint64_t body = file_bytes - kHeaderBytes;
  if (body % sizeof(std::uint32_t) != 0 || h.events != body / sizeof(std::uint32_t))
    return fmt::format(
        "byte 24: expected an event count matching the {} bytes after the header, found {}", body,
        h.events);
  if (h.out_of_order_ppm > kPartsPerMillion)
    return fmt::format("byte 40: expected a rate of at most {} per million, found {}",
                       kPartsPerMillion, h.out_of_order_ppm);
  if (get<std::uint32_t>(bytes, 44) != 0) return "byte 44: expected zero (reserved)";
  if (h.expected_accepted > h.events || h.expected_refused != h.events - h.expected_accepted)
    return fmt::format(
        "byte 48: expected accepted and refused counts adding up to {} events, found {} and {}",
        h.events, h.expected_accepted, h.expected_refused);
  if (header) *header = h;
  return {};
}

std::string check_stream_bytes(std::span<const unsigned char> bytes, StreamHeader* header) {
  StreamHeader h;
  if (std::string problem = check_header(bytes, bytes.size(), &h); !problem.empty()) return problem;
  const std::uint32_t step_mask = (std::uint32_t{1} << h.step_bits) - 1;
  std::uint32_t previous_member = 0;
  for (std::uint64_t i = 0; i < h.events; ++i) {
    const std::size_t offset = kHeaderBytes + i * sizeof(std::uint32_t);
    const auto event = get<std::uint32_t>(bytes, offset);
    const std::uint32_t member = event >> h.step_bits;
    const std::uint32_t step = event & step_mask;
    if (member >= h.members)
      return fmt::format("byte {}: expected a member below {}, found member {}", offset, h.members,
                         member);
    if (step >= h.steps)
      return fmt::format("byte {}: expected a step below {}, found step {}", offset, h.steps, step);
    if (member < previous_member)
      return fmt::format("byte {}: expected member-ordered events, found member {} after member {}",
                         offset, member, previous_member);
    previous_member = member;
  }
  if (header) *header = h;
  return {};
}

StreamHeader read_stream_header(const std::string& path) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"),
                                                       &std::fclose);
  if (!file) throw StreamError(fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
  std::array<unsigned char, kHeaderBytes> bytes{};
  const std::size_t got = std::fread(bytes.data(), 1, bytes.size(), file.get());
  struct stat st {};
  if (::fstat(::fileno(file.get()), &st) != 0 || !S_ISREG(st.st_mode))
    throw StreamError(fmt::format("{}: expected a regular file", path));
  StreamHeader h;
  const std::string problem =
      check_header({bytes.data(), got}, static_cast<std::uint64_t>(st.st_size), &h);
  if (!problem.empty()) throw StreamError(fmt::format("{}: {}", path, problem));
  return h;
}

StreamFile::StreamFile(const std::string& path) : path_(path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw StreamError(fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    throw StreamError(fmt::format("{}: expected a regular file", path));
  }
  map_bytes_ = static_cast<std::size_t>(st.st_size);
  if (map_bytes_ != 0) {
    map_ = ::mmap(nullptr, map_bytes_, PROT_READ, MAP_PRIVATE, fd, 0);
    if (map_ == MAP_FAILED) {
      map_ = nullptr;
      ::close(fd);
      throw StreamError(fmt::format("{}: cannot map: {}", path, std::strerror(errno)));
    }
    ::madvise(map_, map_bytes_, MADV_SEQUENTIAL);
  }
  ::close(fd);  // the mapping keeps the file's pages
  const std::span<const unsigned char> bytes(static_cast<const unsigned char*>(map_), map_bytes_);
  if (std::string problem = check_stream_bytes(bytes, &header_); !problem.empty()) {
    if (map_) ::munmap(map_, map_bytes_);
    map_ = nullptr;
    throw StreamError(fmt::format("{}: {}", path, problem));
  }
}

StreamFile::StreamFile(StreamFile&& other) noexcept
    : path_(std::move(other.path_)),
      header_(other.header_),
      map_(std::exchange(other.map_, nullptr)),
      map_bytes_(std::exchange(other.map_bytes_, 0)) {}

StreamFile::~StreamFile() {
  if (map_) ::munmap(map_, map_bytes_);
}

std::span<const std::uint32_t> StreamFile::events() const {
  if (header_.events == 0) return {};
  // The header is 64 bytes and the mapping page-aligned, so the events are 4-byte aligned.
  const auto* base = static_cast<const unsigned char*>(map_) + kHeaderBytes;
  return {reinterpret_cast<const std::uint32_t*>(base), static_cast<std::size_t>(header_.events)};
}

StreamView StreamFile::view() const {
  const std::span<const std::uint32_t> e = events();
  return {e.data(), e.size(), header_.members, header_.steps, header_.step_bits};
}

}  // namespace lockstep::bench
