// See check_time.h. The distance graph: an edge u -> v of weight w says t(v) - t(u) <= w.
#include "dsl/check_time.h"
#include "lockstep/names.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <unordered_set>

#include "lockstep/civil_date.h"

namespace lockstep::dsl {
namespace {

// Where a constraint comes from, to explain a negative cycle in the user's terms.
enum class Why : std::uint8_t {
  kStartDate,     // the campaign's start date
  kPhaseOpens,    // phase `index` opens as its window says
  kPhaseLength,   // phase `index` lasts its window's length
  kStepInPhase,   // step `index` cannot be done before its phase opens
  kDeadline,      // step `index`'s `due`
  kPhaseClose,    // step `index` is due when its phase closes (no `due`)
  kReferenceEnd,  // the same for a phase whose window is advisory: a reference date
  kPrerequisite,  // step `index` comes after its prerequisite number `aux`
  kWithin,        // step `index`'s `within`
};

struct Edge {
  std::uint32_t from, to;
  std::int64_t weight;
  Why why;
  std::uint32_t index, aux;
};

// The least and most days a duration can be: a month is 28 to 31 days.
std::pair<std::int64_t, std::int64_t> days(const Duration& d) {
  const std::int64_t a = d.amount;
  switch (d.unit) {
    case Duration::Unit::kDays:
      return {a, a};
    case Duration::Unit::kWeeks:
      return {7 * a, 7 * a};
    case Duration::Unit::kMonths:
      return a >= 0 ? std::pair{28 * a, 31 * a} : std::pair{31 * a, 28 * a};
  }
  return {a, a};
}

class Network {
 public:
  // `org_type`: check with this org type's windows and steps; nothing: the default windows.
  // `reference`: the ends of advisory windows bind the steps due then (see check_time.h).
  Network(const CampaignModel& m, std::optional<OrgTypeId> org_type,
          const std::vector<bool>& has_own, bool reference)
      : m_(m), org_type_(org_type), reference_(reference) {
    const std::size_t phases = m.phases.size();
    step_base_ = static_cast<std::uint32_t>(2 + 2 * phases);
    included_.resize(m.steps.size());
    for (std::size_t s = 0; s < m.steps.size(); ++s)
      included_[s] = applies(m.steps[s].applies, has_own);
    build();
  }

  // Runs Bellman-Ford; returns the edges of a negative cycle, or nothing. `gave_up` is set when
  // the budget ran out first.
  std::vector<const Edge*> negative_cycle(bool& gave_up) const;

  std::string explain(const std::vector<const Edge*>& cycle, Diagnostic& d) const;

  // Whether some phase's window (as this network sees it) is advisory.
  bool has_advisory_window() const {
    for (PhaseId p = 0; p < m_.phases.size(); ++p)
      if (window(p).severity == Severity::kAdvisory) return true;
    return false;
  }

 private:
  std::uint32_t zero() const { return 0; }    // day 0: 1970-01-01
  std::uint32_t origin() const { return 1; }  // the campaign start
  std::uint32_t opens(PhaseId p) const { return 2 + 2 * p; }
  std::uint32_t closes(PhaseId p) const { return 3 + 2 * p; }
  std::uint32_t done(StepId s) const { return step_base_ + s; }
  std::size_t node_count() const { return step_base_ + m_.steps.size(); }

  bool applies(const Applicability& a, const std::vector<bool>& has_own) const {
    if (org_type_) {
      const std::uint64_t bit = std::uint64_t{1} << *org_type_;
      return (a.only_org_types == 0 || (a.only_org_types & bit)) && !(a.except_org_types & bit);
    }
    if (a.only_org_types == 0) return true;
    for (std::size_t t = 0; t < has_own.size(); ++t)  // some org type on the default windows
      if ((a.only_org_types >> t & 1) && !has_own[t] && !(a.except_org_types >> t & 1)) return true;
    return false;
  }

  const PhaseWindow& window(PhaseId p) const {
    if (org_type_)
      for (const auto& [t, w] : m_.phases[p].window_by_org_type)
        if (t == *org_type_) return w;
    return m_.phases[p].window;
  }

  void add(std::uint32_t from, std::uint32_t to, std::int64_t w, Why why, std::uint32_t index,
           std::uint32_t aux = 0) {
    edges_.push_back(Edge{from, to, w, why, index, aux});
  }

  void build();

  const CampaignModel& m_;
  std::optional<OrgTypeId> org_type_;
  bool reference_ = false;
  std::uint32_t step_base_ = 0;
  std::vector<bool> included_;
  std::vector<Edge> edges_;
};

void Network::build() {
  if (m_.start) {
    add(zero(), origin(), *m_.start, Why::kStartDate, 0);
    add(origin(), zero(), -std::int64_t{*m_.start}, Why::kStartDate, 0);
  }
  for (PhaseId p = 0; p < m_.phases.size(); ++p) {
    const PhaseWindow& w = window(p);
    std::uint32_t anchor = origin();
    std::int64_t base = 0;
    switch (w.start) {
      case PhaseWindow::Start::kCampaignStart:
        break;
      case PhaseWindow::Start::kDate:
        anchor = zero(), base = w.date;
        break;
      case PhaseWindow::Start::kAfterPhase:
        anchor = closes(w.other);
        break;
      case PhaseWindow::Start::kWithPhase:
        anchor = opens(w.other);
        break;
    }
    const auto [lo, hi] = days(w.offset);
    add(anchor, opens(p), base + hi, Why::kPhaseOpens, p);
    add(opens(p), anchor, -(base + lo), Why::kPhaseOpens, p);
    const auto [len_lo, len_hi] = days(w.length);
    add(opens(p), closes(p), len_hi, Why::kPhaseLength, p);
    add(closes(p), opens(p), -len_lo, Why::kPhaseLength, p);
  }
  for (StepId s = 0; s < m_.steps.size(); ++s) {
    if (!included_[s]) continue;
    const Step& step = m_.steps[s];
    add(done(s), opens(step.phase), 0, Why::kStepInPhase, s);
    const bool required = step.severity == Severity::kRequired;
    if (step.deadline) {
      const Deadline& d = *step.deadline;
      if (required && d.severity == Severity::kRequired) {
        std::uint32_t anchor = origin();
        std::int64_t base = 0;
        switch (d.due.base) {
          case TimeExpr::Base::kDate:
            anchor = zero(), base = d.due.date;
            break;
          case TimeExpr::Base::kCampaignStart:
            break;
          case TimeExpr::Base::kPhaseStart:
            anchor = opens(d.due.phase);
            break;
          case TimeExpr::Base::kPhaseEnd:
            anchor = closes(d.due.phase);
            break;
        }
        add(anchor, done(s), base + days(d.due.offset).second, Why::kDeadline, s);
      }
    } else if (required && window(step.phase).severity == Severity::kAdvisory) {
      if (reference_) add(closes(step.phase), done(s), 0, Why::kReferenceEnd, s);
    } else if (required) {
      add(closes(step.phase), done(s), 0, Why::kPhaseClose, s);
    }
    for (std::uint32_t i = 0; i < step.after.size(); ++i) {
      const StepId t = step.after[i].step;
      if (included_[t]) add(done(s), done(t), 0, Why::kPrerequisite, s, i);
    }
    if (step.within && required && step.within->severity == Severity::kRequired &&
        included_[step.within->after.step]) {
      add(done(step.within->after.step), done(s), days(step.within->limit).second, Why::kWithin, s);
    }
  }
}

// Bellman-Ford in passes over the nodes in time order (Yen's improvement): backwards on even
// passes, forwards on odd ones. Most constraints point from a later time to an earlier one
// (a step to its prerequisite, a phase to the one it follows), so one backward pass settles a real
// campaign and a second confirms it. After each pass the predecessor graph is searched for a
// cycle: one appears exactly when the network has a negative cycle, usually long before the n-th
// pass of the textbook algorithm.
std::vector<const Edge*> Network::negative_cycle(bool& gave_up) const {
  const std::size_t n = node_count();
  std::vector<std::vector<std::uint32_t>> out(n);  // edge indices by source node
  for (std::uint32_t e = 0; e < edges_.size(); ++e) out[edges_[e].from].push_back(e);
  std::vector<std::uint32_t> order{zero(), origin()};
  for (PhaseId p = 0; p < m_.phases.size(); ++p) {
    order.push_back(opens(p));
    for (StepId s = m_.phases[p].first_step; s < m_.phases[p].first_step + m_.phases[p].step_count;
         ++s)
      order.push_back(done(s));
    order.push_back(closes(p));
  }
  // Every node starts at distance 0, as if a virtual source had a 0 edge to each.
  std::vector<std::int64_t> dist(n, 0);
  std::vector<std::uint32_t> pred(n, UINT32_MAX);
  std::vector<std::uint32_t> seen(n, 0);
  std::size_t budget = std::size_t{64} << 20;  // edges scanned: well under a second
  for (std::uint32_t pass = 1; pass <= n + 1; ++pass) {
    bool changed = false;
    for (std::size_t i = 0; i < order.size(); ++i) {
      const std::uint32_t u = pass % 2 ? order[order.size() - 1 - i] : order[i];
      for (std::uint32_t e : out[u]) {
        const Edge& edge = edges_[e];
        if (dist[u] + edge.weight < dist[edge.to]) {
          dist[edge.to] = dist[u] + edge.weight;
          pred[edge.to] = e;
          changed = true;
        }
      }
      if (out[u].size() > budget) {
        gave_up = true;
        return {};
      }
      budget -= out[u].size();
    }
    if (!changed) return {};
    // Each node has one predecessor: walk from every node, stamping with the start, until a node
    // seen before; if it was stamped by this walk, the walk closed a cycle.
    std::fill(seen.begin(), seen.end(), 0);
    for (std::uint32_t v = 0; v < n; ++v) {
      std::uint32_t x = v;
      while (x != UINT32_MAX && seen[x] == 0) {
        seen[x] = v + 1;
        x = pred[x] == UINT32_MAX ? UINT32_MAX : edges_[pred[x]].from;
      }
      if (x == UINT32_MAX || seen[x] != v + 1) continue;
      std::vector<const Edge*> cycle;
      std::uint32_t y = x;
      do {
        cycle.push_back(&edges_[pred[y]]);
        y = edges_[pred[y]].from;
      } while (y != x);
      std::reverse(cycle.begin(), cycle.end());
      return cycle;
    }
  }
  return {};
}

std::string Network::explain(const std::vector<const Edge*>& raw, Diagnostic& d) const {
  // Start the cycle where days read best: the campaign start, else day 0 of the calendar, else
  // the opening of the earliest phase on it, else anywhere.
  const auto rank = [&](std::uint32_t node) -> std::uint64_t {
    if (node == origin()) return 0;
    if (node == zero()) return 1;
    if (node < step_base_ && node % 2 == 0) return 2 + node;  // a phase opening
    return std::uint64_t{1} << 40;
  };
  std::size_t first = 0;
  for (std::size_t i = 1; i < raw.size(); ++i)
    if (rank(raw[i]->from) < rank(raw[first]->from)) first = i;
  std::vector<const Edge*> cycle(raw.begin() + first, raw.end());
  cycle.insert(cycle.end(), raw.begin(), raw.begin() + first);
  const std::uint32_t ref = cycle.front()->from;
  std::int64_t total = 0;
  for (const Edge* e : cycle) total += e->weight;

  // The first step reached: its latest day (by this chain) and its earliest (by the rest).
  std::int64_t upto = 0;
  std::size_t at = cycle.size() - 1;
  for (std::size_t i = 0; i < cycle.size(); ++i) {
    upto += cycle[i]->weight;
    if (cycle[i]->to >= step_base_) {
      at = i;
      break;
    }
  }
  const auto day = [&](std::int64_t v) {
    if (ref == zero()) return format_date(static_cast<DayNumber>(v));
    if (ref == origin()) return fmt::format("day {}", v);
    if (ref >= step_base_)
      return fmt::format("{} days after '{}' is done", v, m_.steps[ref - step_base_].id);
    const PhaseId p = static_cast<PhaseId>((ref - 2) / 2);
    if (ref == opens(p)) return fmt::format("day {} of phase '{}'", v, m_.phases[p].id);
    return fmt::format("{} days after phase '{}' closes", v, m_.phases[p].id);
  };
  std::string message;
  if (cycle[at]->to >= step_base_) {
    const Step& s = m_.steps[cycle[at]->to - step_base_];
    message =
        fmt::format("deadlines cannot all be met: '{}' is due by {} but cannot be done before {}",
                    s.id, day(upto), day(upto - total));
  } else {
    message = "deadlines cannot all be met: the phase windows contradict each other";
  }

  auto describe = [&](const Edge& e) -> Label {
    const auto phase = [&](std::uint32_t i) -> const Phase& { return m_.phases[i]; };
    switch (e.why) {
      case Why::kStartDate:
        return {m_.where, fmt::format("the campaign starts on {}", format_date(*m_.start))};
      case Why::kPhaseOpens: {
        const PhaseWindow& w = window(static_cast<PhaseId>(e.index));
        std::string when;
        switch (w.start) {
          case PhaseWindow::Start::kCampaignStart:
            when = "at the campaign start";
            break;
          case PhaseWindow::Start::kDate:
            when = fmt::format("on {}", format_date(w.date));
            break;
          case PhaseWindow::Start::kAfterPhase:
            when = fmt::format("when '{}' closes", phase(w.other).id);
            break;
          case PhaseWindow::Start::kWithPhase:
            when = fmt::format("when '{}' opens", phase(w.other).id);
            break;
        }
        if (w.offset.amount != 0)
          when =
              fmt::format("{} after {}", duration_text(w.offset), when.substr(when.find(' ') + 1));
        return {w.where, fmt::format("phase '{}' opens {}", phase(e.index).id, when)};
      }
      case Why::kPhaseLength: {
        const PhaseWindow& w = window(static_cast<PhaseId>(e.index));
        const auto [lo, hi] = days(w.length);
        return {w.where, lo == hi
                             ? fmt::format("phase '{}' lasts {} days", phase(e.index).id, lo)
                             : fmt::format("phase '{}' lasts {} ({} to {} days)", phase(e.index).id,
                                           duration_text(w.length), lo, hi)};
      }
      case Why::kStepInPhase: {
        const Step& s = m_.steps[e.index];
        return {s.where, fmt::format("'{}' cannot be done before phase '{}' opens", s.id,
                                     phase(s.phase).id)};
      }
      case Why::kDeadline: {
        const Step& s = m_.steps[e.index];
        return {s.deadline->where, fmt::format("'{}' has this deadline", s.id)};
      }
      case Why::kPhaseClose: {
        const Step& s = m_.steps[e.index];
        return {s.where, fmt::format("'{}' has no 'due', so it is due when phase '{}' closes", s.id,
                                     phase(s.phase).id)};
      }
      case Why::kReferenceEnd: {
        const Step& s = m_.steps[e.index];
        return {window(s.phase).where,
                fmt::format("'{}' has no 'due', so it is due for reference when phase '{}' "
                            "reaches the end of its advisory window",
                            s.id, phase(s.phase).id)};
      }
      case Why::kPrerequisite: {
        const Step& s = m_.steps[e.index];
        return {s.after[e.aux].where,
                fmt::format("'{}' comes after '{}'", s.id, m_.steps[s.after[e.aux].step].id)};
      }
      case Why::kWithin: {
        const Step& s = m_.steps[e.index];
        return {s.within->where,
                fmt::format("'{}' is due within {} after '{}'", s.id,
                            duration_text(s.within->limit), m_.steps[s.within->after.step].id)};
      }
    }
    return {};
  };

  std::string key;
  std::vector<Label> labels;
  std::unordered_set<std::string> seen;  // a phase's window gives two constraints, shown once
  for (std::size_t i = 0; i < cycle.size(); ++i) {
    Label l = describe(*cycle[(at + i) % cycle.size()]);
    if (seen.insert(fmt::format("{}:{}:{}:{}", l.span.file, l.span.line, l.span.column, l.message))
            .second)
      labels.push_back(std::move(l));
  }
  // A chain through thousands of steps shows its two ends (the output stays small).
  constexpr std::size_t kHead = 8, kTail = 6;
  if (labels.size() > kHead + kTail + 1) {
    const std::size_t hidden = labels.size() - kHead - kTail;
    Label more{labels[kHead].span,
               fmt::format("and {} more constraints of the chain, not shown", hidden)};
    labels.erase(labels.begin() + kHead + 1, labels.end() - kTail);
    labels[kHead] = std::move(more);
  }
  d.code = reference_ ? "W0402" : "E0401";
  d.level = reference_ ? Diagnostic::Level::kWarning : Diagnostic::Level::kError;
  if (reference_) message.replace(0, message.find(':'), "the reference dates cannot all be met");
  d.message = message;
  if (org_type_)
    d.message += fmt::format(" (with the windows of org type '{}')", m_.org_types[*org_type_].id);
  d.span = labels.front().span;
  d.label = labels.front().message;
  for (std::size_t i = 1; i < labels.size(); ++i) d.related.push_back(labels[i]);
  d.help = reference_ ? "the binding period may still leave time; to keep to the reference dates, "
                        "lengthen an advisory window or drop a prerequisite"
                      : "give more time: move a deadline later, lengthen a window, or drop a "
                        "prerequisite";
  for (const Label& l : labels)
    key += fmt::format("{}:{}:{}|", l.span.file, l.span.line, l.span.column);
  return key;
}

}  // namespace

void check_time(const CampaignModel& model, DiagnosticSink& sink) {
  std::vector<bool> has_own(model.org_types.size(), false);
  for (const Phase& p : model.phases)
    for (const auto& [t, w] : p.window_by_org_type) has_own[t] = true;
  std::vector<std::optional<OrgTypeId>> variants{std::nullopt};
  for (std::size_t t = 0; t < has_own.size(); ++t)
    if (has_own[t]) variants.emplace_back(static_cast<OrgTypeId>(t));

  std::set<std::string> reported;  // the same chain found with several org types' windows
  for (const auto& variant : variants) {
    // The binding constraints first; the reference dates only when those hold (check_time.h).
    for (const bool reference : {false, true}) {
      Network net(model, variant, has_own, reference);
      if (reference && !net.has_advisory_window()) break;
      bool gave_up = false;
      const auto cycle = net.negative_cycle(gave_up);
      if (gave_up) {
        sink.warning(
            "W0401", model.where,
            "the deadline check stopped early: too many constraints to analyse", {},
            "the other checks are complete; simplify the prerequisites to check deadlines");
        return;
      }
      if (cycle.empty()) continue;
      Diagnostic d;
      if (reported.insert(net.explain(cycle, d)).second) sink.add(std::move(d));
      break;
    }
  }
}

}  // namespace lockstep::dsl
