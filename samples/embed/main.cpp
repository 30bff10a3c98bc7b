// An application embedding Lockstep: it loads a rules file and a roster, then enforces step order
// for the events it reads, one per line on standard input:
//
//   2005-07-02 complete plan jg1        (a step, then a member's or unit's id)
//   2005-07-03 excuse learn m0042 外出   (and a reason)
//   2005-08-01 advance                  (time passes)
//
// and answers each with "ok" or "refused: <why, citing the rule>". Exit code: 0 when every event
// was accepted, 1 when some were refused, 2 when the inputs could not be loaded.
#include <lockstep/civil_date.h>
#include <lockstep/engine.h>
#include <lockstep/messages.h>
#include <lockstep/roster.h>
#include <lockstep/rules.h>

#include <iostream>
#include <map>
#include <sstream>

int main(int argc, char** argv) {
  if (argc != 3 && argc != 4) {
    std::cerr << "usage: embed RULES.lock ROSTER.csv [START-DATE] < events\n";
    return 2;
  }
  lockstep::RulesResult rules = lockstep::compile_rules_file(argv[1]);
  if (!rules.model) {
    for (const auto& d : rules.diagnostics) std::cerr << render_text(d, rules.files);
    return 2;
  }
  lockstep::RosterResult roster = lockstep::read_roster_file(argv[2], *rules.model);
  if (!roster.org) {
    for (const auto& d : roster.diagnostics) std::cerr << render_text(d, roster.files);
    return 2;
  }
  lockstep::EngineOptions options;  // enforce mode
  if (argc == 4) options.start = lockstep::parse_date(argv[3]);
  lockstep::EngineResult made = lockstep::make_engine(*rules.model, *roster.org, options);
  if (!made.engine) {
    for (const auto& d : made.diagnostics) std::cerr << d.code << ": " << d.message << "\n";
    return 2;
  }
  lockstep::Engine& engine = *made.engine;

  // Names are resolved once, here; the engine sees dense ids only.
  const lockstep::Organization& org = *roster.org;
  std::map<std::string, std::uint32_t, std::less<>> members, units;
  for (lockstep::MemberId m = 0; m < org.member_count(); ++m) members[org.member_id(m)] = m;
  for (lockstep::UnitId u = 0; u < org.units.size(); ++u) units[org.units[u].id] = u;

  int refused = 0;
  std::string line;
  while (std::getline(std::cin, line)) {
    std::istringstream in(line);
    std::string date, kind, step, who, reason;
    in >> date >> kind >> step >> who >> reason;
    const auto day = lockstep::parse_date(date);
    const auto s = rules.model->find_step(step);
    lockstep::Event event = lockstep::Event::advance(day.value_or(0));
    if (kind != "advance") {
      const bool by_member = s && rules.model->steps[*s].actor == lockstep::Actor::kMember;
      const auto& ids = by_member ? members : units;
      const auto actor = ids.find(who);
      if (!day || !s || actor == ids.end() || (kind != "complete" && kind != "excuse")) {
        std::cout << "refused: cannot read '" << line << "'\n";
        ++refused;
        continue;
      }
      event = kind == "complete" ? lockstep::Event::complete(*s, actor->second, *day)
                                 : lockstep::Event::excuse(*s, actor->second, *day, reason);
    }
    const lockstep::Outcome outcome = engine.apply(event);
    if (outcome.accepted) {
      std::cout << "ok\n";
    } else {
      std::cout << "refused: " << describe(engine.last_refusal(), *rules.model, org) << "\n";
      ++refused;
    }
  }
  return refused == 0 ? 0 : 1;
}
