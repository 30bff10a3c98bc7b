// See unit_level.h.
#include "io/unit_level.h"

namespace lockstep::io {

std::optional<UnitLevel> parse_unit_level(std::string_view name) {
  if (name == "top") return UnitLevel::kTop;
  if (name == "committee") return UnitLevel::kCommittee;
  if (name == "general_branch") return UnitLevel::kGeneralBranch;
  if (name == "branch") return UnitLevel::kBranch;
  return std::nullopt;
}

const char* unit_level_name(UnitLevel level) {
  switch (level) {
    case UnitLevel::kTop:
      return "top";
    case UnitLevel::kCommittee:
      return "committee";
    case UnitLevel::kGeneralBranch:
      return "general_branch";
    case UnitLevel::kBranch:
      return "branch";
  }
  return "?";
}

}  // namespace lockstep::io
