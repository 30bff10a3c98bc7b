// A thin RAII layer over the SQLite C API for the journal: a connection and prepared statements.
// Every failing call throws SqlError carrying SQLite's own message and result code; the journal
// catches it at its public boundary (lockstep/journal.h), so nothing of SQLite leaks out.
//
// Invariants: a Statement never outlives the Connection that prepared it; a Connection is closed
// exactly once (sqlite3_close_v2 finalizes nothing for us, so statements go first).
//
// Prepared statements are kept by their connection and reused: a Statement takes one prepared
// for its SQL when there is one free, and gives it back reset, its bindings cleared, when it goes
// out of scope. Recording a batch runs the same dozen queries every time; parsing them again each
// time cost more than the rest of the batch's work.
//
// Read-only storage: a journal is in WAL mode, and SQLite reads a WAL database only through its
// -shm file, which it cannot make on read-only storage ("unable to open database file"). When
// that happens and there is no -wal file holding changes (a journal closed cleanly has none), the
// file is opened again with SQLite's `immutable=1`, which reads it as it is; that is exact only
// because nothing can be in a WAL that does not exist. A -wal file with frames in it but no -shm
// is refused with a sentence saying so, never read past (immutable would silently miss them).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;

namespace lockstep::db {

class SqlError : public std::runtime_error {
 public:
  SqlError(int code, const std::string& what) : std::runtime_error(what), code_(code) {}
  int code() const { return code_; }
  bool busy() const;       // the database was locked by another process past the timeout
  bool corrupt() const;    // not a database, or a damaged one
  bool read_only() const;  // a write refused: read-only storage or a file that is not writable

 private:
  int code_;
};

class Connection {
 public:
  enum class Open {
    kCreate,    // read-write, making the file when missing
    kExisting,  // read-write when the file and its folder can be written, else read-only
    kReadOnly,  // SQLite's read-only mode, even when the file could be written
  };
  Connection(const std::string& path, Open how);
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  void exec(const std::string& sql);
  // Waits up to `timeout_ms` for another process's lock, calling `on_wait` once when it starts
  // waiting, so the user knows why nothing happens.
  void set_busy_timeout(int timeout_ms, std::function<void()> on_wait);
  std::int64_t last_insert_rowid() const;
  sqlite3* handle() const { return db_; }
  // True when nothing can be written through this connection: read-only storage, a file or
  // folder that is not writable, or Open::kReadOnly.
  bool read_only() const;

  struct Waiter {
    int timeout_ms = 0;
    std::function<void()> on_wait;
    bool told = false;
  };

 private:
  friend class Statement;
  sqlite3_stmt* take(std::string_view sql);  // a free prepared statement for `sql`, or a new one
  void give_back(std::string_view sql, sqlite3_stmt* stmt);
  void open(const std::string& name, int flags);
  sqlite3* db_ = nullptr;
  Waiter waiter_;
  std::unordered_multimap<std::string, sqlite3_stmt*> free_;  // prepared, reset, not in use
};

class Statement {
 public:
  Statement(Connection& db, std::string_view sql);
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, const std::optional<std::int32_t>& value);  // NULL when absent
  Statement& bind_null(int index);
  Statement& bind_blob(int index, std::span<const std::uint8_t> bytes);
  // Steps once: true while a row is available, false when done.
  bool step();
  // Steps to the end (for statements returning no rows) and resets for the next use.
  void run();
  void reset();

  int column_count() const;
  // SQLite's storage class of a column of the current row (SQLITE_INTEGER ... SQLITE_NULL).
  int type(int column) const;
  bool is_null(int column) const;
  double real(int column) const;
  std::int64_t int64(int column) const;
  std::string text(int column) const;
  std::string_view text_view(int column) const;  // valid until the next step() or reset()
  std::optional<std::int32_t> opt_int32(int column) const;
  // The bytes of a BLOB (or text) column, valid until the next step() or reset().
  std::span<const std::uint8_t> blob(int column) const;

 private:
  Connection& db_;
  std::string sql_;
  sqlite3_stmt* stmt_ = nullptr;
};

// A transaction rolled back unless commit() was called.
class Transaction {
 public:
  // IMMEDIATE takes the write lock now, so two writers queue here instead of failing later.
  Transaction(Connection& db, bool immediate);
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();
  void commit();

 private:
  Connection& db_;
  bool open_ = true;
};

}  // namespace lockstep::db
