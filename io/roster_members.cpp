// RosterBuilder, second half: members, supervision groups, and the final ordering of members by
// branch. See roster_builder.h.
#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <tuple>

#include "io/roster_builder.h"
#include "util/suggest.h"
#include "util/unicode.h"

namespace lockstep::io {
namespace {

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

}  // namespace

std::vector<Field> split_list(const Field& f, bool quoted) {
  std::vector<Field> items;
  const std::size_t base = f.begin + (quoted ? 1 : 0);
  std::size_t start = 0;
  for (std::size_t i = 0; i <= f.text.size(); ++i) {
    if (i < f.text.size() && f.text[i] != ';' && f.text[i] != '|') continue;
    const std::string_view piece = std::string_view(f.text).substr(start, i - start);
    std::string item = trim(piece);
    if (!item.empty()) {
      const std::size_t lead = piece.find(item);
      items.push_back({item, base + start + lead, base + start + lead + item.size()});
    }
    start = i + 1;
  }
  return items;
}

void RosterBuilder::add_member(const MemberRecord& m) {
  // Clashes with other ids are found in finish(), all at once.
  bool ok = check_id(m.id, "member id");
  ok &= check_text(m.display_name, "display name");

  // The home branch.
  UnitId branch = kNoUnit;
  if (m.branch.text.empty()) {
    errors_.error("R020", m.branch.begin, m.branch.end,
                  fmt::format("member '{}' is in no branch", util::excerpt(m.id.text)),
                  "every member belongs to exactly one branch: name the id of a unit of level "
                  "branch");
    ok = false;
  } else if (const std::uint32_t r = unit_record(m.branch.text); r == kNone) {
    std::string help = "name the id of a unit of level branch";
    if (const std::string s = suggest_unit(m.branch.text); !s.empty()) help = s + "; " + help;
    errors_.error("R018", m.branch.begin, m.branch.end,
                  fmt::format("unknown branch '{}'", util::excerpt(m.branch.text)), help);
    ok = false;
  } else if (unit_info_[r].level_ok && unit_info_[r].level != UnitLevel::kBranch) {
    errors_.error("R019", m.branch.begin, m.branch.end,
                  fmt::format("member '{}' is in '{}', which is not a branch",
                              util::excerpt(m.id.text), util::excerpt(m.branch.text)),
                  "members belong to units of level branch; committees and general branches "
                  "hold branches, not members");
    ok = false;
  } else if (units_resolved_) {
    branch = unit_id_[r];
  }

  // The responsible branch, when it differs (a mobile member looked after where they live).
  UnitId responsible = branch;
  if (!m.responsible.text.empty()) {
    if (const auto it = unit_index_.find(m.responsible.text); it == unit_index_.end()) {
      std::string help = "name the branch responsible for this member, or leave it empty";
      if (const std::string s = suggest_unit(m.responsible.text); !s.empty())
        help = s + "; " + help;
      errors_.error(
          "R021", m.responsible.begin, m.responsible.end,
          fmt::format("unknown responsible branch '{}'", util::excerpt(m.responsible.text)), help);
      ok = false;
    } else if (unit_info_[it->second].level_ok &&
               unit_info_[it->second].level != UnitLevel::kBranch) {
      errors_.error(
          "R019", m.responsible.begin, m.responsible.end,
          fmt::format("responsible unit '{}' is not a branch", util::excerpt(m.responsible.text)),
          "the responsible unit of a member is a unit of level branch");
      ok = false;
    } else if (units_resolved_) {
      responsible = unit_id_[it->second];
    }
  }

  std::uint64_t categories = 0;
  for (const Field& c : m.categories) {
    if (const auto id = model_.find_category(c.text)) {
      categories |= std::uint64_t{1} << *id;
      continue;
    }
    std::vector<std::string_view> names;
    for (const Category& k : model_.categories) names.push_back(k.id);
    std::string help = names.empty() ? "the campaign declares no categories: leave it empty"
                                     : "use a category the campaign declares (category ...)";
    if (const std::string s = util::did_you_mean(c.text, names); !s.empty()) help = s + "; " + help;
    errors_.error("R017", c.begin, c.end,
                  fmt::format("unknown category '{}'", util::excerpt(c.text)), help);
    ok = false;
  }

  if (!ok || !units_resolved_ || member_overflow_) return;
  if (member_branch_.size() >= kNoUnit - 1 ||
      member_ids_.bytes.size() + m.id.text.size() > 0xffffffffu ||
      member_names_.bytes.size() + m.display_name.text.size() > 0xffffffffu) {
    errors_.error("R025", m.id.begin, m.id.end,
                  "too many members: at most 4294967294, with 4 GiB of ids and of names");
    member_overflow_ = true;
    return;
  }
  member_branch_.push_back(branch);
  member_responsible_.push_back(responsible);
  member_categories_.push_back(categories);
  member_ids_.push_back(m.id.text);
  member_names_.push_back(m.display_name.text);
  member_id_begin_.push_back(m.id.begin);
  any_member_name_ |= !m.display_name.text.empty();
}

void RosterBuilder::resolve_groups() {
  // Where each unit was first put under a group, to point at both places of a clash.
  std::vector<std::size_t> assigned_at(org_.units.size(), 0);
  for (std::size_t g = 0; g < group_records_.size(); ++g) {
    GroupRecord& rec = group_records_[g];
    SupervisionGroup group;
    group.id = rec.id.text;
    group.display_name = rec.display_name.text;
    for (const Field& name : rec.units) {
      const auto it = unit_index_.find(name.text);
      if (it == unit_index_.end()) {
        std::string help = "name the id of a unit in this roster";
        if (const std::string s = suggest_unit(name.text); !s.empty()) help = s + "; " + help;
        errors_.error("R022", name.begin, name.end,
                      fmt::format("group '{}' names unknown unit '{}'", util::excerpt(rec.id.text),
                                  util::excerpt(name.text)),
                      help);
        continue;
      }
      if (!units_resolved_) continue;
      const UnitId u = unit_id_[it->second];
      Unit& unit = org_.units[u];
      if (unit.supervision_group != kNoGroup) {
        Diagnostic* d = errors_.error(
            "R023", name.begin, name.end,
            fmt::format("unit '{}' is already overseen by group '{}'", util::excerpt(name.text),
                        org_.groups.size() > unit.supervision_group
                            ? org_.groups[unit.supervision_group].id
                            : util::excerpt(rec.id.text)),
            "a unit is overseen by one supervision group: list it once");
        errors_.relate(d, assigned_at[u], assigned_at[u] + name.text.size(), "listed here first");
        continue;
      }
      unit.supervision_group = static_cast<std::uint16_t>(g);
      assigned_at[u] = name.begin;
      group.units.push_back(u);
    }
    org_.groups.push_back(std::move(group));
  }
}

void RosterBuilder::order_members(Organization& org) {
  const std::size_t n = member_branch_.size();
  // Counting sort by home branch: stable, so file order is kept within a branch.
  std::vector<std::uint32_t> start(org.units.size() + 1, 0);
  for (UnitId b : member_branch_) ++start[b + 1];
  for (std::size_t u = 0; u < org.units.size(); ++u) start[u + 1] += start[u];
  for (std::size_t u = 0; u < org.units.size(); ++u) {
    if (org.units[u].level != UnitLevel::kBranch) continue;
    org.units[u].first_member = start[u];
    org.units[u].end_member = start[u + 1];
  }
  std::vector<std::uint32_t> order(n);
  for (std::uint32_t m = 0; m < n; ++m) order[start[member_branch_[m]]++] = m;

  org.member_branch.resize(n);
  org.member_responsible.resize(n);
  org.member_categories.resize(n);
  for (std::size_t k = 0; k < n; ++k) {
    const std::uint32_t m = order[k];
    org.member_branch[k] = member_branch_[m];
    org.member_responsible[k] = member_responsible_[m];
    org.member_categories[k] = member_categories_[m];
  }
  // Ids "m0", "m1", ... in final order are what member_id() gives without a column: drop it.
  bool generated_ids = true;
  for (std::size_t k = 0; k < n && generated_ids; ++k)
    generated_ids = member_ids_.at(order[k]) == fmt::format("m{}", k);
  if (!generated_ids) {
    org.member_ids.bytes.reserve(member_ids_.bytes.size());
    org.member_ids.offsets.reserve(n + 1);
    for (std::size_t k = 0; k < n; ++k) org.member_ids.push_back(member_ids_.at(order[k]));
  }
  if (any_member_name_) {
    org.member_names.bytes.reserve(member_names_.bytes.size());
    org.member_names.offsets.reserve(n + 1);
    for (std::size_t k = 0; k < n; ++k) org.member_names.push_back(member_names_.at(order[k]));
  }
}

std::uint32_t RosterBuilder::unit_record(const std::string& id) {
  if (!cached_valid_ || id != cached_id_) {
    const auto it = unit_index_.find(id);
    cached_id_ = id;
    cached_record_ = it == unit_index_.end() ? kNone : it->second;
    cached_valid_ = true;
  }
  return cached_record_;
}

void RosterBuilder::check_member_ids() {
  // kind 0: a unit, 1: a group, 2: a member. Units and groups sort before members of the same
  // hash, so that a member's clash is reported against the unit or group.
  struct Key {
    std::size_t hash;
    std::uint32_t kind;
    std::uint32_t index;
    bool operator<(const Key& o) const {
      return std::tie(hash, kind, index) < std::tie(o.hash, o.kind, o.index);
    }
  };
  const auto text = [this](const Key& k) -> std::string_view {
    if (k.kind == 0) return unit_records_[k.index].id.text;
    if (k.kind == 1) return group_records_[k.index].id.text;
    return member_ids_.at(k.index);
  };
  const std::hash<std::string_view> hash;
  std::vector<Key> keys;
  keys.reserve(unit_records_.size() + group_records_.size() + member_branch_.size());
  for (std::uint32_t i = 0; i < unit_records_.size(); ++i)
    keys.push_back({hash(unit_records_[i].id.text), 0, i});
  for (std::uint32_t i = 0; i < group_records_.size(); ++i)
    keys.push_back({hash(group_records_[i].id.text), 1, i});
  for (std::uint32_t i = 0; i < member_branch_.size(); ++i)
    keys.push_back({hash(member_ids_.at(i)), 2, i});
  std::sort(keys.begin(), keys.end());
  for (std::size_t i = 1; i < keys.size() && !errors_.full(); ++i) {
    if (keys[i].kind != 2) continue;
    for (std::size_t j = i; j-- > 0 && keys[j].hash == keys[i].hash;) {
      if (text(keys[j]) != text(keys[i])) continue;
      const std::size_t at = member_id_begin_[keys[i].index];
      const std::string_view id = text(keys[i]);
      if (keys[j].kind == 2) {
        const std::size_t first = member_id_begin_[keys[j].index];
        Diagnostic* d = errors_.error("R010", at, at + id.size(),
                                      fmt::format("duplicate member id '{}'", util::excerpt(id)));
        errors_.relate(d, first, first + id.size(), "first defined here");
      } else {
        const Field& other =
            keys[j].kind == 0 ? unit_records_[keys[j].index].id : group_records_[keys[j].index].id;
        Diagnostic* d =
            errors_.error("R010", at, at + id.size(),
                          fmt::format("member id '{}' is already a {}'s id", util::excerpt(id),
                                      keys[j].kind == 0 ? "unit" : "group"),
                          "ids of units, members and groups share one namespace");
        errors_.relate(d, other.begin, other.end, "defined here");
      }
      break;
    }
  }
}

std::optional<Organization> RosterBuilder::finish() {
  resolve_groups();
  check_member_ids();
  if (errors_.any() || !units_resolved_) return std::nullopt;
  Organization org = std::move(org_);
  order_members(org);
  return org;
}

}  // namespace lockstep::io
