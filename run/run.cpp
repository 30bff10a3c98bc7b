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
         Engine engine, bool report_data)
    : model_(std::move(model)),
      org_(std::move(org)),
      engine_(std::move(engine)),
      report_data_(report_data),
      first_day_(engine_.clock()) {
  if (!report_data_) return;
  last_completion_.assign(org_->units.size() * model_->steps.size(), kNoDay);
  open_by_phase_.assign(model_->phases.size(), {});
}

std::optional<Run> Run::start(std::shared_ptr<const CampaignModel> model,
                              std::shared_ptr<const Organization> org, const RunOptions& options,
                              Diagnostics& diagnostics) {
  EngineResult made = make_engine(*model, *org, options.engine);
  if (!made.engine) {
    diagnostics.insert(diagnostics.end(), made.diagnostics.begin(), made.diagnostics.end());
    return std::nullopt;
  }
  return Run(std::move(model), std::move(org), std::move(*made.engine), options.report_data);
}

void Run::advance_to(DayNumber day) {
  if (!report_data_) return advance_daily(engine_, day);
  advance_daily(engine_, day, [this](const Engine&) { sample_burn_down(); });
}

Outcome feed(Engine& engine, const Event& event) {
  advance_daily(engine, event.day);
  return engine.apply(event);
}

Outcome Run::apply(const Event& event) {
  advance_to(event.day);
  const Outcome outcome = engine_.apply(event);
  if (!outcome.accepted)
    ++refused_;
  else if (report_data_)
    note_completion(event);
  return outcome;
}

std::size_t Run::apply(std::span<const Event> events) {
  const std::size_t refused_before = refused_;
  for (std::size_t i = 0; i < events.size();) {
    advance_to(events[i].day);
    // The events the clock need not move for go to the engine as one block.
    const DayNumber clock = engine_.clock();
    std::size_t j = i + 1;
    while (j < events.size() && events[j].day <= clock) ++j;
    const std::span<const Event> block = events.subspan(i, j - i);
    if (!report_data_) {
      refused_ += engine_.apply(block);
    } else {
      refused_ += engine_.apply(block, &outcomes_);
      for (std::size_t k = 0; k < block.size(); ++k)
        if (outcomes_[k].accepted) note_completion(block[k]);
    }
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
