// The journal's hash chain (format 3, db/schema.h): a canonical encoding of stored rows, and the
// SHA-256 links that bind every row of a journal to everything recorded before it, so that an
// edit of any stored byte is found by `db verify` (docs/reliability.md, "Threat model").
//
// The links, in chain order: the genesis epoch; then the batches by id, each followed by the
// epochs made right after it (one per migration, `after_batch` naming the newest batch when it
// was made; by id when several follow the same batch). A link's hash is
//
//   SHA-256( T"lockstep-chain/3" T<kind> T<prev> <rows> )
//
// with kind "batch" or "epoch", prev the hash (hex) of the link before it ("" for the genesis),
// and rows: for a batch, its batches row (id, first_seq, last_seq, fingerprint) then every column
// of each of its events (the ones with first_seq <= seq <= last_seq) by seq; for an epoch, its
// epochs row (id, after_batch, migration, state, config). A link's own `hash` column is the only
// stored value outside its hash; it is checked by recomputing it.
//
// An epoch's `config` covers what is not in a batch: the digest of the meta rows, the sources
// rows (rules and roster text, paths), the migrations rows and the journal's schema
// (sqlite_schema: type, name, table and SQL of its tables and indexes, not their page numbers,
// which VACUUM moves, nor ANALYZE's sqlite_stat tables). `db migrate` replaces the rules and
// updates meta, then records an epoch with the new config in the same transaction, so only the
// newest epoch's config must equal the rows as they are now; an older one is history, bound into
// the chain like any other link.
//
// Encoding (each value tagged with SQLite's storage class, so the integer 2500 and the text
// '2500' differ): NULL 'N'; INTEGER 'I' + 8 bytes big-endian two's complement; REAL 'R' + the 8
// bytes of its IEEE-754 bits, big-endian; TEXT 'T' and BLOB 'B' + an 8-byte big-endian length +
// the bytes. A row is 'r' + an 8-byte column count + its values. Every element is tagged and its
// size is known from its first bytes, so different sequences of rows never encode alike.
//
// Invariants: the same rows give the same hash on every machine and every run; the encoder
// used by append (from the values it binds) and by reading (from the values SQLite returns)
// produce the same bytes for the same stored row (the tests verify every journal they write).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "db/sha256.h"
#include "db/sqlite.h"

namespace lockstep::db {

inline constexpr std::string_view kChainDomain = "lockstep-chain/3";

// One link being hashed: values are encoded into a buffer handed to SHA-256 in large pieces, so
// that hashing a batch of a million events costs little more than reading it.
class LinkHasher {
 public:
  // Starts a link of `kind` ("batch", "epoch") after the link whose hash is `prev`.
  LinkHasher(std::string_view kind, std::string_view prev);
  // Starts a digest of something else under its own domain (a part of an epoch's config).
  explicit LinkHasher(std::string_view domain);

  LinkHasher& row(std::int64_t columns);        // a row of `columns` values follows
  LinkHasher& encoded(std::string_view bytes);  // values already encoded (encode_columns)
  LinkHasher& null();
  LinkHasher& integer(std::int64_t v);
  LinkHasher& text(std::string_view v);
  LinkHasher& optional_integer(const std::optional<std::int32_t>& v);  // NULL when absent
  // A row of columns [first, first + count) of the statement's current row, as SQLite holds
  // them: the same bytes as row(count) followed by each value.
  LinkHasher& columns(const Statement& row, int first, int count);

  std::string finish();  // the hash as 64 lowercase hex digits; call once

 private:
  void flush_if_full();
  util::Sha256 sha_;
  std::string buffer_;
};

// The batch and epoch rows as stored, read for a walk and by the checks.
struct BatchRow {
  std::int64_t id = 0, first = 0, last = 0;
  std::string fingerprint, hash;
};
struct EpochRow {
  std::int64_t id = 0, after_batch = 0;
  std::optional<std::int64_t> migration;  // none for the genesis
  std::string state, config, hash;
  // Read from the file: its row (id .. config) as stored, encoded; what a walk hashes, so that a
  // value stored under another storage class with the same bytes is still another row.
  std::string stored;
};

// Appends the encoding of a row of columns [first, first + count) of the statement's current
// row, as SQLite holds them, to `out`. Call it before reading those columns any other way:
// SQLite converts a value read under another type in place, and its storage class is then lost.
void encode_columns(std::string& out, const Statement& row, int first, int count);

// The hash of an epoch link: from the row as read from the file when `e.stored` is set, else
// from its values (as they will be stored).
std::string epoch_hash(std::string_view prev, const EpochRow& e);

// Records an epoch link after the link whose hash is `prev` ("" for the genesis): the next id,
// its config the digest of the rows as they are now (so everything the epoch records must be
// written first), its hash; inside the caller's write transaction. Returns the row written.
EpochRow add_epoch(Connection& db, std::int64_t after_batch, std::optional<std::int64_t> migration,
                   const std::string& state, const std::string& prev);

// The digest of everything an epoch's `config` covers, as it is now: one line per part,
// "meta HEX\nsources HEX\nmigrations HEX\nschema HEX".
std::string config_digest(Connection& db);

// What differs between a recorded config and the one computed now: the parts by name with both
// digests, "" when they are equal.
std::string config_difference(std::string_view recorded, std::string_view now);

bool is_hash_hex(std::string_view text);  // 64 hex digits

}  // namespace lockstep::db
