// See csv_reader.h.
#include "io/csv_reader.h"

namespace lockstep::io {

bool CsvReader::read_quoted(CsvField& f, CsvError& error) {
  f.quoted = true;
  ++pos_;  // the opening quote
  // Past the limit the field is no longer copied, only scanned to its closing quote, so that an
  // endless field costs nothing but the scan and reading resumes after it.
  bool too_long = false;
  for (;;) {
    const std::size_t q = text_.find('"', pos_);
    if (q == std::string_view::npos) {
      error = {f.begin, "unterminated quoted field: expected a closing '\"'"};
      pos_ = text_.size();
      return false;
    }
    too_long = too_long || f.text.size() + (q - pos_) > kMaxFieldBytes;
    if (!too_long) f.text.append(text_.substr(pos_, q - pos_));
    pos_ = q + 1;
    if (pos_ < text_.size() && text_[pos_] == '"') {  // "" stands for one quote
      if (!too_long) f.text.push_back('"');
      ++pos_;
    } else {
      break;
    }
  }
  if (too_long || f.text.size() > kMaxFieldBytes) {
    error = {f.begin, "a field longer than 65536 bytes (64 KiB)"};
    skip_line();
    return false;
  }
  f.end = pos_;
  if (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '\n' && text_[pos_] != '\r') {
    error = {pos_, "expected ',' or the end of the line after a closing quote"};
    skip_line();
    return false;
  }
  return true;
}

bool CsvReader::read_plain(CsvField& f, CsvError& error) {
  while (pos_ < text_.size()) {
    const char c = text_[pos_];
    if (c == ',' || c == '\n' || c == '\r') break;
    if (c == '"') {
      error = {pos_,
               "unexpected '\"' in an unquoted field: quote the whole field and double the quotes "
               "inside it"};
      skip_line();
      return false;
    }
    ++pos_;
  }
  if (pos_ - f.begin > kMaxFieldBytes) {
    error = {f.begin, "a field longer than 65536 bytes (64 KiB)"};
    skip_line();
    return false;
  }
  f.end = pos_;
  f.text.assign(text_.substr(f.begin, pos_ - f.begin));
  return true;
}

void CsvReader::skip_line() {
  const std::size_t nl = text_.find('\n', pos_);
  pos_ = nl == std::string_view::npos ? text_.size() : nl + 1;
}

CsvReader::Next CsvReader::next(std::vector<CsvField>& fields, CsvError& error) {
  // Fields of the previous record are reused, so that their strings keep their capacity: in
  // steady state reading a record allocates nothing.
  std::size_t count = 0;
  const auto finish = [&](Next result) {
    fields.resize(result == Next::kRecord ? count : 0);
    return result;
  };
  // Blank lines (LF or CRLF alone) separate nothing and are skipped.
  for (;;) {
    if (pos_ >= text_.size()) return finish(Next::kEnd);
    if (text_[pos_] == '\n') {
      ++pos_;
    } else if (text_.substr(pos_, 2) == "\r\n") {
      pos_ += 2;
    } else {
      break;
    }
  }
  record_begin_ = pos_;
  for (;;) {
    if (count == kMaxFields) {
      error = {pos_, "more than 1024 fields in one record"};
      skip_line();
      return finish(Next::kBadRecord);
    }
    if (count == fields.size()) fields.emplace_back();
    CsvField& f = fields[count++];
    f.text.clear();
    f.quoted = false;
    f.begin = pos_;
    const bool ok =
        pos_ < text_.size() && text_[pos_] == '"' ? read_quoted(f, error) : read_plain(f, error);
    if (!ok) return finish(Next::kBadRecord);
    if (pos_ >= text_.size()) return finish(Next::kRecord);
    const char c = text_[pos_];
    if (c == ',') {
      ++pos_;
      continue;
    }
    if (c == '\n') {
      ++pos_;
      return finish(Next::kRecord);
    }
    // c == '\r': only CRLF ends a record.
    if (text_.substr(pos_, 2) == "\r\n") {
      pos_ += 2;
      return finish(Next::kRecord);
    }
    error = {pos_, "carriage return not followed by a line feed"};
    skip_line();
    return finish(Next::kBadRecord);
  }
}

}  // namespace lockstep::io
