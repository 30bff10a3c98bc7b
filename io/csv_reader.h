// RFC 4180 records, one at a time, from untrusted text.
//
// Fields are separated by commas, records end with LF or CRLF, a field in double quotes may hold
// commas, line breaks and doubled quotes (""). Being strict is the point: a quote inside an
// unquoted field, text after a closing quote, a bare CR or an unterminated quote is an error at
// its exact byte, never guessed at. Blank lines are skipped. Each field keeps the byte span of its
// raw text (quotes included) so that callers can point diagnostics at it.
//
// Bounds (io/limits.h): a field longer than kMaxFieldBytes or a record of more than kMaxFields
// fields is an error, found before the field is copied, so a hostile file cannot make one record
// grow without limit.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "io/limits.h"

namespace lockstep::io {

struct CsvField {
  std::string text;       // the value, quotes removed and "" unescaped
  std::size_t begin = 0;  // byte span of the raw field in the input
  std::size_t end = 0;
  bool quoted = false;
};

struct CsvError {
  std::size_t offset = 0;  // the byte the problem is at
  std::string message;     // what was expected there
};

class CsvReader {
 public:
  static constexpr std::size_t kMaxFieldBytes = io::kMaxFieldBytes;
  static constexpr std::size_t kMaxFields = kMaxCsvFields;

  enum class Next { kRecord, kBadRecord, kEnd };

  // Reads `text` from byte `start` (past a byte order mark, say). `text` must outlive the reader.
  CsvReader(std::string_view text, std::size_t start) : text_(text), pos_(start) {}

  // kRecord: `fields` holds the next record. kBadRecord: `error` says what is wrong, and the
  // reader has skipped to the start of the next line (to the end of the input after an
  // unterminated quote). kEnd: nothing is left.
  Next next(std::vector<CsvField>& fields, CsvError& error);

  // Byte offset where the record last returned began.
  std::size_t record_begin() const { return record_begin_; }

 private:
  bool read_quoted(CsvField& f, CsvError& error);
  bool read_plain(CsvField& f, CsvError& error);
  void skip_line();

  std::string_view text_;
  std::size_t pos_;
  std::size_t record_begin_ = 0;
};

}  // namespace lockstep::io
