// A contender of the benchmark: something that replays the stream (stream.h) under the ordering
// rule and counts what it accepted and what it refused.
//
// The harness (contender.h) calls prepare() before every timed pass, untimed, then replay() once,
// timed. prepare() builds fresh state for every member of the stream, as a real run would have
// after loading the roster; replay() only processes events. The view's events are already checked:
// every member < members, every step < steps, member-ordered. One virtual call per pass, none per
// event. Plain C++17, no Boost or other library types, so that C++17 translation units (Boost.MSM)
// can implement it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace lockstep::bench {

// A checked stream as the contenders see it: event = member << step_bits | step.
struct StreamView {
  const std::uint32_t* events = nullptr;
  std::size_t count = 0;
  std::uint64_t members = 0;
  std::uint32_t steps = 0;
  std::uint32_t step_bits = 0;

  std::uint32_t member_of(std::uint32_t event) const { return event >> step_bits; }
  std::uint32_t step_of(std::uint32_t event) const {
    return event & ((std::uint32_t{1} << step_bits) - 1);
  }
};

struct ReplayCounts {
  std::uint64_t accepted = 0;
  std::uint64_t refused = 0;
};

class Replayer {
 public:
  virtual ~Replayer() = default;

  // Short name used in the runner's table and JSON: "raw", "msm", "engine".
  virtual const char* name() const = 0;

  // Fresh state for the stream's members. Throws std::invalid_argument with one sentence when this
  // contender cannot replay such a stream (the MSM one has its six steps compiled in).
  virtual void prepare(const StreamView& stream) = 0;

  // Processes every event in order; the counts of this pass only.
  virtual ReplayCounts replay(const StreamView& stream) = 0;

  // Bytes of state held per member after prepare(), for the report.
  virtual std::size_t state_bytes_per_member() const = 0;
};

// Contender (d): a state byte and a completion bitmask per member, the practical limit.
std::unique_ptr<Replayer> make_raw_replayer();

// How the engine contender hands events to the engine: Engine::apply(span) on blocks of events
// (the call for a stream), or Engine::apply(event) once per event.
enum class EngineCall { kBatch, kEach };

// Contender (a): Lockstep's engine over the campaign of `rules_path` (engine_replayer.cpp).
// Throws std::invalid_argument when the rules do not compile or lack the six steps it replays.
std::unique_ptr<Replayer> make_engine_replayer(const std::string& rules_path, EngineCall call);

// Contender (c): one Boost.MSM state machine object per member, in MSM's leanest configuration
// ("msm") or its default one ("msm-default"; msm_replayer.cpp says what differs).
enum class MsmConfig { kLean, kDefault };
std::unique_ptr<Replayer> make_msm_replayer(MsmConfig config);

// For comparison with (c): the same machine, in the lean configuration, with the engine's checks
// and counts ("msm-checked", msm_checked_replayer.cpp).
std::unique_ptr<Replayer> make_msm_checked_replayer();

}  // namespace lockstep::bench
