// libFuzzer target for the roster readers (CSV, and JSON when the first non-blank byte is '{').
//
// Besides "no crash, no hang, no sanitizer report", it stops on any broken promise of
// lockstep/roster.h:
//   - an accepted roster meets every invariant of lockstep/organization.h;
//   - it writes back as CSV and as JSON, and each reads again to the same organization;
//   - a refused roster yields no organization, at least one error, and every diagnostic points
//     inside the file.
// The model is compiled once, from the small rules text below that declares the org types and
// member categories the seed rosters use. Build and run: see docs/fuzzing.md.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <sstream>
#include <string>

#include "fuzz/spans_inside.h"
#include "lockstep/roster.h"
#include "lockstep/rules.h"
#include "tests/io/org_invariants.h"

namespace {

constexpr const char* kRules = R"(campaign fuzz "roster fuzz" {
  start 2005-07-01
  orgtype township_organ "乡镇机关"
  orgtype organ "机关"
  orgtype village "村"
  orgtype school "学校"
  orgtype hospital "医院"
  orgtype enterprise "企业"
  category leading_cadre "党员领导干部"
  category in_service "在职党员"
  category retired "离退休党员"
  category infirm "年老体弱党员"
  category mobile "流动党员"
  category away "外出党员"
  phase study "学习动员" from start, 1m {
    step learn "集中学习" by member only leading_cadre, in_service, retired, infirm, mobile, away
    step plan "学习计划" by branch only township_organ, organ, village, school, hospital, enterprise
  }
}
)";

const lockstep::CampaignModel* g_model = nullptr;

// Stops the fuzzer on a broken property, saying which (traps alone would be folded into one).
[[noreturn]] void fail(const std::string& what) {
  std::fprintf(stderr, "broken property: %s\n", what.c_str());
  __builtin_trap();
}

// Everything the readers promise to keep; source_line is where a unit was written, so it may
// differ between two files of the same organization.
bool same_organization(const lockstep::Organization& a, const lockstep::Organization& b) {
  if (a.units.size() != b.units.size() || a.groups.size() != b.groups.size()) return false;
  for (std::size_t u = 0; u < a.units.size(); ++u) {
    const lockstep::Unit& x = a.units[u];
    const lockstep::Unit& y = b.units[u];
    if (x.id != y.id || x.display_name != y.display_name || x.parent != y.parent ||
        x.level != y.level || x.org_type != y.org_type || x.has_leadership != y.has_leadership ||
        x.supervision_group != y.supervision_group || x.first_member != y.first_member ||
        x.end_member != y.end_member)
      return false;
  }
  for (std::size_t g = 0; g < a.groups.size(); ++g) {
    if (a.groups[g].id != b.groups[g].id || a.groups[g].display_name != b.groups[g].display_name ||
        a.groups[g].units != b.groups[g].units)
      return false;
  }
  if (a.member_branch != b.member_branch || a.member_responsible != b.member_responsible ||
      a.member_categories != b.member_categories)
    return false;
  for (lockstep::MemberId m = 0; m < a.member_count(); ++m)
    if (a.member_id(m) != b.member_id(m) || a.member_name(m) != b.member_name(m)) return false;
  return true;
}

void check_reads_back(const lockstep::Organization& org, const std::string& written) {
  const lockstep::RosterResult again = lockstep::read_roster_text("again", written, *g_model);
  if (!again.org || !same_organization(org, *again.org))
    fail("a written roster does not read back the same:\n" + written);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  static const lockstep::RulesResult rules = lockstep::compile_rules_text("fuzz.lock", kRules);
  if (!rules.model) {
    for (const lockstep::Diagnostic& d : rules.diagnostics)
      std::fprintf(stderr, "%s\n", lockstep::render_text(d, rules.files).c_str());
    __builtin_trap();
  }
  g_model = &*rules.model;
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  const lockstep::RosterResult r = lockstep::read_roster_text("fuzz.csv", text, *g_model);
  for (const lockstep::Diagnostic& d : r.diagnostics) (void)lockstep::render_text(d, r.files);

  if (r.org) {
    if (has_errors(r.diagnostics)) fail("an organization despite errors");
    if (const std::string broken = broken_invariant(*r.org, *g_model); !broken.empty())
      fail("an organization invariant: " + broken);
    std::ostringstream csv, json;
    lockstep::write_roster_csv(*r.org, *g_model, csv);
    check_reads_back(*r.org, csv.str());
    lockstep::write_roster_json(*r.org, *g_model, json);
    check_reads_back(*r.org, json.str());
  } else {
    if (!has_errors(r.diagnostics)) fail("refused without an error");
  }
  if (!r.diagnostics.empty() &&
      (r.files.empty() || !lockstep::fuzz::diagnostics_inside(r.diagnostics, r.files[0].text)))
    fail("a diagnostic points outside the file");
  return 0;
}
