// See topology.h. The roster is untrusted: every index is checked before it is used, and the
// checks stop after a few dozen problems so a broken file of 10^8 rows cannot flood the output.
#include "engine/topology.h"

#include <fmt/format.h>

#include "lockstep/violation.h"

namespace lockstep::engine {
namespace {

constexpr std::size_t kMaxErrors = 20;

class Checker {
 public:
  explicit Checker(Diagnostics& out) : out_(out) {}
  // Records a problem; returns false once enough have been recorded to stop looking.
  bool fail(std::string message, std::string help = {}) {
    ++count_;
    if (count_ <= kMaxErrors) {
      Diagnostic d;
      d.code = "E0903";
      d.message = std::move(message);
      d.help = std::move(help);
      out_.push_back(std::move(d));
    }
    return count_ < kMaxErrors;
  }
  bool ok() const { return count_ == 0; }

 private:
  Diagnostics& out_;
  std::size_t count_ = 0;
};

// "unit 3 ('jg2', roster line 7)": the index the engine uses, the id people wrote, and where
// (a roster built by an application has no lines).
std::string unit_name(const Organization& org, UnitId u) {
  const Unit& unit = org.units[u];
  if (unit.source_line == 0) return fmt::format("unit {} ('{}')", u, unit.id);
  return fmt::format("unit {} ('{}', roster line {})", u, unit.id, unit.source_line);
}

bool check_units(const Organization& org, const CampaignModel& model, Checker& c) {
  const std::size_t n = org.units.size();
  if (n == 0) return c.fail("the organization has no units", "unit 0 must be the top committee");
  if (n >= kNoUnit) return c.fail("the organization has too many units");
  if (org.units[0].parent != kNoUnit)
    c.fail("unit 0 has a parent", "unit 0 must be the campaign's top committee");
  const std::size_t types = model.org_types.empty() ? 1 : model.org_types.size();
  for (UnitId u = 0; u < n; ++u) {
    const Unit& unit = org.units[u];
    if (u != 0 && unit.parent >= u) {
      if (!c.fail(fmt::format("{} has parent {}, which does not come before it", unit_name(org, u),
                              unit.parent),
                  "parents come first; a parent cycle or a missing parent breaks this"))
        return false;
    }
    if (unit.org_type >= types &&
        !c.fail(fmt::format("{} has org type {}, but the model declares {} org type{} (0 to {})",
                            unit_name(org, u), unit.org_type, types, types == 1 ? "" : "s",
                            types - 1),
                "give the unit one of the model's org types (CampaignModel::org_types)"))
      return false;
    if (unit.supervision_group != kNoGroup && unit.supervision_group >= org.groups.size() &&
        !c.fail(fmt::format("{} names supervision group {} but there are {}", unit_name(org, u),
                            unit.supervision_group, org.groups.size())))
      return false;
  }
  if (org.groups.size() >= kNoGroup) return c.fail("the organization has too many groups");
  for (std::size_t g = 0; g < org.groups.size(); ++g) {
    for (UnitId u : org.groups[g].units) {
      if (u >= n && !c.fail(fmt::format("supervision group {} ('{}') oversees unit {}, which does "
                                        "not exist",
                                        g, org.groups[g].id, u)))
        return false;
    }
  }
  return true;
}

bool check_members(const Organization& org, const CampaignModel& model, Checker& c) {
  const std::size_t m = org.member_branch.size();
  if (org.member_responsible.size() != m || org.member_categories.size() != m)
    return c.fail(
        fmt::format("member columns differ in length ({} branches, {} responsible, {} "
                    "categories)",
                    m, org.member_responsible.size(), org.member_categories.size()));
  if (m >= kNoMember) return c.fail("the organization has too many members");
  if ((org.member_ids.size() != 0 && org.member_ids.size() != m) ||
      (org.member_names.size() != 0 && org.member_names.size() != m))
    return c.fail("member id or name columns differ in length from the member count");
  const std::uint64_t known = model.categories.size() >= 64
                                  ? ~std::uint64_t{0}
                                  : (std::uint64_t{1} << model.categories.size()) - 1;
  for (MemberId i = 0; i < m; ++i) {
    for (UnitId b : {org.member_branch[i], org.member_responsible[i]}) {
      if (b >= org.units.size() || org.units[b].level != UnitLevel::kBranch) {
        if (!c.fail(fmt::format("member {} is attached to unit {}, which is not a branch", i, b),
                    "every member belongs to exactly one branch"))
          return false;
      }
    }
    if ((org.member_categories[i] & ~known) != 0 &&
        !c.fail(fmt::format("member {} has a category the model does not declare", i)))
      return false;
  }
  return true;
}

}  // namespace

std::optional<Topology> build_topology(const Organization& org, const CampaignModel& model,
                                       Diagnostics& diagnostics) {
  Checker checker(diagnostics);
  if (check_units(org, model, checker)) check_members(org, model, checker);
  if (!checker.ok()) return std::nullopt;

  const std::size_t n = org.units.size();
  Topology t;
  // Children by id, as a compressed list: parents have smaller ids, so counting works in one pass.
  std::vector<std::uint32_t> child_begin(n + 1, 0);
  for (UnitId u = 1; u < n; ++u) ++child_begin[org.units[u].parent + 1];
  for (std::size_t i = 0; i < n; ++i) child_begin[i + 1] += child_begin[i];
  std::vector<UnitId> children(n > 0 ? n - 1 : 0);
  {
    std::vector<std::uint32_t> fill(child_begin.begin(), child_begin.end() - 1);
    for (UnitId u = 1; u < n; ++u) children[fill[org.units[u].parent]++] = u;
  }
  // Depth-first order with an explicit stack: trees can be deep enough to overflow recursion.
  t.preorder.reserve(n);
  t.pre_index.assign(n, 0);
  t.subtree_end.assign(n, 0);
  struct Frame {
    UnitId unit;
    std::uint32_t next;
  };
  std::vector<Frame> stack{{0, child_begin[0]}};
  t.pre_index[0] = 0;
  t.preorder.push_back(0);
  while (!stack.empty()) {
    Frame& f = stack.back();
    if (f.next == child_begin[f.unit + 1]) {
      t.subtree_end[f.unit] = static_cast<std::uint32_t>(t.preorder.size());
      stack.pop_back();
      continue;
    }
    const UnitId child = children[f.next++];
    t.pre_index[child] = static_cast<std::uint32_t>(t.preorder.size());
    t.preorder.push_back(child);
    stack.push_back({child, child_begin[child]});
  }

  t.organization.assign(n, kNoUnit);
  t.parent.resize(n);
  t.org_type.resize(n);
  for (UnitId u = 0; u < n; ++u) {
    t.parent[u] = org.units[u].parent;
    t.org_type[u] = org.units[u].org_type;
  }
  t.overseer.assign(n, kNoGroup);
  std::vector<std::uint16_t> listed(n, kNoGroup);
  for (std::size_t g = 0; g < org.groups.size(); ++g)
    for (UnitId u : org.groups[g].units)
      if (listed[u] == kNoGroup) listed[u] = static_cast<std::uint16_t>(g);
  for (UnitId u = 0; u < n; ++u) {
    const UnitId p = org.units[u].parent;
    if (u != 0) t.organization[u] = p == 0 ? u : t.organization[p];
    if (u != 0 && p == 0) t.organizations.push_back(u);
    std::uint16_t own = listed[u] != kNoGroup ? listed[u] : org.units[u].supervision_group;
    t.overseer[u] = own != kNoGroup ? own : (u == 0 ? kNoGroup : t.overseer[p]);
  }

  t.responsible_begin.assign(n + 1, 0);
  for (UnitId b : org.member_responsible) ++t.responsible_begin[b + 1];
  for (std::size_t i = 0; i < n; ++i) t.responsible_begin[i + 1] += t.responsible_begin[i];
  t.responsible_members.resize(org.member_responsible.size());
  std::vector<std::uint32_t> fill(t.responsible_begin.begin(), t.responsible_begin.end() - 1);
  for (MemberId m = 0; m < org.member_responsible.size(); ++m)
    t.responsible_members[fill[org.member_responsible[m]]++] = m;
  return t;
}

}  // namespace lockstep::engine
