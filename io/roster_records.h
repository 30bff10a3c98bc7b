// Roster records as read from a file, before any name is resolved: what the CSV and JSON readers
// produce and the RosterBuilder consumes. Each field keeps the byte span it was read from, so
// that any later error can point at it.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace lockstep::io {

struct Field {
  std::string text;       // empty when the field was left empty or absent
  std::size_t begin = 0;  // byte span in the input (of the record, when the field is absent)
  std::size_t end = 0;
};

struct UnitRecord {
  Field id, parent, level, org_type, display_name, leadership;
};

struct MemberRecord {
  Field id, branch, display_name, responsible;
  std::vector<Field> categories;
};

struct GroupRecord {
  Field id, display_name;
  std::vector<Field> units;
};

// Splits a list field ("a;b|c") at ';' and '|' into trimmed, non-empty items. The spans of the
// items are exact for unquoted fields; `quoted` shifts them past the opening quote.
std::vector<Field> split_list(const Field& f, bool quoted);

}  // namespace lockstep::io
