// Writing an Organization as a roster, CSV or JSON, in the order the readers produce, so that
// reading the output back gives the same Organization. See lockstep/roster.h.
#include <nlohmann/json.hpp>

#include <string>

#include "lockstep/names.h"
#include "lockstep/roster.h"
#include "util/escape.h"

namespace lockstep {
namespace {

std::string_view org_type_name(const CampaignModel& model, OrgTypeId t) {
  return t < model.org_types.size() ? std::string_view(model.org_types[t].id) : std::string_view();
}

std::vector<std::string_view> category_names(const CampaignModel& model, std::uint64_t bits) {
  std::vector<std::string_view> names;
  for (std::size_t c = 0; c < model.categories.size() && c < 64; ++c)
    if ((bits >> c) & 1) names.push_back(model.categories[c].id);
  return names;
}

std::string_view parent_id(const Organization& org, const Unit& u) {
  return u.parent == kNoUnit ? std::string_view() : std::string_view(org.units[u.parent].id);
}

}  // namespace

void write_roster_csv(const Organization& org, const CampaignModel& model, std::ostream& out) {
  out << "# lockstep roster: " << org.units.size() << " units, " << org.member_count()
      << " members, " << org.groups.size() << " supervision groups\n";
  out << "# unit,id,parent,level,org_type,display_name,leadership\n";
  for (const Unit& u : org.units) {
    out << "unit,";
    util::write_csv_field(out, u.id);
    out << ',';
    util::write_csv_field(out, parent_id(org, u));
    out << ',' << unit_level_name(u.level) << ',';
    util::write_csv_field(out, org_type_name(model, u.org_type));
    out << ',';
    util::write_csv_field(out, u.display_name);
    out << ',' << (u.has_leadership ? "yes" : "no") << '\n';
  }
  if (!org.groups.empty()) out << "# group,id,display_name,units\n";
  for (const SupervisionGroup& g : org.groups) {
    out << "group,";
    util::write_csv_field(out, g.id);
    out << ',';
    util::write_csv_field(out, g.display_name);
    out << ',';
    std::string units;
    for (std::size_t i = 0; i < g.units.size(); ++i) {
      if (i > 0) units += ';';
      units += org.units[g.units[i]].id;
    }
    util::write_csv_field(out, units);
    out << '\n';
  }
  out << "# member,id,branch,categories,display_name,responsible_branch\n";
  std::string line;
  for (MemberId m = 0; m < org.member_count(); ++m) {
    out << "member,";
    util::write_csv_field(out, org.member_id(m));
    out << ',';
    util::write_csv_field(out, org.units[org.member_branch[m]].id);
    out << ',';
    line.clear();
    for (std::string_view c : category_names(model, org.member_categories[m])) {
      if (!line.empty()) line += ';';
      line += c;
    }
    util::write_csv_field(out, line);
    out << ',';
    util::write_csv_field(out, org.member_name(m));
    out << ',';
    if (org.member_responsible[m] != org.member_branch[m])
      util::write_csv_field(out, org.units[org.member_responsible[m]].id);
    out << '\n';
  }
}

void write_roster_json(const Organization& org, const CampaignModel& model, std::ostream& out) {
  using Json = nlohmann::ordered_json;
  // One element per line: readable, diffable, and no whole-document tree in memory.
  const auto line = [&out](const Json& j, bool last) {
    out << "    " << j.dump() << (last ? "\n" : ",\n");
  };
  const auto text_or_null = [](std::string_view s) { return s.empty() ? Json() : Json(s); };
  out << "{\n  \"units\": [\n";
  for (std::size_t i = 0; i < org.units.size(); ++i) {
    const Unit& u = org.units[i];
    Json j;
    j["id"] = u.id;
    j["parent"] = text_or_null(parent_id(org, u));
    j["level"] = unit_level_name(u.level);
    j["org_type"] = text_or_null(org_type_name(model, u.org_type));
    j["display_name"] = u.display_name;
    j["leadership"] = u.has_leadership;
    line(j, i + 1 == org.units.size());
  }
  out << "  ],\n  \"groups\": [\n";
  for (std::size_t i = 0; i < org.groups.size(); ++i) {
    const SupervisionGroup& g = org.groups[i];
    Json j;
    j["id"] = g.id;
    j["display_name"] = g.display_name;
    j["units"] = Json::array();
    for (UnitId u : g.units) j["units"].push_back(org.units[u].id);
    line(j, i + 1 == org.groups.size());
  }
  out << "  ],\n  \"members\": [\n";
  for (MemberId m = 0; m < org.member_count(); ++m) {
    Json j;
    j["id"] = org.member_id(m);
    j["branch"] = org.units[org.member_branch[m]].id;
    j["categories"] = Json::array();
    for (std::string_view c : category_names(model, org.member_categories[m]))
      j["categories"].push_back(c);
    j["display_name"] = org.member_name(m);
    j["responsible"] = org.member_responsible[m] == org.member_branch[m]
                           ? Json()
                           : Json(org.units[org.member_responsible[m]].id);
    line(j, m + 1 == org.member_count());
  }
  out << "  ]\n}\n";
}

}  // namespace lockstep
