// make_synthetic_org: an organization of any size with the national mix (lockstep/roster.h).
//
// The figures are the Organization Department's statistics for the end of 2024 (domain.md):
// 100.271 M members in 306 k committees, 330 k general branches and 4.614 M branches; 21.469 M
// retired members. Everything is scaled to the requested member count. Rates the statistics do
// not give (leading cadres, mobile members, ...) are illustrative and documented in
// docs/formats.md.
//
// Layout: unit 0 is the top; then the committees, the general branches, and the branches, so
// every parent has a smaller id than its children. Members fill the branches in unit order.
// Every random choice is a hash of (seed, purpose, index) — no sequential generator state — so
// the result depends on nothing but the arguments, and each member costs a few multiplications.
#include <fmt/format.h>

#include <stdexcept>

#include "io/synthetic_org.h"
#include "lockstep/roster.h"

namespace lockstep {
namespace {

constexpr std::uint64_t kNationalMembers = 100'271'000;
constexpr std::uint64_t kNationalCommittees = 306'000;
constexpr std::uint64_t kNationalGeneralBranches = 330'000;
constexpr std::uint64_t kNationalBranches = 4'614'000;
constexpr std::uint64_t kNationalRetired = 21'469'000;

// Rates per 2^32 members. Retired is the statistics'; the others are illustrative.
constexpr std::uint64_t per_2_32(std::uint64_t part, std::uint64_t whole) {
  return (part << 32) / whole;
}
constexpr std::uint64_t kRetired = per_2_32(kNationalRetired, kNationalMembers);  // 21.4 %
constexpr std::uint64_t kInfirmOfRetired = per_2_32(30, 100);
constexpr std::uint64_t kLeadingCadre = per_2_32(2, 100);
constexpr std::uint64_t kInService = per_2_32(25, 100);
constexpr std::uint64_t kMobile = per_2_32(25, 1000);
constexpr std::uint64_t kAway = per_2_32(15, 1000);

// Supervision groups oversee about 14 organizations each (seed 003: "13-14个单位").
constexpr std::uint64_t kUnitsPerGroup = 14;

// Purposes, so that different choices about the same index are independent.
enum Stream : std::uint64_t {
  kBranchParent = 1,
  kBranchSize,
  kOrgType,
  kGbParent,
  kMember,
  kMemberMore,
  kResponsible
};

std::uint64_t mix(std::uint64_t seed, Stream stream, std::uint64_t index) {
  std::uint64_t z = seed + 0x9E3779B97F4A7C15ull * (index + 1) + 0xD1B54A32D192ED03ull * stream;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

std::uint64_t scaled(std::uint64_t national, std::uint64_t members) {
  return (national * members + kNationalMembers / 2) / kNationalMembers;
}

struct CategoryBits {
  std::uint64_t retired = 0, infirm = 0, leading_cadre = 0, in_service = 0, mobile = 0, away = 0;
};

std::uint64_t bit(const CampaignModel& model, std::string_view id) {
  const auto c = model.find_category(id);
  return c ? std::uint64_t{1} << *c : 0;
}

Unit make_unit(UnitId id, UnitId parent, UnitLevel level, OrgTypeId type) {
  Unit u;
  u.id = fmt::format("u{}", id);
  u.parent = parent;
  u.level = level;
  u.org_type = type;
  u.has_leadership = level == UnitLevel::kTop || level == UnitLevel::kCommittee;
  return u;
}

}  // namespace

Organization make_synthetic_org(const CampaignModel& model, std::uint64_t members,
                                std::uint64_t seed) {
  if (members >= kNoUnit)
    throw std::invalid_argument(fmt::format("{} members: at most {}", members, kNoUnit - 1));
  const std::uint64_t committees = scaled(kNationalCommittees, members);
  const std::uint64_t general = scaled(kNationalGeneralBranches, members);
  const std::uint64_t branches =
      members == 0 ? 0 : std::max<std::uint64_t>(1, scaled(kNationalBranches, members));
  const std::uint64_t org_types = std::max<std::size_t>(1, model.org_types.size());

  Organization org;
  org.units.reserve(1 + committees + general + branches);
  org.units.push_back(make_unit(0, kNoUnit, UnitLevel::kTop, 0));
  const UnitId first_committee = 1;
  const UnitId first_general = first_committee + static_cast<UnitId>(committees);
  const UnitId first_branch = first_general + static_cast<UnitId>(general);
  // An organization directly under the top draws its org type; units below inherit it.
  const auto type_of = [&](UnitId parent, std::uint64_t index) {
    if (parent != 0) return org.units[parent].org_type;
    return static_cast<OrgTypeId>(mix(seed, kOrgType, index) % org_types);
  };
  for (std::uint64_t c = 0; c < committees; ++c) {
    const UnitId id = first_committee + static_cast<UnitId>(c);
    org.units.push_back(make_unit(id, 0, UnitLevel::kCommittee, type_of(0, id)));
  }
  // Seven general branches in ten are under a committee, the rest directly under the top.
  for (std::uint64_t g = 0; g < general; ++g) {
    const UnitId id = first_general + static_cast<UnitId>(g);
    const std::uint64_t h = mix(seed, kGbParent, g);
    const UnitId parent = committees > 0 && h % 10 < 7
                              ? first_committee + static_cast<UnitId>((h >> 8) % committees)
                              : 0;
    org.units.push_back(make_unit(id, parent, UnitLevel::kGeneralBranch, type_of(parent, id)));
  }
  // Every general branch and committee gets one branch first; the others go to a general branch
  // (about 21 %), a committee (about 52 %) or the top (the rest), as the national counts suggest.
  for (std::uint64_t b = 0; b < branches; ++b) {
    const UnitId id = first_branch + static_cast<UnitId>(b);
    const std::uint64_t h = mix(seed, kBranchParent, b);
    UnitId parent = 0;
    if (b < general) {
      parent = first_general + static_cast<UnitId>(b);
    } else if (b < general + committees) {
      parent = first_committee + static_cast<UnitId>(b - general);
    } else if (h % 1000 < 215 && general > 0) {
      parent = first_general + static_cast<UnitId>((h >> 10) % general);
    } else if (h % 1000 < 735 && committees > 0) {
      parent = first_committee + static_cast<UnitId>((h >> 10) % committees);
    }
    org.units.push_back(make_unit(id, parent, UnitLevel::kBranch, type_of(parent, id)));
  }

  // Branch sizes: one member each, the rest shared by integer weights 1..64, a few branches
  // four times heavier, so that sizes spread from a handful to over a hundred.
  std::vector<std::uint64_t> weight(branches);
  std::uint64_t total_weight = 0;
  for (std::uint64_t b = 0; b < branches; ++b) {
    const std::uint64_t h = mix(seed, kBranchSize, b);
    weight[b] = (h % 64 + 1) * ((h >> 8) % 16 == 0 ? 4 : 1);
    total_weight += weight[b];
  }
  const std::uint64_t spare = members - branches;
  std::uint64_t assigned = 0;
  for (std::uint64_t b = 0; b < branches; ++b) {
    weight[b] = 1 + (spare * weight[b]) / total_weight;  // now the branch's size
    assigned += weight[b];
  }
  for (std::uint64_t b = 0; assigned < members; b = (b + 1) % branches, ++assigned) ++weight[b];

  const CategoryBits cat{bit(model, "retired"),       bit(model, "infirm"),
                         bit(model, "leading_cadre"), bit(model, "in_service"),
                         bit(model, "mobile"),        bit(model, "away")};
  // reserve + push_back rather than resize: the columns are written once, not zeroed first
  // (at 10^8 members, zeroing 1.6 GB costs as much as generating it).
  org.member_branch.reserve(members);
  org.member_responsible.reserve(members);
  org.member_categories.reserve(members);
  MemberId m = 0;
  for (std::uint64_t b = 0; b < branches; ++b) {
    const UnitId branch = first_branch + static_cast<UnitId>(b);
    org.units[branch].first_member = m;
    for (std::uint64_t k = 0; k < weight[b]; ++k, ++m) {
      const std::uint64_t h = mix(seed, kMember, m);
      const std::uint64_t low = h & 0xffffffffu, high = h >> 32;
      std::uint64_t bits = 0;
      UnitId responsible = branch;
      if (low < kRetired) {
        bits |= cat.retired;
        if (high < kInfirmOfRetired) bits |= cat.infirm;
      } else {
        const std::uint64_t h2 = mix(seed, kMemberMore, m);
        const std::uint64_t a = h2 & 0xffffffffu, c = h2 >> 32;
        if (a < kLeadingCadre)
          bits |= cat.leading_cadre;
        else if (a < kLeadingCadre + kInService)
          bits |= cat.in_service;
        if (c < kMobile) {
          bits |= cat.mobile;
          // Half of the mobile members are looked after by the branch where they now live.
          if (c < kMobile / 2 && cat.mobile != 0)
            responsible = first_branch + static_cast<UnitId>(mix(seed, kResponsible, m) % branches);
        } else if (c < kMobile + kAway) {
          bits |= cat.away;
        }
      }
      org.member_branch.push_back(branch);
      org.member_responsible.push_back(responsible);
      org.member_categories.push_back(bits);
    }
    org.units[branch].end_member = m;
  }

  // Supervision groups over runs of neighbouring organizations (units directly under the top).
  std::vector<UnitId> organizations;
  for (UnitId u = 1; u < org.units.size(); ++u)
    if (org.units[u].parent == 0) organizations.push_back(u);
  const std::uint64_t per_group = std::max<std::uint64_t>(
      kUnitsPerGroup, (organizations.size() + kNoGroup - 2) / (kNoGroup - 1));
  for (std::size_t i = 0; i < organizations.size(); i += per_group) {
    SupervisionGroup& g = org.groups.emplace_back();
    g.id = fmt::format("g{}", org.groups.size() - 1);
    for (std::size_t k = i; k < organizations.size() && k < i + per_group; ++k) {
      g.units.push_back(organizations[k]);
      org.units[organizations[k]].supervision_group =
          static_cast<std::uint16_t>(org.groups.size() - 1);
    }
  }
  return org;
}

}  // namespace lockstep
