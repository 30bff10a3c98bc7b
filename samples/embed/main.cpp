// An application embedding Lockstep: it opens a rules file and a roster, then enforces step order
// for the lines it reads on standard input, naming members, units and steps by id or display name:
//
//   2005-07-02 complete plan jg1        a step, then who did it
//   2005-07-03 excuse learn 张三 外出     and, for an excuse, why
//   2005-08-01 advance                  time passes
//   status jg1                          where a unit or member stands
//
// It answers each event with "ok" or "refused: <why>", followed by the violations it recorded.
// Exit code: 0 when every event was accepted, 1 when some were refused, 2 when the inputs could
// not be loaded. Everything between a line and the engine — names, the clock, the sentences — is
// the library's (docs/embedding.md).
#include <lockstep/campaign.h>
#include <lockstep/civil_date.h>

#include <iostream>
#include <sstream>

namespace {

// "status of ldj: 2 of 38 steps done; next: discuss, lecture, ..." for a unit or a member.
void print_status(const lockstep::Campaign& campaign, const std::string& who) {
  lockstep::NameProblem problem;
  std::optional<lockstep::UnitStatus> unit = campaign.unit_status(who, &problem);
  std::optional<lockstep::MemberStatus> member;
  if (!unit) member = campaign.member_status(who);
  if (!unit && !member) {
    std::cout << "status: " << describe(problem, campaign.model(), campaign.organization()) << "\n";
    return;
  }
  const auto& steps = unit ? unit->steps : member->steps;
  const auto& next = unit ? unit->next : member->next;
  std::size_t done = 0;
  for (const lockstep::StepStatus& s : steps) done += s.state == lockstep::StepState::kDone;
  std::cout << "status of " << who << ": " << done << " of " << steps.size() << " steps done";
  for (std::size_t i = 0; i < next.size() && i < 4; ++i)
    std::cout << (i == 0 ? "; next: " : ", ") << campaign.model().steps[next[i].step].id;
  std::cout << (next.size() > 4 ? ", ...\n" : "\n");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3 && argc != 4) {
    std::cerr << "usage: embed RULES.lock ROSTER.csv [START-DATE] < events\n";
    return 2;
  }
  lockstep::CampaignOptions options;  // enforce mode, the clock following the events
  if (argc == 4) options.start = lockstep::parse_date(argv[3]);
  lockstep::CampaignResult opened = lockstep::Campaign::open(argv[1], argv[2], options);
  for (const lockstep::Diagnostic& d : opened.diagnostics)
    std::cerr << render_text(d, opened.files);
  if (!opened.campaign) return 2;
  lockstep::Campaign& campaign = *opened.campaign;

  int refused = 0;
  std::string line;
  while (std::getline(std::cin, line)) {
    std::istringstream in(line);
    std::string date, kind, step, who, reason;
    in >> date >> kind >> step >> who >> reason;
    if (date == "status") {
      print_status(campaign, kind);
      continue;
    }
    const std::optional<lockstep::DayNumber> day = lockstep::parse_date(date);
    lockstep::Verdict verdict;
    if (day && kind == "advance") {
      verdict = campaign.advance_to(*day);
    } else if (day && kind == "complete") {
      verdict = campaign.apply(lockstep::LogEvent::complete(step, who, *day));
    } else if (day && kind == "excuse") {
      verdict = campaign.apply(lockstep::LogEvent::excuse(step, who, *day, reason));
    } else {
      std::cout << "cannot read '" << line << "': expected DATE complete|excuse|advance ...\n";
      ++refused;
      continue;
    }
    if (verdict.accepted) {
      std::cout << "ok\n";
    } else {
      std::cout << "refused: " << campaign.describe(verdict.refusal) << "\n";
      ++refused;
    }
    // A day that passes deadlines can find hundreds: the first few, then how many more.
    constexpr std::size_t kShown = 3;
    for (std::size_t i = 0; i < verdict.violations.size() && i < kShown; ++i)
      std::cout << "  violation: " << campaign.describe(verdict.violations[i]) << "\n";
    if (verdict.violations.size() > kShown)
      std::cout << "  and " << verdict.violations.size() - kShown << " more violations\n";
  }
  return refused == 0 ? 0 : 1;
}
