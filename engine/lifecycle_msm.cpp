// The lifecycles as Boost.MSM state machines: the single source of truth for which transitions
// exist. Compiled as C++17 in its own object library (Boost 1.74's MSM does not build as C++20
// with GCC 12); nothing of Boost leaves this file.
//
// The engine never runs these machines per event: a national campaign has two billion step
// instances and an MSM object per instance would cost more memory than the whole state budget.
// Instead lifecycle_tables() explores each machine once — from its initial state, trying every
// event from every state reached — and records the outcome of every (state, event) pair in a
// dense byte table.
#define BOOST_BIND_GLOBAL_PLACEHOLDERS
#define BOOST_ALLOW_DEPRECATED_HEADERS
#ifndef BOOST_MPL_LIMIT_VECTOR_SIZE
#define BOOST_MPL_CFG_NO_PREPROCESSED_HEADERS
#define BOOST_MPL_LIMIT_VECTOR_SIZE 30
#define BOOST_MPL_LIMIT_MAP_SIZE 30
#endif
#include <boost/msm/back/state_machine.hpp>
#include <boost/msm/front/state_machine_def.hpp>

#include <array>
#include <deque>

#include "engine/lifecycle.h"

namespace msm = boost::msm;
namespace mpl = boost::mpl;

namespace lockstep::engine {
namespace {

// A state that records its own id in the machine when entered, so that the state after any event
// can be read back without relying on MSM's internal numbering.
template <typename Id, Id kId>
struct Tracked : msm::front::state<> {
  template <class Event, class Fsm>
  void on_entry(const Event&, Fsm& fsm) {
    fsm.current = static_cast<std::uint8_t>(kId);
  }
};

// ---- The step instance -------------------------------------------------------------------------

namespace step {
struct Unlock {};
struct CompleteOnTime {};
struct CompleteLate {};
struct Repetition {};
struct DeadlinePassed {};
struct Excuse {};
struct Revise {};

struct Locked : Tracked<StepState, StepState::kLocked> {};
struct Ready : Tracked<StepState, StepState::kReady> {};
struct Done : Tracked<StepState, StepState::kDone> {};
struct DoneLate : Tracked<StepState, StepState::kDoneLate> {};
struct Overdue : Tracked<StepState, StepState::kOverdue> {};
struct Excused : Tracked<StepState, StepState::kExcused> {};
struct Reopened : Tracked<StepState, StepState::kReopened> {};

struct Lifecycle_ : msm::front::state_machine_def<Lifecycle_> {
  using initial_state = Locked;
  std::uint8_t current = 0;
  bool rejected = false;

  // clang-format off
  struct transition_table : mpl::vector<
      //    from       event            to
      _row< Locked,    Unlock,          Ready    >,
      // Accepted while a prerequisite is unmet: only in audit mode, recorded as out of order.
      _row< Locked,    CompleteOnTime,  Done     >,
      _row< Locked,    CompleteLate,    DoneLate >,
      _row< Locked,    Repetition,      Locked   >,
      _row< Locked,    DeadlinePassed,  Overdue  >,
      _row< Locked,    Excuse,          Excused  >,

      _row< Ready,     CompleteOnTime,  Done     >,
      _row< Ready,     CompleteLate,    DoneLate >,
      _row< Ready,     Repetition,      Ready    >,
      _row< Ready,     DeadlinePassed,  Overdue  >,
      _row< Ready,     Excuse,          Excused  >,

      // Past its deadline a step can only be done late.
      _row< Overdue,   CompleteLate,    DoneLate >,
      _row< Overdue,   Repetition,      Overdue  >,
      _row< Overdue,   Excuse,          Excused  >,

      _row< Done,      Revise,          Reopened >,
      _row< DoneLate,  Revise,          Reopened >,

      // An excused member who comes back and does the step after all.
      _row< Excused,   CompleteOnTime,  Done     >,
      _row< Excused,   CompleteLate,    DoneLate >,
      _row< Excused,   Repetition,      Excused  >,

      // A revision has no deadline of its own: the engine sends CompleteOnTime.
      _row< Reopened,  CompleteOnTime,  Done     >,
      _row< Reopened,  Excuse,          Excused  >
  > {};
  // clang-format on

  template <class Fsm, class Event>
  void no_transition(const Event&, Fsm&, int) {
    rejected = true;
  }
};
using Machine = msm::back::state_machine<Lifecycle_>;

// Feeds one event; returns the state after it, or kNoTransition.
std::uint8_t feed(Machine& m, StepEvent e) {
  m.rejected = false;
  switch (e) {
    case StepEvent::kUnlock:
      m.process_event(Unlock{});
      break;
    case StepEvent::kCompleteOnTime:
      m.process_event(CompleteOnTime{});
      break;
    case StepEvent::kCompleteLate:
      m.process_event(CompleteLate{});
      break;
    case StepEvent::kRepetition:
      m.process_event(Repetition{});
      break;
    case StepEvent::kDeadlinePassed:
      m.process_event(DeadlinePassed{});
      break;
    case StepEvent::kExcuse:
      m.process_event(Excuse{});
      break;
    case StepEvent::kRevise:
      m.process_event(Revise{});
      break;
  }
  return m.rejected ? kNoTransition : m.current;
}
}  // namespace step

// ---- The phase of an organization --------------------------------------------------------------

namespace phase {
struct WindowOpens {};
struct StepsDone {};
struct StepReopened {};
struct Approve {};
struct WindowEnds {};

struct Pending : Tracked<PhaseState, PhaseState::kPending> {};
struct Open : Tracked<PhaseState, PhaseState::kOpen> {};
struct AwaitingGate : Tracked<PhaseState, PhaseState::kAwaitingGate> {};
struct Closed : Tracked<PhaseState, PhaseState::kClosed> {};

struct Lifecycle_ : msm::front::state_machine_def<Lifecycle_> {
  using initial_state = Pending;
  std::uint8_t current = 0;
  bool rejected = false;

  // clang-format off
  struct transition_table : mpl::vector<
      //    from          event          to
      _row< Pending,      WindowOpens,   Open         >,
      _row< Open,         StepsDone,     AwaitingGate >,
      // Approved with required steps open: only in audit mode, recorded as a violation.
      _row< Open,         Approve,       Closed       >,
      // The window ended first: closed with steps open, recorded as a violation.
      _row< Open,         WindowEnds,    Closed       >,
      _row< AwaitingGate, StepReopened,  Open         >,
      _row< AwaitingGate, Approve,       Closed       >,
      // The window ended before the gate was approved: closed without its gate.
      _row< AwaitingGate, WindowEnds,    Closed       >
  > {};
  // clang-format on

  template <class Fsm, class Event>
  void no_transition(const Event&, Fsm&, int) {
    rejected = true;
  }
};
using Machine = msm::back::state_machine<Lifecycle_>;

std::uint8_t feed(Machine& m, PhaseEvent e) {
  m.rejected = false;
  switch (e) {
    case PhaseEvent::kWindowOpens:
      m.process_event(WindowOpens{});
      break;
    case PhaseEvent::kStepsDone:
      m.process_event(StepsDone{});
      break;
    case PhaseEvent::kStepReopened:
      m.process_event(StepReopened{});
      break;
    case PhaseEvent::kApprove:
      m.process_event(Approve{});
      break;
    case PhaseEvent::kWindowEnds:
      m.process_event(WindowEnds{});
      break;
  }
  return m.rejected ? kNoTransition : m.current;
}
}  // namespace phase

template <typename Machine, typename Event>
std::vector<std::uint8_t> run(const std::vector<Event>& events) {
  Machine m;
  m.start();
  std::vector<std::uint8_t> after;
  after.reserve(events.size());
  for (Event e : events) after.push_back(feed(m, e));
  return after;
}

// Breadth-first exploration of a machine: a shortest path of events reaching each state, then the
// outcome of every event from every reached state, each on a fresh machine replaying the path.
// Returns whether every state was reached; unreached rows stay kNoTransition.
template <typename Machine, typename Event, int kStates, int kEvents>
bool derive(std::uint8_t (&table)[kStates][kEvents]) {
  for (auto& row : table)
    for (auto& cell : row) cell = kNoTransition;
  std::array<std::vector<Event>, kStates> path;
  std::array<bool, kStates> reached{};
  Machine initial;
  initial.start();
  reached[initial.current] = true;
  std::deque<std::uint8_t> frontier{initial.current};
  while (!frontier.empty()) {
    std::uint8_t s = frontier.front();
    frontier.pop_front();
    for (int e = 0; e < kEvents; ++e) {
      std::vector<Event> events = path[s];
      events.push_back(static_cast<Event>(e));
      std::uint8_t next = run<Machine>(events).back();
      table[s][e] = next;
      if (next != kNoTransition && !reached[next]) {
        reached[next] = true;
        path[next] = events;
        frontier.push_back(next);
      }
    }
  }
  for (bool r : reached)
    if (!r) return false;
  return true;
}

LifecycleTables derive_all() {
  LifecycleTables t{};
  t.every_step_state_reachable =
      derive<step::Machine, StepEvent, kStepStateCount, kStepEventCount>(t.step);
  t.every_phase_state_reachable =
      derive<phase::Machine, PhaseEvent, kPhaseStateCount, kPhaseEventCount>(t.phase);
  return t;
}

}  // namespace

const LifecycleTables& lifecycle_tables() {
  static const LifecycleTables tables = derive_all();
  return tables;
}

std::vector<std::uint8_t> run_step_machine(const std::vector<StepEvent>& events) {
  return run<step::Machine>(events);
}

std::vector<std::uint8_t> run_phase_machine(const std::vector<PhaseEvent>& events) {
  return run<phase::Machine>(events);
}

}  // namespace lockstep::engine
