// The behaviour model; see behaviour.h.
#include "sim/behaviour.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>

#include "lockstep/civil_date.h"
#include "util/random.h"

namespace lockstep::sim {
namespace {

constexpr DayNumber kNever = std::numeric_limits<DayNumber>::max();   // skipped
constexpr DayNumber kAbsent = std::numeric_limits<DayNumber>::min();  // does not apply

// std::llround (halves away from zero) without the library call, which showed in the model's
// profile; the same result for every double: exact arithmetic below 2^62, std::llround
// itself beyond (and for NaN).
std::int64_t round_days(double x) {
  if (!(x > -0x1p62 && x < 0x1p62)) return std::llround(x);
  const auto whole = static_cast<std::int64_t>(x);     // toward zero
  const double rest = x - static_cast<double>(whole);  // exact: x's bits below the point
  return whole + (rest >= 0.5) - (rest <= -0.5);
}

// The value of `d` at `u`, a uniform draw in [0, 1).
double shape(const Distribution& d, double u) {
  switch (d.kind) {
    case Distribution::Kind::kFixed:
      return d.min;
    case Distribution::Kind::kUniform:
      return d.min + u * (d.max - d.min);
    case Distribution::Kind::kTriangular: {
      const double span = d.max - d.min;
      if (span <= 0) return d.min;
      const double f = (d.mode - d.min) / span;
      return u < f ? d.min + std::sqrt(u * span * (d.mode - d.min))
                   : d.max - std::sqrt((1 - u) * span * (d.max - d.mode));
    }
  }
  return d.min;
}

// Evidence that meets every requirement of the step (the largest "at least", the smallest "at
// most"): the model's simulated people report what is asked.
// The reference an instance's actor is for `step`: a member for a member's step, else a unit.
ActorRef actor_ref(const Step& step, std::uint32_t actor) {
  return {step.actor == Actor::kMember ? ActorKind::kMember : ActorKind::kUnit, actor};
}

Evidence evidence_for(const Step& step) {
  Evidence e;
  for (const Requirement& r : step.requirements) {
    std::int32_t* field = r.field == Requirement::Field::kHours   ? &e.hours
                          : r.field == Requirement::Field::kChars ? &e.chars
                          : r.field == Requirement::Field::kCount ? &e.count
                                                                  : nullptr;
    const auto v = static_cast<std::int32_t>(std::clamp<std::int64_t>(r.value, 0, 1 << 30));
    if (!field) {
      if (e.form == kNoForm) e.form = static_cast<FormId>(r.value);
    } else if (*field == kNoValue ||
               (r.comparison == Requirement::Comparison::kAtLeast && v > *field)) {
      *field = v;
    }
  }
  return e;
}

class BehaviourRun {
 public:
  BehaviourRun(const CampaignModel& model, const Organization& org, const Plan& plan,
               const Scenario& scenario, std::uint64_t seed, DayEvents& out)
      : model_(model),
        org_(org),
        plan_(plan),
        scenario_(scenario),
        rng_(seed),
        days_(model.steps.size()),
        below_(model.steps.size()),
        out_(out) {}

  void events() {
    std::vector<Evidence> evidence;
    evidence.reserve(model_.steps.size());
    for (const Step& step : model_.steps) evidence.push_back(evidence_for(step));
    out_.clear(std::move(evidence));
    std::size_t total = model_.phases.size() * org_.units.size();
    for (const auto& list : plan_.instances) total += list.size();
    out_.reserve(total);
    gate_day_.assign(org_.units.size() * model_.phases.size(), kAbsent);
    for (StepId s : plan_.order) simulate_step(s);
    approve_gates();
    out_.order_by_day();
  }

 private:
  bool by_member(StepId s) const { return model_.steps[s].actor == Actor::kMember; }

  std::vector<DayNumber>& days(StepId s) {
    if (days_[s].empty())
      days_[s].assign(by_member(s) ? org_.member_count() : org_.units.size(), kAbsent);
    return days_[s];
  }

  static DayNumber usable(DayNumber x) { return x != kNever ? x : kAbsent; }

  // The latest day a prerequisite was done for this instance, resolved as the engine resolves it
  // (engine/plan.h), so that people who wait for their prerequisites are never out of order;
  // kAbsent when it constrains nothing (nobody performs it, or skipped: people go ahead anyway
  // and the audit records it).
  DayNumber prerequisite_day(const Prerequisite& p, const Instance& in, bool member) {
    const std::vector<DayNumber>& d = days(p.step);
    const bool of_members = by_member(p.step);
    if (member && of_members) return usable(d[in.actor]);  // the member's own
    if (member) return unit_up(d, in.unit, false);         // from the member's branch upwards
    if (of_members) return below(p.step)[in.actor];        // every member it is responsible for
    switch (p.scope) {
      case Prerequisite::Scope::kSame:
      case Prerequisite::Scope::kAllMembers:
        return unit_up(d, in.actor, false);
      case Prerequisite::Scope::kParent:
        return unit_up(d, in.actor, true);
      case Prerequisite::Scope::kAllSubunits:
        return below(p.step)[in.actor];
    }
    return kAbsent;
  }

  // The nearest unit performing the step from `from` upwards; with `parent_first`, the strict
  // ancestors first and then `from` itself.
  DayNumber unit_up(const std::vector<DayNumber>& d, UnitId from, bool parent_first) const {
    for (UnitId v = parent_first ? org_.units[from].parent : from; v != kNoUnit;
         v = org_.units[v].parent)
      if (d[v] != kAbsent) return usable(d[v]);
    return parent_first ? usable(d[from]) : kAbsent;
  }

  // Per unit, the latest completion of step `s` below it: for a member step, over the members
  // whose responsible branch is the unit or under it; for a unit step, over the units strictly
  // under it, or the unit itself when none performs it (a single-branch organization). Built
  // once per step, after the step is simulated, in one backward pass (parents have smaller ids).
  const std::vector<DayNumber>& below(StepId s) {
    std::vector<DayNumber>& latest = below_[s];
    if (!latest.empty()) return latest;
    const std::vector<DayNumber>& d = days(s);
    latest.assign(org_.units.size(), kAbsent);
    if (by_member(s)) {
      for (MemberId m = 0; m < org_.member_count(); ++m) {
        DayNumber& l = latest[org_.member_responsible[m]];
        l = std::max(l, usable(d[m]));
      }
      for (UnitId u = static_cast<UnitId>(org_.units.size()); u-- > 1;)
        if (const UnitId parent = org_.units[u].parent; parent != kNoUnit)
          latest[parent] = std::max(latest[parent], latest[u]);
      return latest;
    }
    std::vector<bool> performed(org_.units.size(), false);  // by a unit strictly below
    for (UnitId u = static_cast<UnitId>(org_.units.size()); u-- > 1;) {
      const UnitId parent = org_.units[u].parent;
      if (parent == kNoUnit || (d[u] == kAbsent && !performed[u])) continue;
      performed[parent] = true;
      latest[parent] = std::max({latest[parent], usable(d[u]), latest[u]});
    }
    for (UnitId u = 0; u < org_.units.size(); ++u)
      if (!performed[u]) latest[u] = usable(d[u]);
    return latest;
  }

  // The deadline people work to, as the engine will judge it: "within N after X" counts from the
  // day X was done (an explicit due still holds when earlier), else the plan's deadline.
  DayNumber effective_due(const Step& step, const Instance& in, bool member) {
    if (!step.within) return in.due;
    const DayNumber base = prerequisite_day(step.within->after, in, member);
    if (base == kAbsent) return in.due;
    const DayNumber within = add_duration(base, step.within->limit);
    return step.deadline && in.due <= within ? in.due : within;
  }

  double slowdown(const Instance& in, bool member, DayNumber start) const {
    const OrgTypeId t = org_.units[in.unit].org_type;
    double f = 1;
    if (t < scenario_.org_type_factor.size()) {
      f *= scenario_.org_type_factor[t];
      for (const Season& s : scenario_.org_type_seasons[t])
        if (start >= s.from && start <= s.to) f *= s.factor;
    }
    if (member) {
      // The member's categories in increasing order, as many as have a factor.
      const std::size_t known = std::min<std::size_t>(scenario_.category_factor.size(), 64);
      std::uint64_t cats = org_.member_categories[in.actor];
      if (known < 64) cats &= (std::uint64_t{1} << known) - 1;
      for (; cats != 0; cats &= cats - 1) f *= scenario_.category_factor[std::countr_zero(cats)];
    }
    return f;
  }

  void simulate_step(StepId s) {
    const Step& step = model_.steps[s];
    const StepBehaviour& b = scenario_.steps[s];
    const bool member = by_member(s);
    std::vector<DayNumber>& mine = days(s);
    for (const Instance& in : plan_.instances[s]) {
      // Always five draws per instance (see behaviour.h); a duration or lateness that goes
      // unused is drawn but not shaped.
      const bool skip = rng_.chance(b.skip);
      const bool ignore_order = rng_.chance(b.out_of_order);
      const double duration_draw = rng_.uniform();
      const bool late = rng_.chance(b.late);
      const double late_by_draw = rng_.uniform();
      if (skip) {
        mine[in.actor] = kNever;
        note_gate(in, step, kNever);
        continue;
      }
      const auto [open, close] = plan_.window(in.unit, step.phase);
      DayNumber start = open <= close ? open : in.due;
      if (!ignore_order)
        for (const Prerequisite& p : step.after)
          start = std::max(start, prerequisite_day(p, in, member));
      const DayNumber due = effective_due(step, in, member);
      const double scaled = shape(b.duration, duration_draw) * slowdown(in, member, start);
      DayNumber done = start + static_cast<DayNumber>(round_days(std::min(scaled, 36500.0)));
      if (late) {
        const auto by = static_cast<DayNumber>(round_days(shape(b.late_by, late_by_draw)));
        done = std::max(done, due + std::max<DayNumber>(1, by));
      } else if (done > due) {
        done = std::max(due, start);
      }
      mine[in.actor] = done;
      note_gate(in, step, done);
      // Every repetition the rules ask for (the language bounds them: dsl/limits.h kMaxRepeat).
      const std::uint32_t n = std::max<std::uint32_t>(1, step.min_repetitions);
      // Repetitions spread evenly from the start to `done`, never before the step could start
      // (an earlier one would be out of order), the last on `done`. Most steps are done once:
      // no division for them.
      if (n == 1) {
        out_.complete(s, actor_ref(step, in.actor), done);
        continue;
      }
      const std::int64_t span = std::max<std::int64_t>(0, std::int64_t{done} - start);
      for (std::uint32_t i = 1; i <= n; ++i)
        out_.complete(s, actor_ref(step, in.actor),
                      done - static_cast<DayNumber>(span * (n - i) / n));
    }
  }

  // The gate of a phase is approved when the organization's last required instance is done.
  void note_gate(const Instance& in, const Step& step, DayNumber done) {
    if (step.severity != Severity::kRequired || !model_.phases[step.phase].gate) return;
    const UnitId o = plan_.organization[in.unit];
    if (o == kNoUnit) return;
    DayNumber& g = gate_day_[o * model_.phases.size() + step.phase];
    g = std::max(g, done);
  }

  // The group overseeing unit u: its own, else its nearest ancestor's, else kNoGroup.
  std::uint32_t overseer(UnitId u) const {
    for (; u != kNoUnit; u = org_.units[u].parent)
      if (org_.units[u].supervision_group != kNoGroup) return org_.units[u].supervision_group;
    return kNoGroup;
  }

  void approve_gates() {
    for (UnitId o = 0; o < org_.units.size(); ++o) {
      if (plan_.organization[o] != o) continue;
      for (PhaseId p = 0; p < model_.phases.size(); ++p) {
        const auto& gate = model_.phases[p].gate;
        const auto [open, close] = plan_.window(o, p);
        if (!gate || open > close) continue;
        const Unit& unit = org_.units[o];
        const bool by_group = gate->approver == Gate::Approver::kSupervisionGroup;
        if (!by_group && unit.parent == kNoUnit) continue;
        // A group's gate is approved by the group overseeing the organization (its own or an
        // ancestor's, as the engine has it), or, where none does, unnamed (kNoGroup): the engine
        // takes any approver then (docs/semantics.md, "Gates").
        const std::uint32_t approver = by_group ? overseer(o) : unit.parent;
        // A unit behind an advisory window's reference end is still inside the phase until its
        // binding end: its gate is approved when its work is done, up to then.
        const DayNumber last = gate_day_[o * model_.phases.size() + p];
        const DayNumber bound = plan_.binding_end(o, p);
        const DayNumber day = std::clamp(last == kNever ? bound : last, open, bound);
        out_.approve(p, UnitRef(o), approver, day);
      }
    }
  }

  const CampaignModel& model_;
  const Organization& org_;
  const Plan& plan_;
  const Scenario& scenario_;
  util::SplitMix64 rng_;
  std::vector<std::vector<DayNumber>> days_;   // by step: per member or unit, the day done
  std::vector<std::vector<DayNumber>> below_;  // by step: see below()
  std::vector<DayNumber> gate_day_;            // by (organization, phase)
  DayEvents& out_;
};

}  // namespace

void simulate_events(const CampaignModel& model, const Organization& org, const Plan& plan,
                     const Scenario& scenario, std::uint64_t seed, DayEvents& out) {
  BehaviourRun(model, org, plan, scenario, seed, out).events();
}

std::vector<Event> simulate_events(const CampaignModel& model, const Organization& org,
                                   const Plan& plan, const Scenario& scenario, std::uint64_t seed) {
  DayEvents day_events;
  simulate_events(model, org, plan, scenario, seed, day_events);
  std::vector<Event> events;
  events.reserve(day_events.size());
  for (std::size_t i = 0; i < day_events.size(); ++i) events.push_back(day_events.event(i));
  return events;
}

}  // namespace lockstep::sim
