// The canonical encoding of rows and the links of the journal's hash chain; see chain.h.
#include "db/chain.h"

#include <fmt/format.h>
#include <sqlite3.h>

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
    // SQLite's own tables and automatic indexes (sqlite_*) are left out: ANALYZE may add them.
    {"schema",
     "SELECT type, name, tbl_name, sql FROM sqlite_schema "
     "WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"},
};

}  // namespace

LinkHasher::LinkHasher(std::string_view kind, std::string_view prev) {
  buffer_.reserve(kFlushAt + 1024);
  text(kChainDomain).text(kind).text(prev);
}

LinkHasher::LinkHasher(std::string_view domain) {
  buffer_.reserve(1024);
  text(domain);
}

void LinkHasher::u64(std::uint64_t v) {
  char bytes[8];
  for (int i = 7; i >= 0; --i) {
    bytes[i] = static_cast<char>(v & 0xff);
    v >>= 8;
  }
  buffer_.append(bytes, 8);
}

void LinkHasher::tagged(char tag, std::string_view bytes) {
  buffer_ += tag;
  u64(bytes.size());
  buffer_.append(bytes);
  flush_if_full();
}

void LinkHasher::flush_if_full() {
  if (buffer_.size() < kFlushAt) return;
  sha_.update(buffer_);
  buffer_.clear();
}

LinkHasher& LinkHasher::row(std::int64_t columns) {
  buffer_ += 'r';
  u64(static_cast<std::uint64_t>(columns));
  return *this;
}

LinkHasher& LinkHasher::null() {
  buffer_ += 'N';
  return *this;
}

LinkHasher& LinkHasher::integer(std::int64_t v) {
  buffer_ += 'I';
  u64(static_cast<std::uint64_t>(v));
  return *this;
}

LinkHasher& LinkHasher::text(std::string_view v) {
  tagged('T', v);
  return *this;
}

LinkHasher& LinkHasher::optional_integer(const std::optional<std::int32_t>& v) {
  return v ? integer(*v) : null();
}

LinkHasher& LinkHasher::columns(const Statement& row, int first, int count) {
  for (int c = first; c < first + count; ++c) {
    switch (row.type(c)) {
      case SQLITE_INTEGER:
        integer(row.int64(c));
        break;
      case SQLITE_FLOAT: {
        const double d = row.real(c);
        std::uint64_t bits = 0;
        std::memcpy(&bits, &d, sizeof bits);
        buffer_ += 'R';
        u64(bits);
        break;
      }
      case SQLITE_TEXT:
        text(row.text(c));
        break;
      case SQLITE_BLOB: {
        const auto bytes = row.blob(c);
        tagged('B', std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
        break;
      }
      default:
        null();
    }
  }
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
  h.row(5).integer(e.id).integer(e.after_batch);
  if (e.migration)
    h.integer(*e.migration);
  else
    h.null();
  h.text(e.state).text(e.config);
  return h.finish();
}

std::string config_digest(Connection& db) {
  std::string out;
  for (const ConfigPart& part : kConfigParts) {
    LinkHasher h(fmt::format("lockstep-config/3/{}", part.name));
    Statement q(db, part.query);
    while (q.step()) {
      const int n = q.column_count();
      h.row(n).columns(q, 0, n);
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
