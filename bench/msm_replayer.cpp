// Contender (c): one Boost.MSM state machine object per member, as a team would write it with
// MSM alone. The member's six steps are the machine's states (Done<n>: n steps done); a completion
// event carries its step, and each row's guard lets it through only when it is the next step. An
// event no row takes is refused: process_event then returns something other than HANDLED_TRUE.
//
// Two configurations of the same machine: "msm", the leanest MSM offers (no event queue, no
// exception handling), which the engine's performance goals compare with; and "msm-default", MSM's
// default (events raised inside an action are queued, exceptions from actions are caught), which is
// what a team gets when it does not turn those off, shown beside it for comparison.
//
// C++17 translation unit: Boost 1.74's MSM does not compile as C++20 (design.md).
#define BOOST_BIND_GLOBAL_PLACEHOLDERS
#define BOOST_ALLOW_DEPRECATED_HEADERS
#include <boost/msm/back/state_machine.hpp>
#include <boost/msm/front/functor_row.hpp>
#include <boost/msm/front/state_machine_def.hpp>
#include <vector>

#include "bench/msm_machines.h"

namespace lockstep::bench {
namespace {

namespace msm = boost::msm;
namespace mpl = boost::mpl;

constexpr std::uint32_t kSteps = kMsmSteps;

// The event: a member completed `step`.
struct Complete {
  std::uint32_t step;
};

// The front end: states, guards and the transition table. The lean configuration's switches are
// in LeanFront below.
template <class Derived>
struct MemberFront : msm::front::state_machine_def<Derived> {
  // Done<n>: the member has completed steps 0..n-1.
  template <int N>
  struct Done : msm::front::state<> {};

  // Lets a completion through only when it is step N, the next one.
  template <int N>
  struct IsStep {
    template <class Event, class Fsm, class Source, class Target>
    bool operator()(const Event& e, Fsm&, Source&, Target&) const {
      return e.step == N;
    }
  };

  using initial_state = Done<0>;
  using none = msm::front::none;
  template <class S, class E, class T, class A, class G>
  using Row = msm::front::Row<S, E, T, A, G>;

  // clang-format off
  struct transition_table : mpl::vector<
    //   from     event     to       action guard
    Row<Done<0>, Complete, Done<1>, none, IsStep<0>>,
    Row<Done<1>, Complete, Done<2>, none, IsStep<1>>,
    Row<Done<2>, Complete, Done<3>, none, IsStep<2>>,
    Row<Done<3>, Complete, Done<4>, none, IsStep<3>>,
    Row<Done<4>, Complete, Done<5>, none, IsStep<4>>,
    Row<Done<5>, Complete, Done<6>, none, IsStep<5>>
  > {};
  // clang-format on

  // A refused completion is an expected outcome, counted by the caller from process_event's
  // result; the default handler would assert.
  template <class Fsm, class Event>
  void no_transition(const Event&, Fsm&, int) {}
};

struct DefaultFront : MemberFront<DefaultFront> {};

// No queues and no exceptions: the leanest machine MSM offers, so the figure is MSM's best.
struct LeanFront : MemberFront<LeanFront> {
  using no_exception_thrown = int;
  using no_message_queue = int;
};

template <class Front>
class MsmReplayer final : public Replayer {
 public:
  using MemberMachine = msm::back::state_machine<Front>;

  explicit MsmReplayer(const char* name) : name_(name) {}

  const char* name() const override { return name_; }

  void prepare(const StreamView& stream) override { start_msm_machines(machines_, stream); }

  ReplayCounts replay(const StreamView& stream) override {
    std::uint64_t accepted = 0;
    for (std::size_t i = 0; i < stream.count; ++i) {
      const std::uint32_t event = stream.events[i];
      MemberMachine& machine = machines_[stream.member_of(event)];
      if (machine.process_event(Complete{stream.step_of(event)}) == msm::back::HANDLED_TRUE)
        ++accepted;
    }
    return {accepted, stream.count - accepted};
  }

  std::size_t state_bytes_per_member() const override { return sizeof(MemberMachine); }

 private:
  const char* name_;
  std::vector<MemberMachine> machines_;
};

}  // namespace

std::unique_ptr<Replayer> make_msm_replayer(MsmConfig config) {
  if (config == MsmConfig::kDefault)
    return std::make_unique<MsmReplayer<DefaultFront>>("msm-default");
  return std::make_unique<MsmReplayer<LeanFront>>("msm");
}

}  // namespace lockstep::bench
