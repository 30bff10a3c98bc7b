// Contender (d), the practical limit: per member one byte of progress (its lifecycle state: how
// many steps it has done) and a 64-bit mask of completed steps, the compact layout the engine's
// hot path is meant to use (model.h allows up to 64 steps per member, hence 64 bits even for six).
//
// An event is accepted when the member has done every prerequisite of the step and not the step
// itself: one mask test against a table of prerequisite masks, as a rules-driven engine would do
// (here step s needs steps 0..s-1). The compiler turns the test into branches, which suits a
// stream where refusals are rare: predicted, they leave the mask's dependency chain a single
// `or` per event. A branch-free form (select by arithmetic) measured about half as fast here,
// since every update then waits for the whole test.
//
// The current member's state is kept in registers and written back when the member changes. In a
// member-ordered stream that turns six loads and stores of the same mask, each waiting for the
// previous store (store-to-load forwarding, several cycles each), into one load and one store per
// member; measured on this machine it about doubles the rate (docs/performance.md). The result
// is the same for a stream in any order, only slower.
#include <vector>

#include "bench/replayer.h"

namespace lockstep::bench {
namespace {

class RawReplayer final : public Replayer {
 public:
  const char* name() const override { return "raw"; }

  void prepare(const StreamView& stream) override {
    progress_.assign(stream.members, 0);
    done_.assign(stream.members, 0);
    needs_.assign(stream.steps, 0);
    for (std::uint32_t s = 0; s < stream.steps; ++s) needs_[s] = (std::uint64_t{1} << s) - 1;
  }

  ReplayCounts replay(const StreamView& stream) override {
    const std::uint32_t* events = stream.events;
    const std::size_t count = stream.count;
    const std::uint32_t shift = stream.step_bits;
    const std::uint32_t step_mask = (std::uint32_t{1} << shift) - 1;
    std::uint8_t* progress = progress_.data();
    std::uint64_t* done = done_.data();
    const std::uint64_t* needs = needs_.data();
    std::uint64_t accepted = 0;
    if (count == 0) return {};
    std::uint32_t current = events[0] >> shift;
    std::uint64_t mask = done[current];
    std::uint8_t steps_done = progress[current];
    for (std::size_t i = 0; i < count; ++i) {
      const std::uint32_t member = events[i] >> shift;
      const std::uint32_t step = events[i] & step_mask;
      if (member != current) {
        done[current] = mask;
        progress[current] = steps_done;
        current = member;
        mask = done[member];
        steps_done = progress[member];
      }
      const std::uint64_t bit = std::uint64_t{1} << step;
      const bool ok = (mask & needs[step]) == needs[step] && (mask & bit) == 0;
      mask |= ok ? bit : 0;
      steps_done += ok;
      accepted += ok;
    }
    done[current] = mask;
    progress[current] = steps_done;
    return {accepted, count - accepted};
  }

  std::size_t state_bytes_per_member() const override {
    return sizeof(std::uint8_t) + sizeof(std::uint64_t);
  }

 private:
  std::vector<std::uint8_t> progress_;
  std::vector<std::uint64_t> done_;
  std::vector<std::uint64_t> needs_;  // prerequisite mask of each step
};

}  // namespace

std::unique_ptr<Replayer> make_raw_replayer() {
  return std::make_unique<RawReplayer>();
}

}  // namespace lockstep::bench
