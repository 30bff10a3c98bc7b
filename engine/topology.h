// What the engine derives once from the organization: a depth-first order of the units (so a
// subtree is a contiguous range), the grassroots organization and the supervision group of every
// unit, and the members each branch is responsible for.
//
// Invariants (after build_topology succeeds):
//   - preorder lists every unit once, parents before children, children by id;
//     the subtree of u is preorder[pre_index[u] .. subtree_end[u]);
//   - organization[u] is the ancestor-or-self of u whose parent is the top (unit 0), kNoUnit
//     for the top itself;
//   - responsible members of branch b are responsible_members[responsible_begin[b] ..
//     responsible_begin[b + 1]), by member id; every member appears exactly once;
//   - overseer[u] is the group listing u (or, failing that, u's own supervision_group), else
//     its parent's overseer.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "engine/huge_pages.h"
#include "lockstep/diagnostic.h"
#include "lockstep/model.h"
#include "lockstep/organization.h"

namespace lockstep::engine {

struct Topology {
  std::vector<UnitId> preorder;
  std::vector<std::uint32_t> pre_index;
  std::vector<std::uint32_t> subtree_end;
  RosterVector<UnitId> organization;
  // Copies of each unit's parent and org type, packed: the hot path reads them for every
  // completion, and a Unit (with its names) is a cache line or two apart from the next.
  RosterVector<UnitId> parent;
  RosterVector<OrgTypeId> org_type;
  std::vector<UnitId> organizations;  // units directly under the top, by id
  std::vector<std::uint16_t> overseer;
  std::vector<std::uint32_t> responsible_begin;  // size units + 1
  std::vector<MemberId> responsible_members;

  // Units in the subtree of u (u first), in depth-first order.
  const UnitId* subtree_begin(UnitId u) const { return preorder.data() + pre_index[u]; }
  const UnitId* subtree_finish(UnitId u) const { return preorder.data() + subtree_end[u]; }
  const MemberId* members_begin(UnitId b) const {
    return responsible_members.data() + responsible_begin[b];
  }
  const MemberId* members_finish(UnitId b) const {
    return responsible_members.data() + responsible_begin[b + 1];
  }
};

// Checks every invariant of lockstep/organization.h the engine relies on (against `model` for
// org types and categories); on a violation appends diagnostics (code E0903) and returns nothing.
std::optional<Topology> build_topology(const Organization& org, const CampaignModel& model,
                                       Diagnostics& diagnostics);

}  // namespace lockstep::engine
