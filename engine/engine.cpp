// Building an engine (make_engine), dispatching events, and the small accessors. The operations
// themselves live in completion.cpp, clock.cpp, gate.cpp and queries.cpp.
#include <fmt/format.h>

#include <algorithm>
#include <tuple>

#include "engine/complete_member.h"
#include "engine/engine_impl.h"
#include "lockstep/civil_date.h"

namespace lockstep {

using namespace engine;

void Engine::Impl::initialize() {
  const std::size_t members = org->member_count();
  const std::size_t units = org->units.size();
  member_slots = plan.member_steps.size();
  unit_slots = plan.unit_steps.size();
  phases = model->phases.size();
  tables = lifecycle_tables();

  st.member_step.assign(members * member_slots, static_cast<std::uint8_t>(StepState::kLocked));
  st.satisfied.assign(members, 0);
  st.member_day.assign(members * plan.day_slots, 0);
  st.member_reps.assign(members * plan.rep_slots, 0);
  st.unit_step.assign(units * unit_slots, kNotApplicable);
  st.unit_day.assign(units * unit_slots, 0);
  st.unit_reps.assign(units * unit_slots, 0);
  st.open_members.assign(units * member_slots, 0);
  st.phase_state.assign(units * phases, static_cast<std::uint8_t>(PhaseState::kPending));
  st.open_required.assign(units * phases, 0);

  for (MemberId m = 0; m < members; ++m) {
    const UnitId b = branch_of(m);
    const UnitId o = topology.organization[b];
    for (std::uint16_t k = 0; k < member_slots; ++k) {
      const StepId s = plan.member_steps[k];
      if (!applies_to_member(model->steps[s], org->member_categories[m], type_of_unit(b))) {
        member_step_byte(m, k) = kNotApplicable;
        st.satisfied[m] |= std::uint64_t{1} << k;
        continue;
      }
      ++st.open_members[b * member_slots + k];
      if (plan.steps[s].required && o != kNoUnit)
        ++st.open_required[o * phases + plan.steps[s].phase];
    }
  }
  for (UnitId u = 0; u < units; ++u) {
    const UnitId o = topology.organization[u];
    for (std::uint16_t k = 0; k < unit_slots; ++k) {
      const StepId s = plan.unit_steps[k];
      if (!performs(model->steps[s], *org, u)) continue;
      unit_step_byte(u, k) = static_cast<std::uint8_t>(StepState::kLocked);
      if (plan.steps[s].required && o != kNoUnit)
        ++st.open_required[o * phases + plan.steps[s].phase];
    }
  }

  const std::size_t types = schedule.org_types;
  kernels = build_member_kernels(plan, st.unit_step, unit_slots, topology.parent, schedule, tables);
  unorganized_required.assign(phases, kUnorganizedHigh);
  branches_of_type.assign(types, {});
  units_of_type.assign(types, {});
  organizations_of_type.assign(types, {});
  for (UnitId u = 0; u < units; ++u) {
    const OrgTypeId t = type_of_unit(u);
    units_of_type[t].push_back(u);
    if (topology.responsible_begin[u + 1] > topology.responsible_begin[u])
      branches_of_type[t].push_back(u);
    if (u != 0 && org->units[u].parent == 0) organizations_of_type[t].push_back(u);
  }

  // Only points someone can be concerned by: a type with no unit has no deadlines to fire.
  for (std::size_t t = 0; t < types; ++t) {
    const auto type = static_cast<OrgTypeId>(t);
    if (!organizations_of_type[t].empty()) {
      for (PhaseId p = 0; p < phases; ++p) {
        timeline.push_back({schedule.start(p, type), TimePoint::Kind::kWindowOpens, p, type});
        timeline.push_back({schedule.end(p, type) + 1, TimePoint::Kind::kWindowEnds, p, type});
      }
    }
    for (StepId s = 0; s < model->steps.size(); ++s) {
      const bool anyone =
          plan.steps[s].by_member ? !branches_of_type[t].empty() : !units_of_type[t].empty();
      if (anyone)
        timeline.push_back(
            {schedule.deadline(s, type).day + 1, TimePoint::Kind::kDeadline, s, type});
    }
  }
  std::sort(timeline.begin(), timeline.end(), [](const TimePoint& a, const TimePoint& b) {
    return std::tie(a.day, a.kind, a.id, a.org_type) < std::tie(b.day, b.kind, b.id, b.org_type);
  });

  st.queue = CalendarQueue(start);
  st.clock = kMinDay;
  advance_to(start);
}

std::uint32_t Engine::Impl::reason_id(std::string_view reason) {
  auto [it, inserted] =
      st.reason_index.emplace(std::string(reason), static_cast<std::uint32_t>(st.reasons.size()));
  if (inserted) st.reasons.emplace_back(reason);
  return it->second;
}

RefusalKind Engine::Impl::refuse(const Event& e, RefusalKind kind) {
  refusal.kind = kind;
  refusal.event = e;
  refusal.event.reason = {};
  // The explanation's records are kept aside with their lists' memory, so that explaining the
  // next refusal allocates nothing once one as long has been explained: a stream with many
  // out-of-order events stays off the heap.
  for (UnmetPrerequisite& x : refusal.unmet) spare_unmet.push_back(std::move(x));
  refusal.unmet.clear();
  refusal.open_steps.clear();
  refusal.expected_approver = 0;
  return kind;
}

// The handlers answer with a RefusalKind, kNone when accepted: one byte in a register, where an
// Outcome went through the stack on every event.
[[gnu::always_inline]] inline RefusalKind Engine::Impl::dispatch(const Event& e) {
  switch (e.kind) {
    case Event::Kind::kComplete: {
      // The kernels are indexed like the plan's steps, and their records are the smaller.
      if (e.step >= kernels.by_step.size()) return refuse(e, RefusalKind::kUnknownId);
      const MemberKernel& k = kernels.by_step[e.step];
      return k.by_member ? complete_member(e, k) : complete_by<false>(e, plan.steps[e.step]);
    }
    case Event::Kind::kExcuse:
      return excuse(e);
    case Event::Kind::kRevise:
      return revise(e);
    case Event::Kind::kApprove:
      return approve(e);
    case Event::Kind::kAdvance:
      return advance(e);
  }
  return refuse(e, RefusalKind::kUnknownId);
}

// Inline into Engine::apply: one call per event, not two.
[[gnu::always_inline]] inline Outcome Engine::Impl::apply(const Event& in) {
  const std::size_t before = st.violations.size();
  RefusalKind refused;
  // Days outside the calendar are clamped; the copy is made only then, since an Event is 56
  // bytes and copying it was a tenth of the cost of a completion.
  if (in.day < kMinDay || in.day > kMaxDay) [[unlikely]] {
    Event clamped = in;
    clamped.day = std::clamp(in.day, kMinDay, kMaxDay);
    refused = dispatch(clamped);
  } else {
    refused = dispatch(in);
  }
  // Built in one expression: assigned field by field, the compiler assembled it in memory and read
  // it back whole, a store-forwarding stall on every event.
  const auto first = static_cast<std::uint32_t>(before);
  return Outcome{refused == RefusalKind::kNone, refused, first,
                 static_cast<std::uint32_t>(st.violations.size()) - first};
}

// ---- Engine ------------------------------------------------------------------------------------

EngineResult make_engine(const CampaignModel& model, const Organization& org,
                         const EngineOptions& options) {
  EngineResult result;
  auto impl = std::make_unique<Engine::Impl>();
  impl->model = &model;
  impl->org = &org;
  impl->mode = options.mode;
  const std::optional<DayNumber> start = options.start ? options.start : model.start;
  if (!start) {
    Diagnostic d;
    d.code = "E0901";
    d.message = fmt::format("campaign '{}' has no start date", model.id);
    d.span = model.where;
    d.help = "write 'start YYYY-MM-DD' in the campaign or give the start date at run time";
    result.diagnostics.push_back(std::move(d));
    return result;
  }
  impl->start = std::clamp(*start, kMinDay, kMaxDay);
  auto plan = build_plan(model, result.diagnostics);
  if (!plan) return result;
  auto topology = build_topology(org, model, result.diagnostics);
  if (!topology) return result;
  auto schedule = build_schedule(model, impl->start, result.diagnostics);
  if (!schedule) return result;
  impl->plan = std::move(*plan);
  impl->topology = std::move(*topology);
  impl->schedule = std::move(*schedule);
  impl->initialize();
  result.engine.emplace(Engine(std::move(impl)));
  return result;
}

Engine::Engine(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Engine::Engine(const Engine& other) : impl_(std::make_unique<Impl>(*other.impl_)) {}
Engine& Engine::operator=(const Engine& other) {
  if (this != &other) impl_ = std::make_unique<Impl>(*other.impl_);
  return *this;
}
Engine::Engine(Engine&& other) noexcept = default;
Engine& Engine::operator=(Engine&& other) noexcept = default;
Engine::~Engine() = default;

Outcome Engine::apply(const Event& event) {
  return impl_->apply(event);
}

namespace {

// Engine::apply(span)'s loop, in two parts: run_kernel() settles events with the member kernel
// for as long as it can, with what it looks up about a member kept from one event to the next
// while they are the same member's, so a member-ordered stream (a replay, an import) looks it up
// once per member instead of once per event; apply_stream() takes the rest, one event at a time,
// on the general path. run_kernel() calls nothing, so its cursor stays in registers.

using Impl = Engine::Impl;

// What run_kernel() keeps from one call to the next: the cursor, and the row of deadlines
// (complete_member.h), each step's filled when the branch's first completion of it needs it: a
// stream in member order fills a step once per branch, and one in time order, whose next member
// is anywhere, no more than the completions it has.
struct StreamCursor {
  Impl::MemberCursor cursor;
  Impl::BranchDeadlines row;

  // Before code that may read masks or change unit state (close_cursor's and the row's
  // invariants, complete_member.h).
  void close(const Impl::KernelArrays& a) {
    Impl::close_cursor(a, cursor);
    row.branch = kNoUnit;
  }
};

struct KernelStop {
  std::size_t at;  // the first event not settled, or the one that emptied a phase
  bool phase_emptied;
};

// Settles events[i...] while the kernel can, an Outcome for each in out[] when kKeep. Not inlined:
// in a function of its own, without the general path's calls, its locals get registers.
template <bool kKeep>
[[gnu::noinline]] KernelStop run_kernel(const Impl::KernelArrays& a, std::span<const Event> events,
                                        std::size_t i, StreamCursor& s, std::uint32_t violations,
                                        Outcome* out) {
  // Locals, copied back on the way out: through `s`, every store of a step byte would make the
  // compiler reload them.
  Impl::MemberCursor c = s.cursor;
  Impl::BranchDeadlines& row = s.row;
  KernelStop stop{events.size(), false};
  for (; i < events.size(); ++i) {
    const Event& e = events[i];
    // A day after the calendar is after every deadline too, so kernel_complete leaves it to the
    // general path, which clamps it; one before the calendar must not reach the kernel's stores.
    if (e.kind != Event::Kind::kComplete || e.step >= a.steps || e.day < kMinDay) [[unlikely]] {
      stop.at = i;
      break;
    }
    const engine::MemberKernel& k = a.kernels[e.step];
    const bool same_member = e.actor == c.member;
    if (k.needs_general_path || (!same_member && e.actor >= a.members)) [[unlikely]] {
      stop.at = i;
      break;
    }
    if (!same_member) {
      Impl::move_cursor(a, c, e.actor);
      if (row.branch != c.branch) row.reset(c.branch);
    }
    DayNumber branch_due = row.due[k.slot];
    if (branch_due == Impl::BranchDeadlines::kNotYet) [[unlikely]]
      branch_due = row.due[k.slot] = Impl::branch_deadline(k, a, c);
    const Impl::KernelResult r = Impl::kernel_complete(e, k, a, c, branch_due);
    if (r == Impl::KernelResult::kGeneral) [[unlikely]] {
      stop.at = i;
      break;
    }
    if constexpr (kKeep) out[i] = Outcome{true, RefusalKind::kNone, violations, 0};
    if (r == Impl::KernelResult::kPhaseEmptied) [[unlikely]] {
      stop = KernelStop{i, true};
      break;
    }
  }
  s.cursor = c;
  return stop;
}

template <bool kKeep>
std::size_t apply_stream(Impl& d, std::span<const Event> events, std::vector<Outcome>* outcomes) {
  const Impl::KernelArrays a = d.kernel_arrays();
  StreamCursor s;
  std::size_t refused = 0;
  Outcome* out = nullptr;
  if constexpr (kKeep) {
    const std::size_t before = outcomes->size();
    outcomes->resize(before + events.size());
    out = outcomes->data() + before;
  }
  std::size_t i = 0;
  while (i < events.size()) {
    const auto violations = static_cast<std::uint32_t>(d.st.violations.size());
    const KernelStop stop = run_kernel<kKeep>(a, events, i, s, violations, out);
    if (stop.at == events.size()) break;
    // The phase reacts to its count, or the event takes the general path: either may read masks
    // and change unit state.
    s.close(a);
    if (stop.phase_emptied) {
      const Event& e = events[stop.at];
      d.phase_reacts(s.cursor.organization, a.kernels[e.step].phase);
      // As apply(event) counts them: what the phase records reacting is the event's.
      if constexpr (kKeep)
        out[stop.at].violation_count =
            static_cast<std::uint32_t>(d.st.violations.size()) - out[stop.at].first_violation;
    } else {
      const Outcome o = d.apply(events[stop.at]);
      refused += !o.accepted;
      if constexpr (kKeep) out[stop.at] = o;
    }
    i = stop.at + 1;
  }
  s.close(a);
  return refused;
}

}  // namespace

std::size_t Engine::apply(std::span<const Event> events, std::vector<Outcome>* outcomes) {
  return outcomes ? apply_stream<true>(*impl_, events, outcomes)
                  : apply_stream<false>(*impl_, events, nullptr);
}

const Refusal& Engine::last_refusal() const {
  return impl_->refusal;
}
Mode Engine::mode() const {
  return impl_->mode;
}
void Engine::set_mode(Mode mode) {
  impl_->mode = mode;
}
DayNumber Engine::clock() const {
  return impl_->st.clock;
}
DayNumber Engine::start() const {
  return impl_->start;
}
std::span<const Violation> Engine::violations() const {
  return impl_->st.violations;
}
const CampaignModel& Engine::model() const {
  return *impl_->model;
}
const Organization& Engine::organization() const {
  return *impl_->org;
}
std::uint64_t Engine::fingerprint() const {
  return impl_->fingerprint();
}

double Engine::state_bytes_per_member() const {
  const State& s = impl_->st;
  const std::size_t members = impl_->org->member_count();
  if (members == 0) return 0;
  const std::size_t bytes = s.member_step.size() + s.satisfied.size() * 8 +
                            s.member_day.size() * sizeof(DayNumber) + s.member_reps.size() * 2 +
                            impl_->topology.responsible_members.size() * sizeof(MemberId);
  return static_cast<double>(bytes) / static_cast<double>(members);
}

}  // namespace lockstep
