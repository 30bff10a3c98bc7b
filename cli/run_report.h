// Running a campaign's events through the engine, and turning the engine's state into a
// lockstep::CampaignReport for the renderers. Shared by replay, status and simulate so that a
// simulation and the replay of its exported log go through exactly the same steps and give the
// same violations.
//
// Invariants: events are applied in the order given (callers pass them stably sorted by day);
// the clock moves one day at a time (lockstep::advance_daily) up to each event's day before it is
// applied and, at the end, to `until`, so deadlines fire (and missed ones are found) on the same
// days whoever feeds the engine.
#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "lockstep/engine.h"
#include "lockstep/report.h"

namespace lockstep::cli {

// The last day of the last phase window over every unit: the day a full run advances past.
DayNumber campaign_end(const Engine& engine);

// Called with the engine at the end of each day, before the clock moves on (and once at the end).
using DayObserver = std::function<void(const Engine&)>;

// The day of the last accepted completion of each (unit, step), a member's completions counting
// for its responsible branch. The engine keeps a member's completion day only where a deadline
// needs it, so without this a report could not say when a unit finished a member step.
class CompletionDays {
 public:
  explicit CompletionDays(const Engine& engine);
  void note(const Event& e);  // call for accepted completions only
  std::optional<DayNumber> last(std::uint32_t unit, std::uint32_t step) const;

 private:
  const Organization& org_;
  const CampaignModel& model_;
  std::vector<DayNumber> day_;  // unit * steps + step; kNone when nothing was completed
  static constexpr DayNumber kNone = std::numeric_limits<DayNumber>::min();
};

// Applies `events` (advancing the clock to each one's day first, never backwards), then advances
// to `until` when given. Returns how many events the engine refused. When `days` is given, every
// accepted completion is noted there.
std::size_t run_events(Engine& engine, std::span<const Event> events,
                       std::optional<DayNumber> until, const DayObserver& on_day = {},
                       CompletionDays* days = nullptr);

// Every (unit, step) cell of the report at the engine's clock, ordered by unit then step. A cell
// all finished takes its completion day from `days` when the engine does not know it.
std::vector<ReportCell> report_cells(const Engine& engine, const CompletionDays* days = nullptr);

// Open required (actor, step) instances per phase, now: one burn-down sample.
std::vector<std::uint32_t> open_by_phase(const Engine& engine);

// The report of the engine's state at its clock. `source` says how it was produced.
CampaignReport make_report(const Engine& engine, const std::string& source,
                           const CompletionDays* days = nullptr);

}  // namespace lockstep::cli
