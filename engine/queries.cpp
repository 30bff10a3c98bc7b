// Queries: statuses, roll-ups and the fingerprint. They read the compact state and build plain
// structs; none of them changes anything. A stored kLocked byte whose prerequisites are all met
// reads as kReady: unlocking is lazy, so that completing a step never has to visit the steps
// waiting on it.
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

}  // namespace

StepState Engine::Impl::effective(MemberId m, UnitId u, StepId s) const {
  const StepPlan& sp = plan.steps[s];
  const std::uint8_t byte =
      m != kNoMember ? member_step_byte(m, sp.slot) : unit_step_byte(u, sp.slot);
  if (byte == kLockedByte && prerequisites_met(m, u, s)) return StepState::kReady;
  return static_cast<StepState>(byte);
}

StepStatus Engine::Impl::step_status(MemberId m, UnitId u, StepId s) const {
  const StepPlan& sp = plan.steps[s];
  StepStatus out;
  out.step = s;
  out.state = effective(m, u, s);
  out.due = effective_due(m, u, s).day;
  const bool done = out.state == StepState::kDone || out.state == StepState::kDoneLate;
  if (m != kNoMember) {
    if (done && sp.day_slot != kNoSlot) out.done = st.member_day[m * plan.day_slots + sp.day_slot];
    if (sp.rep_slot != kNoSlot)
      out.repetitions = st.member_reps[m * plan.rep_slots + sp.rep_slot];
    else
      out.repetitions = done ? 1 : 0;
  } else {
    if (done) out.done = st.unit_day[u * unit_slots + sp.slot];
    out.repetitions = st.unit_reps[u * unit_slots + sp.slot];
  }
  return out;
}

void Engine::Impl::add_to_rollup(Rollup& r, UnitId unit, bool members, bool own_steps) const {
  auto count = [&](MemberId m, UnitId u, StepId s) {
    const StepState state = effective(m, u, s);
    StepRollup& x = r.steps[s];
    ++x.applicable;
    ++x.by_state[static_cast<int>(state)];
    x.on_time += state == StepState::kDone;
    x.judged +=
        state == StepState::kDone || state == StepState::kDoneLate || state == StepState::kOverdue;
    if (state == StepState::kOverdue)
      r.overdue.push_back({m != kNoMember ? branch_of(m) : u, m, s, effective_due(m, u, s).day});
  };
  ++r.units;
  if (own_steps) {
    for (std::uint16_t k = 0; k < unit_slots; ++k)
      if (unit_step_byte(unit, k) != kNotApplicable) count(kNoMember, unit, plan.unit_steps[k]);
  }
  if (!members) return;
  for (const MemberId* m = topology.members_begin(unit); m != topology.members_finish(unit); ++m) {
    ++r.members;
    for (std::uint16_t k = 0; k < member_slots; ++k)
      if (member_step_byte(*m, k) != kNotApplicable) count(*m, kNoUnit, plan.member_steps[k]);
  }
}

std::uint64_t Engine::Impl::fingerprint() const {
  Hasher h;
  h.value(st.clock);
  h.value(st.next_point);
  h.vec(st.member_step);
  h.vec(st.satisfied);
  h.vec(st.member_day);
  h.vec(st.member_reps);
  h.vec(st.unit_step);
  h.vec(st.unit_day);
  h.vec(st.unit_reps);
  h.vec(st.open_members);
  h.vec(st.phase_state);
  h.vec(st.open_required);
  for (const QueueEntry& q : st.queue.contents()) {
    h.value(q.day);
    h.value(q.kind);
    h.value(q.step);
    h.value(q.who);
  }
  h.value(st.violations.size());
  for (const Violation& v : st.violations) {
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
  for (const ExcuseRecord& e : st.excuses) {
    h.value(e.actor);
    h.value(e.step);
    h.value(e.day);
    h.bytes(st.reasons[e.reason].data(), st.reasons[e.reason].size());
    h.value(std::uint8_t{0});
  }
  return h.h;
}

// ---- Engine's query methods ----------------------------------------------------------------

bool Engine::member_status(MemberId member, MemberStatus& out) const {
  const Impl& x = *impl_;
  if (member >= x.org->member_count()) return false;
  out.member = member;
  out.branch = x.branch_of(member);
  out.steps.clear();
  out.next.clear();
  for (std::uint16_t k = 0; k < x.member_slots; ++k) {
    if (x.member_step_byte(member, k) == kNotApplicable) continue;
    out.steps.push_back(x.step_status(member, kNoUnit, x.plan.member_steps[k]));
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
  const Impl& x = *impl_;
  if (unit >= x.org->units.size()) return false;
  out.unit = unit;
  out.organization = x.topology.organization[unit];
  out.steps.clear();
  out.next.clear();
  out.phases.clear();
  for (std::uint16_t k = 0; k < x.unit_slots; ++k) {
    if (x.unit_step_byte(unit, k) == kNotApplicable) continue;
    out.steps.push_back(x.step_status(kNoMember, unit, x.plan.unit_steps[k]));
    if (is_next(out.steps.back().state)) out.next.push_back(out.steps.back());
  }
  sort_next(out.next);
  if (out.organization != kNoUnit) {
    const OrgTypeId t = x.type_of_unit(out.organization);
    for (PhaseId p = 0; p < x.phases; ++p) {
      out.phases.push_back(
          {p, static_cast<PhaseState>(x.st.phase_state[out.organization * x.phases + p]),
           x.schedule.start(p, t), x.schedule.end(p, t)});
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
  const Impl& x = *impl_;
  if (organization >= x.org->units.size() || phase >= x.phases || organization == 0 ||
      x.org->units[organization].parent != 0)
    return std::nullopt;
  return static_cast<PhaseState>(x.st.phase_state[organization * x.phases + phase]);
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
  const Impl& x = *impl_;
  if (branch >= x.org->units.size() || x.org->units[branch].level != UnitLevel::kBranch)
    return std::nullopt;
  Rollup r = empty_rollup(x.plan.steps.size());
  x.add_to_rollup(r, branch, true, true);
  finish(r);
  return r;
}

std::optional<Rollup> Engine::rollup_subtree(UnitId unit) const {
  const Impl& x = *impl_;
  if (unit >= x.org->units.size()) return std::nullopt;
  Rollup r = empty_rollup(x.plan.steps.size());
  for (const UnitId* w = x.topology.subtree_begin(unit); w != x.topology.subtree_finish(unit); ++w)
    x.add_to_rollup(r, *w, true, true);
  finish(r);
  return r;
}

std::optional<Rollup> Engine::rollup_group(std::uint16_t group) const {
  const Impl& x = *impl_;
  if (group >= x.org->groups.size()) return std::nullopt;
  Rollup r = empty_rollup(x.plan.steps.size());
  for (UnitId u = 0; u < x.org->units.size(); ++u)
    if (x.topology.overseer[u] == group) x.add_to_rollup(r, u, true, true);
  finish(r);
  return r;
}

std::optional<std::pair<DayNumber, DayNumber>> Engine::phase_window(UnitId unit,
                                                                    PhaseId phase) const {
  const Impl& x = *impl_;
  if (unit >= x.org->units.size() || phase >= x.phases) return std::nullopt;
  const OrgTypeId t = x.type_of_unit(unit);
  return std::pair{x.schedule.start(phase, t), x.schedule.end(phase, t)};
}

std::optional<DayNumber> Engine::due(StepId step, std::uint32_t actor) const {
  const Impl& x = *impl_;
  if (step >= x.plan.steps.size()) return std::nullopt;
  const StepPlan& sp = x.plan.steps[step];
  if (sp.by_member) {
    if (actor >= x.org->member_count() || x.member_step_byte(actor, sp.slot) == kNotApplicable)
      return std::nullopt;
    return x.effective_due(actor, kNoUnit, step).day;
  }
  if (actor >= x.org->units.size() || x.unit_step_byte(actor, sp.slot) == kNotApplicable)
    return std::nullopt;
  return x.effective_due(kNoMember, actor, step).day;
}

}  // namespace lockstep
