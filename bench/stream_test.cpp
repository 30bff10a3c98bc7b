// The benchmark stream: determinism, the prefix property, the perturbations and their counts, and
// the checks that keep a malformed file away from the contenders.
#include <doctest/doctest.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <set>

#include "bench/stream.h"

using namespace lockstep::bench;

namespace {

std::vector<unsigned char> file_bytes(const Stream& s) {
  std::vector<unsigned char> bytes = encode_header(s.header);
  const auto* p = reinterpret_cast<const unsigned char*>(s.events.data());
  bytes.insert(bytes.end(), p, p + s.events.size() * sizeof(std::uint32_t));
  return bytes;
}

void put32(std::vector<unsigned char>& bytes, std::size_t offset, std::uint32_t v) {
  std::memcpy(bytes.data() + offset, &v, sizeof v);
}

}  // namespace

TEST_CASE("splitmix64: the first outputs for seed 0 are those of the reference definition") {
  lockstep::util::SplitMix64 rng(0);
  CHECK(rng.next() == 0xE220A8397B1DCDAFull);
  CHECK(rng.next() == 0x6E789E6AA1B965F4ull);
  CHECK(rng.next() == 0x06C45D188009454Full);
}

TEST_CASE("stream: the definition is pinned, so cached stream files stay valid") {
  // bench/run caches streams under a name carrying "v1"; a change to the generation that alters
  // these values must change that name too.
  const Stream s =
      generate_stream({.members = 1000, .steps = 6, .seed = 20240101, .out_of_order_ppm = 250'000});
  std::uint64_t fnv = 1469598103934665603ull;  // FNV-1a over the event words
  for (std::uint32_t e : s.events) fnv = (fnv ^ e) * 1099511628211ull;
  CHECK(s.events.size() == 6169);
  CHECK(fnv == 0x900FB0ED8E47A0FBull);
  CHECK(s.header.expected_accepted == 5761);
  CHECK(s.header.expected_refused == 408);
}

TEST_CASE("stream: in order, each member does steps 0..K-1 and the header counts them") {
  const Stream s = generate_stream({.members = 3, .steps = 6, .seed = 7, .out_of_order_ppm = 0});
  REQUIRE(s.events.size() == 18);
  CHECK(s.header.step_bits == 3);
  for (std::uint32_t m = 0; m < 3; ++m)
    for (std::uint32_t k = 0; k < 6; ++k) CHECK(s.events[m * 6 + k] == (m << 3 | k));
  CHECK(s.header.expected_accepted == 18);
  CHECK(s.header.expected_refused == 0);
}

TEST_CASE("stream: the same seed gives the same events, another seed others") {
  const StreamParams p{.members = 2000, .steps = 6, .seed = 42, .out_of_order_ppm = 300'000};
  StreamParams q = p;
  q.seed = 43;
  CHECK(generate_stream(p).events == generate_stream(p).events);
  CHECK(generate_stream(p).events != generate_stream(q).events);
}

TEST_CASE("stream: the stream of fewer members is a prefix of the larger one") {
  const StreamParams big{.members = 5000, .steps = 6, .seed = 9, .out_of_order_ppm = 250'000};
  StreamParams small = big;
  small.members = 1234;
  const Stream a = generate_stream(small);
  const Stream b = generate_stream(big);
  REQUIRE(a.events.size() < b.events.size());
  CHECK(std::equal(a.events.begin(), a.events.end(), b.events.begin()));
  CHECK((b.events[a.events.size()] >> 3) == 1234);  // the next event starts the next member
}

TEST_CASE("stream: perturbed members get every kind and the expected counts follow from them") {
  // Every member perturbed: early and repeat add one refused event each, swap keeps K events
  // and refuses K-1-j of them, so refusals exceed what adding events alone explains.
  const Stream s =
      generate_stream({.members = 3000, .steps = 6, .seed = 5, .out_of_order_ppm = 1'000'000});
  const std::uint64_t extra = s.events.size() - 3000 * 6;
  CHECK(extra > 1500);  // about two thirds of the members got an extra event
  CHECK(extra < 2500);
  CHECK(s.header.expected_refused > extra);  // swaps refused events too
  CHECK(s.header.expected_accepted + s.header.expected_refused == s.events.size());
  std::set<std::uint32_t> members_seen;
  for (std::uint32_t e : s.events) members_seen.insert(e >> 3);
  CHECK(members_seen.size() == 3000);
}

TEST_CASE("stream: a single step cannot be out of order, so nothing is perturbed") {
  const Stream s =
      generate_stream({.members = 100, .steps = 1, .seed = 1, .out_of_order_ppm = 1'000'000});
  CHECK(s.events.size() == 100);
  CHECK(s.header.step_bits == 1);
  CHECK(s.header.expected_refused == 0);
}

TEST_CASE("stream: parameters that cannot be encoded are refused with the reason") {
  CHECK(check_params({.members = 1, .steps = 0}).find("steps must be between 1 and 64") == 0);
  CHECK_FALSE(check_params({.members = 1, .steps = 65}).empty());
  CHECK(check_params({.members = 1, .steps = 6, .seed = 1, .out_of_order_ppm = 1'000'001})
            .find("at most 1000000 per million") != std::string::npos);
  CHECK(check_params({.members = (1ull << 29), .steps = 6}).empty());
  CHECK(check_params({.members = (1ull << 29) + 1, .steps = 6}).find("at most 536870912 members") ==
        0);
  CHECK_THROWS_AS(StreamGenerator({.members = 1, .steps = 0}), std::invalid_argument);
}

TEST_CASE("stream file: what is written is read back, header and events") {
  const auto path = std::filesystem::temp_directory_path() / "lockstep-stream-test.bin";
  const StreamParams p{.members = 777, .steps = 6, .seed = 3, .out_of_order_ppm = 100'000};
  write_stream_file(p, path.string());
  const Stream expected = generate_stream(p);
  {
    const StreamFile file(path.string());
    CHECK(file.header() == expected.header);
    REQUIRE(file.events().size() == expected.events.size());
    CHECK(std::equal(file.events().begin(), file.events().end(), expected.events.begin()));
    CHECK(read_stream_header(path.string()) == expected.header);
    const StreamView v = file.view();
    CHECK(v.member_of(v.events[v.count - 1]) == 776);
  }
  std::filesystem::remove(path);
  CHECK_THROWS_WITH_AS(StreamFile(path.string()), doctest::Contains("cannot open"), StreamError);
}

TEST_CASE("stream file: a malformed stream names the byte and what was expected there") {
  const Stream s = generate_stream({.members = 10, .steps = 6, .seed = 1, .out_of_order_ppm = 0});
  const std::vector<unsigned char> good = file_bytes(s);
  StreamHeader h;
  REQUIRE(check_stream_bytes(good, &h).empty());
  CHECK(h == s.header);

  auto problem = [&](auto change) {
    std::vector<unsigned char> bad = good;
    change(bad);
    return check_stream_bytes(bad, nullptr);
  };
  CHECK(problem([](auto& b) { b.resize(20); }).find("byte 20: expected a 64-byte header") == 0);
  CHECK(problem([](auto& b) { b[0] = 'X'; }).find("byte 0: expected the magic") == 0);
  CHECK(problem([](auto& b) { put32(b, 8, 0); }).find("byte 8: expected a step count") == 0);
  CHECK(problem([](auto& b) { put32(b, 12, 5); }).find("byte 12: expected 3 step bits") == 0);
  CHECK(problem([](auto& b) { b.resize(b.size() - 4); }).find("byte 24: expected an event count") ==
        0);
  CHECK(problem([](auto& b) { b.push_back(0); }).find("byte 24:") == 0);
  CHECK(problem([](auto& b) { put32(b, 40, 2'000'000); }).find("byte 40:") == 0);
  CHECK(problem([](auto& b) { put32(b, 44, 1); }).find("byte 44:") == 0);
  CHECK(problem([](auto& b) { put32(b, 48, 17); }).find("byte 48:") == 0);
  // Events: member 10 of 10, step 6 of 6, member 0 after member 1.
  CHECK(problem([](auto& b) { put32(b, 64 + 4 * 59, 10u << 3 | 5); }) ==
        "byte 300: expected a member below 10, found member 10");
  CHECK(problem([](auto& b) { put32(b, 64 + 4 * 7, 1u << 3 | 6); }) ==
        "byte 92: expected a step below 6, found step 6");
  CHECK(problem([](auto& b) { put32(b, 64 + 4 * 12, 0u << 3 | 0); }) ==
        "byte 112: expected member-ordered events, found member 0 after member 1");
}
