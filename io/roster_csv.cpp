// The CSV roster format: one file, one record per line, the record type in the first column.
//
//   unit,ID,PARENT,LEVEL,ORG_TYPE,DISPLAY_NAME,LEADERSHIP
//   member,ID,BRANCH,CATEGORIES,DISPLAY_NAME,RESPONSIBLE_BRANCH
//   group,ID,DISPLAY_NAME,UNITS
//
// Lines whose first field starts with '#' are comments. See docs/formats.md.
#include <fmt/format.h>

#include "io/csv_reader.h"
#include "io/roster_formats.h"
#include "util/suggest.h"
#include "util/unicode.h"

namespace lockstep::io {
namespace {

struct Layout {
  std::string_view type;
  std::size_t fields;
  std::string_view columns;
};

constexpr Layout kLayouts[] = {
    {"unit", 7, "unit,id,parent,level,org_type,display_name,leadership"},
    {"member", 6, "member,id,branch,categories,display_name,responsible_branch"},
    {"group", 4, "group,id,display_name,units"},
};

Field field(CsvField& f) {
  return Field{std::move(f.text), f.begin, f.end};
}

// The layout of a record, or nullptr after reporting why it has none. Comments give nullptr
// silently.
const Layout* layout_of(const std::vector<CsvField>& fields, ErrorList* errors) {
  const CsvField& type = fields[0];
  if (!type.quoted && !type.text.empty() && type.text[0] == '#') return nullptr;
  for (const Layout& l : kLayouts) {
    if (type.text != l.type) continue;
    if (fields.size() == l.fields) return &l;
    if (errors != nullptr) {
      const CsvField& at = fields.size() > l.fields ? fields[l.fields] : fields.back();
      errors->error("R005", at.begin, fields.size() > l.fields ? fields.back().end : at.end,
                    fmt::format("a {} record has {} fields, this one has {}", l.type, l.fields,
                                fields.size()),
                    fmt::format("expected: {} (quote fields that contain commas)", l.columns));
    }
    return nullptr;
  }
  if (errors != nullptr) {
    std::vector<std::string_view> names;
    for (const Layout& l : kLayouts) names.push_back(l.type);
    std::string help = "expected unit, member or group (or '#' for a comment)";
    if (const std::string s = util::did_you_mean(type.text, names); !s.empty())
      help = s + "; " + help;
    errors->error("R006", type.begin, type.end,
                  fmt::format("unknown record type '{}'", util::excerpt(type.text)), help);
  }
  return nullptr;
}

}  // namespace

void read_roster_csv(std::string_view text, std::size_t start, RosterBuilder& builder,
                     ErrorList& errors) {
  std::vector<CsvField> fields;
  CsvError error;
  // Pass 1: every syntax error, units and groups.
  CsvReader pass1(text, start);
  for (;;) {
    const CsvReader::Next next = pass1.next(fields, error);
    if (next == CsvReader::Next::kEnd || errors.full()) break;
    if (next == CsvReader::Next::kBadRecord) {
      errors.error("R004", error.offset, error.offset + 1, error.message);
      continue;
    }
    const Layout* layout = layout_of(fields, &errors);
    if (layout == nullptr) continue;
    if (layout->type == "unit") {
      builder.add_unit(UnitRecord{field(fields[1]), field(fields[2]), field(fields[3]),
                                  field(fields[4]), field(fields[5]), field(fields[6])});
    } else if (layout->type == "group") {
      GroupRecord g{field(fields[1]), field(fields[2]), {}};
      g.units = split_list(Field{fields[3].text, fields[3].begin, fields[3].end}, fields[3].quoted);
      builder.add_group(std::move(g));
    }
  }
  builder.resolve_units();
  // Pass 2: members, one at a time.
  CsvReader pass2(text, start);
  MemberRecord m;
  for (;;) {
    const CsvReader::Next next = pass2.next(fields, error);
    if (next == CsvReader::Next::kEnd || errors.full()) break;
    if (next == CsvReader::Next::kBadRecord) continue;
    const Layout* layout = layout_of(fields, nullptr);
    if (layout == nullptr || layout->type != "member") continue;
    // Copied into the same record each time, reusing its strings' capacity: the reader's
    // fields keep theirs too, so a member costs no allocation in steady state.
    const auto copy = [](Field& to, const CsvField& from) {
      to.text.assign(from.text);
      to.begin = from.begin;
      to.end = from.end;
    };
    copy(m.id, fields[1]);
    copy(m.branch, fields[2]);
    copy(m.display_name, fields[4]);
    copy(m.responsible, fields[5]);
    m.categories =
        split_list(Field{fields[3].text, fields[3].begin, fields[3].end}, fields[3].quoted);
    builder.add_member(m);
  }
}

}  // namespace lockstep::io
