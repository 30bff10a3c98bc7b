// The bounded summary of a run too large for a per-unit report (the national run, sharded:
// sim/sharded.h), and its renderers (report/sharded_report.cpp).
//
// Plain data, filled shard by shard and merged in shard order: per-step totals, violations by
// phase and kind, the worst units and the first violations in full. Every list is capped, so the
// summary's size does not grow with the organization's.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "lockstep/lifecycle.h"
#include "lockstep/model.h"
#include "lockstep/organization.h"
#include "lockstep/violation.h"

namespace lockstep {

// Totals of one step over the whole organization.
struct StepTotals {
  std::uint64_t applicable = 0;
  std::array<std::uint64_t, kStepStateCount> by_state{};  // indexed by StepState
  std::uint64_t on_time = 0;                              // as StepRollup: done on time
  std::uint64_t judged = 0;                               //   of done or overdue
};

struct WorstUnit {
  std::uint32_t shard = 0;
  UnitId unit = 0;  // within its shard
  OrgTypeId org_type = 0;
  std::uint64_t violations = 0;  // of required rules (errors)
};

struct ViolationDetail {
  std::uint32_t shard = 0;
  Violation violation;  // unit and member ids within the shard
  std::string rule;     // "file:line:col"
  std::string message;  // describe(), with the shard's ids
};

struct ShardedSummary {
  std::uint64_t members = 0, units = 0, shards = 0;
  std::uint64_t events = 0, refused = 0;
  DayNumber start = 0, as_of = 0;
  std::vector<StepTotals> steps;  // by StepId
  // Violations by phase and kind, split by severity: [phase][kind].
  std::vector<std::array<std::uint64_t, kViolationKindCount>> errors, warnings;
  std::uint64_t violations = 0;          // all, the true total
  std::vector<WorstUnit> worst_units;    // most errors first; at most options.worst_units
  std::vector<ViolationDetail> details;  // the first ones in shard order; at most max_details
  double state_bytes_per_member = 0;     // the engine's, largest over shards
};

// Renderers: a summary for people, laid out as the campaign report of a smaller run (per phase:
// required, on time, late, overdue, excused, open, on-time rate, violations by kind; violations
// by kind; worst units; the first violations with the true total), in ANSI colours when `color`,
// and one JSON object (schema `lockstep.sharded_summary`, version 1). Both bounded whatever the
// organization's size.
std::string render_sharded_text(const ShardedSummary& s, const CampaignModel& model,
                                const std::string& source, bool color = false);
std::string render_sharded_json(const ShardedSummary& s, const CampaignModel& model,
                                const std::string& source);

}  // namespace lockstep
