// Rosters: reading an organization (units, members, supervision groups) from an untrusted CSV or
// JSON file, and writing one back.
//
// The formats, their error codes (R001 ...) and the meaning of every column are in
// docs/formats.md. A roster names org types and member categories by the ids a campaign model
// declares, so reading one needs the model.
//
// Guarantees of the readers:
//   - on success `org` holds an Organization meeting every invariant of lockstep/organization.h:
//     units are ordered parents first (keeping the file's order wherever it already allows),
//     members are grouped by home branch (keeping the file's order within a branch);
//   - on any error `org` is empty and `diagnostics` lists every problem found (at most
//     RosterOptions::max_errors, then a note), each pointing at the bad field;
//   - the same text gives the same result, byte for byte; nothing is thrown for bad input.
// Calls share no state and may run concurrently.
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>

#include "lockstep/diagnostic.h"
#include "lockstep/model.h"
#include "lockstep/organization.h"

namespace lockstep {

struct RosterOptions {
  std::size_t max_bytes = std::size_t{1} << 30;  // larger files are refused (R002)
  std::size_t max_errors = 100;                  // errors reported before giving up
};

struct RosterResult {
  std::optional<Organization> org;
  Diagnostics diagnostics;
  SourceFiles files;        // the roster file, index 0: what diagnostics' spans refer to
  bool unreadable = false;  // the file could not be read at all (an I/O problem)
};

// Reads a roster; JSON when its first non-blank character is '{', CSV otherwise.
RosterResult read_roster_file(const std::string& path, const CampaignModel& model,
                              const RosterOptions& options = {});

// The same for text already in memory; `name` is the path shown in diagnostics.
RosterResult read_roster_text(const std::string& name, std::string text, const CampaignModel& model,
                              const RosterOptions& options = {});

// Writes `org` in the CSV roster format. Reading the output back with the same model gives an
// Organization equal to `org` whenever `org` is ordered as the readers order (parents first,
// members grouped by branch in unit order) — which every reader result and every synthetic
// organization is. Generated members (no id column) are written with their "m<index>" ids.
void write_roster_csv(const Organization& org, const CampaignModel& model, std::ostream& out);

// The same organization in the JSON roster format.
void write_roster_json(const Organization& org, const CampaignModel& model, std::ostream& out);

}  // namespace lockstep
