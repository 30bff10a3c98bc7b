// The rules and roster a journal is bound to: their text is stored in the journal, so it opens
// anywhere, and their SHA-256 is kept beside it, so other rules or another roster are noticed.
//
// The rules hash covers every file in load order (the file, then its imports), each as its length
// and bytes; paths are left out so that moving the files keeps the binding.
#pragma once

#include <optional>
#include <string>

#include "db/sqlite.h"
#include "lockstep/diagnostic.h"
#include "lockstep/model.h"
#include "lockstep/organization.h"

namespace lockstep::db {

struct StoredSources {
  SourceFiles rules;  // index 0 the rules file, then its imports, paths as loaded
  SourceFile roster;
};

std::string hash_rules(const SourceFiles& rules);
std::string hash_roster(const std::string& text);

// Replaces the stored rules (and the roster, when `roster` is given).
void store_sources(Connection& db, const SourceFiles& rules, const SourceFile* roster);
StoredSources load_sources(Connection& db);

// Compiles rules files from disk; on failure `error` holds the rendered diagnostics.
struct CompiledRules {
  CampaignModel model;
  SourceFiles files;
};
std::optional<CompiledRules> compile_rules_at(const std::string& path, std::string& error);

// Compiles the stored rules: they are written to a private temporary folder keeping their
// relative layout (imports resolve as they did), compiled, and the model's file paths set back
// to the stored ones, so violations cite the rules where they were written.
std::optional<CampaignModel> compile_stored_rules(const SourceFiles& rules, std::string& error);

// Reads a roster from its text against `model`; on failure `error` holds the diagnostics.
std::optional<Organization> read_stored_roster(const SourceFile& roster, const CampaignModel& model,
                                               std::string& error);

}  // namespace lockstep::db
