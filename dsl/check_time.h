// Whether all the deadlines of a campaign can be met, checked as a simple temporal network.
//
// Time points: the campaign start, each phase's opening and closing, each step's completion (one
// point per step: every unit's instance of a step obeys the same constraints, so if any schedule
// exists, one where all instances share their step's time does too). Constraints, each a bound on
// the difference of two points:
//   - a phase opens at its window's start plus offset and lasts its length (a month is anywhere
//     from 28 to 31 days, a week 7 days);
//   - a step is done no earlier than its phase opens, and by its required deadline, or by its
//     phase's close when it has none (advisory steps and deadlines are for reference: ignored);
//   - a step is done no earlier than its prerequisites;
//   - `within D after X`: no later than D after X.
// The network is consistent exactly when its distance graph has no negative cycle (Bellman-Ford,
// in passes ordered by time, with a budget of work so no input can make it run long). A negative
// cycle is reported as a chain of constraints with every source location, and in days: "'meeting'
// is due by day 10 but cannot be done before day 14". Per-org-type windows are checked once per org
// type that has one.
//
// Advisory windows: a required step without `due` in a phase whose window is advisory is bound
// only by the end of the binding period, which is not a point of the network. Its window's end is
// then a reference date: the network is checked first without it (a contradiction is an error,
// E0401), then, when consistent, with it (a contradiction is a warning, W0402: the reference dates
// cannot all be met, the binding period may still be).
#pragma once

#include "dsl/diagnostic_sink.h"
#include "lockstep/model.h"

namespace lockstep::dsl {

void check_time(const CampaignModel& model, DiagnosticSink& sink);

}  // namespace lockstep::dsl
