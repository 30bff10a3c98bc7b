// The phase lifecycle of each grassroots organization; see phase_book.h. Every change goes through
// the dense phase table derived from the MSM machine.
#include "engine/phase_book.h"

#include "engine/instance_table.h"

namespace lockstep::engine {

namespace {
constexpr auto kOpen = static_cast<std::uint8_t>(PhaseState::kOpen);
constexpr auto kAwaiting = kAwaitingGateByte;
constexpr auto kClosed = static_cast<std::uint8_t>(PhaseState::kClosed);
constexpr auto kPending = static_cast<std::uint8_t>(PhaseState::kPending);
}  // namespace

void PhaseBook::initialize(const Context& c, const InstanceTable& instances) {
  const std::size_t units = c.org->units.size();
  phase_state.assign(units * c.phases, kPending);
  open_required.assign(units * c.phases, 0);
  unorganized_required.assign(c.phases, kUnorganizedHigh);
  // At first every instance that applies is open: a branch's members count through its open
  // member counts, without a walk of the members.
  for (UnitId b = 0; b < units; ++b) {
    const UnitId o = c.topology.organization[b];
    if (o == kNoUnit) continue;
    for (std::uint16_t k = 0; k < c.member_slots; ++k) {
      const StepPlan& sp = c.plan.steps[c.plan.member_steps[k]];
      if (sp.required) open_required[o * c.phases + sp.phase] += instances.open_members_of(b, k);
    }
  }
  for (UnitId u = 0; u < units; ++u) {
    const UnitId o = c.topology.organization[u];
    if (o == kNoUnit) continue;
    for (std::uint16_t k = 0; k < c.unit_slots; ++k) {
      const StepPlan& sp = c.plan.steps[c.plan.unit_steps[k]];
      if (sp.required && instances.unit_step_byte(u, k) != kNotApplicable)
        ++open_required[o * c.phases + sp.phase];
    }
  }
}

void PhaseBook::adopt_rows(PhaseBook&& loaded) {
  phase_state = std::move(loaded.phase_state);
  open_required = std::move(loaded.open_required);
}

bool PhaseBook::event(const Context& c, UnitId o, PhaseId p, PhaseEvent e) {
  std::uint8_t& byte = phase_state[o * c.phases + p];
  const std::uint8_t next = c.tables.phase[byte][static_cast<int>(e)];
  if (next == kNoTransition) return false;
  byte = next;
  return true;
}

// A phase without a gate needs no approval: it closes as soon as its last required step is done.
void PhaseBook::reacts(const Context& c, UnitId o, PhaseId p) {
  const std::uint8_t state = phase_state[o * c.phases + p];
  const std::uint32_t open = open_required[o * c.phases + p];
  if (open == 0 && state == kOpen) {
    event(c, o, p, PhaseEvent::kStepsDone);
    if (!c.model->phases[p].gate) event(c, o, p, PhaseEvent::kApprove);
  } else if (open > 0 && state == kAwaiting) {
    event(c, o, p, PhaseEvent::kStepReopened);
  }
}

bool PhaseBook::record_lacking(const Context& c, UnitId o, PhaseId p, DayNumber day,
                               Severity severity, const SourceSpan& window, DayNumber binding_end,
                               std::vector<Violation>& out) const {
  const std::uint8_t state = phase_state[o * c.phases + p];
  if (state != kOpen && state != kAwaiting) return false;
  const Phase& phase = c.model->phases[p];
  Violation v;
  v.unit = o;
  v.phase = p;
  v.day = day;
  v.severity = severity;
  v.expected = binding_end;
  if (state == kOpen) {
    v.kind = ViolationKind::kPhaseClosedStepsOpen;
    v.rule = window;
    v.actual = open_required[o * c.phases + p];
    out.push_back(v);
  }
  if (phase.gate) {
    v.kind = ViolationKind::kPhaseClosedWithoutGate;
    v.rule = phase.gate->where;
    v.actual = 0;
    out.push_back(v);
  }
  return true;
}

// The window cited is the one whose end binds: the phase's own, or for an advisory window the last
// advisory window of the org type, which ends the period.
void PhaseBook::window_ends(const Context& c, UnitId o, PhaseId p, DayNumber day,
                            std::vector<Violation>& out) {
  const std::size_t w = p * c.schedule.org_types + c.type_of_unit(o);
  if (record_lacking(c, o, p, day, Severity::kRequired, c.schedule.binding_rule[w], 0, out))
    event(c, o, p, PhaseEvent::kWindowEnds);
}

void PhaseBook::reference_window_ends(const Context& c, UnitId o, PhaseId p, DayNumber day,
                                      std::vector<Violation>& out) const {
  const std::size_t w = p * c.schedule.org_types + c.type_of_unit(o);
  record_lacking(c, o, p, day, Severity::kAdvisory, c.schedule.window_rule[w],
                 c.schedule.binding_end[w], out);
}

void PhaseBook::list_open_steps(const Context& c, const InstanceTable& instances, UnitId o,
                                PhaseId p,
                                std::vector<std::pair<StepId, std::uint32_t>>& out) const {
  const Phase& phase = c.model->phases[p];
  for (StepId s = phase.first_step; s < phase.first_step + phase.step_count; ++s) {
    const StepPlan& sp = c.plan.steps[s];
    if (!sp.required) continue;
    std::uint32_t open = 0;
    for (const UnitId* w = c.topology.subtree_begin(o); w != c.topology.subtree_finish(o); ++w) {
      if (sp.by_member) {
        open += instances.open_members_of(*w, sp.slot);
      } else {
        open += !is_satisfied(instances.unit_step_byte(*w, sp.slot));
      }
    }
    if (open > 0) out.emplace_back(s, open);
  }
}

RefusalKind PhaseBook::approve(const Context& c, const Event& e, Mode mode,
                               std::vector<Violation>& out, std::uint32_t& expected_approver) {
  if (e.actor_kind != ActorKind::kUnit) return RefusalKind::kWrongActorKind;
  if (e.phase >= c.phases || e.actor >= c.org->units.size()) return RefusalKind::kUnknownId;
  const UnitId o = e.actor;
  const Phase& phase = c.model->phases[e.phase];
  if (o == 0 || c.org->units[o].parent != 0 || !phase.gate) return RefusalKind::kNotApplicable;
  std::uint32_t expected = 0;
  bool any_approver = false;
  if (phase.gate->approver == Gate::Approver::kSupervisionGroup) {
    // When no group oversees the organization, the roster cannot say who approves: the engine
    // takes the application's word for it (a township without groups has its committee approve).
    any_approver = c.topology.overseer[o] == kNoGroup;
    expected = c.topology.overseer[o];
  } else {
    expected = c.org->units[o].parent;
  }
  if (!any_approver && e.approver != expected) {
    expected_approver = expected;
    return RefusalKind::kWrongApprover;
  }
  const std::uint8_t state = phase_state[o * c.phases + e.phase];
  if (state == kClosed) return RefusalKind::kDuplicate;
  if (state == kPending) return RefusalKind::kPhaseNotOpen;
  if (state == kOpen) {
    if (mode == Mode::kEnforce) return RefusalKind::kGateStepsOpen;
    Violation v;
    v.kind = ViolationKind::kPhaseClosedStepsOpen;
    v.severity = Severity::kRequired;
    v.unit = o;
    v.phase = e.phase;
    v.day = e.day;
    v.rule = phase.gate->where;
    v.actual = open_required[o * c.phases + e.phase];
    out.push_back(v);
  }
  event(c, o, e.phase, PhaseEvent::kApprove);
  return RefusalKind::kNone;
}

}  // namespace lockstep::engine
