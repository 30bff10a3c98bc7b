// Properties on random event streams over the example fixture (fixed seeds):
//   - one batch or many batches, or a copy of the engine taken midway, give the same state;
//   - a batch gives the outcomes and state of the same events applied one at a time, also when
//     the stream is in runs of one member's events or of one branch's (the batch keeps what it
//     looked up about a member, and a branch's deadlines, from one event to the next);
//   - enforce accepts a completion exactly when audit would not flag it out of order;
//   - audit's out-of-order findings equal those of the simple reference checker below.
#include <doctest/doctest.h>

#include <algorithm>
#include <limits>
#include <map>
#include <random>
#include <set>
#include <tuple>

#include "tests/engine/fixture.h"

using namespace lockstep;
using namespace lockstep::test;
using namespace lockstep::test::ids;

namespace {

// A random but well-mixed stream: mostly completions, some excuses, revisions, approvals, and
// time passing (now and then backwards, to be refused). A few ids are out of range on purpose.
std::vector<Event> random_stream(std::uint32_t seed, std::size_t n) {
  const CampaignModel& m = shared_model();
  const Organization& o = shared_org();
  std::mt19937 rng(seed);
  auto pick = [&](std::uint32_t bound) { return static_cast<std::uint32_t>(rng() % bound); };
  DayNumber now = day(2005, 7, 1);
  std::vector<Event> out;
  for (std::size_t i = 0; i < n; ++i) {
    const StepId s = static_cast<StepId>(pick(static_cast<std::uint32_t>(m.steps.size())));
    const bool member = m.steps[s].actor == Actor::kMember;
    const ActorRef actor{
        member ? ActorKind::kMember : ActorKind::kUnit,
        pick(static_cast<std::uint32_t>(member ? o.member_count() : o.units.size()) + 1)};
    const DayNumber when = now + static_cast<DayNumber>(pick(12)) - 4;
    const std::uint32_t roll = pick(100);
    if (roll < 70) {
      Evidence ev;
      if (pick(4)) ev.hours = static_cast<std::int32_t>(pick(60));
      if (pick(4)) ev.chars = static_cast<std::int32_t>(pick(4000));
      if (pick(4)) ev.form = static_cast<FormId>(pick(2));
      out.push_back(Event::complete(s, actor, when, ev));
    } else if (roll < 75) {
      out.push_back(Event::excuse(s, actor, when, pick(2) ? "外出" : "病休"));
    } else if (roll < 80) {
      out.push_back(Event::revise(s, actor, when));
    } else if (roll < 85) {
      out.push_back(Event::approve(static_cast<PhaseId>(pick(3)), UnitRef(pick(5)), pick(3), when));
    } else {
      now += static_cast<DayNumber>(pick(6));
      out.push_back(Event::advance(pick(20) == 0 ? now - 3 : now));
    }
  }
  return out;
}

bool flags_order(const Engine& e, const Outcome& o) {
  for (std::uint32_t i = o.first_violation; i < o.first_violation + o.violation_count; ++i) {
    const Violation& v = e.violations()[i];
    if ((v.kind == ViolationKind::kOutOfOrder || v.kind == ViolationKind::kMembersNotDone) &&
        v.severity == Severity::kRequired)
      return true;
  }
  return false;
}

// The reference checker: the ordering rules of docs/semantics.md written as directly as possible,
// scanning the whole roster on every question, with its own record of what is satisfied.
class Reference {
 public:
  Reference(const CampaignModel& m, const Organization& o) : m_(m), o_(o) {}

  // The unmet prerequisites of a completion, as (kind, prerequisite step) pairs.
  std::multiset<std::pair<ViolationKind, StepId>> unmet(const Event& e) const {
    std::multiset<std::pair<ViolationKind, StepId>> out;
    const Step& step = m_.steps[e.step];
    const bool member = step.actor == Actor::kMember;
    for (const Prerequisite& p : step.after) {
      const bool target_member = m_.steps[p.step].actor == Actor::kMember;
      bool met = true;
      ViolationKind kind = ViolationKind::kOutOfOrder;
      if (member && target_member) {
        met = !applies(e.actor, p.step) || done(true, e.actor, p.step);
      } else if (member) {
        met = up_met(o_.member_responsible[e.actor], p.step, false);
      } else if (target_member) {
        kind = ViolationKind::kMembersNotDone;
        for (MemberId x = 0; x < o_.member_count(); ++x)
          if (below(o_.member_responsible[x], e.actor, true) && applies(x, p.step) &&
              !done(true, x, p.step))
            met = false;
      } else if (p.scope == Prerequisite::Scope::kSame) {
        met = up_met(e.actor, p.step, false);
      } else if (p.scope == Prerequisite::Scope::kParent) {
        met = up_met(e.actor, p.step, true);
      } else {
        bool anyone = false;
        for (UnitId u = 0; u < o_.units.size(); ++u) {
          if (u == e.actor || !below(u, e.actor, false) || !performs(u, p.step)) continue;
          anyone = true;
          met = met && done(false, u, p.step);
        }
        if (!anyone && performs(e.actor, p.step)) met = done(false, e.actor, p.step);
      }
      if (!met) out.insert({kind, p.step});
    }
    return out;
  }

  // Records an event the engine accepted.
  void accepted(const Event& e) {
    const bool member = m_.steps[e.step].actor == Actor::kMember;
    Record& r = records_[{member, e.actor, e.step}];
    if (e.kind == Event::Kind::kExcuse) r.excused = true;
    if (e.kind == Event::Kind::kRevise) {
      r.reopened = true;
      r.excused = false;
    }
    if (e.kind == Event::Kind::kComplete) {
      if (r.reopened) {
        r.reopened = false;
      } else {
        ++r.count;
      }
    }
  }

 private:
  struct Record {
    std::uint32_t count = 0;
    bool excused = false;
    bool reopened = false;
  };

  bool done(bool member, std::uint32_t who, StepId s) const {
    auto it = records_.find({member, who, s});
    if (it == records_.end()) return false;
    const Record& r = it->second;
    if (r.reopened) return false;
    return r.excused || r.count >= std::max<std::uint32_t>(1, m_.steps[s].min_repetitions);
  }
  bool applies(MemberId x, StepId s) const {
    const Applicability& a = m_.steps[s].applies;
    const std::uint64_t c = o_.member_categories[x];
    const std::uint64_t t = std::uint64_t{1} << o_.units[o_.member_responsible[x]].org_type;
    if (a.only_categories && !(a.only_categories & c)) return false;
    if (a.except_categories & c) return false;
    if (a.only_org_types && !(a.only_org_types & t)) return false;
    return !(a.except_org_types & t);
  }
  bool performs(UnitId u, StepId s) const {
    const Unit& unit = o_.units[u];
    const Applicability& a = m_.steps[s].applies;
    const std::uint64_t t = std::uint64_t{1} << unit.org_type;
    if ((a.only_org_types && !(a.only_org_types & t)) || (a.except_org_types & t)) return false;
    switch (m_.steps[s].actor) {
      case Actor::kBranch:
        return unit.level == UnitLevel::kBranch;
      case Actor::kGeneralBranch:
        return unit.level == UnitLevel::kGeneralBranch;
      case Actor::kCommittee:
        return unit.level == UnitLevel::kCommittee;
      case Actor::kOrganization:
        return u != 0 && unit.parent == 0;
      case Actor::kLeadership:
        return unit.has_leadership;
      case Actor::kMember:
        return false;
    }
    return false;
  }
  // Whether u is in the subtree of top (u itself counts when `self`).
  bool below(UnitId u, UnitId top, bool self) const {
    if (u == top) return self;
    for (UnitId v = o_.units[u].parent; v != kNoUnit; v = o_.units[v].parent)
      if (v == top) return true;
    return false;
  }
  // The nearest unit performing s, from `from` upwards (strict ancestors first when
  // parent_first); met when there is none.
  bool up_met(UnitId from, StepId s, bool parent_first) const {
    std::vector<UnitId> chain;
    for (UnitId v = parent_first ? o_.units[from].parent : from; v != kNoUnit;
         v = o_.units[v].parent)
      chain.push_back(v);
    if (parent_first) chain.push_back(from);
    for (UnitId v : chain)
      if (performs(v, s)) return done(false, v, s);
    return true;
  }

  const CampaignModel& m_;
  const Organization& o_;
  std::map<std::tuple<bool, std::uint32_t, StepId>, Record> records_;
};

// The unit an event concerns, for ordering a stream by branch: a member's responsible branch for
// a member step, the unit itself for a unit step, 0 for the rest (and for ids out of range).
UnitId branch_key(const Event& e) {
  const CampaignModel& m = shared_model();
  const Organization& o = shared_org();
  const bool by_step = e.kind == Event::Kind::kComplete || e.kind == Event::Kind::kExcuse ||
                       e.kind == Event::Kind::kRevise;
  if (!by_step || e.step >= m.steps.size()) return 0;
  if (m.steps[e.step].actor != Actor::kMember) return e.actor < o.units.size() ? e.actor : 0;
  return e.actor < o.member_count() ? o.member_responsible[e.actor] : 0;
}

}  // namespace

TEST_CASE("property: one batch or many batches give the same state") {
  for (std::uint32_t seed : {1u, 2u, 3u, 2005u, 2008u}) {
    const std::vector<Event> stream = random_stream(seed, 600);
    for (Mode mode : {Mode::kEnforce, Mode::kAudit}) {
      Engine whole = make_example_engine(mode);
      std::vector<Outcome> whole_out;
      whole.apply(stream, &whole_out);
      Engine pieces = make_example_engine(mode);
      std::vector<Outcome> pieces_out;
      std::mt19937 rng(seed);
      for (std::size_t i = 0; i < stream.size();) {
        const std::size_t n = std::min<std::size_t>(1 + rng() % 40, stream.size() - i);
        pieces.apply(std::span(stream).subspan(i, n), &pieces_out);
        i += n;
      }
      INFO("seed ", seed);
      CHECK(whole.fingerprint() == pieces.fingerprint());
      CHECK(whole.violations().size() == pieces.violations().size());
      REQUIRE(whole_out.size() == pieces_out.size());
      for (std::size_t i = 0; i < whole_out.size(); ++i)
        REQUIRE(whole_out[i].accepted == pieces_out[i].accepted);
      // Something happened: the stream is not all refusals (a small roster saturates: once
      // everything is done, completions are duplicates).
      std::size_t accepted = 0;
      for (const Outcome& o : whole_out) accepted += o.accepted;
      CHECK(accepted > 80);
      CHECK(whole.violations().size() > 10);
    }
  }
}

TEST_CASE("property: a batch gives the outcomes and state of one event at a time") {
  for (std::uint32_t seed : {4u, 5u, 6u, 2006u}) {
    std::vector<Event> shuffled = random_stream(seed, 800);
    // The same events with each actor's in a run, in their order: what a member-ordered replay
    // looks like.
    std::vector<Event> runs = shuffled;
    std::stable_sort(runs.begin(), runs.end(),
                     [](const Event& a, const Event& b) { return a.actor < b.actor; });
    // The same events in runs of one branch's: its members' and its own, so that what the branch
    // does (an opinion given or reopened) falls between its members' completions, which a batch
    // judges against what it keeps about the branch.
    std::vector<Event> branches = shuffled;
    std::stable_sort(branches.begin(), branches.end(),
                     [](const Event& a, const Event& b) { return branch_key(a) < branch_key(b); });
    for (const std::vector<Event>* stream : {&shuffled, &runs, &branches}) {
      for (Mode mode : {Mode::kEnforce, Mode::kAudit}) {
        Engine batch = make_example_engine(mode);
        std::vector<Outcome> batch_out;
        batch.apply(*stream, &batch_out);
        Engine single = make_example_engine(mode);
        INFO("seed ", seed,
             stream == &runs       ? ", member runs"
             : stream == &branches ? ", branch runs"
                                   : ", shuffled");
        REQUIRE(batch_out.size() == stream->size());
        std::size_t accepted = 0;
        for (std::size_t i = 0; i < stream->size(); ++i) {
          const Outcome o = single.apply((*stream)[i]);
          REQUIRE(o.accepted == batch_out[i].accepted);
          REQUIRE(o.refusal == batch_out[i].refusal);
          REQUIRE(o.first_violation == batch_out[i].first_violation);
          REQUIRE(o.violation_count == batch_out[i].violation_count);
          accepted += o.accepted;
        }
        CHECK(batch.fingerprint() == single.fingerprint());
        CHECK(batch.violations().size() == single.violations().size());
        CHECK(accepted > 80);
      }
    }
  }
}

TEST_CASE("property: a copy of an engine continues exactly like the original") {
  const std::vector<Event> stream = random_stream(77, 500);
  Engine original = make_example_engine(Mode::kAudit);
  original.apply(std::span(stream).first(250));
  Engine copy = original;
  original.apply(std::span(stream).subspan(250));
  copy.apply(std::span(stream).subspan(250));
  CHECK(copy.fingerprint() == original.fingerprint());
}

TEST_CASE("property: enforce accepts a completion exactly when audit would not flag its order") {
  for (std::uint32_t seed : {11u, 12u, 13u, 14u}) {
    const std::vector<Event> stream = random_stream(seed, 500);
    Engine enforce = make_example_engine(Mode::kEnforce);
    std::size_t refused_for_order = 0;
    for (const Event& ev : stream) {
      Engine audit = enforce;  // the same state, judged by audit
      audit.set_mode(Mode::kAudit);
      const Outcome a = audit.apply(ev);
      const Outcome e = enforce.apply(ev);
      const bool flagged = a.accepted && flags_order(audit, a);
      INFO("seed ", seed);
      if (e.accepted) REQUIRE_FALSE(flagged);
      if (flagged) REQUIRE(!e.accepted);
      const bool for_order =
          e.refusal == RefusalKind::kOutOfOrder || e.refusal == RefusalKind::kMembersNotDone;
      if (for_order) REQUIRE(flagged);
      refused_for_order += for_order;
    }
    CHECK(refused_for_order > 5);
  }
}

TEST_CASE("property: audit's out-of-order findings equal the reference checker's") {
  for (std::uint32_t seed : {21u, 22u, 23u, 24u, 25u}) {
    const std::vector<Event> stream = random_stream(seed, 700);
    Engine audit = make_example_engine(Mode::kAudit);
    Reference reference(shared_model(), shared_org());
    std::size_t findings = 0;
    for (const Event& ev : stream) {
      const bool completion =
          ev.kind == Event::Kind::kComplete && ev.step < shared_model().steps.size();
      std::multiset<std::pair<ViolationKind, StepId>> expected;
      if (completion) {
        const bool member = shared_model().steps[ev.step].actor == Actor::kMember;
        const std::size_t bound = member ? shared_org().member_count() : shared_org().units.size();
        if (ev.actor < bound) expected = reference.unmet(ev);
      }
      const Outcome o = audit.apply(ev);
      if (!o.accepted) continue;
      std::multiset<std::pair<ViolationKind, StepId>> found;
      for (std::uint32_t i = o.first_violation; i < o.first_violation + o.violation_count; ++i) {
        const Violation& v = audit.violations()[i];
        if (v.kind == ViolationKind::kOutOfOrder || v.kind == ViolationKind::kMembersNotDone)
          found.insert({v.kind, v.other_step});
      }
      INFO("seed ", seed, " step ", ev.step, " actor ", ev.actor);
      if (completion) REQUIRE(found == expected);
      findings += found.size();
      if (ev.kind != Event::Kind::kAdvance && ev.kind != Event::Kind::kApprove)
        reference.accepted(ev);
    }
    CHECK(findings > 5);
  }
}

TEST_CASE(
    "property: extreme days, ids and limits neither crash nor overflow, and stay deterministic") {
  const DayNumber days[] = {std::numeric_limits<DayNumber>::min(), -1, 0, day(2005, 7, 2), kMaxDay,
                            std::numeric_limits<DayNumber>::max()};
  const std::uint32_t actors[] = {0, 1, 4, 7, 8, 0xffffffffu};
  const StepId steps[] = {0, 2, 5, 7, 8, 9, 0xffff};
  CampaignModel m = example_model();
  m.steps[kFeedback].within->limit = {std::numeric_limits<std::int32_t>::max(),
                                      Duration::Unit::kMonths};
  std::uint64_t fingerprints[2] = {};
  for (int round = 0; round < 2; ++round) {
    EngineResult r = make_engine(test::view(m), test::view(shared_org()), {Mode::kAudit, {}});
    REQUIRE(r.engine);
    Engine& e = *r.engine;
    std::mt19937 rng(99);
    for (int i = 0; i < 3000; ++i) {
      const DayNumber d = days[rng() % 6];
      // Either kind, for any step: the wrong kind must be refused without harm.
      const ActorRef a{rng() % 2 ? ActorKind::kMember : ActorKind::kUnit, actors[rng() % 6]};
      const StepId s = steps[rng() % 7];
      switch (rng() % 5) {
        case 0:
          e.apply(Event::complete(s, a, d));
          break;
        case 1:
          e.apply(Event::excuse(s, a, d, ""));
          break;
        case 2:
          e.apply(Event::revise(s, a, d));
          break;
        case 3:
          e.apply(Event::approve(static_cast<PhaseId>(s), UnitRef(a.id), a.id, d));
          break;
        case 4:
          e.apply(Event::advance(d));
          break;
      }
      for (std::uint32_t x : actors) {
        (void)e.member_status(x);
        (void)e.unit_status(x);
        (void)e.due(s, MemberRef(x));
        (void)e.due(s, UnitRef(x));
      }
    }
    CHECK(e.clock() == kMaxDay);
    CHECK(e.rollup_subtree(0).has_value());
    fingerprints[round] = e.fingerprint();
  }
  CHECK(fingerprints[0] == fingerprints[1]);
}

// The phase byte keeps in step with its count of open required instances (phase_book.h): an open
// phase has one open, a phase awaiting its gate none. The kernel relies on the second: a step it
// completes was open, so its phase cannot be awaiting its gate.
TEST_CASE("property: an open phase has a required step open, one awaiting its gate has none") {
  const CampaignModel& m = shared_model();
  std::size_t awaiting = 0, open = 0;
  for (std::uint32_t seed : {21u, 22u, 23u, 2024u}) {
    for (Mode mode : {Mode::kEnforce, Mode::kAudit}) {
      // Every step done by everyone, in the plan's order, first (so that phases reach their
      // gates), then the random events, whose revisions reopen steps.
      std::vector<Event> stream;
      for (StepId s = 0; s < m.steps.size(); ++s) {
        const bool member = m.steps[s].actor == Actor::kMember;
        const std::size_t actors = member ? shared_org().member_count() : shared_org().units.size();
        for (std::uint32_t rep = 0; rep < std::max<std::uint32_t>(1, m.steps[s].min_repetitions);
             ++rep)
          for (std::uint32_t a = 0; a < actors; ++a)
            stream.push_back(
                Event::complete(s, ActorRef{member ? ActorKind::kMember : ActorKind::kUnit, a},
                                day(2005, 7, 2) + rep, good_evidence()));
      }
      for (const Event& event : random_stream(seed, 400)) stream.push_back(event);
      Engine e = make_example_engine(mode);
      for (const Event& event : stream) {
        e.apply(event);
        for (UnitId o : {kOrgan, kVillageBranch}) {
          const Rollup r = *e.rollup_subtree(o);
          for (PhaseId p = 0; p < m.phases.size(); ++p) {
            std::uint32_t unsatisfied = 0;
            for (StepId s = 0; s < m.steps.size(); ++s) {
              if (m.steps[s].phase != p || m.steps[s].severity != Severity::kRequired) continue;
              for (StepState st : {StepState::kLocked, StepState::kReady, StepState::kOverdue,
                                   StepState::kReopened})
                unsatisfied += r.steps[s].by_state[static_cast<int>(st)];
            }
            const PhaseState state = *e.phase_state(o, p);
            INFO("seed ", seed, ", organization ", o, ", phase ", p);
            if (state == PhaseState::kAwaitingGate) {
              ++awaiting;
              REQUIRE(unsatisfied == 0);
            } else if (state == PhaseState::kOpen) {
              ++open;
              REQUIRE(unsatisfied > 0);
            }
          }
        }
      }
    }
  }
  // The streams reach both states often enough for the check to mean something.
  CHECK(awaiting > 100);
  CHECK(open > 100);
}
