// Names to engine ids: a logged event (LogEvent, every name a string as written) becomes an engine
// Event (dense ids) against one model and roster, or a sentence saying which name is unknown and
// what was expected. Every door resolves names here — replay and status, the journal (which keeps
// events by name so that they can be resolved again under new rules), an embedding program.
//
// Ids are unique in a model and a roster (their loaders refuse duplicates), so a name resolves to
// at most one thing; display names are not looked up.
// Invariants: the model and organization must outlive the index; an Event's excuse reason views
// the LogEvent it came from, which must outlive the Event.
// Thread-safety: resolve() is const and may be called from several threads at once.
#pragma once

#include <cstdint>
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

namespace lockstep {

class NameIndex {
 public:
  NameIndex(const CampaignModel& model, const Organization& org);
  // The engine event for `record`, or nothing with `error` set to one sentence: "unknown member
  // 'qs9999' for step 'learn' (performed by members)".
  std::optional<Event> resolve(const LogEvent& record, std::string& error) const;

 private:
  using Map = std::unordered_map<std::string, std::uint32_t>;
  static std::optional<std::uint32_t> find(const Map& m, const std::string& key);
  const CampaignModel& model_;
  Map members_, units_, steps_, phases_, forms_, groups_;
};

// The inverse: the record a log writes for an engine event (names for ids), as simulate's
// --export-log writes it. `e` must be valid for the model and organization.
LogEvent log_event_of(const Event& e, const CampaignModel& model, const Organization& org);

// A log's records resolved for a run.
//
// The same idempotency key twice means the same event (docs/formats.md): a record whose key an
// earlier record carries, with the same content, is left out and counted in `repeated`; with
// other content it is an error (V101), as the journal refuses it. A record naming an unknown
// member, unit, step, phase, form or approver is an error (V100). With `skip_invalid` both are
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
