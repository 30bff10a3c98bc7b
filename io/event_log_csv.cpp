// The CSV event log: a header naming the columns (in any order), then one event per record.
// Columns: time, who, step (required); kind, hours, chars, count, form, reason, approver, key.
// See docs/formats.md.
#include <fmt/format.h>

#include "io/csv_reader.h"
#include "io/event_log_formats.h"
#include "util/suggest.h"
#include "util/unicode.h"

namespace lockstep::io {
namespace {

// Column i of a record is field column_field[i] of an event. False after reporting a bad header.
bool read_header(const std::vector<CsvField>& header, EventSink& sink,
                 std::vector<std::size_t>& column_field) {
  bool ok = true;
  std::array<bool, kEventFields.size()> seen{};
  for (const CsvField& h : header) {
    std::size_t i = 0;
    while (i < kEventFields.size() && kEventFields[i] != h.text) ++i;
    if (i == kEventFields.size()) {
      std::string help = fmt::format("expected columns among: {}", fmt::join(kEventFields, ","));
      if (const std::string s =
              util::did_you_mean(h.text, {kEventFields.begin(), kEventFields.end()});
          !s.empty())
        help = s + "; " + help;
      sink.errors.error("V006", h.begin, h.end,
                        fmt::format("unknown column '{}'", util::excerpt(h.text)), help);
      ok = false;
      continue;
    }
    if (seen[i]) {
      sink.errors.error("V006", h.begin, h.end,
                        fmt::format("column '{}' appears twice", util::excerpt(h.text)));
      ok = false;
    }
    seen[i] = true;
    column_field.push_back(i);
  }
  for (std::string_view required : {"time", "who", "step"}) {
    std::size_t i = 0;
    while (kEventFields[i] != required) ++i;
    if (!seen[i] && ok) {
      sink.errors.error("V006", header.front().begin, header.back().end,
                        fmt::format("the header has no '{}' column", required),
                        "the first record names the columns: time,who,kind,step,...");
      ok = false;
    }
  }
  return ok;
}

}  // namespace

void read_events_csv(std::string_view text, std::size_t start, EventSink& sink) {
  CsvReader reader(text, start);
  std::vector<CsvField> fields;
  CsvError error;
  std::vector<std::size_t> column_field;
  // The header.
  for (;;) {
    const CsvReader::Next next = reader.next(fields, error);
    if (next == CsvReader::Next::kEnd) return;  // an empty log
    if (next == CsvReader::Next::kBadRecord) {
      sink.errors.error("V004", error.offset, error.offset + 1, error.message);
      sink.fatal = true;
      return;
    }
    break;
  }
  if (!read_header(fields, sink, column_field)) {
    sink.fatal = true;
    return;
  }
  std::uint64_t order = 0;
  while (!sink.stop()) {
    const CsvReader::Next next = reader.next(fields, error);
    if (next == CsvReader::Next::kEnd) break;
    if (next == CsvReader::Next::kBadRecord) {
      sink.errors.error("V004", error.offset, error.offset + 1, error.message);
      sink.bad_record();
      continue;
    }
    if (fields.size() != column_field.size()) {
      const CsvField& at =
          fields.size() > column_field.size() ? fields[column_field.size()] : fields.back();
      sink.errors.error("V005", at.begin, fields.back().end,
                        fmt::format("the record has {} fields, the header {}", fields.size(),
                                    column_field.size()),
                        "quote fields that contain commas");
      sink.bad_record();
      continue;
    }
    RawEvent raw;
    raw.begin = reader.record_begin();
    for (std::size_t c = 0; c < fields.size(); ++c) {
      const std::size_t i = column_field[c];
      raw.given[i] = true;
      raw.fields[i] = Field{std::move(fields[c].text), fields[c].begin, fields[c].end};
    }
    // Absent fields point at the record's start.
    for (std::size_t i = 0; i < kEventFields.size(); ++i)
      if (!raw.given[i]) raw.fields[i].begin = raw.fields[i].end = raw.begin;
    sink.add(raw, order++);
  }
}

}  // namespace lockstep::io
