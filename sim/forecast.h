// Monte Carlo forecasts: over K runs, for every (unit, step) cell that has a deadline, the
// probability that all of it is done on time and the 10th/50th/90th percentiles of the day it is
// finished (a run in which it never finishes counts as finishing on the run's last day).
//
// Invariants: every run gives the same cells in the same order (same plan); results are ordered
// as the cells; percentiles are nearest-rank, so they are days that occurred.
#pragma once

#include <vector>

#include "lockstep/campaign_report.h"

namespace lockstep::sim {

class ForecastAccumulator {
 public:
  // `cells` from one run, at clock `end`. Returns false when they do not match earlier runs.
  bool add_run(const std::vector<ReportCell>& cells, DayNumber end);
  std::vector<ReportForecast> finish() const;
  std::uint32_t runs() const { return runs_; }

 private:
  struct Series {
    std::uint32_t unit = 0, step = 0;
    std::uint32_t on_time = 0;
    std::vector<DayNumber> finished;  // one per run
  };
  std::vector<Series> series_;
  std::uint32_t runs_ = 0;
};

}  // namespace lockstep::sim
