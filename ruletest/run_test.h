// One test, run: its inputs loaded (test_inputs.h), the names its expectations write checked
// against the rules and roster (T010), its events fed through lockstep::Run only, and what the
// run shows compared with what the test expects.
//
// The order of a run is the one of `status --at` for each date a status is expected at (the
// events of that day and before are applied, then the clock runs to it) and, at the test's end,
// the one of `replay`: without `until` every event is applied and the clock runs to the
// campaign's end; with `until` the events up to that day, then the clock to it. The violations
// compared are those of the report at the test's end.
//
// Invariants: the test's result depends only on its files and text; the run is never fed except
// through Run::apply and Run::advance_to.
#pragma once

#include "lockstep/ruletest.h"
#include "ruletest/coverage.h"
#include "ruletest/test_inputs.h"

namespace lockstep::ruletest {

// Runs `test` of `file` (which parsed without error) and adds what it exercised to `coverage`
// (only when it ran: a test whose inputs do not load exercises nothing).
TestResult run_test(const TestFile& file, const TestCase& test, InputCache& cache,
                    CoverageCounter& coverage);

}  // namespace lockstep::ruletest
