// The random campaign generator; see random_campaign.h.
#include "tests/run/random_campaign.h"

#include <fmt/format.h>

#include <vector>

#include "util/random.h"

namespace lockstep::test {
namespace {

enum class Performer { kMember, kBranch, kOrganization };

const char* word(Performer p) {
  switch (p) {
    case Performer::kMember:
      return "member";
    case Performer::kBranch:
      return "branch";
    case Performer::kOrganization:
      return "organization";
  }
  return "";
}

struct DrawnStep {
  std::string id;
  Performer performer = Performer::kMember;
};

// A reference to `target` from a step performed by `from`, in a scope the compiler accepts.
std::string reference(util::SplitMix64& rng, Performer from, const DrawnStep& target) {
  const bool s_member = from == Performer::kMember;
  const bool t_member = target.performer == Performer::kMember;
  if (s_member && t_member) return target.id;
  if (s_member) return target.id + " of parent";
  if (t_member) return target.id + " of all members";
  static const char* const kUnitScopes[] = {"", " of parent", " of all subunits"};
  return target.id + kUnitScopes[rng.below(3)];
}

std::string rules_text(util::SplitMix64& rng) {
  std::string out = "campaign rc \"Random campaign\" {\n  start 2005-07-01\n  orgtype ot \"OT\"\n";
  const int phases = 1 + static_cast<int>(rng.below(3));
  std::vector<DrawnStep> steps;
  for (int p = 0; p < phases; ++p) {
    const int length = 10 + static_cast<int>(rng.below(31));
    std::string window;
    if (p == 0 || rng.chance(0.3)) {
      const int offset = p == 0 ? 0 : static_cast<int>(rng.below(20));
      window = offset ? fmt::format("from start + {}d, {}d", offset, length)
                      : fmt::format("from start, {}d", length);
    } else {
      const int after = static_cast<int>(rng.below(static_cast<std::uint64_t>(p)));
      const int offset = rng.chance(0.3) ? 1 + static_cast<int>(rng.below(7)) : 0;
      window = offset ? fmt::format("after p{} + {}d, {}d", after, offset, length)
                      : fmt::format("after p{}, {}d", after, length);
    }
    out += fmt::format("  phase p{} \"Phase {}\" {} {{\n", p, p, window);
    if (rng.chance(0.25)) out += fmt::format("    gate g{} \"Gate {}\" by parent\n", p, p);
    const int count = 1 + static_cast<int>(rng.below(5));
    for (int k = 0; k < count; ++k) {
      DrawnStep step{fmt::format("s{}", steps.size()), static_cast<Performer>(rng.below(3))};
      std::string line =
          fmt::format("    step {} \"Step {}\" by {}", step.id, step.id, word(step.performer));
      if (rng.chance(0.15)) line += " advisory";
      if (!steps.empty() && rng.chance(0.6)) {
        const int refs = 1 + static_cast<int>(rng.below(2));
        std::vector<std::size_t> chosen;
        for (int r = 0; r < refs; ++r) {
          const std::size_t t = rng.below(steps.size());
          bool again = false;
          for (std::size_t c : chosen) again = again || c == t;
          if (!again) chosen.push_back(t);
        }
        line += " after ";
        for (std::size_t i = 0; i < chosen.size(); ++i)
          line += (i ? ", " : "") + reference(rng, step.performer, steps[chosen[i]]);
      }
      if (rng.chance(0.3)) {
        line += fmt::format(" due phase.start + {}d",
                            1 + rng.below(static_cast<std::uint64_t>(length)));
        if (rng.chance(0.2)) line += " advisory";
      }
      if (!steps.empty() && rng.chance(0.25)) {
        const DrawnStep& target = steps[rng.below(steps.size())];
        line += fmt::format(" within {}d after {}", 1 + rng.below(15),
                            reference(rng, step.performer, target));
        if (rng.chance(0.2)) line += " advisory";
      }
      if (rng.chance(0.15)) line += " repeat >= 2";
      out += line + "\n";
      steps.push_back(std::move(step));
    }
    out += "  }\n";
  }
  return out + "}\n";
}

std::string roster_text(util::SplitMix64& rng) {
  std::string out = "# unit,id,parent,level,org_type,display_name,leadership\n";
  out += "unit,top,,top,ot,Top committee,yes\n";
  const bool general = rng.chance(0.25);
  if (general) out += "unit,gb,top,general_branch,ot,General branch,no\n";
  const int branches = 1 + static_cast<int>(rng.below(3));
  std::string members = "# member,id,branch,categories,display_name,responsible_branch\n";
  for (int b = 1; b <= branches; ++b) {
    out += fmt::format("unit,b{},{},branch,{},Branch {},no\n", b, general ? "gb" : "top",
                       general ? "" : "ot", b);
    const int n = static_cast<int>(rng.below(6));
    for (int m = 1; m <= n; ++m)
      members += fmt::format("member,b{}p{},b{},,Member {}.{},\n", b, m, b, b, m);
  }
  return out + members;
}

}  // namespace

RandomCampaign random_campaign(std::uint64_t seed) {
  util::SplitMix64 rng(seed);
  RandomCampaign c;
  c.rules = rules_text(rng);
  c.roster = roster_text(rng);
  c.simulation_seed = rng.next();
  c.unruly = rng.chance(0.5);
  return c;
}

}  // namespace lockstep::test
