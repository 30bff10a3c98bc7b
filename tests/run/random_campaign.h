// Random small campaigns for the door tests: a rules text and a roster text drawn from one seed,
// meant to compile (most do; the rest fail the deadline or scope checks and are skipped).
//
// What it generates:
//   - rules: one campaign with a fixed start date and one org type; 1–3 phases, the first
//     `from start, Nd`, each later one `from start [+ Dd], Nd` or `after PHASE [+ Dd], Nd` of an
//     earlier phase; sometimes a gate `by parent`; 1–5 steps a phase performed `by member`,
//     `branch` or `organization`, some `advisory`, with `after` on earlier steps (any scope the
//     compiler accepts for the two performers: same, `of parent`, `of all members`,
//     `of all subunits`), sometimes `due phase.start + Nd` (sometimes `advisory`), sometimes
//     `within Nd after REF`, sometimes `repeat >= 2`;
//   - roster: a top unit, 1–3 branches directly under it (or, one time in four, under one general
//     branch under the top, which is then the only organization), 0–5 members each, every
//     member in no category.
// What it never generates: imports, procedures, `extends`, `remove`; member categories, forms,
// `require`, `only`, `except`; per-org-type `window`s, `with PHASE` windows, windows from a date;
// deadlines by a date, `start`, `phase.end` or a named phase; gates `by supervision`, supervision
// groups; performers `committee`, `general_branch`, `leadership`; mobile members (a responsible
// branch other than the home one); more than one org type.
// The same seed gives the same texts, byte for byte.
#pragma once

#include <cstdint>
#include <string>

namespace lockstep::test {

struct RandomCampaign {
  std::string rules;   // a rules file declaring one campaign, with its start date
  std::string roster;  // a CSV roster for it
  std::uint64_t simulation_seed = 0;
  // Whether people in the simulation skip, ignore the order and finish late (the generator's
  // choice, so that every kind of violation turns up), or behave as the default scenario says.
  bool unruly = false;
};

RandomCampaign random_campaign(std::uint64_t seed);

}  // namespace lockstep::test
