// Feeding the engine and keeping what the report needs; see lockstep/run.h. The report itself is
// made in campaign_report.cpp.
#include "lockstep/run.h"

#include <algorithm>
#include <limits>

namespace lockstep {
namespace {

constexpr DayNumber kNoDay = std::numeric_limits<DayNumber>::min();

}  // namespace

Run::Run(std::shared_ptr<const CampaignModel> model, std::shared_ptr<const Organization> org,
         Engine engine, const RunOptions& options)
    : model_(std::move(model)),
      org_(std::move(org)),
      engine_(std::move(engine)),
      report_data_(options.report_data),
      follow_event_days_(options.follow_event_days),
      first_day_(engine_.clock()) {
  if (!report_data_) return;
  last_completion_.assign(org_->units.size() * model_->steps.size(), kNoDay);
  open_by_phase_.assign(model_->phases.size(), {});
}

RunResult Run::start(std::shared_ptr<const CampaignModel> model,
                     std::shared_ptr<const Organization> org, const RunOptions& options) {
  RunResult result;
  EngineResult made = make_engine(model, org, options.engine);
  result.diagnostics = std::move(made.diagnostics);
  if (!made.engine) return result;
  result.run.emplace(Run(std::move(model), std::move(org), std::move(*made.engine), options));
  return result;
}

void Run::advance_to(DayNumber day) {
  if (!report_data_) return advance_daily(engine_, day);
  advance_daily(engine_, day, [this](const Engine&) { sample_burn_down(); });
}

Outcome feed(Engine& engine, const Event& event, Refusal* why) {
  advance_daily(engine, event.day);
  return engine.apply(event, why);
}

Outcome Run::apply(const Event& event, Refusal* why) {
  if (follow_event_days_) advance_to(event.day);
  const Outcome outcome = engine_.apply(event, why);
  if (!outcome.accepted)
    ++refused_;
  else if (report_data_)
    note_completion(event);
  return outcome;
}

std::size_t Run::apply(std::span<const Event> events, std::vector<Refusal>* why) {
  const std::size_t refused_before = refused_;
  for (std::size_t i = 0; i < events.size();) {
    if (follow_event_days_) advance_to(events[i].day);
    // The events the clock need not move for go to the engine as one block (all of them, when
    // the clock does not follow the events).
    const DayNumber clock = engine_.clock();
    std::size_t j = i + 1;
    while (j < events.size() && (!follow_event_days_ || events[j].day <= clock)) ++j;
    const std::span<const Event> block = events.subspan(i, j - i);
    const std::size_t first_refusal = why ? why->size() : 0;
    if (!report_data_) {
      refused_ += engine_.apply(block, nullptr, why);
    } else {
      outcomes_.clear();
      refused_ += engine_.apply(block, &outcomes_, why);
      for (std::size_t k = 0; k < block.size(); ++k)
        if (outcomes_[k].accepted) note_completion(block[k]);
    }
    // The engine numbers a block's refusals within the block; the caller's batch is `events`.
    if (why)
      for (std::size_t k = first_refusal; k < why->size(); ++k) (*why)[k].index += i;
    i = j;
  }
  return refused_ - refused_before;
}

void Run::note_completion(const Event& e) {
  if (e.kind != Event::Kind::kComplete || e.step >= model_->steps.size()) return;
  const bool by_member = model_->steps[e.step].actor == Actor::kMember;
  if (by_member ? e.actor >= org_->member_count() : e.actor >= org_->units.size()) return;
  const UnitId unit = by_member ? org_->member_responsible[e.actor] : e.actor;
  if (unit >= org_->units.size()) return;
  DayNumber& last = last_completion_[unit * model_->steps.size() + e.step];
  last = std::max(last, e.day);
}

DayNumber Run::end_of_campaign() const {
  DayNumber end = engine_.start();
  for (UnitId u = 0; u < org_->units.size(); ++u)
    for (PhaseId p = 0; p < model_->phases.size(); ++p)
      if (auto w = engine_.phase_window(u, p)) end = std::max(end, w->second);
  return end + 1;
}

}  // namespace lockstep
