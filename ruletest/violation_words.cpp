// Matching and wording violations (violation_words.h). Names are compared by id, as the test
// format writes them; indices out of range (a report breaking its invariants) match nothing.
#include "ruletest/violation_words.h"

#include <fmt/format.h>

#include "lockstep/civil_date.h"
#include "lockstep/names.h"

namespace lockstep::ruletest {
namespace {

template <typename T>
const std::string* id_at(const std::vector<T>& items, std::uint32_t i) {
  return i < items.size() ? &items[i].id : nullptr;
}

bool same(const std::string& wanted, const std::string* actual) {
  return wanted.empty() || (actual != nullptr && *actual == wanted);
}

}  // namespace

bool matches(const ViolationFilter& f, const ReportViolation& v, const CampaignReport& report) {
  if (f.kind && v.kind != violation_kind_name(*f.kind)) return false;
  if (f.day && v.day != *f.day) return false;
  if (f.severity && v.severity != *f.severity) return false;
  if (!f.member.empty() && v.member_id != f.member) return false;
  if (!same(f.unit, id_at(report.units, v.unit))) return false;
  if (!same(f.phase, id_at(report.phases, v.phase))) return false;
  if (!f.step.empty() && (v.step == kNoIndex || !same(f.step, id_at(report.steps, v.step))))
    return false;
  return true;
}

std::string violation_words(const ReportViolation& v, const CampaignReport& report) {
  std::string out = "violation " + v.kind;
  if (const std::string* step = id_at(report.steps, v.step)) {
    out += " step " + *step;
  } else if (const std::string* phase = id_at(report.phases, v.phase)) {
    out += " phase " + *phase;
  }
  if (!v.member_id.empty()) {
    out += " member " + v.member_id;
  } else if (const std::string* unit = id_at(report.units, v.unit)) {
    out += " unit " + *unit;
  }
  out += " day " + format_date(v.day);
  if (v.severity == Severity::kAdvisory) out += " severity advisory";
  return out;
}

}  // namespace lockstep::ruletest
