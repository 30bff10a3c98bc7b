// Contender (a): Lockstep's engine, through its public API (make_engine + apply), in enforce mode,
// over the campaign of seed 000's rules file (rules/baoxian_2005_township.lock), compiled with
// the public rules API.
//
// The stream's six steps are the campaign's six member steps of appraisal and rectification, in
// the order people do them:
//   0 own_solicit  1 talk  2 analysis  3 feedback  4 measures  5 revise_again
// The branch-level work they wait on (plans, meetings, opinions — `of parent` prerequisites) and
// the member step `revise` that revise_again also waits on are done in prepare(), untimed, as if
// the campaign had reached the point where members do these steps. The timed pass then only
// feeds member completions, one Event per stream word: through Engine::apply(span), the call for
// a stream of events, in blocks of kBlock events written into one reused buffer ("engine"), or
// through Engine::apply(event), one call per event ("engine-each").
//
// The campaign's order is not the stream's strict chain: feedback waits for its branch's
// opinion (done), not for the member's analysis, and revise_again for feedback and revise. So
// the engine accepts some out-of-order events that the chain refuses, and its counts differ from
// the stream header's on perturbed members. They are checked instead against a reference: a
// plain loop over prerequisite masks read from the model's `after` lists (not from the engine's
// compiled plan). Every pass that disagrees with the reference fails the contender.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <limits>
#include <span>
#include <stdexcept>
#include <vector>

#include "bench/replayer.h"
#include "io/synthetic_org.h"
#include "lockstep/civil_date.h"
#include "lockstep/engine.h"
#include "lockstep/roster.h"
#include "lockstep/rules.h"

namespace lockstep::bench {
namespace {

constexpr std::array<const char*, 6> kSteps = {"own_solicit", "talk",     "analysis",
                                               "feedback",    "measures", "revise_again"};

// Events per apply(span) call: the buffer (56 bytes an event) stays in the first-level cache.
constexpr std::size_t kBlock = 256;

class EngineReplayer final : public Replayer {
 public:
  EngineReplayer(std::string rules_path, EngineCall call) : call_(call) {
    RulesResult r = compile_rules_file(rules_path);
    if (!r.model) throw std::invalid_argument(fmt::format("{} does not compile", rules_path));
    model_ = std::move(*r.model);
    for (std::size_t i = 0; i < kSteps.size(); ++i) {
      const std::optional<StepId> s = model_.find_step(kSteps[i]);
      if (!s) throw std::invalid_argument(fmt::format("{} has no step {}", rules_path, kSteps[i]));
      step_ids_[i] = *s;
    }
    // The reference's prerequisite masks, from the model's own `after` lists.
    for (std::size_t i = 0; i < kSteps.size(); ++i)
      for (const Prerequisite& p : model_.steps[step_ids_[i]].after)
        for (std::size_t j = 0; j < kSteps.size(); ++j)
          if (p.step == step_ids_[j] && p.scope == Prerequisite::Scope::kSame)
            needs_[i] |= std::uint64_t{1} << j;
    if (auto f = model_.find_form("written")) evidence_.form = *f;
    evidence_.chars = 3000;
    revise_ = model_.find_step("revise");
    for (StepId s : step_ids_) add_unit_work(s);
    if (revise_) add_unit_work(*revise_);
    const PhaseId appraisal = *model_.find_phase("appraisal");
    for (StepId s = 0; s < model_.steps.size(); ++s)
      if (model_.steps[s].phase < appraisal) add_earlier_work(s, appraisal);
  }

  const char* name() const override {
    return call_ == EngineCall::kBatch ? "engine" : "engine-each";
  }

  void prepare(const StreamView& stream) override {
    if (stream.steps != kSteps.size())
      throw std::invalid_argument("the engine contender replays streams of six steps");
    engine_.reset();
    if (!org_ || org_->member_count() != stream.members)
      org_ = std::make_shared<const Organization>(make_synthetic_org(model_, stream.members, 1));
    day_ = 0;
    EngineOptions options;
    options.mode = Mode::kAudit;  // the untimed set-up may go in any order
    // The model is this contender's own member, which outlives the engine: shared without owning.
    EngineResult made = make_engine(
        std::shared_ptr<const CampaignModel>(std::shared_ptr<void>(), &model_), org_, options);
    if (!made.engine) throw std::invalid_argument("the engine refused the synthetic roster");
    engine_.emplace(std::move(*made.engine));
    // Do the earlier phases' work on the first day, every unit and member, so that reaching
    // appraisal leaves no missed deadlines behind (a violation per member and step would take
    // more memory than the engine's state). Then let the campaign reach the start of appraisal,
    // and do the branch-level work the six steps wait on (and what that work waits on,
    // prerequisites first), and each member's `revise`.
    for (StepId s : earlier_work_) {
      const Evidence evidence = evidence_for(s);
      const bool by_member = model_.steps[s].actor == Actor::kMember;
      const std::size_t actors = by_member ? stream.members : org_->units.size();
      // A "repeat >= N" step is done N times, a day apart.
      for (std::uint32_t r = 0; r < model_.steps[s].min_repetitions; ++r)
        for (std::uint32_t a = 0; a < actors; ++a)
          engine_->apply(
              Event::complete(s, ActorRef{by_member ? ActorKind::kMember : ActorKind::kUnit, a},
                              engine_->start() + static_cast<DayNumber>(r), evidence));
    }
    const PhaseId appraisal = *model_.find_phase("appraisal");
    for (UnitId u = 0; u < org_->units.size() && day_ == 0; ++u)
      if (auto w = engine_->phase_window(u, appraisal)) day_ = w->first;
    engine_->apply(Event::advance(day_));
    for (StepId s : unit_work_)
      for (UnitId u = 0; u < org_->units.size(); ++u)
        engine_->apply(Event::complete(s, UnitRef(u), day_, evidence_));
    if (revise_)
      for (MemberId m = 0; m < stream.members; ++m)
        engine_->apply(Event::complete(*revise_, MemberRef(m), day_, evidence_));
    engine_->set_mode(Mode::kEnforce);
    reference_ = reference_counts(stream);
    block_.assign(kBlock, Event::complete(0, MemberRef(0), day_, evidence_));
  }

  ReplayCounts replay(const StreamView& stream) override {
    Engine& engine = *engine_;
    std::uint64_t accepted = 0;
    if (call_ == EngineCall::kBatch) {
      for (std::size_t i = 0; i < stream.count; i += kBlock) {
        const std::size_t n = std::min(kBlock, stream.count - i);
        for (std::size_t j = 0; j < n; ++j) {
          const std::uint32_t word = stream.events[i + j];
          block_[j].step = step_ids_[stream.step_of(word)];
          block_[j].actor = stream.member_of(word);
        }
        accepted += n - engine.apply(std::span<const Event>(block_.data(), n));
      }
    } else {
      Event e = Event::complete(0, MemberRef(0), day_, evidence_);
      for (std::size_t i = 0; i < stream.count; ++i) {
        const std::uint32_t word = stream.events[i];
        e.step = step_ids_[stream.step_of(word)];
        e.actor = stream.member_of(word);
        accepted += engine.apply(e).accepted;
      }
    }
    const ReplayCounts counts{accepted, stream.count - accepted};
    if (counts.accepted != reference_.accepted || counts.refused != reference_.refused)
      throw std::runtime_error(
          fmt::format("engine accepted {} and refused {}, the campaign's order says {} and {}",
                      counts.accepted, counts.refused, reference_.accepted, reference_.refused));
    return counts;
  }

  std::size_t state_bytes_per_member() const override {
    if (!engine_ || !org_ || org_->member_count() == 0) return 0;
    return (engine_->state_bytes() + org_->member_count() / 2) / org_->member_count();
  }

 private:
  // The campaign's order on the six steps as a plain loop: a step is accepted when not done yet
  // and every step it names in `after` among the six is done.
  ReplayCounts reference_counts(const StreamView& stream) const {
    std::vector<std::uint64_t> done(stream.members, 0);
    std::uint64_t accepted = 0;
    for (std::size_t i = 0; i < stream.count; ++i) {
      const std::uint32_t m = stream.member_of(stream.events[i]);
      const std::uint32_t s = stream.step_of(stream.events[i]);
      const std::uint64_t bit = std::uint64_t{1} << s;
      if ((done[m] & bit) == 0 && (done[m] & needs_[s]) == needs_[s]) {
        done[m] |= bit;
        ++accepted;
      }
    }
    return {accepted, stream.count - accepted};
  }

  // Appends `s`, a step of a phase before `appraisal`, after the steps of those phases it waits on
  // (depth first), unless it is there already.
  void add_earlier_work(StepId s, PhaseId appraisal) {
    if (std::find(earlier_work_.begin(), earlier_work_.end(), s) != earlier_work_.end()) return;
    for (const Prerequisite& p : model_.steps[s].after)
      if (model_.steps[p.step].phase < appraisal) add_earlier_work(p.step, appraisal);
    earlier_work_.push_back(s);
  }

  // Evidence that meets every requirement of step `s`, for any member category: the largest
  // "at least", the exact "equal" value.
  Evidence evidence_for(StepId s) const {
    Evidence e = evidence_;
    for (const Requirement& r : model_.steps[s].requirements) {
      std::int32_t* field = r.field == Requirement::Field::kHours   ? &e.hours
                            : r.field == Requirement::Field::kChars ? &e.chars
                            : r.field == Requirement::Field::kCount ? &e.count
                                                                    : nullptr;
      const auto value = static_cast<std::int32_t>(
          std::clamp<std::int64_t>(r.value, 0, std::numeric_limits<std::int32_t>::max()));
      if (!field) {
        if (r.comparison == Requirement::Comparison::kEqual) e.form = static_cast<FormId>(r.value);
      } else if (r.comparison == Requirement::Comparison::kEqual) {
        *field = value;
      } else if (r.comparison == Requirement::Comparison::kAtLeast) {
        *field = *field == kNoValue ? value : std::max(*field, value);
      }
    }
    return e;
  }

  // Appends the unit steps `s` waits on, each after what it waits on itself (depth first).
  void add_unit_work(StepId s) {
    for (const Prerequisite& p : model_.steps[s].after) {
      if (model_.steps[p.step].actor == Actor::kMember) continue;
      if (std::find(unit_work_.begin(), unit_work_.end(), p.step) != unit_work_.end()) continue;
      add_unit_work(p.step);
      unit_work_.push_back(p.step);
    }
  }

  EngineCall call_;
  std::vector<Event> block_;  // apply(span)'s buffer, reused from block to block
  CampaignModel model_;
  std::vector<StepId> unit_work_;     // unit steps done in prepare(), prerequisites first
  std::vector<StepId> earlier_work_;  // the steps of the phases before appraisal, likewise
  std::array<StepId, kSteps.size()> step_ids_{};
  std::array<std::uint64_t, kSteps.size()> needs_{};
  std::optional<StepId> revise_;
  Evidence evidence_;
  std::shared_ptr<const Organization> org_;
  std::optional<Engine> engine_;
  DayNumber day_ = 0;
  ReplayCounts reference_;
};

}  // namespace

std::unique_ptr<Replayer> make_engine_replayer(const std::string& rules_path, EngineCall call) {
  return std::make_unique<EngineReplayer>(rules_path, call);
}

}  // namespace lockstep::bench
