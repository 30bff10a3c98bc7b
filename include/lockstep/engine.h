// The engine: a campaign model instantiated over an organization, driven by events.
//
// It keeps the lifecycle state of every (member, step), (unit, step) and (organization, phase),
// takes events one at a time or in batches, lets time pass, and records violations. What every
// rule means exactly — "all members" with an excused or mobile member, an event dated before the
// clock, a duplicate completion, ... — is defined in docs/semantics.md.
//
// Two modes. Enforce: an event that breaks an ordering rule of a required step is refused, the
// refusal says which prerequisites are unmet (which members, for "of all members") and where the
// rule is written, and nothing changes. Audit: every well-formed event is accepted and what it
// breaks is recorded. Deadlines, evidence requirements and phase closing are recorded in both.
//
// Ownership: an engine shares ownership of the model and the organization it runs over (they are
// immutable once made), so it can be returned, copied, moved and stored anywhere; a moved-from
// engine is empty: it refuses every event (kUnknownId) and answers every query with nothing.
//
// Invariants:
//   - an event is applied completely or, when refused, not at all;
//   - same model, organization, options and events give the same state, violations and query
//     results, byte for byte; applying events one by one or in batches makes no difference;
//   - accepting an event allocates nothing except amortized growth of the violation list and
//     the deadline queue; refusing one allocates only when its Refusal is asked for.
// Thread-safety: the const members may be called from several threads at once while nothing calls
// a non-const one; apply() and set_mode() need the engine to themselves. Distinct engines may run
// concurrently, even over the same model and organization, which they only read.
// Errors: as everywhere in the public API, a call that can fail returns what went wrong as data
// (Diagnostics, a Refusal); nothing throws for bad input.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "lockstep/diagnostic.h"
#include "lockstep/event.h"
#include "lockstep/lifecycle.h"
#include "lockstep/model.h"
#include "lockstep/organization.h"
#include "lockstep/status.h"
#include "lockstep/violation.h"

namespace lockstep {

enum class Mode : std::uint8_t { kEnforce, kAudit };

struct EngineOptions {
  Mode mode = Mode::kEnforce;
  // The campaign's start date; overrides the model's `start`. One of the two is needed.
  std::optional<DayNumber> start;
};

// What apply() did with one event.
struct Outcome {
  bool accepted = false;
  RefusalKind refusal = RefusalKind::kNone;  // why not, when refused; details in apply()'s `why`
  std::uint32_t first_violation = 0;         // the violations it recorded: indices
  std::uint32_t violation_count = 0;         //   [first_violation, first_violation + count)
};

struct EngineResult;
namespace engine {
struct EngineState;  // the engine's insides, private to the library
}

class Engine {
 public:
  Engine(const Engine& other);
  Engine& operator=(const Engine& other);
  Engine(Engine&& other) noexcept;
  Engine& operator=(Engine&& other) noexcept;
  ~Engine();

  // Applies `event` at the engine's clock (the clock moves only by advance events: see
  // advance_daily() and lockstep/run.h for the day-by-day clock of a replay). `why`, when given,
  // receives this event's refusal, or a Refusal of kind kNone when it was accepted.
  Outcome apply(const Event& event, Refusal* why = nullptr);
  // Applies each event in turn, as apply() would; returns how many were refused. `outcomes`,
  // when given, receives one Outcome per event; `why`, when given, one Refusal per refused event,
  // in order, each with its event's `index` in the batch. The call for a stream of events (a
  // replay, an import): about a third fewer instructions per event than one apply() each, more
  // when one member's events come in runs.
  std::size_t apply(std::span<const Event> events, std::vector<Outcome>* outcomes = nullptr,
                    std::vector<Refusal>* why = nullptr);

  Mode mode() const;
  void set_mode(Mode mode);
  DayNumber clock() const;
  DayNumber start() const;

  // Every violation recorded so far, in the order found. The view is invalidated by the next
  // non-const call (apply() may grow the list): copy what must outlive it, or use violation().
  std::span<const Violation> violations() const;
  std::size_t violation_count() const;
  const Violation& violation(std::size_t i) const;  // i < violation_count()

  // Queries; ids out of range give nothing.
  std::optional<MemberStatus> member_status(MemberId member) const;
  std::optional<UnitStatus> unit_status(UnitId unit) const;
  // The same written into `out`, whose lists are emptied first (false, `out` untouched, for an id
  // out of range): a caller walking every unit or member reuses one record and its lists' memory.
  bool member_status(MemberId member, MemberStatus& out) const;
  bool unit_status(UnitId unit, UnitStatus& out) const;
  std::optional<PhaseState> phase_state(UnitId organization, PhaseId phase) const;
  std::optional<Rollup> rollup_branch(UnitId branch) const;       // its members and its own steps
  std::optional<Rollup> rollup_subtree(UnitId unit) const;        // every unit and member under it
  std::optional<Rollup> rollup_group(std::uint16_t group) const;  // the units a group oversees

  // The window of `phase` for `unit`'s org type, days both included.
  std::optional<std::pair<DayNumber, DayNumber>> phase_window(UnitId unit, PhaseId phase) const;
  // The last day the phase may stay open for `unit`'s org type: its window's end, or, for an
  // advisory window, the end of the binding period it is part of (docs/semantics.md).
  std::optional<DayNumber> phase_binding_end(UnitId unit, PhaseId phase) const;
  // The deadline that applies now to a member's or unit's step; nothing when the reference is
  // not of the kind that performs the step.
  std::optional<DayNumber> due(StepId step, ActorRef actor) const;

  // A 64-bit digest of the whole state (lifecycles, days, counters, clock, violations, excuses):
  // equal states give equal digests. The journal records it after every batch, and checks a
  // replay against it.
  std::uint64_t fingerprint() const;
  // The bytes of state the engine holds for the organization (its compact per-member and
  // per-unit arrays), to size a deployment: about 25 bytes per member for the seed campaigns.
  std::size_t state_bytes() const;

  // The whole state as bytes (a versioned little-endian format), to be loaded back into an
  // engine made from the same model, organization and options.
  std::vector<std::uint8_t> save_state() const;
  // Replaces the state by one from save_state(). A blob that is damaged, of another format
  // version, or made for another campaign, roster, start date or mode is refused: the result
  // says why (E0905) and the engine is unchanged. Afterwards the engine behaves as the saved one
  // did. Empty when loaded.
  Diagnostics load_state(std::span<const std::uint8_t> state);

  // False only for a moved-from engine.
  bool valid() const { return impl_ != nullptr; }
  const CampaignModel& model() const;
  const Organization& organization() const;
  const std::shared_ptr<const CampaignModel>& shared_model() const;
  const std::shared_ptr<const Organization>& shared_organization() const;

 private:
  explicit Engine(std::unique_ptr<engine::EngineState> impl);
  friend EngineResult make_engine(std::shared_ptr<const CampaignModel>,
                                  std::shared_ptr<const Organization>, const EngineOptions&);
  std::unique_ptr<engine::EngineState> impl_;
};

struct EngineResult {
  std::optional<Engine> engine;
  // Why there is no engine: the model or the organization breaks an invariant the engine relies
  // on (codes E0901.., docs/semantics.md), or no start date is known.
  Diagnostics diagnostics;
};

// Instantiates `model` over `org`, sharing their ownership. Never throws for bad input: a model or
// roster that breaks the invariants of lockstep/model.h or lockstep/organization.h gives
// diagnostics and no engine.
EngineResult make_engine(std::shared_ptr<const CampaignModel> model,
                         std::shared_ptr<const Organization> org,
                         const EngineOptions& options = {});

// Moves the clock to `day` one day at a time, as replay, status, simulate and the journal do, so
// that whoever feeds the engine sees the same state at the end of every day; `on_day`, when given,
// is called with the engine before each step. A gap longer than kMaxDailyGap days (a far-off date
// in an untrusted log) is crossed in one step, so it cannot make the run take long. Does nothing
// when the clock is already at or past `day`.
inline constexpr DayNumber kMaxDailyGap = 3660;
void advance_daily(Engine& engine, DayNumber day,
                   const std::function<void(const Engine&)>& on_day = {});

}  // namespace lockstep
