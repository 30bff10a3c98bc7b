// Loading what a test runs on — its rules, roster and events — through the library's one loading
// path (compile_rules_file, read_roster_*, read_event_log_*, resolve_log), with every problem kept
// as diagnostics and the files they point into.
//
// A suite often runs many tests on one rules file and one roster, so compiled models and rosters
// read from files are kept for the suite's length (keyed by normalized path): loading is then once
// per file, not once per test. Inline records are read for each test.
//
// Invariants: a cache is owned by one suite run (no global state); what it hands out is immutable
// and shared; a load that fails is remembered too, so its diagnostics are reported for every test
// that needs it but it is read once.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "lockstep/name_index.h"
#include "lockstep/organization.h"
#include "lockstep/ruletest.h"

namespace lockstep::ruletest {

// `relative` (as written in the test file) resolved against the test file's folder, normalized:
// "rules/tests/../x.lock" becomes "rules/x.lock", so that locations in messages read cleanly.
std::string resolve_path(const std::string& test_file, const std::string& relative);

template <typename T>
struct Loaded {
  std::shared_ptr<const T> value;  // null when it did not load
  Problems problems;               // errors (then no value) and warnings
  bool unreadable = false;         // the file could not be read at all
};

// One error at `where` in the test file: for a problem of a whole input, such as a file named by
// the test that cannot be read, which is best shown at the line that names it.
Problems problem_at(const TestFile& file, const SourceSpan& where, std::string code,
                    std::string message, std::string help);

class InputCache {
 public:
  // The campaign of the rules file at `path` (already resolved).
  const Loaded<CampaignModel>& rules(const std::string& path);
  // The roster of `source` for `model` (compiled from the rules at `rules_path`).
  Loaded<Organization> roster(const TestFile& file, const DataSource& source,
                              const std::string& rules_path, const CampaignModel& model);

 private:
  std::map<std::string, Loaded<CampaignModel>> rules_;
  std::map<std::pair<std::string, std::string>, Loaded<Organization>> rosters_;
};

// The test's events, resolved against its model and roster. Inline events' diagnostics point into
// the test file. A test without events gets an empty log.
struct LoadedEvents {
  std::optional<ResolvedLog> log;  // absent when they did not load
  Problems problems;
  bool unreadable = false;
};
LoadedEvents load_events(const TestFile& file, const DataSource& source, const CampaignModel& model,
                         const Organization& org);

}  // namespace lockstep::ruletest
