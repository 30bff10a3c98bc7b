// See schedule.h.
#include "engine/schedule.h"

#include <fmt/format.h>

#include "lockstep/civil_date.h"

namespace lockstep::engine {
namespace {

const PhaseWindow& window_for(const Phase& p, OrgTypeId t) {
  for (const auto& [type, w] : p.window_by_org_type)
    if (type == t) return w;
  return p.window;
}

// The last day of a window starting on `first` and lasting `length`.
DayNumber last_day(DayNumber first, const Duration& length) {
  const DayNumber after = add_duration(first, length);
  return after > first ? after - 1 : first - 1;  // an empty or negative length: an empty window
}

}  // namespace

DayNumber evaluate(const TimeExpr& t, const Schedule& schedule, OrgTypeId type, DayNumber start) {
  DayNumber base = start;
  switch (t.base) {
    case TimeExpr::Base::kDate:
      base = t.date;
      break;
    case TimeExpr::Base::kCampaignStart:
      base = start;
      break;
    case TimeExpr::Base::kPhaseStart:
      base = schedule.start(t.phase, type);
      break;
    case TimeExpr::Base::kPhaseEnd:
      base = schedule.end(t.phase, type);
      break;
  }
  return add_duration(base, t.offset);
}

std::optional<Schedule> build_schedule(const CampaignModel& model, DayNumber start,
                                       Diagnostics& diagnostics) {
  Schedule s;
  s.org_types = model.org_types.empty() ? 1 : model.org_types.size();
  const std::size_t phases = model.phases.size();
  s.window_start.assign(phases * s.org_types, 0);
  s.window_end.assign(phases * s.org_types, 0);
  s.window_rule.assign(phases * s.org_types, SourceSpan{});

  for (std::size_t t = 0; t < s.org_types; ++t) {
    const auto type = static_cast<OrgTypeId>(t);
    enum Mark : std::uint8_t { kTodo, kActive, kDone };
    std::vector<Mark> mark(phases, kTodo);
    // Depth-first over "starts relative to": an explicit stack, since a model may chain
    // thousands of phases.
    for (std::size_t root = 0; root < phases; ++root) {
      std::vector<PhaseId> stack{static_cast<PhaseId>(root)};
      while (!stack.empty()) {
        const PhaseId p = stack.back();
        if (mark[p] == kDone) {
          stack.pop_back();
          continue;
        }
        const PhaseWindow& w = window_for(model.phases[p], type);
        const bool relative =
            w.start == PhaseWindow::Start::kAfterPhase || w.start == PhaseWindow::Start::kWithPhase;
        if (relative && mark[w.other] != kDone) {
          if (mark[w.other] == kActive || w.other == p) {
            Diagnostic d;
            d.code = "E0904";
            d.span = w.where;
            d.message =
                fmt::format("the window of phase '{}' depends on itself", model.phases[p].id);
            diagnostics.push_back(std::move(d));
            return std::nullopt;
          }
          mark[p] = kActive;
          stack.push_back(w.other);
          continue;
        }
        DayNumber first = start;
        switch (w.start) {
          case PhaseWindow::Start::kCampaignStart:
            first = start;
            break;
          case PhaseWindow::Start::kAfterPhase:
            first = s.end(w.other, type) + 1;
            break;
          case PhaseWindow::Start::kWithPhase:
            first = s.start(w.other, type);
            break;
          case PhaseWindow::Start::kDate:
            first = w.date;
            break;
        }
        first = add_duration(first, w.offset);
        const std::size_t i = p * s.org_types + t;
        s.window_start[i] = first;
        s.window_end[i] = last_day(first, w.length);
        s.window_rule[i] = w.where.line != 0 ? w.where : model.phases[p].where;
        mark[p] = kDone;
        stack.pop_back();
      }
    }
  }

  // The binding period of each type's advisory windows ends with the last of them.
  s.binding_end = s.window_end;
  s.binding_rule = s.window_rule;
  for (std::size_t t = 0; t < s.org_types; ++t) {
    const auto type = static_cast<OrgTypeId>(t);
    std::optional<std::size_t> last;  // the advisory window of this type that ends last
    for (std::size_t p = 0; p < phases; ++p) {
      const std::size_t i = p * s.org_types + t;
      if (window_for(model.phases[p], type).severity == Severity::kAdvisory &&
          (!last || s.window_end[i] > s.window_end[*last]))
        last = i;
    }
    if (!last) continue;
    for (std::size_t p = 0; p < phases; ++p) {
      const std::size_t i = p * s.org_types + t;
      if (window_for(model.phases[p], type).severity != Severity::kAdvisory) continue;
      s.binding_end[i] = s.window_end[*last];
      s.binding_rule[i] = s.window_rule[*last];
    }
  }

  s.due.assign(model.steps.size() * s.org_types, Deadline{});
  s.reference_due.assign(model.steps.size() * s.org_types, kNoReference);
  for (std::size_t st = 0; st < model.steps.size(); ++st) {
    const Step& step = model.steps[st];
    const bool advisory_step = step.severity == Severity::kAdvisory;
    for (std::size_t t = 0; t < s.org_types; ++t) {
      Deadline& d = s.due[st * s.org_types + t];
      const std::size_t w = step.phase * s.org_types + t;
      if (step.deadline) {
        d.day = evaluate(step.deadline->due, s, static_cast<OrgTypeId>(t), start);
        d.severity = step.deadline->severity;
        d.rule = step.deadline->where;
      } else if (advisory_step || s.binding_end[w] == s.window_end[w]) {
        // An advisory step is advice at the reference date already: nothing binds it later.
        d.day = s.window_end[w];
        d.severity = Severity::kRequired;
        d.rule = s.window_rule[w];
      } else {
        d.day = s.binding_end[w];
        d.severity = Severity::kRequired;
        d.rule = s.binding_rule[w];
        s.reference_due[st * s.org_types + t] = s.window_end[w];
      }
      if (advisory_step) d.severity = Severity::kAdvisory;
    }
  }
  return s;
}

}  // namespace lockstep::engine
