// Name look-ups on the campaign model. Linear scans: these run while loading rosters and event
// logs, once per distinct name, never per event.
#include "lockstep/model.h"

#include <fmt/format.h>

namespace lockstep {
namespace {

template <typename Id, typename Items>
std::optional<Id> find_by_id(const Items& items, std::string_view id) {
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (items[i].id == id) return static_cast<Id>(i);
  }
  return std::nullopt;
}

}  // namespace

std::optional<StepId> CampaignModel::find_step(std::string_view id) const {
  return find_by_id<StepId>(steps, id);
}
std::optional<PhaseId> CampaignModel::find_phase(std::string_view id) const {
  return find_by_id<PhaseId>(phases, id);
}
std::optional<CategoryId> CampaignModel::find_category(std::string_view id) const {
  return find_by_id<CategoryId>(categories, id);
}
std::optional<OrgTypeId> CampaignModel::find_org_type(std::string_view id) const {
  return find_by_id<OrgTypeId>(org_types, id);
}
std::optional<FormId> CampaignModel::find_form(std::string_view id) const {
  return find_by_id<FormId>(forms, id);
}

std::string format_location(const CampaignModel& model, const SourceSpan& where) {
  std::string_view file = "<rules>";
  if (where.file < model.files.size()) file = model.files[where.file];
  return fmt::format("{}:{}:{}", file, where.line, where.column);
}

}  // namespace lockstep
