// render_report_csv: one row per violation, in the order of the JSON's `violations` array, with
// the display names beside the ids so that a spreadsheet needs no look-ups. RFC 4180 quoting: a
// field with a comma, quote, CR or LF is quoted and its quotes doubled. Lines end with "\n". The
// header row is the schema (docs/reports.md, schema_version 1): columns are only ever added at
// the end.
#include "lockstep/report.h"
#include "report/dates.h"
#include "report/summary.h"
#include "report/width.h"

namespace lockstep {
namespace {

constexpr const char* kHeader =
    "day,unit,unit_name,member,member_name,phase,phase_name,step,step_name,kind,severity,rule,"
    "message\n";

void field(std::string& out, std::string_view text, bool last = false) {
  const std::string clean = report::to_valid_utf8(text);
  if (clean.find_first_of(",\"\r\n") == std::string::npos) {
    out += clean;
  } else {
    out += '"';
    for (char c : clean) {
      if (c == '"') out += '"';
      out += c;
    }
    out += '"';
  }
  out += last ? '\n' : ',';
}

}  // namespace

std::string render_report_csv(const CampaignReport& r) {
  std::string out = kHeader;
  for (std::size_t i : report::violation_order(r)) {
    const ReportViolation& v = r.violations[i];
    const bool has_step = v.step != kNoIndex;
    field(out, report::format_day(v.day));
    field(out, report::id_of(r.units, v.unit));
    field(out, report::name_of(r.units, v.unit));
    field(out, v.member_id);
    field(out, v.member_name);
    field(out, report::id_of(r.phases, v.phase));
    field(out, report::name_of(r.phases, v.phase));
    field(out, has_step ? report::id_of(r.steps, v.step) : std::string());
    field(out, has_step ? report::name_of(r.steps, v.step) : std::string());
    field(out, v.kind);
    field(out, report::severity_name(v.severity));
    field(out, v.rule);
    field(out, v.message, true);
  }
  return out;
}

}  // namespace lockstep
