// The SQLite RAII layer; see sqlite.h.
#include "db/sqlite.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include <cctype>
#include <chrono>
#include <filesystem>
#include <thread>

namespace lockstep::db {
namespace {

[[noreturn]] void fail(sqlite3* db, int code, std::string_view doing) {
  const char* msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(code);
  throw SqlError(code, fmt::format("{}: {}", doing, msg ? msg : sqlite3_errstr(code)));
}

// Retries with short sleeps until the timeout; SQLite's own handler cannot tell us it started.
int busy_handler(void* context, int attempts) {
  auto* w = static_cast<Connection::Waiter*>(context);
  constexpr int kSleepMs = 5;
  if (attempts == 0 && !w->told && w->on_wait) {
    w->told = true;
    w->on_wait();
  }
  if (attempts * kSleepMs >= w->timeout_ms) return 0;
  std::this_thread::sleep_for(std::chrono::milliseconds(kSleepMs));
  return 1;
}

}  // namespace

bool SqlError::busy() const {
  const int primary = code_ & 0xff;
  return primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
}

bool SqlError::corrupt() const {
  const int primary = code_ & 0xff;
  return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB;
}

bool SqlError::read_only() const {
  return (code_ & 0xff) == SQLITE_READONLY;
}

Connection::Connection(const std::string& path, Open how) {
  const int access = how == Open::kCreate     ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
                     : how == Open::kExisting ? SQLITE_OPEN_READWRITE
                                              : SQLITE_OPEN_READONLY;
  open(path, access | SQLITE_OPEN_NOMUTEX);
  if (how == Open::kCreate) return;
  // SQLite opens lazily: the first read is what needs the -shm file.
  const int rc = sqlite3_exec(db_, "SELECT count(*) FROM sqlite_schema", nullptr, nullptr, nullptr);
  if ((rc & 0xff) != SQLITE_CANTOPEN) return;  // fine, or an error the caller's checks will name
  std::error_code ec;
  const std::string wal = path + "-wal";
  const std::uintmax_t wal_bytes =
      std::filesystem::exists(wal, ec) ? std::filesystem::file_size(wal, ec) : 0;
  constexpr std::uintmax_t kWalHeader = 32;  // a WAL this short holds no frame
  if (wal_bytes > kWalHeader) {
    sqlite3_close_v2(db_);
    db_ = nullptr;
    throw SqlError(rc, fmt::format("cannot open '{}': its write-ahead log '{}' holds {} bytes of "
                                   "changes that SQLite reads only through '{}-shm', which is "
                                   "missing and cannot be made here (read-only storage?); open it "
                                   "once where it can be written, or copy the journal with its "
                                   "-wal file to writable storage",
                                   path, wal, wal_bytes, path));
  }
  // Read-only storage and no WAL to miss: read the file as it is.
  sqlite3_close_v2(db_);
  db_ = nullptr;
  std::string uri = "file:";
  for (const unsigned char c : std::filesystem::absolute(path, ec).string()) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~')
      uri += static_cast<char>(c);
    else
      uri += fmt::format("%{:02X}", c);
  }
  open(uri + "?immutable=1", SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX);
}

void Connection::open(const std::string& name, int flags) {
  const int rc = sqlite3_open_v2(name.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    const std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close_v2(db_);
    db_ = nullptr;
    throw SqlError(rc, fmt::format("cannot open '{}': {}", name, msg));
  }
  sqlite3_extended_result_codes(db_, 1);
}

bool Connection::read_only() const {
  return sqlite3_db_readonly(db_, "main") == 1;
}

Connection::~Connection() {
  for (const auto& [sql, stmt] : free_) sqlite3_finalize(stmt);
  sqlite3_close_v2(db_);
}

sqlite3_stmt* Connection::take(std::string_view sql) {
  const auto it = free_.find(std::string(sql));
  if (it != free_.end()) {
    sqlite3_stmt* stmt = it->second;
    free_.erase(it);
    return stmt;
  }
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) fail(db_, rc, "preparing a query");
  return stmt;
}

void Connection::give_back(std::string_view sql, sqlite3_stmt* stmt) {
  if (stmt == nullptr) return;
  sqlite3_reset(stmt);
  sqlite3_clear_bindings(stmt);
  free_.emplace(std::string(sql), stmt);
}

void Connection::exec(const std::string& sql) {
  char* err = nullptr;
  const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    const std::string msg = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    throw SqlError(sqlite3_extended_errcode(db_), msg);
  }
}

void Connection::set_busy_timeout(int timeout_ms, std::function<void()> on_wait) {
  waiter_.timeout_ms = timeout_ms;
  waiter_.on_wait = std::move(on_wait);
  sqlite3_busy_handler(db_, busy_handler, &waiter_);
}

std::int64_t Connection::last_insert_rowid() const {
  return sqlite3_last_insert_rowid(db_);
}

Statement::Statement(Connection& db, std::string_view sql)
    : db_(db), sql_(sql), stmt_(db.take(sql)) {}

Statement::~Statement() {
  db_.give_back(sql_, stmt_);
}

Statement& Statement::bind(int index, std::int64_t value) {
  const int rc = sqlite3_bind_int64(stmt_, index, value);
  if (rc != SQLITE_OK) fail(db_.handle(), rc, "binding a value");
  return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
  const int rc =
      sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  if (rc != SQLITE_OK) fail(db_.handle(), rc, "binding a value");
  return *this;
}

Statement& Statement::bind(int index, const std::optional<std::int32_t>& value) {
  return value ? bind(index, std::int64_t{*value}) : bind_null(index);
}

Statement& Statement::bind_null(int index) {
  const int rc = sqlite3_bind_null(stmt_, index);
  if (rc != SQLITE_OK) fail(db_.handle(), rc, "binding a value");
  return *this;
}

Statement& Statement::bind_blob(int index, std::span<const std::uint8_t> bytes) {
  // A zero-length blob needs a non-null pointer, or SQLite binds NULL.
  static const std::uint8_t kNothing = 0;
  const int rc = sqlite3_bind_blob64(stmt_, index, bytes.empty() ? &kNothing : bytes.data(),
                                     bytes.size(), SQLITE_TRANSIENT);
  if (rc != SQLITE_OK) fail(db_.handle(), rc, "binding a value");
  return *this;
}

bool Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  const int code = sqlite3_extended_errcode(db_.handle());
  const std::string msg = sqlite3_errmsg(db_.handle());
  sqlite3_reset(stmt_);
  throw SqlError(code, msg);
}

void Statement::run() {
  while (step()) {
  }
  reset();
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

int Statement::column_count() const {
  return sqlite3_column_count(stmt_);
}

int Statement::type(int column) const {
  return sqlite3_column_type(stmt_, column);
}

double Statement::real(int column) const {
  return sqlite3_column_double(stmt_, column);
}

bool Statement::is_null(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

std::int64_t Statement::int64(int column) const {
  return sqlite3_column_int64(stmt_, column);
}

std::string Statement::text(int column) const {
  const auto* p = sqlite3_column_text(stmt_, column);
  const int n = sqlite3_column_bytes(stmt_, column);
  return p ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n))
           : std::string();
}

std::string_view Statement::text_view(int column) const {
  const auto* p = sqlite3_column_text(stmt_, column);
  const int n = sqlite3_column_bytes(stmt_, column);
  return p ? std::string_view(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n))
           : std::string_view();
}

std::optional<std::int32_t> Statement::opt_int32(int column) const {
  if (is_null(column)) return std::nullopt;
  return static_cast<std::int32_t>(sqlite3_column_int64(stmt_, column));
}

std::span<const std::uint8_t> Statement::blob(int column) const {
  const auto* p = static_cast<const std::uint8_t*>(sqlite3_column_blob(stmt_, column));
  const int n = sqlite3_column_bytes(stmt_, column);
  if (!p || n <= 0) return {};
  return {p, static_cast<std::size_t>(n)};
}

Transaction::Transaction(Connection& db, bool immediate) : db_(db) {
  db_.exec(immediate ? "BEGIN IMMEDIATE" : "BEGIN");
}

Transaction::~Transaction() {
  if (!open_) return;
  try {
    db_.exec("ROLLBACK");
  } catch (const SqlError&) {
    // The transaction may already be gone (SQLite rolls back on some errors by itself).
  }
}

void Transaction::commit() {
  db_.exec("COMMIT");
  open_ = false;
}

}  // namespace lockstep::db
