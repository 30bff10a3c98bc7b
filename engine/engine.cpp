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

void EngineState::initialize() {
  context.derive();
  instances.initialize(context);
  phases.initialize(context, instances);
  clock.initialize(context);
  advance_to(context.start);
}

namespace {

// Which id of a refused event is out of range: found again on the way out, so that the checks on
// the way in stay one comparison each.
EventField unknown_field(const Context& c, const Event& e) {
  if (e.kind == Event::Kind::kAdvance) return EventField::kNone;
  if (e.kind == Event::Kind::kApprove) {
    if (e.phase >= c.phases) return EventField::kPhase;
    if (e.actor >= c.org->units.size()) return EventField::kActor;
    return EventField::kApprover;
  }
  return e.step >= c.plan.steps.size() ? EventField::kStep : EventField::kActor;
}

}  // namespace

RefusalKind EngineState::refuse(const Event& e, RefusalKind kind) {
  refusal.kind = kind;
  refusal.event = e;
  refusal.event.reason = {};
  refusal.index = 0;
  refusal.unknown = kind == RefusalKind::kUnknownId ? unknown_field(context, e) : EventField::kNone;
  // The explanation's records are kept aside with their lists' memory, so that explaining the
  // next refusal allocates nothing once one as long has been explained: a stream with many
  // out-of-order events stays off the heap.
  for (UnmetPrerequisite& x : refusal.unmet) spare_unmet.push_back(std::move(x));
  refusal.unmet.clear();
  refusal.open_steps.clear();
  refusal.expected_approver = 0;
  return kind;
}

RefusalKind EngineState::approve(const Event& e) {
  std::uint32_t expected = 0;
  const RefusalKind kind = phases.approve(context, e, mode, records.violations, expected);
  if (kind == RefusalKind::kNone) return kind;
  refuse(e, kind);
  refusal.expected_approver = expected;
  if (kind == RefusalKind::kGateStepsOpen)
    phases.list_open_steps(context, instances, e.actor, e.phase, refusal.open_steps);
  return kind;
}

RefusalKind EngineState::advance(const Event& e) {
  if (e.day < clock.today) return refuse(e, RefusalKind::kClockBackwards);
  advance_to(e.day);
  return RefusalKind::kNone;
}

// The handlers answer with a RefusalKind, kNone when accepted: one byte, kept in a register, rather
// than an Outcome passed through memory on every event.
[[gnu::always_inline]] inline RefusalKind EngineState::dispatch(const Event& e) {
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
[[gnu::always_inline]] inline Outcome EngineState::apply(const Event& in) {
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

EngineResult make_engine(std::shared_ptr<const CampaignModel> model_owner,
                         std::shared_ptr<const Organization> org_owner,
                         const EngineOptions& options) {
  EngineResult result;
  if (!model_owner || !org_owner) {
    Diagnostic d;
    d.code = "E0903";
    d.message = model_owner ? "no organization was given" : "no campaign model was given";
    d.help =
        "pass the model and the organization the loaders returned (lockstep/rules.h, "
        "lockstep/roster.h), or use lockstep::Campaign::open";
    result.diagnostics.push_back(std::move(d));
    return result;
  }
  const CampaignModel& model = *model_owner;
  const Organization& org = *org_owner;
  auto impl = std::make_unique<engine::EngineState>();
  impl->model_owner = std::move(model_owner);
  impl->org_owner = std::move(org_owner);
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

Engine::Engine(std::unique_ptr<engine::EngineState> impl) : impl_(std::move(impl)) {}
Engine::Engine(const Engine& other)
    : impl_(other.impl_ ? std::make_unique<engine::EngineState>(*other.impl_) : nullptr) {}
Engine& Engine::operator=(const Engine& other) {
  if (this != &other)
    impl_ = other.impl_ ? std::make_unique<engine::EngineState>(*other.impl_) : nullptr;
  return *this;
}
Engine::Engine(Engine&& other) noexcept = default;
Engine& Engine::operator=(Engine&& other) noexcept = default;
Engine::~Engine() = default;

namespace {

// What a moved-from engine answers with: it has nothing, so every id is out of range.
Outcome refuse_empty(const Event& event, Refusal* why) {
  if (why) {
    *why = Refusal{};
    why->kind = RefusalKind::kUnknownId;
    why->event = event;
    why->event.reason = {};
  }
  return Outcome{false, RefusalKind::kUnknownId, 0, 0};
}

// Hands the engine's record of its last refusal to the caller. Swapped, not copied: the caller's
// old lists go back to the engine, so a caller that reuses one Refusal makes refusing allocate
// nothing once its lists have grown.
void hand_over(engine::EngineState& d, Refusal& why) {
  std::swap(why, d.refusal);
}

}  // namespace

Outcome Engine::apply(const Event& event, Refusal* why) {
  if (!impl_) [[unlikely]]
    return refuse_empty(event, why);
  const Outcome o = impl_->apply(event);
  if (why) {
    if (o.accepted) {
      why->kind = RefusalKind::kNone;
      why->event = event;
      why->event.reason = {};
      why->unmet.clear();
      why->open_steps.clear();
    } else {
      hand_over(*impl_, *why);
    }
  }
  return o;
}

namespace {

using Impl = engine::EngineState;

// Engine::apply(span): the member kernel's stream settles events while it can
// (InstanceTable::KernelStream); each other event takes apply(), one at a time.
template <bool kKeep>
std::size_t apply_stream(Impl& d, std::span<const Event> events, std::vector<Outcome>* outcomes,
                         std::vector<Refusal>* why) {
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
      if (why && !o.accepted) [[unlikely]] {
        why->emplace_back();
        hand_over(d, why->back());
        why->back().index = stop.at;
      }
      if constexpr (kKeep) out[stop.at] = o;
    }
    i = stop.at + 1;
  }
  stream.close();
  return refused;
}

}  // namespace

std::size_t Engine::apply(std::span<const Event> events, std::vector<Outcome>* outcomes,
                          std::vector<Refusal>* why) {
  if (!impl_) [[unlikely]] {
    for (std::size_t i = 0; i < events.size(); ++i) {
      Refusal r;
      const Outcome o = refuse_empty(events[i], why ? &r : nullptr);
      if (outcomes) outcomes->push_back(o);
      if (why) why->push_back(std::move(r)), why->back().index = i;
    }
    return events.size();
  }
  return outcomes ? apply_stream<true>(*impl_, events, outcomes, why)
                  : apply_stream<false>(*impl_, events, nullptr, why);
}

namespace {
// A moved-from engine's model and organization: empty, never changed.
const std::shared_ptr<const CampaignModel>& no_model() {
  static const auto empty = std::make_shared<const CampaignModel>();
  return empty;
}
const std::shared_ptr<const Organization>& no_organization() {
  static const auto empty = std::make_shared<const Organization>();
  return empty;
}
}  // namespace

Mode Engine::mode() const {
  return impl_ ? impl_->mode : Mode::kEnforce;
}
void Engine::set_mode(Mode mode) {
  if (impl_) impl_->mode = mode;
}
DayNumber Engine::clock() const {
  return impl_ ? impl_->clock.today : 0;
}
DayNumber Engine::start() const {
  return impl_ ? impl_->context.start : 0;
}
std::span<const Violation> Engine::violations() const {
  if (!impl_) return {};
  return impl_->records.violations;
}
std::size_t Engine::violation_count() const {
  return impl_ ? impl_->records.violations.size() : 0;
}
const Violation& Engine::violation(std::size_t i) const {
  return impl_->records.violations.at(i);
}
const CampaignModel& Engine::model() const {
  return *shared_model();
}
const Organization& Engine::organization() const {
  return *shared_organization();
}
const std::shared_ptr<const CampaignModel>& Engine::shared_model() const {
  return impl_ ? impl_->model_owner : no_model();
}
const std::shared_ptr<const Organization>& Engine::shared_organization() const {
  return impl_ ? impl_->org_owner : no_organization();
}
std::size_t Engine::state_bytes() const {
  if (!impl_) return 0;
  const InstanceTable& s = impl_->instances;
  return s.member_step.size() + s.satisfied.size() * 8 + s.member_day.size() * sizeof(DayNumber) +
         s.member_reps.size() * 2 +
         impl_->context.topology.responsible_members.size() * sizeof(MemberId);
}

}  // namespace lockstep
