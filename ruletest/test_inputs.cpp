// Loading a test's inputs (test_inputs.h).
#include "ruletest/test_inputs.h"

#include <fmt/format.h>

#include <filesystem>

#include "lockstep/event_log.h"
#include "lockstep/roster.h"
#include "lockstep/rules.h"
#include "ruletest/inline_data.h"

namespace lockstep::ruletest {
Problems problem_at(const TestFile& file, const SourceSpan& where, std::string code,
                    std::string message, std::string help) {
  Problems p;
  p.files = file.files;
  Diagnostic d;
  d.code = std::move(code);
  d.message = std::move(message);
  d.span = where;
  d.help = std::move(help);
  p.diagnostics.push_back(std::move(d));
  return p;
}

std::string resolve_path(const std::string& test_file, const std::string& relative) {
  const std::filesystem::path folder = std::filesystem::path(test_file).parent_path();
  std::string out = (folder / relative).lexically_normal().generic_string();
  return out.empty() ? std::string(".") : out;
}

const Loaded<CampaignModel>& InputCache::rules(const std::string& path) {
  if (const auto found = rules_.find(path); found != rules_.end()) return found->second;
  Loaded<CampaignModel> out;
  RulesResult compiled = compile_rules_file(path);
  out.problems.diagnostics = std::move(compiled.diagnostics);
  out.problems.files = std::move(compiled.files);
  out.unreadable = compiled.unreadable;
  if (compiled.model) {
    out.value = std::make_shared<const CampaignModel>(std::move(*compiled.model));
  } else if (!has_errors(out.problems.diagnostics)) {
    Diagnostic d;
    d.code = "T010";
    d.message = fmt::format("{} declares no campaign", path);
    d.help =
        "a test runs a campaign: name the file with `campaign ... extends ...`, not one of "
        "procedures only";
    out.problems.diagnostics.push_back(std::move(d));
  }
  return rules_.emplace(path, std::move(out)).first->second;
}

Loaded<Organization> InputCache::roster(const TestFile& file, const DataSource& source,
                                        const std::string& rules_path, const CampaignModel& model) {
  const auto keep = [](Loaded<Organization>& out, RosterResult& r) {
    out.problems.diagnostics = std::move(r.diagnostics);
    if (r.org) out.value = std::make_shared<const Organization>(std::move(*r.org));
  };
  if (source.path.empty()) {
    const InlineText text = roster_text(source.lines);
    RosterResult r = read_roster_text(file.path, text.text, model);
    point_into_test(r.diagnostics, text, source.where);
    Loaded<Organization> out;
    keep(out, r);
    out.problems.files = file.files;
    return out;
  }
  const std::string path = resolve_path(file.path, source.path);
  const auto key = std::make_pair(rules_path, path);
  if (const auto found = rosters_.find(key); found != rosters_.end()) return found->second;
  RosterResult r = read_roster_file(path, model);
  Loaded<Organization> out;
  out.problems.files = std::move(r.files);
  keep(out, r);
  out.unreadable = r.unreadable;
  return rosters_.emplace(key, std::move(out)).first->second;
}

LoadedEvents load_events(const TestFile& file, const DataSource& source, const CampaignModel& model,
                         const Organization& org) {
  LoadedEvents out;
  if (!source.given) {
    out.log = resolve_log({}, model, org, false);
    return out;
  }
  if (source.path.empty()) {
    const InlineText text = events_text(source.lines);
    EventLogResult read = read_event_log_text(file.path, text.text, EventLogFormat::kCsv);
    out.problems.files = file.files;
    if (!read.events) {
      out.problems.diagnostics = std::move(read.diagnostics);
      point_into_test(out.problems.diagnostics, text, source.where);
      return out;
    }
    ResolvedLog log = resolve_log(std::move(*read.events), model, org, false);
    out.problems.diagnostics = std::move(read.diagnostics);
    out.problems.diagnostics.insert(out.problems.diagnostics.end(), log.diagnostics.begin(),
                                    log.diagnostics.end());
    point_into_test(out.problems.diagnostics, text, source.where);
    if (log.ok()) out.log = std::move(log);
    return out;
  }
  const std::string path = resolve_path(file.path, source.path);
  EventLogResult read = read_event_log_file(path);
  out.problems.files = std::move(read.files);
  out.problems.diagnostics = std::move(read.diagnostics);
  out.unreadable = read.unreadable;
  if (!read.events) return out;
  ResolvedLog log = resolve_log(std::move(*read.events), model, org, false);
  out.problems.diagnostics.insert(out.problems.diagnostics.end(), log.diagnostics.begin(),
                                  log.diagnostics.end());
  if (log.ok()) out.log = std::move(log);
  return out;
}

}  // namespace lockstep::ruletest
