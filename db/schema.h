// The journal's file format: SQLite with application_id 'Lksp' and user_version kFormatVersion.
//
//   meta(key, value)        mode, start, rules_hash, roster_hash, generation (bumped by migrate)
//   sources(kind, idx, path, text)   the rules files (idx in load order) and the roster (idx 0)
//   batches(id, first_seq, last_seq, fingerprint)   one per committed batch; the fingerprint is
//                           the engine's state digest after the batch, as hex
//   events(seq, batch, day, second, kind, who, step, hours, chars, count, form, reason,
//          approver, key)   every accepted event, names as written (so a migration can resolve
//                           them against new rules); key NULL or unique
//   migrations(id, from_hash, to_hash, events)
//   snapshots(seq, fingerprint, sha256, state)   (format 2) the engine's state after event seq,
//                           which ends a batch: its digest as hex (equal to that batch's), the
//                           SHA-256 of the blob, and the blob (Engine::save_state). A cache:
//                           written beside a batch, pruned to the newest few, dropped by migrate,
//                           never trusted further than its checks (db/snapshots.h)
//
// Format 1 is format 2 without the snapshots table; it is read as it is, and upgraded in place
// (the table added, user_version set to 2) by the first transaction that writes to it.
//
// Invariants: events of a batch are contiguous, seq first_seq..last_seq; batches follow each
// other without gaps in seq. Nothing is ever updated or deleted except by migrate, which rewrites
// the rules, the fingerprints and meta in one transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "db/sqlite.h"

namespace lockstep::db {

inline constexpr std::int64_t kApplicationId = 0x4c6b7370;  // "Lksp"
inline constexpr std::int64_t kFormatVersion = 2;
inline constexpr std::int64_t kOldestFormatVersion = 1;  // still read, upgraded when written

// Sets the durability pragmas every connection uses: WAL, synchronous=FULL, foreign keys.
void set_pragmas(Connection& db);

// Creates the tables and stamps application_id and user_version; inside the caller's transaction.
void create_schema(Connection& db);

// Adds what format `from` lacks and stamps kFormatVersion; inside the caller's write
// transaction. Nothing to do when `from` is kFormatVersion.
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
