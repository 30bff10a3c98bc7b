// The engine's insides: what make_engine derives once (Context), the state, split by what owns it,
// and the event handlers that coordinate them.
//
//   Context        constant after make_engine: plan, calendar, tree, lifecycle tables (context.h)
//   InstanceTable  the step instances: bytes, masks, days, repetitions, open member counts, and
//                  the member kernel that settles the usual completion fast (instance_table.h)
//   PhaseBook      each organization's phases: bytes, open required counts, gates (phase_book.h)
//   Clock          the day, the fixed calendar and the queue of deadline checks (clock.h)
//   Records        what the events leave behind: violations, excuses and their reasons
//   Deadlines      a view over the instances: each one's deadline as it stands (deadlines.h)
//
// EngineState dispatches each event to its handler (engine.cpp); the handlers of completions,
// excuses and revisions are in completion.cpp; queries are free functions over a const Impl
// (queries.cpp), the saved state in snapshot.cpp. The parts hold no pointers to one another, so an
// engine copies by copying them.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "engine/clock.h"
#include "engine/context.h"
#include "engine/deadlines.h"
#include "engine/instance_table.h"
#include "engine/phase_book.h"
#include "lockstep/engine.h"

namespace lockstep {

namespace engine {

struct ExcuseRecord {
  std::uint32_t actor = 0;
  StepId step = 0;
  DayNumber day = 0;
  std::uint32_t reason = 0;  // index into Records::reasons
};

// What the events leave behind, in the order they happen. Violations are never revised; each
// reason is kept once.
struct Records {
  std::vector<Violation> violations;
  std::vector<ExcuseRecord> excuses;
  std::vector<std::string> reasons;
  std::unordered_map<std::string, std::uint32_t> reason_index;

  std::uint32_t reason_id(std::string_view reason) {
    auto [it, inserted] =
        reason_index.emplace(std::string(reason), static_cast<std::uint32_t>(reasons.size()));
    if (inserted) reasons.emplace_back(reason);
    return it->second;
  }
};

}  // namespace engine

struct engine::EngineState {
  // What the context's model and org pointers point into, owned with the application.
  std::shared_ptr<const CampaignModel> model_owner;
  std::shared_ptr<const Organization> org_owner;
  engine::Context context;
  Mode mode = Mode::kEnforce;
  engine::InstanceTable instances;
  engine::PhaseBook phases;
  engine::Clock clock;
  engine::Records records;
  Refusal refusal;  // the last refusal's details, kept with their lists' memory
  std::vector<UnmetPrerequisite> spare_unmet;  // refusal.unmet's old records, reused (refuse())

  // engine.cpp: building the state, dispatching events
  void initialize();
  Outcome apply(const Event& e);
  RefusalKind dispatch(const Event& e);  // apply() once the day is in the calendar
  // Records the refusal's details in `refusal` and returns `kind`.
  RefusalKind refuse(const Event& e, RefusalKind kind);
  RefusalKind approve(const Event& e);
  RefusalKind advance(const Event& e);
  void advance_to(DayNumber day) {
    clock.advance_to(day, {context, instances, phases, records.violations});
  }
  engine::Deadlines deadlines() const { return {context, instances}; }

  // completion.cpp: completions, excuses, revisions
  // A member completion the kernel settles, else complete_by<true> (complete_member.h).
  RefusalKind complete_member(const Event& e, const engine::MemberKernel& k);
  template <bool by_member>
  RefusalKind complete_by(const Event& e, const engine::StepPlan& sp);
  RefusalKind excuse(const Event& e);
  RefusalKind revise(const Event& e);
  // What excuse() and revise() share: the step and instance `e` names, and the byte the
  // lifecycle moves it to on `event`; a refusal (and nothing changed) when the instance is already
  // in state `already` (a duplicate) or has no such transition.
  struct Transition {
    const engine::StepPlan* step = nullptr;
    engine::InstanceTable::Located at;
    std::uint8_t next = 0;
  };
  RefusalKind locate_transition(const Event& e, engine::StepEvent event, std::uint8_t already,
                                Transition& out);
  // The instance (m, u) of `sp` became satisfied or not (u is a member's responsible branch): the
  // masks, the counts and its phase follow. Inline: every accepted completion takes it.
  void satisfied_changed(MemberId m, UnitId u, const engine::StepPlan& sp, bool now_satisfied) {
    if (m != kNoMember) instances.set_member_satisfied(m, u, sp, now_satisfied);
    if (sp.required)
      phases.count_changed(context, context.topology.organization[u], sp.phase, now_satisfied);
  }
};

}  // namespace lockstep
