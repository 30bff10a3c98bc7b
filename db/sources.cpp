// Storing, hashing and compiling the rules and roster bound to a journal; see sources.h.
#include "db/sources.h"

#include <fmt/format.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include "db/sha256.h"
#include "lockstep/roster.h"
#include "lockstep/rules.h"

namespace lockstep::db {
namespace fs = std::filesystem;
namespace {

std::string render_all(const Diagnostics& ds, const SourceFiles& files) {
  std::string out;
  for (const Diagnostic& d : ds)
    if (d.level == Diagnostic::Level::kError) out += render_text(d, files) + "\n";
  return out;
}

// A private folder removed when it goes out of scope.
struct TempDir {
  fs::path path;
  TempDir() {
    const char* base = std::getenv("TMPDIR");
    std::string pattern = fmt::format("{}/lockstep-rules-XXXXXX", base && *base ? base : "/tmp");
    if (mkdtemp(pattern.data()) != nullptr) path = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    if (!path.empty()) fs::remove_all(path, ec);
  }
};

// `p` made absolute against a virtual root, so that relative paths compare lexically.
fs::path anchored(const std::string& p) {
  const fs::path path(p);
  return (path.is_absolute() ? path : fs::path("/") / path).lexically_normal();
}

}  // namespace

std::string hash_rules(const SourceFiles& rules) {
  util::Sha256 h;
  for (const SourceFile& f : rules) {
    h.update(fmt::format("{}:", f.text.size()));
    h.update(f.text);
  }
  return h.hex_digest();
}

std::string hash_roster(const std::string& text) {
  return util::sha256_hex(text);
}

void store_sources(Connection& db, const SourceFiles& rules, const SourceFile* roster) {
  db.exec("DELETE FROM sources WHERE kind='rules'");
  Statement put(db, "INSERT INTO sources(kind, idx, path, text) VALUES(?, ?, ?, ?)");
  for (std::size_t i = 0; i < rules.size(); ++i)
    put.bind(1, std::string_view("rules"))
        .bind(2, static_cast<std::int64_t>(i))
        .bind(3, rules[i].path)
        .bind(4, rules[i].text)
        .run();
  if (roster) {
    db.exec("DELETE FROM sources WHERE kind='roster'");
    put.bind(1, std::string_view("roster"))
        .bind(2, std::int64_t{0})
        .bind(3, roster->path)
        .bind(4, roster->text)
        .run();
  }
}

StoredSources load_sources(Connection& db) {
  StoredSources out;
  Statement q(db, "SELECT kind, idx, path, text FROM sources ORDER BY kind, idx");
  bool have_roster = false;
  while (q.step()) {
    const std::string kind = q.text(0);
    if (kind == "roster") {
      out.roster = {q.text(2), q.text(3)};
      have_roster = true;
    } else {
      if (q.int64(1) != static_cast<std::int64_t>(out.rules.size()))
        throw SqlError(0, "damaged journal: the stored rules files are not numbered 0, 1, ...");
      out.rules.push_back({q.text(2), q.text(3)});
    }
  }
  if (out.rules.empty()) throw SqlError(0, "damaged journal: no rules are stored");
  if (!have_roster) throw SqlError(0, "damaged journal: no roster is stored");
  return out;
}

std::optional<CompiledRules> compile_rules_at(const std::string& path, std::string& error) {
  RulesResult r = compile_rules_file(path);
  if (!r.model) {
    error = render_all(r.diagnostics, r.files);
    if (error.empty()) error = fmt::format("{}: declares no campaign to run\n", path);
    return std::nullopt;
  }
  return CompiledRules{std::move(*r.model), std::move(r.files)};
}

std::optional<CampaignModel> compile_stored_rules(const SourceFiles& rules, std::string& error) {
  const fs::path root = anchored(rules[0].path).parent_path();
  std::vector<fs::path> relative;
  std::size_t depth = 0;  // how many folders up the imports reach
  for (const SourceFile& f : rules) {
    const fs::path rel = anchored(f.path).lexically_relative(root);
    std::size_t ups = 0;
    bool below = false, bad = rel.empty();
    for (const fs::path& part : rel) {
      if (part == "..") {
        bad |= below;
        ++ups;
      } else {
        below = true;
      }
    }
    if (bad || !below) {
      error = fmt::format("damaged journal: stored rules file path '{}' is not usable", f.path);
      return std::nullopt;
    }
    depth = std::max(depth, ups);
    relative.push_back(rel);
  }
  TempDir tmp;
  if (tmp.path.empty()) {
    error = "cannot make a temporary folder to compile the stored rules";
    return std::nullopt;
  }
  fs::path base = tmp.path / "r";
  for (std::size_t i = 0; i < depth; ++i) base /= "d";
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const fs::path target = (base / relative[i]).lexically_normal();
    std::error_code ec;
    fs::create_directories(target.parent_path(), ec);
    std::ofstream out(target, std::ios::binary);
    out.write(rules[i].text.data(), static_cast<std::streamsize>(rules[i].text.size()));
    if (!out) {
      error = fmt::format("cannot write the stored rules to '{}'", target.string());
      return std::nullopt;
    }
  }
  std::optional<CompiledRules> compiled = compile_rules_at((base / relative[0]).string(), error);
  if (!compiled) {
    error = "the stored rules no longer compile:\n" + error;
    return std::nullopt;
  }
  if (compiled->model.files.size() != rules.size()) {
    error = "damaged journal: the stored rules files do not import each other as stored";
    return std::nullopt;
  }
  for (std::size_t i = 0; i < rules.size(); ++i) compiled->model.files[i] = rules[i].path;
  return std::move(compiled->model);
}

std::optional<Organization> read_stored_roster(const SourceFile& roster, const CampaignModel& model,
                                               std::string& error) {
  RosterResult r = read_roster_text(roster.path, roster.text, model);
  if (!r.org) error = render_all(r.diagnostics, r.files);
  return std::move(r.org);
}

}  // namespace lockstep::db
