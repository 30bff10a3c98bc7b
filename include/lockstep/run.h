// A run: one campaign's engine, fed events in the one order docs/semantics.md defines, keeping on
// the way what its report needs. Every door goes through it — replay, status of a log or of a
// journal, simulate (one run, Monte Carlo, the national run's shards), an embedding program; the
// journal's live state, which `record` extends, is fed by feed() below, the same order without the
// report data — so that the same events give the same verdict and the same report whichever door
// they came in by.
//
// The order: before an event is applied the clock moves one day at a time up to the event's day
// (never back: an event dated before the clock is judged by its own date, docs/semantics.md), so
// deadlines fire and missed ones are found on the same days whoever feeds the engine. A gap longer
// than kMaxDailyGap days is crossed in one step, so a far-off date in an untrusted log cannot make
// a run take long.
//
// What a run keeps beside the engine, for its report: the day of the last accepted completion of
// each (unit, step) (a member's completion counting for its responsible branch), which the engine
// keeps only where a deadline needs it, and the open required work of each phase at the end of
// every day (the report's burn-down).
//
// Invariants: a Run owns (shares) the model and organization its engine refers to, so copying or
// moving a Run is always safe; the engine is changed only through the Run.
// Thread-safety: none inside a Run; distinct runs share only immutable data and may run at once.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "lockstep/campaign_report.h"
#include "lockstep/diagnostic.h"
#include "lockstep/engine.h"

namespace lockstep {

struct RunOptions {
  EngineOptions engine;
  // Keep what the report needs beyond the engine (completion days, the burn-down). Off for runs
  // that report totals only (the national run's shards): their report() then has no completion
  // day for a member step and no burn-down.
  bool report_data = true;
  // Move the clock to each event's day before applying it, as every door does (the order above).
  // Off: events are applied at the clock as it stands, and only advance_to() and advance events
  // move it — for an application that keeps its own clock (docs/embedding.md, "The clock").
  bool follow_event_days = true;
};

struct RunResult;

class Run {
 public:
  // The engine over `model` and `org`, at the campaign's start.
  static RunResult start(std::shared_ptr<const CampaignModel> model,
                         std::shared_ptr<const Organization> org, const RunOptions& options = {});

  // Moves the clock to `day` (no earlier than it is), one day at a time.
  void advance_to(DayNumber day);
  // Advances to the event's day (unless the clock does not follow events), then applies it;
  // `why` as in Engine::apply.
  Outcome apply(const Event& event, Refusal* why = nullptr);
  // Applies each event in turn as apply() does, handing the engine each day's events as one
  // block; returns how many it refused. `why`, when given, receives one Refusal per refused
  // event, with its index in `events`.
  std::size_t apply(std::span<const Event> events, std::vector<Refusal>* why = nullptr);

  // The day after the last day of the last phase window of any unit: where a run that has seen
  // every event advances to, so that every deadline has passed.
  DayNumber end_of_campaign() const;

  // The report of the state at the clock; `source` says how it was produced, for people.
  CampaignReport report(std::string source) const;
  // Every (unit, step) cell of the report at the clock, ordered by unit then step.
  std::vector<ReportCell> cells() const;

  const Engine& engine() const { return engine_; }
  const CampaignModel& model() const { return *model_; }
  const Organization& organization() const { return *org_; }
  const std::shared_ptr<const CampaignModel>& shared_model() const { return model_; }
  const std::shared_ptr<const Organization>& shared_organization() const { return org_; }
  std::size_t refused() const { return refused_; }

 private:
  Run(std::shared_ptr<const CampaignModel> model, std::shared_ptr<const Organization> org,
      Engine engine, const RunOptions& options);
  void note_completion(const Event& event);
  void sample_burn_down();

  std::shared_ptr<const CampaignModel> model_;
  std::shared_ptr<const Organization> org_;
  Engine engine_;
  std::size_t refused_ = 0;
  // The last accepted completion day of (unit, step), at unit * steps + step; kNoDay when none.
  std::vector<DayNumber> last_completion_;
  bool report_data_ = true;
  bool follow_event_days_ = true;
  DayNumber first_day_ = 0;
  std::vector<std::vector<std::uint32_t>> open_by_phase_;  // [phase][day - first_day_]
  std::vector<Outcome> outcomes_;                          // scratch for apply(span), reused
};

struct RunResult {
  std::optional<Run> run;
  // Why there is no run: the model or roster breaks an invariant the engine relies on (E09..),
  // or no start date is known.
  Diagnostics diagnostics;
};

// What Run::apply does to the engine alone: advance day by day to the event's day, then apply it.
// For a state kept without a run's report data: the journal's live state, restored from snapshots.
Outcome feed(Engine& engine, const Event& event, Refusal* why = nullptr);

}  // namespace lockstep
