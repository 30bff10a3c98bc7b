// "msm-checked", shown beside contender (c) for comparison: the Boost.MSM machine of
// msm_replayer.cpp given the checks and the counts the engine makes on the same completions, as a
// team would add them with MSM alone. Contender (c) only keeps the order of the six steps; the
// engine also checks each completion against the campaign and keeps the counts its reports and
// phases need. This contender does the same work in MSM's terms, so that the report can show what
// the engine's work costs an MSM machine, apart from what MSM itself costs.
//
// What each completion is checked against, as the engine checks seed 000's six member steps:
// - the order (the machine's states, as in contender (c));
// - its deadline (a day per step);
// - its evidence: each step's bounds on the four fields of an Evidence (analysis and feedback
//   require a written form and, for analysis, at least 1,500 characters);
// and what an accepted one records:
// - the day it was done, in the member's machine;
// - one less member of its branch with the step open;
// - one less open required step in the branch's phase, and the phase emptied when that reaches 0.
// That is less than the engine does: one deadline per step, where the engine's depends on the
// branch's org type and, for a `within`, on the day another unit did its step; no prerequisite on
// the branch's own steps (feedback waits for its branch's opinion); the same evidence bounds for
// every member, where the engine's depend on the member's categories. So its rate is the most an
// MSM machine doing the engine's work could reach, not what it would.
//
// Branches are runs of kMembersPerBranch consecutive members, the national average (about 19
// members a unit, roster.h), each its own organization. The bench's events all come on the same
// day with the same evidence, on time and meeting every bound (as the engine contender's do), so
// the counts are the stream's chain's, as contender (c)'s.
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
// Named, so that a unity build's merged anonymous namespace keeps it apart from msm_replayer.cpp.
namespace msm_checked {
namespace {

namespace msm = boost::msm;
namespace mpl = boost::mpl;

constexpr std::uint32_t kSteps = kMsmSteps;
constexpr std::uint32_t kMembersPerBranch = 19;

// The four fields of the engine's Evidence (lockstep/event.h).
struct Evidence {
  std::int32_t hours = -1;
  std::int32_t chars = -1;
  std::int32_t count = -1;
  std::uint8_t form = 0;
};

// A step's bounds on each field it names (bit f of `fields`), inclusive.
struct Bounds {
  std::uint8_t fields = 0;
  std::int32_t low[4] = {0, 0, 0, 0};
  std::int32_t high[4] = {0, 0, 0, 0};

  void bound(int field, std::int32_t at_least, std::int32_t at_most) {
    fields |= static_cast<std::uint8_t>(1u << field);
    low[field] = at_least;
    high[field] = at_most;
  }

  bool met_by(const Evidence& e) const {
    if (fields == 0) return true;  // most steps name none
    const std::int32_t value[4] = {e.hours, e.chars, e.count, e.form};
    for (int f = 0; f < 4; ++f)
      if ((fields >> f & 1) != 0 && (value[f] < low[f] || value[f] > high[f])) return false;
    return true;
  }
};

// The campaign's rules for the six steps, read by the guards.
struct Rules {
  std::int32_t due[kSteps] = {};
  Bounds bounds[kSteps];
  bool required[kSteps] = {};
};

// What the actions count, by branch.
struct Counts {
  std::vector<std::uint32_t> open_members;   // [branch * kSteps + step]
  std::vector<std::uint32_t> open_required;  // [branch]: its phase's open required steps
  std::uint64_t phases_emptied = 0;
};

// The event: a member of `branch` completed `step` on `day` with `evidence`. It carries the
// rules and the counts, so that a machine holds only its own member's state.
struct Complete {
  std::uint32_t step;
  std::uint32_t branch;
  std::int32_t day;
  Evidence evidence;
  const Rules* rules;
  Counts* counts;
};

struct CheckedFront : msm::front::state_machine_def<CheckedFront> {
  using no_exception_thrown = int;
  using no_message_queue = int;

  std::int32_t last_day = 0;  // the day of the member's last accepted completion

  // Done<n>: the member has completed steps 0..n-1.
  template <int N>
  struct Done : msm::front::state<> {};

  // Step N is the next one, on time, with evidence that meets its bounds.
  template <int N>
  struct Acceptable {
    template <class Fsm, class Source, class Target>
    bool operator()(const Complete& e, Fsm&, Source&, Target&) const {
      return e.step == N && e.day <= e.rules->due[N] && e.rules->bounds[N].met_by(e.evidence);
    }
  };

  template <int N>
  struct Record {
    template <class Fsm, class Source, class Target>
    void operator()(const Complete& e, Fsm& fsm, Source&, Target&) const {
      fsm.last_day = e.day;
      --e.counts->open_members[e.branch * kSteps + N];
      if (e.rules->required[N] && --e.counts->open_required[e.branch] == 0)
        ++e.counts->phases_emptied;
    }
  };

  using initial_state = Done<0>;
  template <int N>
  using Next = msm::front::Row<Done<N>, Complete, Done<N + 1>, Record<N>, Acceptable<N>>;

  struct transition_table : mpl::vector<Next<0>, Next<1>, Next<2>, Next<3>, Next<4>, Next<5>> {};

  // A refused completion is an expected outcome, counted from process_event's result.
  template <class Fsm, class Event>
  void no_transition(const Event&, Fsm&, int) {}
};

class MsmCheckedReplayer final : public Replayer {
 public:
  using MemberMachine = msm::back::state_machine<CheckedFront>;

  MsmCheckedReplayer() {
    // Seed 000's six steps on the day the bench's completions come: every deadline after it.
    constexpr std::uint8_t kWritten = 1;  // the form "written"
    for (std::uint32_t s = 0; s < kSteps; ++s) {
      rules_.due[s] = kDay + 30;
      rules_.required[s] = true;
    }
    constexpr int kChars = 1, kForm = 3;
    rules_.bounds[2].bound(kForm, kWritten, kWritten);  // analysis: form = written,
    rules_.bounds[2].bound(kChars, 1500, INT32_MAX);    // at least 1,500 characters
    rules_.bounds[3].bound(kForm, kWritten, kWritten);  // feedback: form = written
    evidence_.form = kWritten;
    evidence_.chars = 3000;
  }

  const char* name() const override { return "msm-checked"; }

  void prepare(const StreamView& stream) override {
    start_msm_machines(machines_, stream);
    const std::size_t branches = (stream.members + kMembersPerBranch - 1) / kMembersPerBranch;
    counts_.open_members.assign(branches * kSteps, 0);
    counts_.open_required.assign(branches, 0);
    counts_.phases_emptied = 0;
    for (std::uint64_t m = 0; m < stream.members; ++m) {
      const std::size_t b = m / kMembersPerBranch;
      for (std::uint32_t s = 0; s < kSteps; ++s) ++counts_.open_members[b * kSteps + s];
      counts_.open_required[b] += kSteps;
    }
  }

  ReplayCounts replay(const StreamView& stream) override {
    std::uint64_t accepted = 0;
    Complete event{0, 0, kDay, evidence_, &rules_, &counts_};
    for (std::size_t i = 0; i < stream.count; ++i) {
      const std::uint32_t word = stream.events[i];
      const std::uint32_t member = stream.member_of(word);
      event.step = stream.step_of(word);
      event.branch = member / kMembersPerBranch;
      if (machines_[member].process_event(event) == msm::back::HANDLED_TRUE) ++accepted;
    }
    return {accepted, stream.count - accepted};
  }

  // The machine, and the branches' counts shared among their members.
  std::size_t state_bytes_per_member() const override {
    if (machines_.empty()) return 0;
    const std::size_t counts =
        (counts_.open_members.size() + counts_.open_required.size()) * sizeof(std::uint32_t);
    return sizeof(MemberMachine) + (counts + machines_.size() / 2) / machines_.size();
  }

 private:
  static constexpr std::int32_t kDay = 100;

  Rules rules_;
  Evidence evidence_;
  Counts counts_;
  std::vector<MemberMachine> machines_;
};

}  // namespace
}  // namespace msm_checked

std::unique_ptr<Replayer> make_msm_checked_replayer() {
  return std::make_unique<msm_checked::MsmCheckedReplayer>();
}

}  // namespace lockstep::bench
