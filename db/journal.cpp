// The journal: making, opening, rebuilding the state and appending batches; see
// lockstep/journal.h for the guarantees and db/schema.h for the file format.
#include <fmt/format.h>

#include <filesystem>
#include <unordered_map>

#include "db/chain.h"
#include "db/journal_impl.h"
#include "db/schema.h"
#include "db/snapshots.h"
#include "db/sources.h"
#include "lockstep/civil_date.h"
#include "lockstep/messages.h"
#include "lockstep/roster.h"

namespace lockstep {
namespace {

const char* mode_name(Mode m) {
  return m == Mode::kEnforce ? "enforce" : "audit";
}

std::string batch_sql_error(const db::SqlError& e, const std::string& path) {
  if (e.read_only()) return db::read_only_storage(path) + "; nothing of this batch was written";
  if (e.busy())
    return fmt::format(
        "{}: another process is recording into this journal and did not finish "
        "in time; nothing of this batch was written, submit it again",
        path);
  return fmt::format("{}: {}; nothing of this batch was written", path, e.what());
}

}  // namespace

namespace db {

std::string fingerprint_hex(const Engine& engine) {
  return fmt::format("{:016x}", engine.fingerprint());
}

std::string batch_mismatch(const BatchRow& b, const std::string& computed,
                           const std::string& prev) {
  return fmt::format(
      "batch {} (events {}..{}) does not match its hash: stored {}, its rows hash to {} (after the "
      "link before it, {})",
      b.id, b.first, b.last, b.hash.empty() ? "(none)" : b.hash, computed,
      prev.empty() ? "none" : prev);
}

std::string epoch_mismatch(const EpochRow& e, const std::string& computed,
                           const std::string& prev) {
  return fmt::format(
      "epoch {} ({}, after batch {}) does not match its hash: stored {}, its row hashes to {} "
      "(after the link before it, {})",
      e.id, e.migration ? fmt::format("migration {}", *e.migration) : std::string("the genesis"),
      e.after_batch, e.hash.empty() ? "(none)" : e.hash, computed, prev.empty() ? "none" : prev);
}

std::string read_only_storage(const std::string& path) {
  return fmt::format(
      "{}: the journal is on read-only storage (or its file or folder is not writable)", path);
}

LogEvent read_event_row(const Statement& row, int c) {
  LogEvent e;
  e.day = static_cast<DayNumber>(row.int64(c));
  e.second = static_cast<std::int32_t>(row.int64(c + 1));
  e.kind = static_cast<LogEvent::Kind>(row.int64(c + 2));
  e.who = row.text(c + 3);
  e.step = row.text(c + 4);
  e.hours = row.opt_int32(c + 5);
  e.chars = row.opt_int32(c + 6);
  e.count = row.opt_int32(c + 7);
  e.form = row.text(c + 8);
  e.reason = row.text(c + 9);
  e.approver = row.text(c + 10);
  if (!row.is_null(c + 11)) e.idempotency_key = row.text(c + 11);
  return e;
}

// Starts from the newest usable snapshot, if any, so that catch_up() replays only what follows.
void restore(Journal::Impl& j) {
  std::vector<std::string> notes;
  const RestoredAt at = restore_newest(*j.conn, {j.chained(), j.epochs}, *j.engine, notes);
  for (const std::string& note : notes) j.note(note);
  if (!notes.empty())
    j.note(at.seq > 0 ? fmt::format("using the snapshot at event {} instead", at.seq)
                      : std::string("replaying the journal from its first event instead"));
  if (at.seq == 0) return;
  j.at.seq = at.seq;
  j.at.batch = at.batch;
  if (j.chained()) seat(*j.conn, j.at);  // the snapshot's head was checked equal to it
  Statement q(*j.conn, "SELECT count(*) FROM batches WHERE id <= ?");
  q.bind(1, at.batch);
  j.batches = q.step() ? static_cast<std::uint64_t>(q.int64(0)) : 0;
}

std::unique_ptr<Journal::Impl> open_impl(const std::string& path, const JournalOptions& options,
                                         std::string& error, bool replay) {
  if (auto bad = check_header(path)) {
    error = *bad;
    return nullptr;
  }
  auto impl = std::make_unique<Journal::Impl>();
  impl->path = path;
  impl->on_note = options.on_note;
  try {
    impl->conn = std::make_unique<Connection>(
        path, options.read_only ? Connection::Open::kReadOnly : Connection::Open::kExisting);
    impl->read_only = impl->conn->read_only();
    impl->conn->set_busy_timeout(options.busy_timeout_ms, options.on_wait);
    if (auto bad = check_format(*impl->conn, path, &impl->format)) {
      error = *bad;
      return nullptr;
    }
    set_pragmas(*impl->conn);
    Transaction read(*impl->conn, false);
    const std::string mode = meta_get(*impl->conn, "mode");
    if (mode != "enforce" && mode != "audit")
      throw SqlError(0, fmt::format("damaged journal: unknown mode '{}'", mode));
    impl->mode = mode == "enforce" ? Mode::kEnforce : Mode::kAudit;
    const std::string start = meta_get(*impl->conn, "start");
    if (!start.empty() && !(impl->start = parse_date(start)))
      throw SqlError(0, fmt::format("damaged journal: bad start date '{}'", start));
    impl->rules_hash = meta_get(*impl->conn, "rules_hash");
    impl->roster_hash = meta_get(*impl->conn, "roster_hash");
    impl->generation = meta_get(*impl->conn, "generation");
    StoredSources sources = load_sources(*impl->conn);
    if (hash_rules(sources.rules) != impl->rules_hash)
      throw SqlError(0,
                     "damaged journal: the stored rules do not match the hash they are bound by");
    if (hash_roster(sources.roster.text) != impl->roster_hash)
      throw SqlError(0,
                     "damaged journal: the stored roster does not match the hash it is bound by");
    impl->rules_path = sources.rules[0].path;
    impl->roster = sources.roster;
    auto model = compile_stored_rules(sources.rules, error);
    if (!model) return nullptr;
    impl->model = std::make_shared<const CampaignModel>(std::move(*model));
    auto org = read_stored_roster(sources.roster, *impl->model, error);
    if (!org) {
      error = "the stored roster no longer reads:\n" + error;
      return nullptr;
    }
    impl->org = std::make_shared<const Organization>(std::move(*org));
    EngineResult made = make_engine(impl->model, impl->org, {impl->mode, impl->start});
    if (!made.engine) {
      error = "the stored rules and roster make no engine:";
      for (const Diagnostic& d : made.diagnostics) error += " " + d.message;
      return nullptr;
    }
    impl->engine = std::move(made.engine);
    impl->fresh_fingerprint = fingerprint_hex(*impl->engine);
    impl->names = std::make_unique<NameIndex>(impl->model, impl->org);
    if (impl->chained()) impl->epochs = load_epochs(*impl->conn);
    if (!replay) return impl;
    if (const std::string bad = impl->config_problem(); !bad.empty())
      throw SqlError(0, "damaged journal: " + bad);
    if (impl->format >= 2) restore(*impl);
    impl->checked_from = impl->at;  // catch_up() checks every link after it
    impl->catch_up();
    read.commit();
  } catch (const SqlError& e) {
    error = e.corrupt() ? fmt::format("{}: damaged journal: {}", path, e.what())
                        : fmt::format("{}: {}", path, e.what());
    return nullptr;
  }
  return impl;
}

}  // namespace db

bool Journal::Impl::chained() const {
  return format >= db::kChainFormatVersion;
}

std::string Journal::Impl::config_problem() {
  if (!chained()) return {};
  if (epochs.empty()) return "its hash chain has no genesis (the epochs table is empty)";
  const db::EpochRow& newest = epochs.back();
  const std::string difference = db::config_difference(newest.config, db::config_digest(*conn));
  if (difference.empty()) return {};
  return fmt::format(
      "the journal's meta, sources, migrations or schema are not what epoch {}, the newest, "
      "recorded: {}",
      newest.id, difference);
}

namespace {

// A walk that checks every link it hashes (when `hashed`) and throws SqlError, naming the
// damage, at the first one that does not match or at an event outside every batch. `on_batch`
// is then called for each batch that matched.
db::ChainWalk checking_walk(bool hashed, std::function<void(const db::BatchRow&)> on_batch = {}) {
  db::ChainWalk walk;
  walk.hashed = hashed;
  walk.on_batch = [hashed, on_batch = std::move(on_batch)](
                      const db::BatchRow& b, const std::string& computed, const std::string& prev) {
    if (hashed && computed != b.hash)
      throw db::SqlError(0, "damaged journal: " + db::batch_mismatch(b, computed, prev));
    if (on_batch) on_batch(b);
  };
  walk.on_epoch = [](const db::EpochRow& e, const std::string& computed, const std::string& prev) {
    if (computed != e.hash)
      throw db::SqlError(0, "damaged journal: " + db::epoch_mismatch(e, computed, prev));
  };
  walk.on_stray = [](const std::string& problem) {
    throw db::SqlError(0, "damaged journal: " + problem);
  };
  return walk;
}

}  // namespace

std::uint64_t Journal::Impl::catch_up() {
  db::ChainWalk walk = checking_walk(chained(), [&](const db::BatchRow&) { ++batches; });
  std::uint64_t applied = 0;
  walk.on_event = [&](const db::Statement& row) {
    const std::int64_t seq = row.int64(0);
    LogEvent record = db::read_event_row(row, 2);
    if (static_cast<std::uint8_t>(record.kind) > 3)
      throw db::SqlError(0, fmt::format("damaged journal: event {} has an unknown kind", seq));
    Refusal why;
    std::optional<Event> e = names->resolve(record, why);
    if (!e)
      throw db::SqlError(
          0, fmt::format("damaged journal: event {}: {}", seq, describe(why, *model, *org)));
    if (!feed(*engine, *e, &why).accepted)
      throw db::SqlError(0, fmt::format("damaged journal: event {} is refused on replay: {}", seq,
                                        describe(why, *model, *org)));
    if (events) events->push_back(std::move(record));
    ++applied;
  };
  walk.run(*conn, at);
  return applied;
}

const std::vector<LogEvent>& Journal::Impl::all_events() const {
  if (!events) {
    std::vector<LogEvent> read;
    const std::int64_t last = at.seq;
    const auto collect = [&](const db::Statement& row) {
      if (row.int64(0) <= last) read.push_back(db::read_event_row(row, 2));
    };
    db::ChainPosition from;
    // The links before where opening started checking are checked on the way; those after it
    // were checked by opening (or written by this process), so they are only read.
    if (chained()) {
      db::ChainWalk before = checking_walk(true);
      before.until_batch = checked_from.batch;
      before.until_epoch = checked_from.epoch;
      before.on_event = collect;
      before.run(*conn, from);
    }
    db::ChainWalk after = checking_walk(false);
    after.until_batch = at.batch;
    after.on_event = collect;
    after.run(*conn, from);
    events = std::move(read);
  }
  return *events;
}

void Journal::Impl::upgrade() {
  db::Statement version(*conn, "PRAGMA user_version");
  const std::int64_t now = version.step() ? version.int64(0) : 0;
  version.reset();
  if (now >= db::kFormatVersion) {
    if (format < db::kChainFormatVersion) {  // another process made the chain meanwhile
      format = now;
      epochs = db::load_epochs(*conn);
      db::seat(*conn, at);
    }
    return;
  }
  db::upgrade_schema(*conn, now);
  // The genesis records the journal as it stands (its schema now format 3's), then every batch
  // is hashed in order, each after the one before it.
  const db::EpochRow genesis = db::add_epoch(*conn, 0, std::nullopt, fresh_fingerprint, "");
  db::ChainWalk walk;
  walk.chain_on_computed = true;
  db::Statement set(*conn, "UPDATE batches SET hash = ? WHERE id = ?");
  walk.on_batch = [&](const db::BatchRow& b, const std::string& computed, const std::string&) {
    set.bind(1, computed).bind(2, b.id).run();
  };
  walk.on_stray = [](const std::string& problem) {
    throw db::SqlError(0, "damaged journal: " + problem + "; its hash chain cannot be made");
  };
  db::ChainPosition from{0, 0, genesis.id, genesis.hash};
  walk.run(*conn, from);
  conn->exec(
      "UPDATE snapshots SET chain = coalesce((SELECT hash FROM batches "
      "WHERE batches.last_seq = snapshots.seq), '')");
  format = db::kFormatVersion;
  epochs = {genesis};
  db::seat(*conn, at);
}

UpgradeGuard::~UpgradeGuard() {
  if (committed_ || j_.format == format_) return;
  j_.format = format_;
  j_.epochs.clear();
  j_.at.epoch = 0;
  j_.at.head.clear();
}

Journal::Journal(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Journal::Journal(Journal&&) noexcept = default;
Journal& Journal::operator=(Journal&&) noexcept = default;
Journal::~Journal() = default;

std::optional<Journal> Journal::create(const std::string& db_path, const std::string& rules_path,
                                       const std::string& roster_path, Mode mode,
                                       std::optional<DayNumber> start, std::string& error) {
  std::error_code ec;
  if (std::filesystem::exists(db_path, ec)) {
    error = fmt::format("{}: already exists; a journal is never overwritten", db_path);
    return std::nullopt;
  }
  std::optional<db::CompiledRules> rules = db::compile_rules_at(rules_path, error);
  if (!rules) return std::nullopt;
  RosterResult roster = read_roster_file(roster_path, rules->model);
  if (!roster.org) {
    for (const Diagnostic& d : roster.diagnostics) error += render_text(d, roster.files) + "\n";
    return std::nullopt;
  }
  EngineResult made =
      make_engine(std::make_shared<const CampaignModel>(rules->model),
                  std::make_shared<const Organization>(std::move(*roster.org)), {mode, start});
  if (!made.engine) {
    error = "these rules and roster make no engine:";
    for (const Diagnostic& d : made.diagnostics) error += " " + d.message;
    return std::nullopt;
  }
  try {
    db::Connection conn(db_path, db::Connection::Open::kCreate);
    db::set_pragmas(conn);
    db::Transaction tx(conn, true);
    db::create_schema(conn);
    db::meta_set(conn, "format", "lockstep journal");
    db::meta_set(conn, "mode", mode_name(mode));
    db::meta_set(conn, "start", start ? format_date(*start) : "");
    db::meta_set(conn, "rules_hash", db::hash_rules(rules->files));
    db::meta_set(conn, "roster_hash", db::hash_roster(roster.files[0].text));
    db::meta_set(conn, "generation", "0");
    db::store_sources(conn, rules->files, &roster.files[0]);
    // The chain's genesis: the journal's first state and everything it holds besides batches.
    db::add_epoch(conn, 0, std::nullopt, db::fingerprint_hex(*made.engine), "");
    tx.commit();
  } catch (const db::SqlError& e) {
    error = fmt::format("{}: cannot make the journal: {}", db_path, e.what());
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db_path + suffix, ec);
    return std::nullopt;
  }
  return open(db_path, {}, error);
}

std::optional<Journal> Journal::open(const std::string& db_path, const JournalOptions& options,
                                     std::string& error) {
  std::unique_ptr<Impl> impl = db::open_impl(db_path, options, error);
  if (!impl) return std::nullopt;
  return Journal(std::move(impl));
}

std::optional<std::string> Journal::check_bound(const std::string& rules_path,
                                                const std::string& roster_path) const {
  std::string error;
  std::optional<db::CompiledRules> rules = db::compile_rules_at(rules_path, error);
  if (!rules) return error;
  const std::string hash = db::hash_rules(rules->files);
  if (hash != impl_->rules_hash)
    return fmt::format(
        "{}: the journal is bound to other rules (sha256 {}, made from '{}'); "
        "'{}' has sha256 {}. To move the journal to these rules run 'lockstep db "
        "migrate {} --rules {}'",
        impl_->path, impl_->rules_hash, impl_->rules_path, rules_path, hash, impl_->path,
        rules_path);
  RosterResult roster = read_roster_file(roster_path, rules->model);
  if (roster.files.empty()) return fmt::format("{}: cannot read the roster", roster_path);
  const std::string roster_hash = db::hash_roster(roster.files[0].text);
  if (roster_hash != impl_->roster_hash)
    return fmt::format(
        "{}: the journal is bound to another roster (sha256 {}, made from '{}'); "
        "'{}' has sha256 {}",
        impl_->path, impl_->roster_hash, impl_->roster.path, roster_path, roster_hash);
  return std::nullopt;
}

JournalAppend Journal::append(const std::vector<LogEvent>& batch) {
  Impl& j = *impl_;
  JournalAppend result;
  if (j.read_only) {
    result.error = db::read_only_storage(j.path) + "; nothing of this batch was written";
    return result;
  }
  UpgradeGuard guard(j);
  try {
    db::Transaction tx(*j.conn, true);  // the write lock: other writers wait here
    if (db::meta_get(*j.conn, "generation") != j.generation) {
      result.error = fmt::format(
          "{}: the journal was migrated to other rules since it was "
          "opened; nothing of this batch was written",
          j.path);
      return result;
    }
    j.upgrade();   // an older format gets its chain in this batch's transaction
    j.catch_up();  // what other processes recorded meanwhile
    // Idempotency: a key already recorded (or repeated in this batch) names the same event.
    db::Statement by_key(
        *j.conn, fmt::format("SELECT seq, {} FROM events WHERE key = ?", db::kEventColumns));
    std::unordered_map<std::string, std::size_t> keys_here;
    std::vector<const LogEvent*> fresh;
    JournalAck ack;
    for (std::size_t i = 0; i < batch.size(); ++i) {
      const LogEvent& r = batch[i];
      if (!r.idempotency_key.empty()) {
        by_key.bind(1, r.idempotency_key);
        const bool found = by_key.step();
        const std::optional<LogEvent> stored =
            found ? std::optional<LogEvent>(db::read_event_row(by_key, 1)) : std::nullopt;
        const std::int64_t seq = found ? by_key.int64(0) : 0;
        by_key.reset();
        const auto here = keys_here.find(r.idempotency_key);
        const LogEvent* same = stored                    ? &*stored
                               : here != keys_here.end() ? &batch[here->second]
                                                         : nullptr;
        if (same && !(*same == r)) {
          result.error =
              fmt::format("event {}: {}; nothing of this batch was written", i + 1,
                          idempotency_conflict(
                              r.idempotency_key,
                              stored ? fmt::format("journal position {}", seq)
                                     : fmt::format("event {} of this batch", here->second + 1)));
          return result;
        }
        if (same) {
          ++ack.already;
          continue;
        }
        keys_here.emplace(r.idempotency_key, i);
      }
      fresh.push_back(&r);
    }
    if (fresh.empty()) {
      tx.commit();
      guard.committed();
      ack.head = j.chained() ? j.at.head : std::string();
      result.ack = ack;
      return result;
    }
    Engine trial = *j.engine;
    for (std::size_t i = 0; i < fresh.size(); ++i) {
      Refusal why;
      std::optional<Event> e = j.names->resolve(*fresh[i], why);
      if (!e) {
        result.error = fmt::format("event {}: {}; nothing of this batch was written",
                                   fresh[i] - batch.data() + 1, describe(why, *j.model, *j.org));
        return result;
      }
      if (!feed(trial, *e, &why).accepted) {
        result.refused = true;
        result.error = fmt::format("event {} refused: {}; nothing of this batch was written",
                                   fresh[i] - batch.data() + 1, describe(why, *j.model, *j.org));
        return result;
      }
    }
    const std::int64_t first = j.at.seq + 1;
    const std::int64_t last = j.at.seq + static_cast<std::int64_t>(fresh.size());
    const std::int64_t batch_id = j.at.batch + 1;  // catch_up() read every batch there is
    const std::string fingerprint = db::fingerprint_hex(trial);
    // The batch's link, hashed from the values as they are bound: the encoding of chain.h, the
    // same bytes a walk reads back (every column, in the order of the table).
    db::LinkHasher link("batch", j.at.head);
    link.row(4).integer(batch_id).integer(first).integer(last).text(fingerprint);
    std::int64_t seq = first;
    for (const LogEvent* r : fresh) {
      link.row(db::kEventRowColumns).integer(seq++).integer(batch_id).integer(r->day);
      link.integer(r->second).integer(static_cast<std::int64_t>(r->kind));
      link.text(r->who).text(r->step);
      link.optional_integer(r->hours).optional_integer(r->chars).optional_integer(r->count);
      link.text(r->form).text(r->reason).text(r->approver);
      if (r->idempotency_key.empty())
        link.null();
      else
        link.text(r->idempotency_key);
    }
    const std::string hash = link.finish();
    db::Statement add_batch(*j.conn,
                            "INSERT INTO batches(id, first_seq, last_seq, fingerprint, hash) "
                            "VALUES(?, ?, ?, ?, ?)");
    add_batch.bind(1, batch_id).bind(2, first).bind(3, last).bind(4, fingerprint);
    add_batch.bind(5, hash).run();
    db::Statement add(*j.conn, fmt::format("INSERT INTO events(seq, batch, {}) VALUES(?, ?, ?, ?, "
                                           "?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                           db::kEventColumns));
    seq = first;
    for (const LogEvent* r : fresh) {
      add.bind(1, seq++).bind(2, batch_id).bind(3, std::int64_t{r->day});
      add.bind(4, std::int64_t{r->second}).bind(5, static_cast<std::int64_t>(r->kind));
      add.bind(6, r->who).bind(7, r->step).bind(8, r->hours).bind(9, r->chars).bind(10, r->count);
      add.bind(11, r->form).bind(12, r->reason).bind(13, r->approver);
      if (r->idempotency_key.empty())
        add.bind_null(14);
      else
        add.bind(14, r->idempotency_key);
      add.run();
    }
    db::maybe_snapshot(*j.conn, last, trial, hash);
    tx.commit();  // durable from here: synchronous=FULL syncs the WAL
    guard.committed();
    j.engine = std::move(trial);
    if (j.events)
      for (const LogEvent* r : fresh) j.events->push_back(*r);
    j.at.seq = last;
    j.at.batch = batch_id;
    j.at.head = hash;
    ++j.batches;
    ack.head = hash;
    ack.batch = static_cast<std::uint64_t>(batch_id);
    ack.recorded = fresh.size();
    ack.first_seq = static_cast<std::uint64_t>(first);
    ack.last_seq = static_cast<std::uint64_t>(last);
    result.ack = ack;
  } catch (const db::SqlError& e) {
    result.error = batch_sql_error(e, j.path);
    result.ack.reset();
  }
  return result;
}

const Engine& Journal::engine() const {
  return *impl_->engine;
}

Run Journal::run_at(DayNumber day) const {
  // The journal's model and roster made its engine when it was opened: this start cannot fail.
  RunOptions options;
  options.engine = {impl_->mode, impl_->start};
  std::optional<Run> run = std::move(Run::start(impl_->model, impl_->org, options).run);
  Refusal unresolved;
  for (const LogEvent& r : events()) {
    if (r.day > day) continue;
    if (std::optional<Event> e = impl_->names->resolve(r, unresolved)) run->apply(*e);
  }
  run->advance_to(day);
  return std::move(*run);
}

void Journal::Impl::note(const std::string& text) const {
  if (on_note)
    on_note(text);
  else
    fmt::print(stderr, "{}: {}\n", path, text);
}

const std::vector<LogEvent>& Journal::events() const {
  try {
    return impl_->all_events();
  } catch (const db::SqlError& e) {
    // The file went away or broke since it was opened: say so, and give no events rather than
    // some of them.
    impl_->note(fmt::format("cannot read the journal's events: {}", e.what()));
    static const std::vector<LogEvent> kNone;
    return kNone;
  }
}
std::optional<std::string> Journal::load_events() const {
  try {
    impl_->all_events();
    return std::nullopt;
  } catch (const db::SqlError& e) {
    return fmt::format("{}: {}", impl_->path, e.what());
  }
}
std::string Journal::chain_head() const {
  return impl_->chained() ? impl_->at.head : std::string();
}
bool Journal::read_only() const {
  return impl_->read_only;
}
std::uint64_t Journal::batch_count() const {
  return impl_->batches;
}
const std::string& Journal::rules_hash() const {
  return impl_->rules_hash;
}
const std::string& Journal::roster_hash() const {
  return impl_->roster_hash;
}
const std::string& Journal::rules_path() const {
  return impl_->rules_path;
}
Mode Journal::mode() const {
  return impl_->mode;
}

}  // namespace lockstep
