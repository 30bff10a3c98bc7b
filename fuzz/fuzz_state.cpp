// libFuzzer target for the engine's saved states (Engine::load_state), which come back from a
// journal's database file and so are untrusted input.
//
// A checksum guards every saved state, so most random bytes stop there. To reach the checks
// behind it, an input is an edit script over one rich saved state made at start-up (seed 000's
// campaign over a small synthetic roster, a few thousand mixed events in audit mode): each group
// of four bytes sets the byte at a 24-bit offset (modulo the state's size) to a value, and the
// checksum is recomputed afterwards. An input that starts with the state's magic is taken as a
// whole state instead, its checksum as given.
//
// Besides "no crash, no hang, no sanitizer report", it stops on a broken promise of
// lockstep/engine.h:
//   - a refused state leaves an error and the engine unchanged (same fingerprint);
//   - an accepted state saves again to bytes that load back to the same engine;
//   - an engine on an accepted state takes more events and the calendar's end without harm.
// Build and run: see docs/fuzzing.md.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "io/synthetic_org.h"
#include "lockstep/civil_date.h"
#include "lockstep/engine.h"
#include "lockstep/roster.h"
#include "lockstep/rules.h"
#include "tests/engine/reseal_state.h"

namespace {

struct Fixture {
  std::shared_ptr<const lockstep::CampaignModel> model;
  std::shared_ptr<const lockstep::Organization> org;
  std::optional<lockstep::Engine> fresh;  // as made: what every input loads into
  std::vector<std::uint8_t> state;        // the rich state the edit scripts change
  std::vector<lockstep::Event> more;      // events applied after an accepted load
};

const Fixture* g_fixture = nullptr;

[[noreturn]] void fail(const std::string& what) {
  std::fprintf(stderr, "broken property: %s\n", what.c_str());
  __builtin_trap();
}

// A deterministic mix of events over the whole campaign: completions with and without evidence,
// excuses, revisions, approvals and time passing, ids now and then out of range.
std::vector<lockstep::Event> mixed_events(const lockstep::Engine& e, std::uint64_t seed,
                                          std::size_t n) {
  const lockstep::CampaignModel& m = e.model();
  const lockstep::Organization& o = e.organization();
  std::uint64_t x = seed;
  auto next = [&x](std::uint64_t bound) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;  // xorshift64
    return static_cast<std::uint32_t>(x % bound);
  };
  lockstep::DayNumber day = e.start();
  std::vector<lockstep::Event> out;
  for (std::size_t i = 0; i < n; ++i) {
    const auto s = static_cast<lockstep::StepId>(next(m.steps.size()));
    const bool member = m.steps[s].actor == lockstep::Actor::kMember;
    // Mostly the kind the step wants; sometimes the other, which must be refused.
    const bool right_kind = next(10) != 0;
    const lockstep::ActorRef actor{
        member == right_kind ? lockstep::ActorKind::kMember : lockstep::ActorKind::kUnit,
        next((member ? o.member_count() : o.units.size()) + 1)};
    const std::uint32_t roll = next(100);
    if (roll < 70) {
      lockstep::Evidence ev;
      if (next(2)) ev.chars = static_cast<std::int32_t>(next(4000));
      if (next(2)) ev.hours = static_cast<std::int32_t>(next(60));
      out.push_back(lockstep::Event::complete(s, actor, day, ev));
    } else if (roll < 76) {
      out.push_back(lockstep::Event::excuse(s, actor, day, next(2) ? "外出" : "病休"));
    } else if (roll < 82) {
      out.push_back(lockstep::Event::revise(s, actor, day));
    } else if (roll < 86) {
      out.push_back(lockstep::Event::approve(static_cast<lockstep::PhaseId>(next(m.phases.size())),
                                             lockstep::UnitRef(next(o.units.size())),
                                             next(o.units.size()), day));
    } else {
      day += static_cast<lockstep::DayNumber>(next(4));
      out.push_back(lockstep::Event::advance(day));
    }
  }
  return out;
}

std::vector<std::uint8_t> blob_for(const Fixture& f, const std::uint8_t* data, std::size_t size) {
  if (size >= 8 && std::equal(data, data + 8, f.state.begin()))
    return std::vector<std::uint8_t>(data, data + size);
  std::vector<std::uint8_t> blob = f.state;
  for (std::size_t i = 0; i + 4 <= size; i += 4) {
    const std::size_t at = (data[i] | data[i + 1] << 8 | data[i + 2] << 16) % blob.size();
    blob[at] = data[i + 3];
  }
  lockstep::test::reseal_state(blob);
  return blob;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  static Fixture f;
  lockstep::RulesResult rules =
      lockstep::compile_rules_file(LOCKSTEP_SOURCE_DIR "/rules/baoxian_2005_township.lock");
  if (!rules.model) fail("seed 000's rules do not compile");
  f.model = std::make_shared<const lockstep::CampaignModel>(std::move(*rules.model));
  f.org = std::make_shared<const lockstep::Organization>(
      lockstep::make_synthetic_org(*f.model, 120, 5));
  lockstep::EngineResult made = lockstep::make_engine(f.model, f.org, {lockstep::Mode::kAudit, {}});
  if (!made.engine) fail("no engine over the synthetic roster");
  f.fresh.emplace(*made.engine);
  lockstep::Engine rich = *made.engine;
  rich.apply(mixed_events(rich, 2005, 4000));
  f.state = rich.save_state();
  f.more = mixed_events(rich, 2008, 300);
  g_fixture = &f;
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const Fixture& f = *g_fixture;
  const std::vector<std::uint8_t> blob = blob_for(f, data, size);
  lockstep::Engine engine = *f.fresh;
  const std::uint64_t untouched = engine.fingerprint();
  if (const lockstep::Diagnostics refused = engine.load_state(blob); !refused.empty()) {
    if (refused.front().message.empty()) fail("a refused state gave no error");
    if (engine.fingerprint() != untouched) fail("a refused state changed the engine");
    return 0;
  }
  const std::vector<std::uint8_t> again = engine.save_state();
  lockstep::Engine reloaded = *f.fresh;
  if (const lockstep::Diagnostics refused = reloaded.load_state(again); !refused.empty())
    fail("an accepted state saved again is refused: " + refused.front().message);
  if (reloaded.fingerprint() != engine.fingerprint())
    fail("an accepted state saved again loads to another engine");
  engine.apply(f.more);
  engine.apply(lockstep::Event::advance(lockstep::kMaxDay));
  if (engine.fingerprint() == 0) fail("an engine's fingerprint is zero");
  return 0;
}
