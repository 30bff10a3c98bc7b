// The contenders enforce the ordering rule alike: on hand-written sequences, on generated streams
// against the generator's own counts, and under the harness's repeated passes.
#include <doctest/doctest.h>

#include "bench/contender.h"
#include "bench/stream.h"

using namespace lockstep::bench;

namespace {

StreamView view_of(const std::vector<std::uint32_t>& events, std::uint64_t members,
                   std::uint32_t steps) {
  return {events.data(), events.size(), members, steps, step_bits_for(steps)};
}

ReplayCounts replay_once(Replayer& r, const StreamView& v) {
  r.prepare(v);
  return r.replay(v);
}

// The contenders that enforce the stream's own chain of steps (not a campaign's order).
using MakeReplayer = std::unique_ptr<Replayer> (*)();
const MakeReplayer kChainContenders[] = {
    &make_raw_replayer,
    [] { return make_msm_replayer(MsmConfig::kLean); },
    [] { return make_msm_replayer(MsmConfig::kDefault); },
    // On time and meeting every bound, its completions follow the chain alone.
    &make_msm_checked_replayer,
};

}  // namespace

TEST_CASE("contenders: a step is accepted only after all earlier ones, and only once") {
  auto ev = [](std::uint32_t m, std::uint32_t s) { return m << 3 | s; };
  const std::vector<std::uint32_t> events = {
      ev(0, 0), ev(0, 1), ev(0, 2), ev(0, 3), ev(0, 4), ev(0, 5),  // 6 accepted
      ev(1, 1),                                                    // refused: 0 not done
      ev(1, 0), ev(1, 0),                                          // accepted, refused (again)
      ev(1, 2),                                                    // refused: 1 not done
      ev(1, 1), ev(1, 2),                                          // accepted, accepted
      ev(2, 5),                                                    // refused
      ev(3, 0), ev(3, 1), ev(3, 2), ev(3, 3), ev(3, 4), ev(3, 5), ev(3, 5),  // 6, then refused
  };
  const StreamView v = view_of(events, 4, 6);
  for (auto make : kChainContenders) {
    auto r = make();
    CAPTURE(r->name());
    const ReplayCounts c = replay_once(*r, v);
    CHECK(c.accepted == 6 + 3 + 6);
    CHECK(c.refused == 1 + 1 + 1 + 1 + 1);
  }
}

TEST_CASE("contenders: on generated streams both agree with the generator's counts") {
  for (std::uint64_t seed : {1ull, 2ull, 12345ull}) {
    const Stream s =
        generate_stream({.members = 4000, .steps = 6, .seed = seed, .out_of_order_ppm = 400'000});
    const StreamView v = view_of(s.events, s.header.members, 6);
    for (auto make : kChainContenders) {
      auto r = make();
      CAPTURE(r->name());
      CAPTURE(seed);
      const ReplayCounts c = replay_once(*r, v);
      CHECK(c.accepted == s.header.expected_accepted);
      CHECK(c.refused == s.header.expected_refused);
    }
  }
}

TEST_CASE("contenders: the raw loop handles any step count up to 64") {
  for (std::uint32_t k : {1u, 2u, 7u, 64u}) {
    const Stream s =
        generate_stream({.members = 500, .steps = k, .seed = k, .out_of_order_ppm = 500'000});
    auto r = make_raw_replayer();
    const ReplayCounts c = replay_once(*r, view_of(s.events, s.header.members, k));
    CAPTURE(k);
    CHECK(c.accepted == s.header.expected_accepted);
    CHECK(c.refused == s.header.expected_refused);
  }
}

TEST_CASE("contenders: the MSM machine has six steps and says so for other streams") {
  const Stream s = generate_stream({.members = 5, .steps = 7, .seed = 1, .out_of_order_ppm = 0});
  auto r = make_msm_replayer(MsmConfig::kLean);
  CHECK_THROWS_WITH_AS(r->prepare(view_of(s.events, 5, 7)),
                       doctest::Contains("has its 6 steps compiled in; the stream has 7"),
                       std::invalid_argument);
}

TEST_CASE("contenders: every pass starts from fresh state, so repeated passes count the same") {
  const Stream s =
      generate_stream({.members = 1000, .steps = 6, .seed = 8, .out_of_order_ppm = 200'000});
  auto r = make_msm_replayer(MsmConfig::kDefault);
  const Measurement m = measure(*r, view_of(s.events, 1000, 6), 3);
  CHECK(m.repetitions == 3);
  CHECK(m.counts.accepted == s.header.expected_accepted);
  CHECK(m.best_seconds >= 0);
}

TEST_CASE("harness: a contender whose passes disagree fails the measurement") {
  // Forgets to reset its state, so the second pass refuses everything the first accepted.
  struct Forgetful : Replayer {
    std::vector<std::uint8_t> seen;
    const char* name() const override { return "forgetful"; }
    void prepare(const StreamView& v) override { seen.resize(v.count); }
    ReplayCounts replay(const StreamView& v) override {
      ReplayCounts c;
      for (std::size_t i = 0; i < v.count; ++i) (seen[i]++ ? c.refused : c.accepted) += 1;
      return c;
    }
    std::size_t state_bytes_per_member() const override { return 1; }
  } forgetful;
  const Stream s = generate_stream({.members = 10, .steps = 6, .seed = 1, .out_of_order_ppm = 0});
  CHECK_THROWS_WITH_AS(measure(forgetful, view_of(s.events, 10, 6), 2),
                       doctest::Contains("pass 2 accepted 0 and refused 60"), std::runtime_error);
  CHECK(peak_rss_bytes() > 0);
}
