// Queries: statuses, roll-ups and the fingerprint, free functions over a const engine::EngineState.
// They read the compact state and build plain structs; none of them changes anything. A stored
// kLocked byte whose prerequisites are all met reads as kReady: unlocking is lazy, so that
// completing a step never has to visit the steps waiting on it.
#include <algorithm>
#include <tuple>

#include "engine/engine_impl.h"
#include "lockstep/civil_date.h"

namespace lockstep {

using namespace engine;

namespace {

bool is_next(StepState s) {
  return s == StepState::kReady || s == StepState::kOverdue || s == StepState::kReopened;
}

void sort_next(std::vector<StepStatus>& next) {
  std::sort(next.begin(), next.end(), [](const StepStatus& a, const StepStatus& b) {
    const DayNumber da = a.due.value_or(kMaxDay + 1), db = b.due.value_or(kMaxDay + 1);
    return da != db ? da < db : a.step < b.step;
  });
}

// FNV-1a, 64-bit: simple, stable across platforms and runs.
struct Hasher {
  std::uint64_t h = 1469598103934665603ull;
  void bytes(const void* p, std::size_t n) {
    const auto* b = static_cast<const unsigned char*>(p);
    for (std::size_t i = 0; i < n; ++i) h = (h ^ b[i]) * 1099511628211ull;
  }
  template <typename T>
  void value(T v) {
    bytes(&v, sizeof v);
  }
  template <typename T, typename A>
  void vec(const std::vector<T, A>& v) {
    value(v.size());
    if (!v.empty()) bytes(v.data(), v.size() * sizeof(T));
  }
};

using Impl = engine::EngineState;

StepState effective(const Impl& x, MemberId m, UnitId u, StepId s) {
  const StepPlan& sp = x.context.plan.steps[s];
  const std::uint8_t byte = m != kNoMember ? x.instances.member_step_byte(m, sp.slot)
                                           : x.instances.unit_step_byte(u, sp.slot);
  if (byte == kLockedByte && x.instances.prerequisites_met(x.context, m, u, s))
    return StepState::kReady;
  return static_cast<StepState>(byte);
}

StepStatus step_status(const Impl& x, MemberId m, UnitId u, StepId s) {
  const StepPlan& sp = x.context.plan.steps[s];
  StepStatus out;
  out.step = s;
  out.state = effective(x, m, u, s);
  out.due = x.deadlines().effective_due(m, u, s).day;
  const bool done = out.state == StepState::kDone || out.state == StepState::kDoneLate;
  if (m != kNoMember) {
    if (done && sp.day_slot != kNoSlot) out.done = x.instances.member_day_of(m, sp.day_slot);
    if (sp.rep_slot != kNoSlot)
      out.repetitions = x.instances.member_reps_of(m, sp.rep_slot);
    else
      out.repetitions = done ? 1 : 0;
  } else {
    if (done) out.done = x.instances.unit_day_of(u, sp.slot);
    out.repetitions = x.instances.unit_reps_of(u, sp.slot);
  }
  return out;
}

void add_to_rollup(const Impl& x, Rollup& r, UnitId unit, bool members, bool own_steps) {
  const Context& c = x.context;
  auto count = [&](MemberId m, UnitId u, StepId s) {
    const StepState state = effective(x, m, u, s);
    StepRollup& step = r.steps[s];
    ++step.applicable;
    ++step.by_state[static_cast<int>(state)];
    step.on_time += state == StepState::kDone;
    step.judged +=
        state == StepState::kDone || state == StepState::kDoneLate || state == StepState::kOverdue;
    if (state == StepState::kOverdue)
      r.overdue.push_back(
          {m != kNoMember ? c.branch_of(m) : u, m, s, x.deadlines().effective_due(m, u, s).day});
  };
  ++r.units;
  if (own_steps) {
    for (std::uint16_t k = 0; k < c.unit_slots; ++k)
      if (x.instances.unit_step_byte(unit, k) != kNotApplicable)
        count(kNoMember, unit, c.plan.unit_steps[k]);
  }
  if (!members) return;
  for (const MemberId* m = c.topology.members_begin(unit); m != c.topology.members_finish(unit);
       ++m) {
    ++r.members;
    for (std::uint16_t k = 0; k < c.member_slots; ++k)
      if (x.instances.member_step_byte(*m, k) != kNotApplicable)
        count(*m, kNoUnit, c.plan.member_steps[k]);
  }
}

std::uint64_t fingerprint(const Impl& x) {
  const InstanceTable& st = x.instances;
  const PhaseBook& phases = x.phases;
  const Records& records = x.records;
  Hasher h;
  h.value(x.clock.today);
  h.value(x.clock.next_point);
  h.vec(st.member_step);
  h.vec(st.satisfied);
  h.vec(st.member_day);
  h.vec(st.member_reps);
  h.vec(st.unit_step);
  h.vec(st.unit_day);
  h.vec(st.unit_reps);
  h.vec(st.open_members);
  h.vec(phases.phase_state);
  h.vec(phases.open_required);
  for (const QueueEntry& q : x.clock.queue.contents()) {
    h.value(q.day);
    h.value(q.kind);
    h.value(q.step);
    h.value(q.who);
  }
  h.value(records.violations.size());
  for (const Violation& v : records.violations) {
    h.value(v.kind);
    h.value(v.severity);
    h.value(v.unit);
    h.value(v.member);
    h.value(v.phase);
    h.value(v.step);
    h.value(v.day);
    h.value(v.rule.file);
    h.value(v.rule.line);
    h.value(v.rule.column);
    h.value(v.other_step);
    h.value(v.field);
    h.value(v.expected);
    h.value(v.actual);
  }
  for (const ExcuseRecord& e : records.excuses) {
    h.value(e.actor);
    h.value(e.step);
    h.value(e.day);
    h.bytes(records.reasons[e.reason].data(), records.reasons[e.reason].size());
    h.value(std::uint8_t{0});
  }
  return h.h;
}

}  // namespace

// ---- Engine's query methods ----------------------------------------------------------------

std::uint64_t Engine::fingerprint() const {
  if (!impl_) return 0;
  return lockstep::fingerprint(*impl_);
}

bool Engine::member_status(MemberId member, MemberStatus& out) const {
  if (!impl_) return {};
  const Impl& x = *impl_;
  if (member >= x.context.org->member_count()) return false;
  out.member = member;
  out.branch = x.context.branch_of(member);
  out.steps.clear();
  out.next.clear();
  for (std::uint16_t k = 0; k < x.context.member_slots; ++k) {
    if (x.instances.member_step_byte(member, k) == kNotApplicable) continue;
    out.steps.push_back(step_status(x, member, kNoUnit, x.context.plan.member_steps[k]));
    if (is_next(out.steps.back().state)) out.next.push_back(out.steps.back());
  }
  sort_next(out.next);
  return true;
}

std::optional<MemberStatus> Engine::member_status(MemberId member) const {
  MemberStatus out;
  if (!member_status(member, out)) return std::nullopt;
  return out;
}

bool Engine::unit_status(UnitId unit, UnitStatus& out) const {
  if (!impl_) return {};
  const Impl& x = *impl_;
  if (unit >= x.context.org->units.size()) return false;
  out.unit = unit;
  out.organization = x.context.topology.organization[unit];
  out.steps.clear();
  out.next.clear();
  out.phases.clear();
  for (std::uint16_t k = 0; k < x.context.unit_slots; ++k) {
    if (x.instances.unit_step_byte(unit, k) == kNotApplicable) continue;
    out.steps.push_back(step_status(x, kNoMember, unit, x.context.plan.unit_steps[k]));
    if (is_next(out.steps.back().state)) out.next.push_back(out.steps.back());
  }
  sort_next(out.next);
  if (out.organization != kNoUnit) {
    const OrgTypeId t = x.context.type_of_unit(out.organization);
    for (PhaseId p = 0; p < x.context.phases; ++p) {
      out.phases.push_back(
          {p,
           static_cast<PhaseState>(x.phases.phase_state[out.organization * x.context.phases + p]),
           x.context.schedule.start(p, t), x.context.schedule.end(p, t)});
    }
  }
  return true;
}

std::optional<UnitStatus> Engine::unit_status(UnitId unit) const {
  UnitStatus out;
  if (!unit_status(unit, out)) return std::nullopt;
  return out;
}

std::optional<PhaseState> Engine::phase_state(UnitId organization, PhaseId phase) const {
  if (!impl_) return {};
  const Impl& x = *impl_;
  if (organization >= x.context.org->units.size() || phase >= x.context.phases ||
      organization == 0 || x.context.org->units[organization].parent != 0)
    return std::nullopt;
  return static_cast<PhaseState>(x.phases.phase_state[organization * x.context.phases + phase]);
}

namespace {
Rollup empty_rollup(std::size_t steps) {
  Rollup r;
  r.steps.resize(steps);
  for (std::size_t s = 0; s < steps; ++s) r.steps[s].step = static_cast<StepId>(s);
  return r;
}
void finish(Rollup& r) {
  std::sort(r.overdue.begin(), r.overdue.end(), [](const OverdueItem& a, const OverdueItem& b) {
    return std::tie(a.unit, a.member, a.step) < std::tie(b.unit, b.member, b.step);
  });
}
}  // namespace

std::optional<Rollup> Engine::rollup_branch(UnitId branch) const {
  if (!impl_) return {};
  const Impl& x = *impl_;
  if (branch >= x.context.org->units.size() ||
      x.context.org->units[branch].level != UnitLevel::kBranch)
    return std::nullopt;
  Rollup r = empty_rollup(x.context.plan.steps.size());
  add_to_rollup(x, r, branch, true, true);
  finish(r);
  return r;
}

std::optional<Rollup> Engine::rollup_subtree(UnitId unit) const {
  if (!impl_) return {};
  const Impl& x = *impl_;
  if (unit >= x.context.org->units.size()) return std::nullopt;
  Rollup r = empty_rollup(x.context.plan.steps.size());
  for (const UnitId* w = x.context.topology.subtree_begin(unit);
       w != x.context.topology.subtree_finish(unit); ++w)
    add_to_rollup(x, r, *w, true, true);
  finish(r);
  return r;
}

std::optional<Rollup> Engine::rollup_group(std::uint16_t group) const {
  if (!impl_) return {};
  const Impl& x = *impl_;
  if (group >= x.context.org->groups.size()) return std::nullopt;
  Rollup r = empty_rollup(x.context.plan.steps.size());
  for (UnitId u = 0; u < x.context.org->units.size(); ++u)
    if (x.context.topology.overseer[u] == group) add_to_rollup(x, r, u, true, true);
  finish(r);
  return r;
}

std::optional<std::pair<DayNumber, DayNumber>> Engine::phase_window(UnitId unit,
                                                                    PhaseId phase) const {
  if (!impl_) return {};
  const Impl& x = *impl_;
  if (unit >= x.context.org->units.size() || phase >= x.context.phases) return std::nullopt;
  const OrgTypeId t = x.context.type_of_unit(unit);
  return std::pair{x.context.schedule.start(phase, t), x.context.schedule.end(phase, t)};
}

std::optional<DayNumber> Engine::phase_binding_end(UnitId unit, PhaseId phase) const {
  if (!impl_) return {};
  const Impl& x = *impl_;
  if (unit >= x.context.org->units.size() || phase >= x.context.phases) return std::nullopt;
  return x.context.schedule.binding(phase, x.context.type_of_unit(unit));
}

std::optional<DayNumber> Engine::due(StepId step, ActorRef ref) const {
  if (!impl_) return {};
  const Impl& x = *impl_;
  if (step >= x.context.plan.steps.size()) return std::nullopt;
  const StepPlan& sp = x.context.plan.steps[step];
  if (ref.kind != (sp.by_member ? ActorKind::kMember : ActorKind::kUnit)) return std::nullopt;
  const std::uint32_t actor = ref.id;
  if (sp.by_member) {
    if (actor >= x.context.org->member_count() ||
        x.instances.member_step_byte(actor, sp.slot) == kNotApplicable)
      return std::nullopt;
    return x.deadlines().effective_due(actor, kNoUnit, step).day;
  }
  if (actor >= x.context.org->units.size() ||
      x.instances.unit_step_byte(actor, sp.slot) == kNotApplicable)
    return std::nullopt;
  return x.deadlines().effective_due(kNoMember, actor, step).day;
}

}  // namespace lockstep
