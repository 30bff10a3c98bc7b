// Names to engine ids: a logged event (LogEvent, every name a string as written) becomes an engine
// Event (dense ids, typed references) against one model and roster, or a Refusal saying which name
// is unknown or ambiguous. Every door resolves names here — replay and status, the journal (which
// keeps events by name so that they can be resolved again under new rules), an embedding program
// (lockstep/campaign.h).
//
// A name is looked up as an id first, then as a display name. Ids are unique in a model and a
// roster (their loaders refuse duplicates), so an id names one thing; display names may repeat (two
// members called 王芳): one that several share is refused as ambiguous, listing the ids it could
// mean, and the event must use an id. A name that is an id of one thing and the display name of
// another means the id.
// Invariants: the index shares ownership of the model and organization; an Event's excuse reason
// views the LogEvent it came from, which must outlive the Event.
// Thread-safety: every member is const and may be called from several threads at once.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "lockstep/diagnostic.h"
#include "lockstep/event.h"
#include "lockstep/event_log.h"
#include "lockstep/model.h"
#include "lockstep/organization.h"
#include "lockstep/violation.h"

namespace lockstep {

class NameIndex {
 public:
  NameIndex(std::shared_ptr<const CampaignModel> model, std::shared_ptr<const Organization> org);

  // The engine event for `record`, or nothing with `why` set: kUnknownName or kAmbiguousName, its
  // `name` saying which name and what it was looked up as, and `event` holding what could be
  // resolved.
  std::optional<Event> resolve(const LogEvent& record, Refusal& why) const;

  // One thing by id or display name; nothing, with `problem` (when given) filled, when the name
  // names nothing or several things.
  std::optional<MemberRef> member(std::string_view name, NameProblem* problem = nullptr) const;
  std::optional<UnitRef> unit(std::string_view name, NameProblem* problem = nullptr) const;
  std::optional<StepId> step(std::string_view name, NameProblem* problem = nullptr) const;
  std::optional<PhaseId> phase(std::string_view name, NameProblem* problem = nullptr) const;
  std::optional<FormId> form(std::string_view name, NameProblem* problem = nullptr) const;
  std::optional<std::uint16_t> group(std::string_view name, NameProblem* problem = nullptr) const;

  const CampaignModel& model() const { return *model_; }
  const Organization& organization() const { return *org_; }

 private:
  // Ids of one kind of thing, and their display names.
  struct Table {
    std::unordered_map<std::string, std::uint32_t> ids;
    std::unordered_multimap<std::string, std::uint32_t> names;
  };
  std::optional<std::uint32_t> find(const Table& t, NameRole role, std::string_view name,
                                    NameProblem* problem) const;
  std::optional<std::uint32_t> find_member(std::string_view name, NameProblem* problem) const;

  std::shared_ptr<const CampaignModel> model_;
  std::shared_ptr<const Organization> org_;
  Table units_, steps_, phases_, forms_, groups_;
  std::unordered_map<std::string, MemberId> member_ids_;
  std::vector<MemberId> members_by_name_;  // members with a display name, sorted by it
};

// "unknown member 'qs9999' (did you mean 'qs0999'?)", "'王芳' names 2 members: qs0003, qs0107;
// use the id": the one wording of a name problem.
std::string describe(const NameProblem& problem, const CampaignModel& model,
                     const Organization& org);

// The inverse: the record a log writes for an engine event (names for ids), as simulate's
// --export-log writes it. `e` must be valid for the model and organization.
LogEvent log_event_of(const Event& e, const CampaignModel& model, const Organization& org);

// A log's records resolved for a run.
//
// The same idempotency key twice means the same event (docs/formats.md): a record whose key an
// earlier record carries, with the same content, is left out and counted in `repeated`; with
// other content it is an error (V101), as the journal refuses it. A record naming an unknown
// member, unit, step, phase, form or approver, or a display name several share, is an error
// (V100). With `skip_invalid` both are
// warnings and the record is left out, counted in `skipped`.
// Invariant: `events[i]` comes from `records[i]` and its excuse reason views that record, so the
// records must stay where they are (never resized) while the events are used.
struct ResolvedLog {
  std::vector<LogEvent> records;  // the records kept, in the order given
  std::vector<Event> events;      // one per record kept
  std::size_t skipped = 0;        // records left out as invalid (skip_invalid only)
  std::size_t repeated = 0;       // records left out as a repeat of an earlier one
  Diagnostics diagnostics;        // spans point into the log's files
  bool ok() const { return !has_errors(diagnostics); }
};
ResolvedLog resolve_log(std::vector<LogEvent> records, const CampaignModel& model,
                        const Organization& org, bool skip_invalid);

// "idempotency key 'k1' already names a different event (line 3)": the one wording of a key
// reused for another event, wherever it is found (`first` says where the key was first seen).
std::string idempotency_conflict(std::string_view key, std::string_view first);

}  // namespace lockstep
