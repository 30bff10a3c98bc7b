// Checks every invariant lockstep/organization.h promises; "" when all hold, else the first broken
// one. Used on reader results and synthetic organizations alike.
#pragma once

#include <string>

#include "lockstep/model.h"
#include "lockstep/organization.h"

inline std::string broken_invariant(const lockstep::Organization& org,
                                    const lockstep::CampaignModel& model) {
  using namespace lockstep;
  if (org.units.empty() || org.units[0].parent != kNoUnit || org.units[0].level != UnitLevel::kTop)
    return "unit 0 is not the top";
  for (UnitId u = 1; u < org.units.size(); ++u) {
    const Unit& unit = org.units[u];
    if (unit.parent >= u) return "unit " + unit.id + " comes before its parent";
    if (unit.level == UnitLevel::kTop) return "a second top " + unit.id;
    if (!model.org_types.empty() && unit.org_type >= model.org_types.size())
      return "org type out of range in " + unit.id;
    if (unit.supervision_group != kNoGroup && unit.supervision_group >= org.groups.size())
      return "group out of range in " + unit.id;
  }
  const std::size_t n = org.member_count();
  if (org.member_responsible.size() != n || org.member_categories.size() != n)
    return "member columns of different lengths";
  if (org.member_ids.size() != 0 && org.member_ids.size() != n) return "member id column length";
  if (org.member_names.size() != 0 && org.member_names.size() != n) return "member name column";
  const std::uint64_t allowed = model.categories.size() >= 64
                                    ? ~std::uint64_t{0}
                                    : (std::uint64_t{1} << model.categories.size()) - 1;
  for (MemberId m = 0; m < n; ++m) {
    const UnitId b = org.member_branch[m];
    if (b >= org.units.size() || org.units[b].level != UnitLevel::kBranch)
      return "member " + org.member_id(m) + " is not in a branch";
    if (m < org.units[b].first_member || m >= org.units[b].end_member)
      return "member " + org.member_id(m) + " outside its branch's range";
    const UnitId r = org.member_responsible[m];
    if (r >= org.units.size() || org.units[r].level != UnitLevel::kBranch)
      return "member " + org.member_id(m) + " has a responsible unit that is not a branch";
    if ((org.member_categories[m] & ~allowed) != 0)
      return "member " + org.member_id(m) + " has an undeclared category";
  }
  std::size_t covered = 0;
  for (const Unit& u : org.units) {
    if (u.level == UnitLevel::kBranch)
      covered += u.end_member - u.first_member;
    else if (u.end_member != u.first_member)
      return "members in non-branch " + u.id;
  }
  if (covered != n) return "branch ranges do not cover the members exactly";
  for (std::size_t g = 0; g < org.groups.size(); ++g)
    for (UnitId u : org.groups[g].units)
      if (u >= org.units.size() || org.units[u].supervision_group != g)
        return "group " + org.groups[g].id + " and its units disagree";
  return "";
}
