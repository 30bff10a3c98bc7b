// RosterBuilder, first half: the units. Checks each unit's fields, resolves parents, finds
// cycles, and orders the tree parents first. See roster_builder.h.
#include <fmt/format.h>

#include <functional>
#include <queue>
#include <utility>

#include "io/roster_builder.h"
#include "lockstep/names.h"
#include "util/suggest.h"
#include "util/unicode.h"

namespace lockstep::io {
namespace {

// Suggestions compare a name with every candidate; past this many the cost is not worth it.
constexpr std::size_t kMaxSuggestionCandidates = 20000;

std::optional<bool> parse_flag(const std::string& s) {
  if (s.empty() || s == "no" || s == "false" || s == "0") return false;
  if (s == "yes" || s == "true" || s == "1") return true;
  return std::nullopt;
}

// Whether a unit of level `child` may stand under one of level `parent`: committees hold
// committees, general branches and branches; general branches hold branches; branches hold none.
bool may_contain(UnitLevel parent, UnitLevel child) {
  switch (parent) {
    case UnitLevel::kTop:
      return child != UnitLevel::kTop;
    case UnitLevel::kCommittee:
      return child != UnitLevel::kTop;
    case UnitLevel::kGeneralBranch:
      return child == UnitLevel::kBranch;
    case UnitLevel::kBranch:
      return false;
  }
  return false;
}

std::string with_suggestion(std::string help, const std::string& suggestion) {
  if (suggestion.empty()) return help;
  return help.empty() ? suggestion : suggestion + "; " + help;
}

}  // namespace

bool RosterBuilder::check_text(const Field& f, const char* what) {
  for (unsigned char c : f.text) {
    if (c < 0x20 || c == 0x7f) {
      errors_.error("R009", f.begin, f.end, fmt::format("{} contains a control character", what),
                    "remove line breaks and tabs from the text");
      return false;
    }
  }
  if (f.text.size() > 1024) {
    errors_.error("R009", f.begin, f.end, fmt::format("{} longer than 1024 bytes", what));
    return false;
  }
  return true;
}

bool RosterBuilder::check_id(const Field& f, const char* what) {
  if (f.text.empty()) {
    errors_.error("R009", f.begin, f.end, fmt::format("{} is empty: expected an id", what));
    return false;
  }
  if (f.text.size() > 256) {
    errors_.error("R009", f.begin, f.end, fmt::format("{} longer than 256 bytes", what));
    return false;
  }
  for (unsigned char c : f.text) {
    if (c <= 0x20 || c == 0x7f || c == ',' || c == ';' || c == '|' || c == '"') {
      errors_.error("R009", f.begin, f.end,
                    fmt::format("{} '{}' contains a space, control character or one of , ; | \"",
                                what, util::excerpt(f.text)),
                    "ids are single words: letters (any script), digits, '_', '-', '.'");
      return false;
    }
  }
  return true;
}

std::string RosterBuilder::suggest_unit(const std::string& name) const {
  if (unit_records_.size() > kMaxSuggestionCandidates) return {};
  std::vector<std::string_view> candidates;
  candidates.reserve(unit_records_.size());
  for (const UnitRecord& u : unit_records_) candidates.push_back(u.id.text);
  return util::did_you_mean(name, candidates);
}

void RosterBuilder::add_unit(UnitRecord u) {
  UnitInfo info;
  if (check_id(u.id, "unit id")) {
    if (group_index_.count(u.id.text) != 0) {
      errors_.error(
          "R010", u.id.begin, u.id.end,
          fmt::format("id '{}' is already a supervision group's", util::excerpt(u.id.text)),
          "ids of units, members and groups share one namespace");
    } else {
      const auto [it, inserted] =
          unit_index_.emplace(u.id.text, static_cast<std::uint32_t>(unit_records_.size()));
      if (!inserted) {
        const Field& first = unit_records_[it->second].id;
        Diagnostic* d =
            errors_.error("R010", u.id.begin, u.id.end,
                          fmt::format("duplicate unit id '{}'", util::excerpt(u.id.text)));
        errors_.relate(d, first.begin, first.end, "first defined here");
      }
    }
  }
  if (const auto level = parse_unit_level(u.level.text)) {
    info.level_ok = true;
    info.level = *level;
  } else {
    errors_.error("R014", u.level.begin, u.level.end,
                  u.level.text.empty()
                      ? std::string("the unit's level is missing")
                      : fmt::format("unknown level '{}'", util::excerpt(u.level.text)),
                  "expected one of: top, committee, general_branch, branch");
  }
  if (!u.org_type.text.empty()) {
    if (const auto t = model_.find_org_type(u.org_type.text)) {
      info.org_type = *t;
    } else {
      std::vector<std::string_view> names;
      for (const OrgType& t : model_.org_types) names.push_back(t.id);
      std::string help = names.empty() ? "the campaign declares no org types: leave it empty"
                                       : "use an org type the campaign declares (orgtype ...)";
      errors_.error("R016", u.org_type.begin, u.org_type.end,
                    fmt::format("unknown org type '{}'", util::excerpt(u.org_type.text)),
                    with_suggestion(help, util::did_you_mean(u.org_type.text, names)));
    }
  }
  if (const auto flag = parse_flag(u.leadership.text)) {
    info.leadership = *flag;
  } else {
    errors_.error("R024", u.leadership.begin, u.leadership.end,
                  fmt::format("leadership '{}' is not yes or no", util::excerpt(u.leadership.text)),
                  "expected yes, no, true, false, 1, 0 or nothing (no)");
  }
  check_text(u.display_name, "display name");
  if (unit_records_.size() >= kNoUnit - 1) {
    errors_.error("R025", u.id.begin, u.id.end, "too many units: at most 4294967294");
    return;
  }
  unit_records_.push_back(std::move(u));
  unit_info_.push_back(info);
}

void RosterBuilder::add_group(GroupRecord g) {
  if (group_records_.size() >= kNoGroup - 1) {
    errors_.error("R025", g.id.begin, g.id.end, "too many supervision groups: at most 65534");
    return;
  }
  if (check_id(g.id, "group id")) {
    if (unit_index_.count(g.id.text) != 0) {
      errors_.error("R010", g.id.begin, g.id.end,
                    fmt::format("id '{}' is already a unit's", util::excerpt(g.id.text)),
                    "ids of units, members and groups share one namespace");
    }
    const auto [it, inserted] =
        group_index_.emplace(g.id.text, static_cast<std::uint32_t>(group_records_.size()));
    if (!inserted) {
      const Field& first = group_records_[it->second].id;
      Diagnostic* d =
          errors_.error("R010", g.id.begin, g.id.end,
                        fmt::format("duplicate group id '{}'", util::excerpt(g.id.text)));
      errors_.relate(d, first.begin, first.end, "first defined here");
    }
  }
  check_text(g.display_name, "display name");
  group_records_.push_back(std::move(g));
}

void RosterBuilder::resolve_parents() {
  std::uint32_t top = kNone;
  for (std::uint32_t i = 0; i < unit_records_.size(); ++i) {
    const UnitRecord& u = unit_records_[i];
    UnitInfo& info = unit_info_[i];
    if (u.parent.text.empty()) {
      if (info.level_ok && info.level != UnitLevel::kTop) {
        errors_.error("R013", u.parent.begin, u.parent.end,
                      fmt::format("unit '{}' has no parent", util::excerpt(u.id.text)),
                      "only the top unit (level top) has no parent: name this unit's parent");
      } else if (info.level_ok && top != kNone) {
        Diagnostic* d =
            errors_.error("R013", u.level.begin, u.level.end,
                          fmt::format("a second top unit '{}'", util::excerpt(u.id.text)),
                          "a roster has exactly one top unit; give this one a parent");
        errors_.relate(d, unit_records_[top].id.begin, unit_records_[top].id.end,
                       "the top unit is defined here");
      } else if (info.level_ok) {
        top = i;
      }
      continue;
    }
    if (info.level_ok && info.level == UnitLevel::kTop) {
      errors_.error("R013", u.parent.begin, u.parent.end,
                    fmt::format("the top unit '{}' has a parent", util::excerpt(u.id.text)),
                    "leave the parent of the top unit empty, or change its level");
      continue;
    }
    const auto it = unit_index_.find(u.parent.text);
    if (it == unit_index_.end()) {
      errors_.error(
          "R011", u.parent.begin, u.parent.end,
          fmt::format("unknown parent unit '{}'", util::excerpt(u.parent.text)),
          with_suggestion("name the id of a unit in this roster", suggest_unit(u.parent.text)));
      continue;
    }
    info.parent = it->second;
    const UnitInfo& parent = unit_info_[it->second];
    if (info.level_ok && parent.level_ok && !may_contain(parent.level, info.level)) {
      Diagnostic* d = errors_.error(
          "R015", u.parent.begin, u.parent.end,
          fmt::format("a {} cannot stand under a {} ('{}')", unit_level_name(info.level),
                      unit_level_name(parent.level), util::excerpt(u.parent.text)),
          "committees hold committees, general branches and branches; general branches hold "
          "branches; branches hold no units");
      const Field& pid = unit_records_[it->second].id;
      errors_.relate(d, pid.begin, pid.end, "the parent is defined here");
    }
  }
  // Whole-file facts, worth reporting only when nothing else is wrong (a bad record can hide
  // the top unit).
  if (errors_.any()) return;
  if (top == kNone && !unit_records_.empty()) {
    bool any_top = false;
    for (const UnitInfo& info : unit_info_)
      any_top |= info.level_ok && info.level == UnitLevel::kTop;
    if (!any_top)
      errors_.error("R013", 0, 0, "the roster has no top unit",
                    "add a unit of level top with no parent");
  }
  if (unit_records_.empty()) {
    errors_.error("R013", 0, 0, "the roster has no units",
                  "a roster needs at least its top unit (a unit of level top)");
  }
}

void RosterBuilder::check_cycles() {
  // 0: not seen; 1: on the walk in progress; 2: reaches the top; 3: does not (error reported).
  std::vector<std::uint8_t> state(unit_records_.size(), 0);
  std::vector<std::uint32_t> path;
  for (std::uint32_t start = 0; start < unit_records_.size(); ++start) {
    path.clear();
    std::uint32_t u = start;
    while (u != kNone && state[u] == 0) {
      state[u] = 1;
      path.push_back(u);
      u = unit_info_[u].parent;
    }
    std::uint8_t outcome = 3;
    if (u == kNone) {
      const UnitInfo& last = unit_info_[path.empty() ? start : path.back()];
      outcome = last.level_ok && last.level == UnitLevel::kTop ? 2 : 3;
    } else if (state[u] == 2) {
      outcome = 2;
    } else if (state[u] == 1) {
      // The walk came back to `u`: the units from u to the end of the path form a cycle.
      std::size_t k = 0;
      while (path[k] != u) ++k;
      const Field& p = unit_records_[u].parent;
      Diagnostic* d = errors_.error("R012", p.begin, p.end,
                                    fmt::format("unit '{}' is its own ancestor: the parents form "
                                                "a cycle of {} units",
                                                unit_records_[u].id.text, path.size() - k),
                                    "every unit's chain of parents must end at the top unit");
      for (std::size_t j = k + 1; j < path.size() && j < k + 10; ++j) {
        const Field& link = unit_records_[path[j]].parent;
        errors_.relate(
            d, link.begin, link.end,
            fmt::format("'{}' is under '{}'", util::excerpt(unit_records_[path[j]].id.text),
                        util::excerpt(link.text)));
      }
    }
    for (std::uint32_t v : path) state[v] = outcome;
  }
}

void RosterBuilder::order_units() {
  const std::size_t n = unit_records_.size();
  // Children of each unit, in file order (compressed rows).
  std::vector<std::uint32_t> first_child(n + 1, 0);
  std::uint32_t top = kNone;
  for (std::uint32_t i = 0; i < n; ++i) {
    if (unit_info_[i].parent == kNone)
      top = i;
    else
      ++first_child[unit_info_[i].parent + 1];
  }
  for (std::size_t i = 0; i < n; ++i) first_child[i + 1] += first_child[i];
  std::vector<std::uint32_t> children(n > 0 ? n - 1 : 0);
  std::vector<std::uint32_t> fill(first_child.begin(), first_child.end() - 1);
  for (std::uint32_t i = 0; i < n; ++i)
    if (unit_info_[i].parent != kNone) children[fill[unit_info_[i].parent]++] = i;

  // Always take the earliest unit in the file whose parent is placed.
  std::priority_queue<std::uint32_t, std::vector<std::uint32_t>, std::greater<>> ready;
  ready.push(top);
  unit_id_.assign(n, kNoUnit);
  org_.units.reserve(n);
  while (!ready.empty()) {
    const std::uint32_t i = ready.top();
    ready.pop();
    UnitRecord& rec = unit_records_[i];
    const UnitInfo& info = unit_info_[i];
    unit_id_[i] = static_cast<UnitId>(org_.units.size());
    Unit& unit = org_.units.emplace_back();
    unit.id = rec.id.text;
    unit.display_name = std::move(rec.display_name.text);
    unit.level = info.level;
    unit.has_leadership = info.leadership;
    unit.source_line = errors_.lines().line(rec.id.begin);
    if (info.parent != kNone) {
      unit.parent = unit_id_[info.parent];
      // A unit that names no org type has its parent's.
      unit.org_type = info.org_type ? *info.org_type : org_.units[unit.parent].org_type;
    } else {
      unit.org_type = info.org_type.value_or(0);
    }
    for (std::uint32_t c = first_child[i]; c < first_child[i + 1]; ++c) ready.push(children[c]);
  }
}

void RosterBuilder::resolve_units() {
  resolve_parents();
  check_cycles();
  // The top and the units directly under it must say what they are when the campaign has org
  // types. (The top once took the first declared org type when it left it empty, so that
  // reordering the declarations changed what its steps were.)
  if (!model_.org_types.empty()) {
    std::vector<std::string> declared;
    for (const OrgType& t : model_.org_types) declared.push_back(t.id);
    bool top_seen = false;  // a second top is R013's error, not this one's
    for (std::uint32_t i = 0; i < unit_records_.size(); ++i) {
      const UnitInfo& info = unit_info_[i];
      const UnitRecord& u = unit_records_[i];
      const bool top = info.parent == kNone && info.level_ok && info.level == UnitLevel::kTop;
      if (top && !std::exchange(top_seen, true) && u.org_type.text.empty()) {
        errors_.error("R016", u.org_type.begin, u.org_type.end,
                      fmt::format("the top unit '{}' has no org type", util::excerpt(u.id.text)),
                      fmt::format("name the org type the top unit is; the campaign declares {}",
                                  fmt::join(declared, ", ")));
        continue;
      }
      if (info.parent == kNone || unit_info_[info.parent].parent != kNone) continue;
      if (u.org_type.text.empty()) {
        errors_.error("R016", u.org_type.begin, u.org_type.end,
                      fmt::format("unit '{}' has no org type", util::excerpt(u.id.text)),
                      "units directly under the top name their org type; units below them "
                      "inherit it when they leave it empty");
      }
    }
  }
  if (errors_.any()) return;
  order_units();
  units_resolved_ = true;
}

}  // namespace lockstep::io
