// A campaign for an application to embed: the rules, the roster and the run over them in one
// handle, fed events by name, answering each event with its own verdict.
//
//   lockstep::CampaignResult opened = lockstep::Campaign::open("rules.lock", "roster.csv");
//   if (!opened.campaign) { /* print opened.diagnostics with render_text(d, opened.files) */ }
//   lockstep::Campaign& campaign = *opened.campaign;
//   lockstep::Verdict v = campaign.apply(lockstep::LogEvent::complete("learn", "qs0006", day));
//   if (!v.accepted) std::cout << campaign.describe(v.refusal) << "\n";
//
// docs/embedding.md walks through the whole of it. What the handle guarantees:
//   - it owns (shares) everything it needs — the model, the organization, the engine, the name
//     index — so it can be returned from a function, copied (an independent copy of the state),
//     moved and kept in containers;
//   - each apply() answers for its own event: the verdict holds the refusal, when refused, and
//     copies of the violations the event recorded, so nothing in it is invalidated later;
//   - names are resolved as lockstep/name_index.h says: ids first, then display names, an
//     ambiguous display name refused by name;
//   - by default the clock follows the events, day by day, exactly as replay, status and simulate
//     move it (lockstep/run.h): the same events give the same violations through every door.
// Thread-safety: the const members may run concurrently while no non-const one runs; distinct
// campaigns share only immutable data and may run at once.
// Errors: returned as data (Diagnostics, Refusal, NameProblem); nothing throws for bad input.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lockstep/campaign_report.h"
#include "lockstep/diagnostic.h"
#include "lockstep/engine.h"
#include "lockstep/event_log.h"
#include "lockstep/name_index.h"
#include "lockstep/run.h"

namespace lockstep {

enum class ClockPolicy : std::uint8_t {
  // Before each event the clock moves one day at a time to its day, so deadlines pass on the
  // days they fall (replay's order). An event dated before the clock is judged by its own date.
  kFollowEvents,
  // The clock moves only when the application calls advance_to(); events are applied at the clock
  // as it stands, so a deadline that fell between the clock and an event's day has not yet been
  // found missed when the event is judged.
  kManual,
};

struct CampaignOptions {
  Mode mode = Mode::kEnforce;
  std::optional<DayNumber> start;  // overrides the rules' `start`; one of the two is needed
  ClockPolicy clock = ClockPolicy::kFollowEvents;
};

// What one event did.
struct Verdict {
  bool accepted = false;
  Refusal refusal;                    // its kind is kNone when the event was accepted
  std::vector<Violation> violations;  // what the event recorded (and the days it moved past)
};

class Campaign;
struct CampaignResult;

class Campaign {
 public:
  // Reads and checks the rules file and the roster, and starts the campaign at its start date.
  static CampaignResult open(const std::string& rules_path, const std::string& roster_path,
                             const CampaignOptions& options = {});
  // The same over a model and an organization already loaded (or built by the application).
  static CampaignResult create(std::shared_ptr<const CampaignModel> model,
                               std::shared_ptr<const Organization> org,
                               const CampaignOptions& options = {});

  // Applies an event written by name (LogEvent::complete("learn", "qs0006", day), ...).
  Verdict apply(const LogEvent& record);
  // Applies an event by ids (Event::complete(step, MemberRef(m), day), ...).
  Verdict apply(const Event& event);
  // Moves the clock to `day`, one day at a time; the verdict holds the violations found on the
  // way (missed deadlines, phases closing). A day before the clock is refused (kClockBackwards).
  Verdict advance_to(DayNumber day);

  // Sentences for people, citing the rule as file:line:col (lockstep/messages.h).
  std::string describe(const Refusal& refusal) const;
  std::string describe(const Violation& violation) const;

  // Where a member or unit named by id or display name stands; nothing, with `problem` filled
  // when given, for a name that names no one or several.
  std::optional<MemberStatus> member_status(std::string_view name,
                                            NameProblem* problem = nullptr) const;
  std::optional<UnitStatus> unit_status(std::string_view name,
                                        NameProblem* problem = nullptr) const;

  DayNumber clock() const { return run_.engine().clock(); }
  // Every violation so far, a copy (Engine::violations() is the view that a later apply()
  // invalidates).
  std::vector<Violation> violations() const;
  // The campaign report of the state at the clock (lockstep/campaign_report.h).
  CampaignReport report(std::string source = "embedded") const;

  const NameIndex& names() const { return *names_; }
  const Run& run() const { return run_; }
  const Engine& engine() const { return run_.engine(); }
  const CampaignModel& model() const { return run_.model(); }
  const Organization& organization() const { return run_.organization(); }

 private:
  Campaign(Run run, std::shared_ptr<const NameIndex> names);
  std::vector<Violation> violations_since(std::size_t first) const;

  Run run_;
  std::shared_ptr<const NameIndex> names_;  // immutable, shared by copies
};

struct CampaignResult {
  std::optional<Campaign> campaign;
  // Errors and warnings of the rules, the roster and the engine, in that order.
  Diagnostics diagnostics;
  // What the diagnostics point into: the rules file and its imports, then the roster.
  SourceFiles files;
  bool unreadable = false;  // a file could not be read at all (an I/O problem)
};

}  // namespace lockstep
