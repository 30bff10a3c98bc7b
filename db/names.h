// Names to engine ids for logged events: the journal's, and the logs that replay and status read.
// The journal stores events with their names as written (LogEvent), so they can be resolved again
// under new rules; this turns them into Events against one model and roster, with a sentence
// saying what was expected when a name is unknown.
//
// Invariant: an Event's excuse reason views the LogEvent it came from, which must outlive it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>

#include "lockstep/event.h"
#include "lockstep/event_log.h"
#include "lockstep/model.h"
#include "lockstep/organization.h"

namespace lockstep::db {

class NameIndex {
 public:
  NameIndex(const CampaignModel& model, const Organization& org);
  // The engine event for `record`, or nothing with `error` set.
  std::optional<Event> resolve(const LogEvent& record, std::string& error) const;

 private:
  using Map = std::unordered_map<std::string, std::uint32_t>;
  static std::optional<std::uint32_t> find(const Map& m, const std::string& key);
  const CampaignModel& model_;
  Map members_, units_, steps_, phases_, forms_, groups_;
};

}  // namespace lockstep::db
