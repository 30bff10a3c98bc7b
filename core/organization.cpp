// The member accessors of Organization (lockstep/organization.h): ids and names are optional
// columns, so that generated organizations of 10^8 members carry no text per member.
#include <string>

#include "lockstep/organization.h"

namespace lockstep {

std::string Organization::member_id(MemberId m) const {
  if (m < member_ids.size()) return std::string(member_ids.at(m));
  // Appended rather than "m" + std::to_string(m): GCC 12 at -O2 warns falsely (-Wrestrict) about
  // the memcpy inside that operator+.
  std::string id = "m";
  id += std::to_string(m);
  return id;
}

std::string_view Organization::member_name(MemberId m) const {
  if (m < member_names.size()) return member_names.at(m);
  return {};
}

}  // namespace lockstep
