// `db migrate`: the whole journal replayed under new rules, the violations compared one by one,
// and (unless a dry run) the journal rebound to the new rules in one transaction that extends
// the hash chain with an epoch: the migration's row, the new rules and meta (its config) and the
// state the new rules give after the last batch. Nothing recorded before is rewritten, so a
// chain head kept before the migration stays a link of the chain after it.
#include <fmt/format.h>

#include <map>
#include <tuple>

#include "db/chain.h"
#include "db/journal_impl.h"
#include "db/schema.h"
#include "db/snapshots.h"
#include "db/sources.h"
#include "lockstep/messages.h"

namespace lockstep {
namespace {

// A violation by names, comparable across models whose dense ids differ.
using ViolationKey = std::tuple<int, std::string, std::string, std::string, std::string, DayNumber>;

std::map<ViolationKey, std::uint64_t> by_name(const Engine& engine) {
  const CampaignModel& model = engine.model();
  const Organization& org = engine.organization();
  std::map<ViolationKey, std::uint64_t> out;
  for (const Violation& v : engine.violations()) {
    ViolationKey key{static_cast<int>(v.kind),
                     v.unit < org.units.size() ? org.units[v.unit].id : std::string(),
                     v.member != kNoMember ? org.member_id(v.member) : std::string(),
                     v.phase < model.phases.size() ? model.phases[v.phase].id : std::string(),
                     v.step < model.steps.size() ? model.steps[v.step].id : std::string(),
                     v.day};
    ++out[key];
  }
  return out;
}

}  // namespace

std::optional<JournalMigration> migrate_journal(const std::string& db_path,
                                                const std::string& new_rules, bool dry_run,
                                                std::string& error) {
  std::unique_ptr<Journal::Impl> impl = db::open_impl(db_path, {}, error);
  if (!impl) return std::nullopt;
  Journal::Impl& j = *impl;
  std::optional<db::CompiledRules> rules = db::compile_rules_at(new_rules, error);
  if (!rules) return std::nullopt;
  std::optional<Organization> org = db::read_stored_roster(j.roster, rules->model, error);
  if (!org) {
    error = "the journal's roster does not read under the new rules:\n" + error;
    return std::nullopt;
  }
  const auto model = std::make_shared<const CampaignModel>(rules->model);
  const auto shared_org = std::make_shared<const Organization>(std::move(*org));
  EngineResult made = make_engine(model, shared_org, {j.mode, j.start});
  if (!made.engine) {
    error = "the new rules and the journal's roster make no engine:";
    for (const Diagnostic& d : made.diagnostics) error += " " + d.message;
    return std::nullopt;
  }
  Engine& engine = *made.engine;
  const NameIndex names(model, shared_org);

  JournalMigration m;
  m.from_hash = j.rules_hash;
  m.to_hash = db::hash_rules(rules->files);
  try {
    const std::vector<LogEvent>& events = j.all_events();  // every link before them checked
    m.events = events.size();
    for (std::size_t i = 0; i < events.size(); ++i) {
      Refusal why;
      std::optional<Event> e = names.resolve(events[i], why);
      if (!e) {
        error = fmt::format("journal event {} cannot be replayed under '{}': {}; nothing changed",
                            i + 1, new_rules, describe(why, *model, *shared_org));
        return std::nullopt;
      }
      if (!feed(engine, *e, &why).accepted) {
        error = fmt::format("journal event {} is refused under '{}': {}; nothing changed", i + 1,
                            new_rules, describe(why, *model, *shared_org));
        return std::nullopt;
      }
    }
  } catch (const db::SqlError& e) {
    error = fmt::format("{}: {}", db_path, e.what());
    return std::nullopt;
  }

  const auto before = by_name(*j.engine);
  const auto after = by_name(engine);
  for (const auto& [key, n] : before) m.before[std::get<0>(key)] += n;
  for (const auto& [key, n] : after) {
    m.after[std::get<0>(key)] += n;
    const auto it = before.find(key);
    const std::uint64_t had = it == before.end() ? 0 : it->second;
    if (n > had) m.added[std::get<0>(key)] += n - had;
  }
  for (const auto& [key, n] : before) {
    const auto it = after.find(key);
    const std::uint64_t has = it == after.end() ? 0 : it->second;
    if (n > has) m.removed[std::get<0>(key)] += n - has;
  }
  if (dry_run) return m;

  if (j.read_only) {
    error = db::read_only_storage(db_path) + "; nothing changed";
    return std::nullopt;
  }
  UpgradeGuard guard(j);
  try {
    db::Transaction tx(*j.conn, true);
    db::Statement count(*j.conn, "SELECT coalesce(max(seq), 0) FROM events");
    count.step();
    if (count.int64(0) != j.at.seq || db::meta_get(*j.conn, "generation") != j.generation) {
      error = fmt::format(
          "{}: events were recorded while migrating; nothing changed, run the "
          "migration again",
          db_path);
      return std::nullopt;
    }
    j.upgrade();  // an older format gets its chain first, over the rows as they are
    // Snapshots hold states under the old rules: dropped, and the policy applied afresh.
    db::Statement drop(*j.conn, "DELETE FROM snapshots");
    drop.run();
    db::store_sources(*j.conn, rules->files, nullptr);
    db::meta_set(*j.conn, "rules_hash", m.to_hash);
    db::meta_set(*j.conn, "generation", std::to_string(std::stoll(j.generation) + 1));
    db::Statement log(*j.conn,
                      "INSERT INTO migrations(from_hash, to_hash, events) VALUES(?, ?, ?)");
    log.bind(1, m.from_hash).bind(2, m.to_hash).bind(3, static_cast<std::int64_t>(m.events)).run();
    const std::int64_t migration = j.conn->last_insert_rowid();
    // The migration's link: after the newest link, recording everything it changed.
    const db::EpochRow epoch =
        db::add_epoch(*j.conn, j.at.batch, migration, db::fingerprint_hex(engine), j.at.head);
    if (j.at.seq > 0) db::maybe_snapshot(*j.conn, j.at.seq, engine, epoch.hash);
    tx.commit();
    guard.committed();
  } catch (const db::SqlError& e) {
    error = e.read_only() ? db::read_only_storage(db_path) + "; nothing changed"
                          : fmt::format("{}: {}; nothing changed", db_path, e.what());
    return std::nullopt;
  } catch (const std::exception&) {
    error = fmt::format("{}: damaged journal: bad generation '{}'", db_path, j.generation);
    return std::nullopt;
  }
  return m;
}

}  // namespace lockstep
