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
inline constexpr std::int64_t kFormatVersion = 1;

// Sets the durability pragmas every connection uses: WAL, synchronous=FULL, foreign keys.
void set_pragmas(Connection& db);

// Creates the tables and stamps application_id and user_version; inside the caller's transaction.
void create_schema(Connection& db);

// Why this file is not a journal this program can use (foreign application, other version,
// missing tables), or nothing when it is one.
std::optional<std::string> check_format(Connection& db, const std::string& path);

// Reads the file's first bytes: a clear error for what is not SQLite at all (empty, truncated,
// random bytes, a directory), before SQLite sees it.
std::optional<std::string> check_header(const std::string& path);

std::string meta_get(Connection& db, const std::string& key);
void meta_set(Connection& db, const std::string& key, const std::string& value);

}  // namespace lockstep::db
