// The embedding handle; see lockstep/campaign.h. It adds nothing to the pipeline: loading is the
// loaders', feeding is the Run's, names are the NameIndex's and sentences are messages.cpp's, so an
// embedded campaign and the command line cannot disagree.
#include "lockstep/campaign.h"

#include <algorithm>

#include "lockstep/messages.h"
#include "lockstep/roster.h"
#include "lockstep/rules.h"

namespace lockstep {
namespace {

// Moves `from`'s diagnostics into `into`, their spans renumbered past the `offset` files already
// in `into`'s table.
void append_shifted(Diagnostics& into, Diagnostics from, std::uint32_t offset) {
  for (Diagnostic& d : from) {
    d.span.file += offset;
    for (Label& l : d.related) l.span.file += offset;
    into.push_back(std::move(d));
  }
}

}  // namespace

Campaign::Campaign(Run run, std::shared_ptr<const NameIndex> names)
    : run_(std::move(run)), names_(std::move(names)) {}

CampaignResult Campaign::open(const std::string& rules_path, const std::string& roster_path,
                              const CampaignOptions& options) {
  CampaignResult result;
  RulesResult rules = compile_rules_file(rules_path);
  result.diagnostics = std::move(rules.diagnostics);
  result.files = std::move(rules.files);
  result.unreadable = rules.unreadable;
  if (!rules.model) return result;
  auto model = std::make_shared<const CampaignModel>(std::move(*rules.model));

  RosterResult roster = read_roster_file(roster_path, *model);
  const auto offset = static_cast<std::uint32_t>(result.files.size());
  append_shifted(result.diagnostics, std::move(roster.diagnostics), offset);
  for (SourceFile& f : roster.files) result.files.push_back(std::move(f));
  result.unreadable = roster.unreadable;
  if (!roster.org) return result;
  auto org = std::make_shared<const Organization>(std::move(*roster.org));

  CampaignResult made = create(std::move(model), std::move(org), options);
  result.campaign = std::move(made.campaign);
  for (Diagnostic& d : made.diagnostics) result.diagnostics.push_back(std::move(d));
  return result;
}

CampaignResult Campaign::create(std::shared_ptr<const CampaignModel> model,
                                std::shared_ptr<const Organization> org,
                                const CampaignOptions& options) {
  CampaignResult result;
  RunOptions run_options;
  run_options.engine.mode = options.mode;
  run_options.engine.start = options.start;
  run_options.follow_event_days = options.clock == ClockPolicy::kFollowEvents;
  RunResult started = Run::start(model, org, run_options);
  result.diagnostics = std::move(started.diagnostics);
  if (!started.run) return result;
  auto names = std::make_shared<const NameIndex>(std::move(model), std::move(org));
  result.campaign.emplace(Campaign(std::move(*started.run), std::move(names)));
  return result;
}

Verdict Campaign::apply(const Event& event) {
  // What the clock finds on its way to the event's day belongs to this event's verdict too, so the
  // application sees every violation once, in the order recorded.
  const std::size_t before = run_.engine().violation_count();
  Verdict v;
  const Outcome outcome = run_.apply(event, &v.refusal);
  v.accepted = outcome.accepted;
  v.violations = violations_since(before);
  return v;
}

Verdict Campaign::apply(const LogEvent& record) {
  Refusal refusal;
  std::optional<Event> event = names_->resolve(record, refusal);
  if (!event) {
    Verdict v;
    v.refusal = std::move(refusal);
    return v;
  }
  return apply(*event);
}

Verdict Campaign::advance_to(DayNumber day) {
  Verdict v;
  if (day < clock()) {
    // What the engine says of an advance event that goes back; the clock does not move.
    v.refusal.kind = RefusalKind::kClockBackwards;
    v.refusal.event = Event::advance(day);
    return v;
  }
  const std::size_t before = run_.engine().violation_count();
  run_.advance_to(day);
  v.accepted = true;
  v.violations = violations_since(before);
  return v;
}

std::vector<Violation> Campaign::violations_since(std::size_t first) const {
  const std::span<const Violation> all = run_.engine().violations();
  return {all.begin() + static_cast<std::ptrdiff_t>(std::min(first, all.size())), all.end()};
}

std::string Campaign::describe(const Refusal& refusal) const {
  return lockstep::describe(refusal, model(), organization());
}

std::string Campaign::describe(const Violation& violation) const {
  return lockstep::describe(violation, model(), organization());
}

std::optional<MemberStatus> Campaign::member_status(std::string_view name,
                                                    NameProblem* problem) const {
  const std::optional<MemberRef> m = names_->member(name, problem);
  if (!m) return std::nullopt;
  return run_.engine().member_status(*m);
}

std::optional<UnitStatus> Campaign::unit_status(std::string_view name, NameProblem* problem) const {
  const std::optional<UnitRef> u = names_->unit(name, problem);
  if (!u) return std::nullopt;
  return run_.engine().unit_status(*u);
}

std::vector<Violation> Campaign::violations() const {
  return violations_since(0);
}

CampaignReport Campaign::report(std::string source) const {
  return run_.report(std::move(source));
}

}  // namespace lockstep
