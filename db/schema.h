// The journal's file format: SQLite with application_id 'Lksp' and user_version kFormatVersion.
//
//   meta(key, value)        mode, start, rules_hash, roster_hash, generation (bumped by migrate),
//                           format
//   sources(kind, idx, path, text)   the rules files (idx in load order) and the roster (idx 0)
//   batches(id, first_seq, last_seq, fingerprint, hash)   one per committed batch; fingerprint:
//                           the engine's state digest after the batch, as hex, under the rules of
//                           the epoch it was recorded in; hash: its link in the chain (format 3)
//   events(seq, batch, day, second, kind, who, step, hours, chars, count, form, reason,
//          approver, key)   every accepted event, names as written (so a migration can resolve
//                           them against new rules); key NULL or unique
//   migrations(id, from_hash, to_hash, events)
//   epochs(id, after_batch, migration, state, config, hash)   (format 3) the links of the chain
//                           that are not batches: id 1 the genesis (made with the journal, or when
//                           an older format got its chain), then one per migration. after_batch:
//                           the newest batch when it was made (0: none); migration: the migrations
//                           row it records (NULL for the genesis); state: the engine's digest at
//                           that point under the rules it starts; config: the digest of meta,
//                           sources, migrations and the schema as they stood (db/chain.h)
//   snapshots(seq, fingerprint, sha256, state, chain)   (format 2) the engine's state after event
//                           seq, which ends a batch: its digest as hex, the SHA-256 of the blob,
//                           the blob (Engine::save_state) and (format 3) the chain's head at that
//                           point. A cache: written beside a batch, pruned to the newest few,
//                           dropped by migrate, never trusted further than its checks
//                           (db/snapshots.h)
//
// The chain (db/chain.h): every batch's hash covers every column of the batch row and of each of
// its events and the hash of the link before it; every epoch's hash its own row and the link
// before it; the newest epoch's config covers the rest. So an edit of any stored value but a
// snapshot's (a cache, checked on its own) breaks a link or the config, and `db verify` names
// the first link that does not match. The chain's head (the newest link's hash) changes with
// every batch and migration: a user who keeps it elsewhere can later prove that nothing was
// rewritten, not even consistently (`db verify --expect-head`).
//
// Older formats: format 1 is format 2 without the snapshots table; format 2 is format 3 without
// the chain (no epochs table, no batches.hash, no snapshots.chain). Both are read as they are,
// and upgraded in place by the first transaction that writes to them: the tables and columns
// added, the genesis recorded, and every existing batch hashed in order, so the chain vouches for
// the rows as they were at that moment. A file saying an older format while holding the chain
// (its user_version lowered) is refused as damaged.
//
// Invariants: events of a batch are contiguous, seq first_seq..last_seq; batches follow each
// other without gaps in seq. Nothing in a link is ever updated or deleted (format 3): batches,
// events, epochs and migrations are only appended; migrate replaces the rules and updates meta
// and records that in a new epoch, in one transaction. Only snapshots are rewritten and pruned.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "db/sqlite.h"

namespace lockstep::db {

inline constexpr std::int64_t kApplicationId = 0x4c6b7370;  // "Lksp"
inline constexpr std::int64_t kFormatVersion = 3;
inline constexpr std::int64_t kChainFormatVersion = 3;   // the first format with the hash chain
inline constexpr std::int64_t kOldestFormatVersion = 1;  // still read, upgraded when written

// Sets the durability pragmas every connection uses: WAL, synchronous=FULL, foreign keys. A
// read-only connection gets only foreign keys: it can change no mode of the file.
void set_pragmas(Connection& db);

// Creates the tables and stamps application_id and user_version; inside the caller's transaction.
void create_schema(Connection& db);

// Adds the tables and columns format `from` lacks and stamps kFormatVersion; inside the caller's
// write transaction. Nothing to do when `from` is kFormatVersion. The chain itself is the
// journal's to compute (it needs the engine's first state): Journal::Impl::upgrade.
void upgrade_schema(Connection& db, std::int64_t from);

// Why this file is not a journal this program can use (foreign application, other version,
// missing tables), or nothing when it is one; `version` receives its format version.
std::optional<std::string> check_format(Connection& db, const std::string& path,
                                        std::int64_t* version = nullptr);

// Reads the file's first bytes: a clear error for what is not SQLite at all (empty, truncated,
// random bytes, a directory), before SQLite sees it.
std::optional<std::string> check_header(const std::string& path);

std::string meta_get(Connection& db, const std::string& key);
void meta_set(Connection& db, const std::string& key, const std::string& value);

}  // namespace lockstep::db
