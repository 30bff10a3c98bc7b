// Monte Carlo aggregation; see forecast.h.
#include "sim/forecast.h"

#include <algorithm>

namespace lockstep::sim {

bool ForecastAccumulator::add_run(const std::vector<ReportCell>& cells, DayNumber end) {
  std::size_t k = 0;
  for (const ReportCell& c : cells) {
    if (!c.due) continue;
    if (runs_ == 0) series_.push_back({c.unit, c.step, 0, {}});
    if (k >= series_.size() || series_[k].unit != c.unit || series_[k].step != c.step) return false;
    Series& s = series_[k++];
    if (c.on_time + c.excused == c.required) ++s.on_time;
    s.finished.push_back(c.completed ? *c.completed : end);
  }
  if (k != series_.size()) return false;
  ++runs_;
  return true;
}

std::vector<ReportForecast> ForecastAccumulator::finish() const {
  std::vector<ReportForecast> out;
  out.reserve(series_.size());
  for (const Series& s : series_) {
    std::vector<DayNumber> days = s.finished;
    std::sort(days.begin(), days.end());
    const auto rank = [&](double q) {
      if (days.empty()) return DayNumber{0};
      std::size_t i = static_cast<std::size_t>(q * static_cast<double>(days.size()) + 0.999999);
      return days[std::clamp<std::size_t>(i, 1, days.size()) - 1];
    };
    ReportForecast f;
    f.unit = s.unit;
    f.step = s.step;
    f.on_time_probability = runs_ ? static_cast<double>(s.on_time) / runs_ : 0.0;
    f.p10 = rank(0.1);
    f.p50 = rank(0.5);
    f.p90 = rank(0.9);
    out.push_back(f);
  }
  return out;
}

}  // namespace lockstep::sim
