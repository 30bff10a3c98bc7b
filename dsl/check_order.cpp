// See check_order.h.
#include "dsl/check_order.h"

#include <fmt/format.h>

#include <algorithm>

namespace lockstep::dsl {
namespace {

const char* performer(Actor a) {
  switch (a) {
    case Actor::kMember:
      return "each member";
    case Actor::kBranch:
      return "a branch";
    case Actor::kGeneralBranch:
      return "a general branch";
    case Actor::kCommittee:
      return "a committee";
    case Actor::kOrganization:
      return "an organization";
    case Actor::kLeadership:
      return "a leadership team";
  }
  return "";
}

// The scope problem of `p` on step `s`, as {message, help}, or empty when it fits.
std::pair<std::string, std::string> scope_problem(const CampaignModel& m, const Step& s,
                                                  const Prerequisite& p) {
  const Step& t = m.steps[p.step];
  const bool s_member = s.actor == Actor::kMember;
  const bool t_member = t.actor == Actor::kMember;
  switch (p.scope) {
    case Prerequisite::Scope::kSame:
      if (s_member == t_member) return {};
      return {fmt::format("'{}' is done by {} but '{}' by {}; 'after' without 'of' means the same "
                          "performer",
                          s.id, performer(s.actor), t.id, performer(t.actor)),
              s_member ? fmt::format("write 'after {} of parent'", t.id)
                       : fmt::format("write 'after {} of all members'", t.id)};
    case Prerequisite::Scope::kParent:
      if (!t_member) return {};
      return {fmt::format("'{}' is done by each member, and a member is no one's parent", t.id),
              s_member ? fmt::format("write 'after {}'", t.id)
                       : fmt::format("write 'after {} of all members'", t.id)};
    case Prerequisite::Scope::kAllMembers:
      if (s_member)
        return {fmt::format("'{}' is done by each member, and a member has no members", s.id),
                fmt::format("write 'after {}'", t.id)};
      if (t_member) return {};
      return {fmt::format("'of all members' needs a step done by members, but '{}' is done by {}",
                          t.id, performer(t.actor)),
              fmt::format("write 'after {}' or 'after {} of all subunits'", t.id, t.id)};
    case Prerequisite::Scope::kAllSubunits:
      if (s_member)
        return {fmt::format("'{}' is done by each member, and a member has no subunits", s.id),
                fmt::format("write 'after {} of parent'", t.id)};
      if (!t_member) return {};
      return {fmt::format("'{}' is done by members, not by units", t.id),
              fmt::format("write 'after {} of all members'", t.id)};
  }
  return {};
}

void check_scopes_and_phases(const CampaignModel& m, const std::vector<bool>& broken,
                             DiagnosticSink& sink) {
  for (const Step& s : m.steps) {
    auto check = [&](const Prerequisite& p) {
      if (p.step < broken.size() && broken[p.step]) return;  // its performer is unknown
      auto [message, help] = scope_problem(m, s, p);
      if (!message.empty()) {
        Diagnostic d;
        d.code = "E0303";
        d.span = p.where;
        d.message = std::move(message);
        d.label = "performed by someone else";
        d.related.push_back(
            Label{m.steps[p.step].where, fmt::format("'{}' is declared here", m.steps[p.step].id)});
        d.help = std::move(help);
        sink.add(std::move(d));
      }
    };
    for (const Prerequisite& p : s.after) {
      check(p);
      const Step& t = m.steps[p.step];
      if (t.phase > s.phase) {
        Diagnostic d;
        d.code = "E0302";
        d.span = p.where;
        d.message = fmt::format(
            "'{}' (phase '{}') comes after '{}', which belongs to the later "
            "phase '{}'",
            s.id, m.phases[s.phase].id, t.id, m.phases[t.phase].id);
        d.label = "in a later phase";
        d.related.push_back(Label{
            t.where, fmt::format("'{}' is declared in phase '{}'", t.id, m.phases[t.phase].id)});
        d.help = "move one of the two steps, or drop the prerequisite";
        sink.add(std::move(d));
      }
    }
    if (s.within) check(s.within->after);
  }
}

// Iterative depth-first search (a recursive one could overflow the stack on 60,000 steps).
void check_cycles(const CampaignModel& m, DiagnosticSink& sink) {
  enum Color : std::uint8_t { kWhite, kGray, kBlack };
  const std::size_t n = m.steps.size();
  std::vector<Color> color(n, kWhite);
  struct Frame {
    StepId step;
    std::size_t next;  // next prerequisite to follow
  };
  std::vector<Frame> stack;
  for (std::size_t root = 0; root < n && !sink.full(); ++root) {
    if (color[root] != kWhite) continue;
    stack.push_back({static_cast<StepId>(root), 0});
    color[root] = kGray;
    while (!stack.empty()) {
      Frame& f = stack.back();
      const Step& s = m.steps[f.step];
      if (f.next == s.after.size()) {
        color[f.step] = kBlack;
        stack.pop_back();
        continue;
      }
      const Prerequisite& p = s.after[f.next++];
      if (color[p.step] == kWhite) {
        color[p.step] = kGray;
        stack.push_back({p.step, 0});
      } else if (color[p.step] == kGray) {
        // The links from p.step down the stack to here, then back to p.step.
        std::vector<const Prerequisite*> links;
        std::vector<StepId> steps;
        auto it = std::find_if(stack.begin(), stack.end(),
                               [&](const Frame& fr) { return fr.step == p.step; });
        for (; it != stack.end(); ++it) {
          steps.push_back(it->step);
          links.push_back(&m.steps[it->step].after[it->next - 1]);
        }
        Diagnostic d;
        d.code = "E0301";
        if (steps.size() == 1) {
          d.message = fmt::format("step '{}' comes after itself", s.id);
          d.span = p.where;
          d.label = "itself";
          d.help = "remove this prerequisite";
        } else {
          // A cycle through thousands of steps shows its two ends (the output stays small).
          constexpr std::size_t kHead = 8, kTail = 6;
          const bool cut = steps.size() > kHead + kTail + 1;
          std::string chain;
          for (std::size_t i = 0; i < steps.size(); ++i) {
            if (cut && i == kHead)
              chain += fmt::format("... ({} more) ... ", steps.size() - kHead - kTail);
            if (cut && i >= kHead && i < steps.size() - kTail) continue;
            chain += fmt::format("'{}' after ", m.steps[steps[i]].id);
          }
          d.message =
              fmt::format("prerequisites form a cycle: {}'{}'", chain, m.steps[steps[0]].id);
          d.span = links[0]->where;
          d.label = fmt::format("'{}' comes after '{}'", m.steps[steps[0]].id,
                                m.steps[links[0]->step].id);
          for (std::size_t i = 1; i < links.size(); ++i) {
            if (cut && i == kHead) {
              d.related.push_back(
                  Label{links[i]->where, fmt::format("and {} more links of the cycle, not shown",
                                                     links.size() - kHead - kTail)});
            }
            if (cut && i >= kHead && i < links.size() - kTail) continue;
            d.related.push_back(
                Label{links[i]->where, fmt::format("'{}' comes after '{}'", m.steps[steps[i]].id,
                                                   m.steps[links[i]->step].id)});
          }
          d.help = "no step of a cycle can ever start: remove one of these prerequisites";
        }
        sink.add(std::move(d));
      }
    }
  }
}

}  // namespace

void check_order(const CampaignModel& model, const std::vector<bool>& broken,
                 DiagnosticSink& sink) {
  check_scopes_and_phases(model, broken, sink);
  check_cycles(model, sink);
}

}  // namespace lockstep::dsl
