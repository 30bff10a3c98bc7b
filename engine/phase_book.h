// The phase lifecycle of each grassroots organization (docs/semantics.md, "Lifecycle of a phase of
// an organization"): per organization and phase, its lifecycle byte and how many of its required
// step instances are open. Its window opens, its required steps get done (or reopened), its gate
// is approved, its window ends.
//
// Invariants kept by every operation:
//   - open_required[o][p] counts the required instances of phase p's steps in organization o
//     (units and responsible members) that apply and are not satisfied;
//   - a phase byte moves only through the phase lifecycle table;
//   - an organization's phase that is open has open_required > 0, one awaiting its gate has
//     open_required == 0 (reacts() keeps them in step; a saved state is refused otherwise), so
//     completing an open step never finds its phase awaiting its gate. The member kernel relies on
//     it: only a count reaching zero can make a phase react.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "engine/context.h"
#include "engine/huge_pages.h"
#include "engine/lifecycle.h"
#include "lockstep/engine.h"

namespace lockstep::engine {

inline constexpr auto kAwaitingGateByte = static_cast<std::uint8_t>(PhaseState::kAwaitingGate);

class InstanceTable;

class PhaseBook {
 public:
  // The kernel's stand-in for an organization's row of open required counts, for members whose
  // branch is under none (the top's own): it decrements a row for every member rather than test
  // for one. Its values count nothing; one that reaches zero is set back to kUnorganizedHigh.
  static constexpr std::uint32_t kUnorganizedHigh = std::uint32_t{1} << 31;

  // Every phase pending; the open counts from the instances that apply (all open at first).
  void initialize(const Context& c, const InstanceTable& instances);

  // Takes the rows of `loaded` (a saved state, checked).
  void adopt_rows(PhaseBook&& loaded);

  PhaseState state(const Context& c, UnitId o, PhaseId p) const {
    return static_cast<PhaseState>(phase_state[o * c.phases + p]);
  }

  // Moves o's phase p by `e`; false (and nothing changes) when the lifecycle has no transition.
  bool event(const Context& c, UnitId o, PhaseId p, PhaseEvent e);

  // A required instance of phase p in organization o (kNoUnit: none) became satisfied or not.
  void count_changed(const Context& c, UnitId o, PhaseId p, bool now_satisfied) {
    if (o == kNoUnit) return;
    std::uint32_t& open = open_required[o * c.phases + p];
    open = now_satisfied ? open - 1 : open + 1;
    open_count_changed(c, o, p);
  }
  // The phase reacts only when its open count reaches zero or leaves it: checked here, inline,
  // since a completion changes the count every time and the phase almost never.
  void open_count_changed(const Context& c, UnitId o, PhaseId p) {
    const std::size_t i = o * c.phases + p;
    if (may_react(open_required[i], phase_state[i])) reacts(c, o, p);
  }
  // Keeps the phase byte in step with its count (the invariant above).
  void reacts(const Context& c, UnitId o, PhaseId p);

  void window_opens(const Context& c, UnitId o, PhaseId p) {
    if (event(c, o, p, PhaseEvent::kWindowOpens)) open_count_changed(c, o, p);
  }
  // Closes the phase as its window's binding end passes on `day`, recording what it closes
  // without (required).
  void window_ends(const Context& c, UnitId o, PhaseId p, DayNumber day,
                   std::vector<Violation>& out);
  // An advisory window's end passed on `day`: records as advisory what window_ends() would record
  // as required; the phase stays as it is until its binding end.
  void reference_window_ends(const Context& c, UnitId o, PhaseId p, DayNumber day,
                             std::vector<Violation>& out) const;

  // An approval of a gate: kNone when accepted (a violation in `out` in audit mode when steps are
  // open), else why not; `expected_approver` is set for kWrongApprover.
  RefusalKind approve(const Context& c, const Event& e, Mode mode, std::vector<Violation>& out,
                      std::uint32_t& expected_approver);

  // The required steps of o's phase p still open, with how many instances each.
  void list_open_steps(const Context& c, const InstanceTable& instances, UnitId o, PhaseId p,
                       std::vector<std::pair<StepId, std::uint32_t>>& out) const;

  RosterVector<std::uint8_t> phase_state;           // [o * phases + p], organizations only
  RosterVector<std::uint32_t> open_required;        // [o * phases + p]
  std::vector<std::uint32_t> unorganized_required;  // the kernel's stand-in row, by phase

 private:
  // Whether a phase whose required count is now `open` may change state: it reaches zero, or the
  // phase awaits its gate (which a reopened step takes back).
  static bool may_react(std::uint32_t open, std::uint8_t state) {
    return open == 0 || state == kAwaitingGateByte;
  }
  // What an open or gated phase lacks when a window's end passes (`binding_end`: the violations'
  // `expected`, 0 for the binding end itself); false when it lacks nothing (pending or closed).
  bool record_lacking(const Context& c, UnitId o, PhaseId p, DayNumber day, Severity severity,
                      const SourceSpan& window, DayNumber binding_end,
                      std::vector<Violation>& out) const;
};

}  // namespace lockstep::engine
