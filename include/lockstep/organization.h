// The organization a campaign runs over: a tree of units, members in branches, supervision groups.
//
// Invariants (established by the roster reader or the synthetic generator, relied on by the
// engine):
//   - UnitId and MemberId are dense indices; unit 0 is the top committee (its parent is kNoUnit);
//   - a unit's parent has a smaller id (parents come first), so a forward pass visits parents
//     before children and a backward pass children before parents; there is no cycle;
//   - every member belongs to exactly one unit of level kBranch (its home branch), and has a
//     responsible branch (the same as home, except for mobile members looked after elsewhere);
//   - members of one branch are contiguous: branch_members(u) is a range of MemberIds;
//   - category bits and org type ids are in range for the campaign model the roster was read with.
// Members are stored column by column because a national campaign has 10^8 of them: a member costs
// 4 + 4 + 8 bytes here, plus its id and name text when the roster has them.
// Plain data: the readers and the application fill it; an engine, a run or a campaign takes it as
// std::shared_ptr<const Organization> and so can never see it change.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "lockstep/model.h"

namespace lockstep {

using UnitId = std::uint32_t;
using MemberId = std::uint32_t;
inline constexpr UnitId kNoUnit = 0xffffffffu;
inline constexpr std::uint16_t kNoGroup = 0xffffu;

enum class UnitLevel : std::uint8_t { kTop, kCommittee, kGeneralBranch, kBranch };

// Strings stored back to back; entry i is bytes[offsets[i] .. offsets[i+1]).
struct TextColumn {
  std::string bytes;
  std::vector<std::uint32_t> offsets{0};

  std::size_t size() const { return offsets.size() - 1; }
  std::string_view at(std::size_t i) const {
    return std::string_view(bytes).substr(offsets[i], offsets[i + 1] - offsets[i]);
  }
  void push_back(std::string_view s) {
    bytes.append(s);
    offsets.push_back(static_cast<std::uint32_t>(bytes.size()));
  }
};

struct Unit {
  std::string id;
  std::string display_name;
  UnitId parent = kNoUnit;
  UnitLevel level = UnitLevel::kBranch;
  OrgTypeId org_type = 0;
  bool has_leadership = false;  // holds leadership-team steps (专题民主生活会, ...)
  std::uint16_t supervision_group = kNoGroup;  // the group that oversees it, if any
  std::uint32_t first_member = 0;              // for branches: members [first_member, end_member)
  std::uint32_t end_member = 0;
  std::uint32_t source_line = 0;  // line in the roster file, 0 when generated
};

struct SupervisionGroup {
  std::string id;
  std::string display_name;
  std::vector<UnitId> units;  // the units it oversees
};

struct Organization {
  std::vector<Unit> units;
  std::vector<SupervisionGroup> groups;

  // Member columns, all of the same length.
  std::vector<UnitId> member_branch;             // home branch
  std::vector<UnitId> member_responsible;        // branch responsible for the member's steps
  std::vector<std::uint64_t> member_categories;  // bit c: in category c
  TextColumn member_ids;                         // empty when generated: ids are then "m" + index
  TextColumn member_names;                       // empty when generated

  std::size_t member_count() const { return member_branch.size(); }
  std::string member_id(MemberId m) const;
  std::string_view member_name(MemberId m) const;  // empty when the roster has no names
};

}  // namespace lockstep
