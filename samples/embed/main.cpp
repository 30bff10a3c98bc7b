// An application embedding Lockstep: it loads a rules file and a roster, then enforces step order
// for the events it reads, one per line on standard input:
//
//   2005-07-02 complete plan jg1        (a step, then a member's or unit's id)
//   2005-07-03 excuse learn m0042 外出   (and a reason)
//   2005-08-01 advance                  (time passes)
//
// and answers each with "ok" or "refused: <why, citing the rule>". Exit code: 0 when every event
// was accepted, 1 when some were refused, 2 when the inputs could not be loaded.
//
// Everything between a line and the engine is the library's: the name index turns names into ids
// (and says which name is unknown), the run feeds the engine day by day, and the messages are
// Lockstep's own.
#include <lockstep/civil_date.h>
#include <lockstep/messages.h>
#include <lockstep/name_index.h>
#include <lockstep/roster.h>
#include <lockstep/rules.h>
#include <lockstep/run.h>

#include <iostream>
#include <memory>
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
  const auto model = std::make_shared<const lockstep::CampaignModel>(std::move(*rules.model));
  lockstep::RosterResult roster = lockstep::read_roster_file(argv[2], *model);
  if (!roster.org) {
    for (const auto& d : roster.diagnostics) std::cerr << render_text(d, roster.files);
    return 2;
  }
  const auto org = std::make_shared<const lockstep::Organization>(std::move(*roster.org));
  lockstep::RunOptions options;  // enforce mode
  if (argc == 4) options.engine.start = lockstep::parse_date(argv[3]);
  lockstep::Diagnostics problems;
  std::optional<lockstep::Run> run = lockstep::Run::start(model, org, options, problems);
  if (!run) {
    for (const auto& d : problems) std::cerr << render_text(d, {});
    return 2;
  }
  const lockstep::NameIndex names(*model, *org);

  int refused = 0;
  std::string line;
  while (std::getline(std::cin, line)) {
    std::istringstream in(line);
    std::string date, kind;
    lockstep::LogEvent record;
    in >> date >> kind >> record.step >> record.who >> record.reason;
    const std::optional<lockstep::DayNumber> day = lockstep::parse_date(date);
    std::string why;
    std::optional<lockstep::Event> event;
    if (day && kind == "advance") {
      event = lockstep::Event::advance(*day);
    } else if (day && (kind == "complete" || kind == "excuse")) {
      record.day = *day;
      record.kind = kind == "complete" ? lockstep::LogEvent::Kind::kComplete
                                       : lockstep::LogEvent::Kind::kExcuse;
      event = names.resolve(record, why);
    } else {
      why = "expected DATE complete|excuse|advance ...";
    }
    if (!event) {
      std::cout << "refused: cannot read '" << line << "': " << why << "\n";
      ++refused;
      continue;
    }
    if (run->apply(*event).accepted) {
      std::cout << "ok\n";
    } else {
      std::cout << "refused: " << describe(run->engine().last_refusal(), *model, *org) << "\n";
      ++refused;
    }
  }
  return refused == 0 ? 0 : 1;
}
