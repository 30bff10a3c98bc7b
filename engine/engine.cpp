// Building an engine (make_engine), dispatching events, apply(span) over the member kernel,
// and the small accessors. Completions, excuses and revisions are in completion.cpp; time passing
// in clock.cpp, phases in phase_book.cpp, queries in queries.cpp.
#include <fmt/format.h>

#include <algorithm>
#include <tuple>

#include "engine/complete_member.h"
#include "engine/engine_impl.h"
#include "lockstep/civil_date.h"

namespace lockstep {

using namespace engine;

void Engine::Impl::initialize() {
  context.derive();
  instances.initialize(context);
  phases.initialize(context, instances);
  clock.initialize(context);
  advance_to(context.start);
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

RefusalKind Engine::Impl::approve(const Event& e) {
  std::uint32_t expected = 0;
  const RefusalKind kind = phases.approve(context, e, mode, records.violations, expected);
  if (kind == RefusalKind::kNone) return kind;
  refuse(e, kind);
  refusal.expected_approver = expected;
  if (kind == RefusalKind::kGateStepsOpen)
    phases.list_open_steps(context, instances, e.actor, e.phase, refusal.open_steps);
  return kind;
}

RefusalKind Engine::Impl::advance(const Event& e) {
  if (e.day < clock.today) return refuse(e, RefusalKind::kClockBackwards);
  advance_to(e.day);
  return RefusalKind::kNone;
}

// The handlers answer with a RefusalKind, kNone when accepted: one byte, kept in a register, rather
// than an Outcome passed through memory on every event.
[[gnu::always_inline]] inline RefusalKind Engine::Impl::dispatch(const Event& e) {
  switch (e.kind) {
    case Event::Kind::kComplete: {
      // The kernels are indexed like the plan's steps, and their records are the smaller.
      if (e.step >= instances.kernel_count()) return refuse(e, RefusalKind::kUnknownId);
      const MemberKernel& k = instances.kernel(e.step);
      return k.by_member ? complete_member(e, k)
                         : complete_by<false>(e, context.plan.steps[e.step]);
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
  const std::size_t before = records.violations.size();
  RefusalKind refused;
  // Days outside the calendar are clamped; the copy is made only then, since an Event is 56 bytes
  // and copying it would be a good part of the cost of a completion.
  if (in.day < kMinDay || in.day > kMaxDay) [[unlikely]] {
    Event clamped = in;
    clamped.day = std::clamp(in.day, kMinDay, kMaxDay);
    refused = dispatch(clamped);
  } else {
    refused = dispatch(in);
  }
  // Built in one expression: assigned field by field, the compiler assembles it in memory and reads
  // it back whole, a store-forwarding stall on every event.
  const auto first = static_cast<std::uint32_t>(before);
  return Outcome{refused == RefusalKind::kNone, refused, first,
                 static_cast<std::uint32_t>(records.violations.size()) - first};
}

// ---- Engine ------------------------------------------------------------------------------------

EngineResult make_engine(const CampaignModel& model, const Organization& org,
                         const EngineOptions& options) {
  EngineResult result;
  auto impl = std::make_unique<Engine::Impl>();
  impl->context.model = &model;
  impl->context.org = &org;
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
  impl->context.start = std::clamp(*start, kMinDay, kMaxDay);
  auto plan = build_plan(model, result.diagnostics);
  if (!plan) return result;
  auto topology = build_topology(org, model, result.diagnostics);
  if (!topology) return result;
  auto schedule = build_schedule(model, impl->context.start, result.diagnostics);
  if (!schedule) return result;
  impl->context.plan = std::move(*plan);
  impl->context.topology = std::move(*topology);
  impl->context.schedule = std::move(*schedule);
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

using Impl = Engine::Impl;

// Engine::apply(span): the member kernel's stream settles events while it can
// (InstanceTable::KernelStream); each other event takes apply(), one at a time.
template <bool kKeep>
std::size_t apply_stream(Impl& d, std::span<const Event> events, std::vector<Outcome>* outcomes) {
  InstanceTable::KernelStream stream(d.instances, d.context, d.phases);
  std::size_t refused = 0;
  Outcome* out = nullptr;
  if constexpr (kKeep) {
    const std::size_t before = outcomes->size();
    outcomes->resize(before + events.size());
    out = outcomes->data() + before;
  }
  std::size_t i = 0;
  while (i < events.size()) {
    const auto violations = static_cast<std::uint32_t>(d.records.violations.size());
    const InstanceTable::KernelStream::Stop stop =
        stream.template run<kKeep>(events, i, violations, out);
    if (stop.at == events.size()) break;
    // The phase reacts to its count, or the event takes the general path: either may read masks
    // and change unit state.
    stream.close();
    if (stop.emptied != kNoUnit) {
      d.phases.reacts(d.context, stop.emptied, stop.phase);
      // As apply(event) counts them: what the phase records reacting is the event's.
      if constexpr (kKeep)
        out[stop.at].violation_count =
            static_cast<std::uint32_t>(d.records.violations.size()) - out[stop.at].first_violation;
    } else {
      const Outcome o = d.apply(events[stop.at]);
      refused += !o.accepted;
      if constexpr (kKeep) out[stop.at] = o;
    }
    i = stop.at + 1;
  }
  stream.close();
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
  return impl_->clock.today;
}
DayNumber Engine::start() const {
  return impl_->context.start;
}
std::span<const Violation> Engine::violations() const {
  return impl_->records.violations;
}
const CampaignModel& Engine::model() const {
  return *impl_->context.model;
}
const Organization& Engine::organization() const {
  return *impl_->context.org;
}
double Engine::state_bytes_per_member() const {
  const InstanceTable& s = impl_->instances;
  const std::size_t members = impl_->context.org->member_count();
  if (members == 0) return 0;
  const std::size_t bytes = s.member_step.size() + s.satisfied.size() * 8 +
                            s.member_day.size() * sizeof(DayNumber) + s.member_reps.size() * 2 +
                            impl_->context.topology.responsible_members.size() * sizeof(MemberId);
  return static_cast<double>(bytes) / static_cast<double>(members);
}

}  // namespace lockstep
