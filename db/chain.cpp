// The canonical encoding of rows and the links of the journal's hash chain; see chain.h.
#include "db/chain.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include <bit>
#include <cstring>
#include <vector>

namespace lockstep::db {
namespace {

constexpr std::size_t kFlushAt = 1 << 16;

// The parts of an epoch's config, in the order they are written, with the query that reads
// each part's rows in a fixed order.
struct ConfigPart {
  const char* name;
  const char* query;
};
constexpr ConfigPart kConfigParts[] = {
    {"meta", "SELECT * FROM meta ORDER BY key"},
    {"sources", "SELECT * FROM sources ORDER BY kind, idx"},
    {"migrations", "SELECT * FROM migrations ORDER BY id"},
    // Page numbers are left out (VACUUM moves them), and ANALYZE's statistics tables, which a
    // user may add; the automatic indexes of UNIQUE columns are in.
    {"schema",
     "SELECT type, name, tbl_name, sql FROM sqlite_schema "
     "WHERE name NOT LIKE 'sqlite\\_stat%' ESCAPE '\\' ORDER BY name"},
};

// A tag and a 64-bit number, big-endian whatever the machine's order (so the same rows hash alike
// everywhere), appended at once: this runs for every value of every event read.
void put_tagged(std::string& out, char tag, std::uint64_t v) {
  if constexpr (std::endian::native == std::endian::little) v = __builtin_bswap64(v);
  char bytes[9];
  bytes[0] = tag;
  std::memcpy(bytes + 1, &v, 8);
  out.append(bytes, sizeof bytes);
}

void put_integer(std::string& out, std::int64_t v) {
  put_tagged(out, 'I', static_cast<std::uint64_t>(v));
}

void put_bytes(std::string& out, char tag, std::string_view bytes) {
  put_tagged(out, tag, bytes.size());
  out.append(bytes);
}

}  // namespace

void encode_columns(std::string& out, const Statement& row, int first, int count) {
  put_tagged(out, 'r', static_cast<std::uint64_t>(count));
  for (int c = first; c < first + count; ++c) {
    switch (row.type(c)) {
      case SQLITE_INTEGER:
        put_integer(out, row.int64(c));
        break;
      case SQLITE_FLOAT: {
        const double d = row.real(c);
        std::uint64_t bits = 0;
        std::memcpy(&bits, &d, sizeof bits);
        put_tagged(out, 'R', bits);
        break;
      }
      case SQLITE_TEXT:
        put_bytes(out, 'T', row.text_view(c));
        break;
      case SQLITE_BLOB: {
        const auto bytes = row.blob(c);
        put_bytes(out, 'B',
                  std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
        break;
      }
      default:
        out += 'N';
    }
  }
}

LinkHasher::LinkHasher(std::string_view kind, std::string_view prev) {
  buffer_.reserve(kFlushAt + 1024);
  text(kChainDomain).text(kind).text(prev);
}

LinkHasher::LinkHasher(std::string_view domain) {
  buffer_.reserve(1024);
  text(domain);
}

void LinkHasher::flush_if_full() {
  if (buffer_.size() < kFlushAt) return;
  sha_.update(buffer_);
  buffer_.clear();
}

LinkHasher& LinkHasher::row(std::int64_t columns) {
  put_tagged(buffer_, 'r', static_cast<std::uint64_t>(columns));
  return *this;
}

LinkHasher& LinkHasher::encoded(std::string_view bytes) {
  buffer_.append(bytes);
  flush_if_full();
  return *this;
}

LinkHasher& LinkHasher::null() {
  buffer_ += 'N';
  return *this;
}

LinkHasher& LinkHasher::integer(std::int64_t v) {
  put_integer(buffer_, v);
  return *this;
}

LinkHasher& LinkHasher::text(std::string_view v) {
  put_bytes(buffer_, 'T', v);
  flush_if_full();
  return *this;
}

LinkHasher& LinkHasher::optional_integer(const std::optional<std::int32_t>& v) {
  return v ? integer(*v) : null();
}

LinkHasher& LinkHasher::columns(const Statement& row, int first, int count) {
  encode_columns(buffer_, row, first, count);
  flush_if_full();
  return *this;
}

std::string LinkHasher::finish() {
  sha_.update(buffer_);
  buffer_.clear();
  return sha_.hex_digest();
}

std::string epoch_hash(std::string_view prev, const EpochRow& e) {
  LinkHasher h("epoch", prev);
  if (!e.stored.empty()) return h.encoded(e.stored).finish();
  h.row(5).integer(e.id).integer(e.after_batch);
  if (e.migration)
    h.integer(*e.migration);
  else
    h.null();
  h.text(e.state).text(e.config);
  return h.finish();
}

EpochRow add_epoch(Connection& db, std::int64_t after_batch, std::optional<std::int64_t> migration,
                   const std::string& state, const std::string& prev) {
  EpochRow e;
  Statement next(db, "SELECT coalesce(max(id), 0) + 1 FROM epochs");
  e.id = next.step() ? next.int64(0) : 1;
  e.after_batch = after_batch;
  e.migration = migration;
  e.state = state;
  e.config = config_digest(db);
  e.hash = epoch_hash(prev, e);
  Statement add(db,
                "INSERT INTO epochs(id, after_batch, migration, state, config, hash) "
                "VALUES(?, ?, ?, ?, ?, ?)");
  add.bind(1, e.id).bind(2, e.after_batch);
  if (migration)
    add.bind(3, *migration);
  else
    add.bind_null(3);
  add.bind(4, e.state).bind(5, e.config).bind(6, e.hash).run();
  return e;
}

std::string config_digest(Connection& db) {
  std::string out;
  for (const ConfigPart& part : kConfigParts) {
    LinkHasher h(fmt::format("lockstep-config/3/{}", part.name));
    Statement q(db, part.query);
    while (q.step()) {
      const int n = q.column_count();
      h.columns(q, 0, n);
    }
    out += fmt::format("{}{} {}", out.empty() ? "" : "\n", part.name, h.finish());
  }
  return out;
}

std::string config_difference(std::string_view recorded, std::string_view now) {
  if (recorded == now) return {};
  // Both are "name HEX" lines; name each part whose digest differs.
  const auto lines = [](std::string_view text) {
    std::vector<std::string_view> out;
    while (!text.empty()) {
      const std::size_t end = text.find('\n');
      out.push_back(text.substr(0, end));
      if (end == std::string_view::npos) break;
      text.remove_prefix(end + 1);
    }
    return out;
  };
  const std::vector<std::string_view> a = lines(recorded), b = lines(now);
  std::string out;
  for (std::size_t i = 0; i < b.size(); ++i) {
    const std::string_view found = b[i];
    const std::string_view name = found.substr(0, found.find(' '));
    const std::string_view expected = i < a.size() ? a[i] : std::string_view("(nothing)");
    if (expected == found) continue;
    out += fmt::format("{}its {} rows hash to {}, the epoch recorded {}", out.empty() ? "" : "; ",
                       name, found.substr(found.find(' ') + 1),
                       expected.substr(expected.find(' ') + 1));
  }
  if (out.empty()) out = fmt::format("the epoch recorded '{}', the rows give '{}'", recorded, now);
  return out;
}

bool is_hash_hex(std::string_view text) {
  if (text.size() != 64) return false;
  for (const char c : text)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

}  // namespace lockstep::db
