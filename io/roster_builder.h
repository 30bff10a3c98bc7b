// Turns roster records into an Organization: resolves every name against the campaign model and
// the roster itself, checks the tree, and orders units and members as organization.h requires.
//
// Use: add_unit() and add_group() for every unit and group record, then resolve_units(), then
// add_member() for every member record (members are resolved one by one and kept in compact
// columns, so a roster of millions of members never holds a record per member), then finish().
//
// Ordering (what makes export-then-read an identity): units come out in the lexicographically
// smallest order that puts every parent before its children, comparing positions in the file —
// so a file already ordered parents-first keeps its order; members are grouped by home branch in
// unit order, keeping their order in the file within a branch.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "io/error_list.h"
#include "io/roster_records.h"
#include "lockstep/model.h"
#include "lockstep/organization.h"

namespace lockstep::io {

class RosterBuilder {
 public:
  RosterBuilder(const CampaignModel& model, ErrorList& errors) : model_(model), errors_(errors) {}

  void add_unit(UnitRecord unit);
  void add_group(GroupRecord group);
  void resolve_units();
  void add_member(const MemberRecord& member);
  // The organization, or nothing when any error was reported (by the builder or the reader).
  std::optional<Organization> finish();

 private:
  struct UnitInfo {
    bool level_ok = false;
    UnitLevel level = UnitLevel::kBranch;
    std::optional<OrgTypeId> org_type;
    bool leadership = false;
    std::uint32_t parent = kNone;  // index of the parent record
  };
  static constexpr std::uint32_t kNone = 0xffffffffu;

  bool check_id(const Field& f, const char* what);
  bool check_text(const Field& f, const char* what);
  void check_unique(const Field& id);
  void resolve_parents();
  void check_cycles();
  void order_units();
  void resolve_groups();
  void order_members(Organization& org);
  void check_member_ids();
  // The record index of unit `id`, or kNone. Caches the last look-up: members of a branch
  // usually come together.
  std::uint32_t unit_record(const std::string& id);
  std::string suggest_unit(const std::string& name) const;

  const CampaignModel& model_;
  ErrorList& errors_;

  std::vector<UnitRecord> unit_records_;
  std::vector<UnitInfo> unit_info_;
  std::vector<GroupRecord> group_records_;
  std::unordered_map<std::string, std::uint32_t> unit_index_;   // id -> record index
  std::unordered_map<std::string, std::uint32_t> group_index_;  // id -> record index
  std::vector<UnitId> unit_id_;  // record index -> UnitId once ordered
  Organization org_;
  bool units_resolved_ = false;

  // Members in file order, resolved.
  std::vector<UnitId> member_branch_;
  std::vector<UnitId> member_responsible_;
  std::vector<std::uint64_t> member_categories_;
  TextColumn member_ids_;
  TextColumn member_names_;
  std::vector<std::size_t> member_id_begin_;  // for reporting duplicates
  bool any_member_name_ = false;
  std::string cached_id_;
  std::uint32_t cached_record_ = kNone;
  bool cached_valid_ = false;
  bool member_overflow_ = false;
};

}  // namespace lockstep::io
