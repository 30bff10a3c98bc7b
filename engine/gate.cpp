// The phase lifecycle of each grassroots organization: its window opens, its required steps get
// done (or reopened), its gate is approved, its window ends. Every change goes through the dense
// phase table derived from the MSM machine.
#include "engine/engine_impl.h"

namespace lockstep {

using namespace engine;

namespace {
constexpr auto kOpen = static_cast<std::uint8_t>(PhaseState::kOpen);
constexpr auto kAwaiting = static_cast<std::uint8_t>(PhaseState::kAwaitingGate);
constexpr auto kClosed = static_cast<std::uint8_t>(PhaseState::kClosed);
constexpr auto kPending = static_cast<std::uint8_t>(PhaseState::kPending);
}  // namespace

bool Engine::Impl::phase_event(UnitId o, PhaseId p, PhaseEvent e) {
  std::uint8_t& byte = st.phase_state[o * phases + p];
  const std::uint8_t next = tables.phase[byte][static_cast<int>(e)];
  if (next == kNoTransition) return false;
  byte = next;
  return true;
}

// Keeps the phase byte in step with its count of open required instances. A phase without a gate
// needs no approval: it closes as soon as its last required step is done.
void Engine::Impl::phase_reacts(UnitId o, PhaseId p) {
  const std::uint8_t state = st.phase_state[o * phases + p];
  const std::uint32_t open = st.open_required[o * phases + p];
  if (open == 0 && state == kOpen) {
    phase_event(o, p, PhaseEvent::kStepsDone);
    if (!model->phases[p].gate) phase_event(o, p, PhaseEvent::kApprove);
  } else if (open > 0 && state == kAwaiting) {
    phase_event(o, p, PhaseEvent::kStepReopened);
  }
}

void Engine::Impl::window_ends(UnitId o, PhaseId p, DayNumber day) {
  const std::uint8_t state = st.phase_state[o * phases + p];
  if (state != kOpen && state != kAwaiting) return;
  const Phase& phase = model->phases[p];
  Violation v;
  v.unit = o;
  v.phase = p;
  v.day = day;
  v.severity = Severity::kRequired;
  if (state == kOpen) {
    v.kind = ViolationKind::kPhaseClosedStepsOpen;
    v.rule = schedule.window_rule[p * schedule.org_types + type_of_unit(o)];
    v.actual = st.open_required[o * phases + p];
    record(v);
  }
  if (phase.gate) {
    v.kind = ViolationKind::kPhaseClosedWithoutGate;
    v.rule = phase.gate->where;
    v.actual = 0;
    record(v);
  }
  phase_event(o, p, PhaseEvent::kWindowEnds);
}

void Engine::Impl::list_open_steps(UnitId o, PhaseId p,
                                   std::vector<std::pair<StepId, std::uint32_t>>& out) const {
  const Phase& phase = model->phases[p];
  for (StepId s = phase.first_step; s < phase.first_step + phase.step_count; ++s) {
    const StepPlan& sp = plan.steps[s];
    if (!sp.required) continue;
    std::uint32_t open = 0;
    for (const UnitId* w = topology.subtree_begin(o); w != topology.subtree_finish(o); ++w) {
      if (sp.by_member) {
        open += st.open_members[*w * member_slots + sp.slot];
      } else {
        open += !is_satisfied(unit_step_byte(*w, sp.slot));
      }
    }
    if (open > 0) out.emplace_back(s, open);
  }
}

RefusalKind Engine::Impl::approve(const Event& e) {
  if (e.phase >= phases || e.actor >= org->units.size()) return refuse(e, RefusalKind::kUnknownId);
  const UnitId o = e.actor;
  const Phase& phase = model->phases[e.phase];
  if (o == 0 || org->units[o].parent != 0 || !phase.gate)
    return refuse(e, RefusalKind::kNotApplicable);
  std::uint32_t expected = 0;
  bool any_approver = false;
  if (phase.gate->approver == Gate::Approver::kSupervisionGroup) {
    // When no group oversees the organization, the roster cannot say who approves: the engine
    // takes the application's word for it (a township without groups has its committee approve).
    any_approver = topology.overseer[o] == kNoGroup;
    expected = topology.overseer[o];
  } else {
    expected = org->units[o].parent;
  }
  if (!any_approver && e.approver != expected) {
    const RefusalKind out = refuse(e, RefusalKind::kWrongApprover);
    refusal.expected_approver = expected;
    return out;
  }
  const std::uint8_t state = st.phase_state[o * phases + e.phase];
  if (state == kClosed) return refuse(e, RefusalKind::kDuplicate);
  if (state == kPending) return refuse(e, RefusalKind::kPhaseNotOpen);
  if (state == kOpen) {
    if (mode == Mode::kEnforce) {
      const RefusalKind out = refuse(e, RefusalKind::kGateStepsOpen);
      list_open_steps(o, e.phase, refusal.open_steps);
      return out;
    }
    Violation v;
    v.kind = ViolationKind::kPhaseClosedStepsOpen;
    v.severity = Severity::kRequired;
    v.unit = o;
    v.phase = e.phase;
    v.day = e.day;
    v.rule = phase.gate->where;
    v.actual = st.open_required[o * phases + e.phase];
    record(v);
  }
  phase_event(o, e.phase, PhaseEvent::kApprove);
  return RefusalKind::kNone;
}

}  // namespace lockstep
