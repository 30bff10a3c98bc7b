#include <doctest/doctest.h>

#include "io/csv_reader.h"

using lockstep::io::CsvError;
using lockstep::io::CsvField;
using lockstep::io::CsvReader;

namespace {

std::vector<std::vector<std::string>> records(std::string_view text) {
  std::vector<std::vector<std::string>> out;
  std::vector<CsvField> fields;
  CsvError error;
  CsvReader reader(text, 0);
  while (reader.next(fields, error) == CsvReader::Next::kRecord) {
    auto& r = out.emplace_back();
    for (auto& f : fields) r.push_back(f.text);
  }
  return out;
}

CsvError first_error(std::string_view text) {
  std::vector<CsvField> fields;
  CsvError error;
  CsvReader reader(text, 0);
  for (;;) {
    const auto next = reader.next(fields, error);
    if (next == CsvReader::Next::kBadRecord) return error;
    if (next == CsvReader::Next::kEnd) return {};
  }
}

}  // namespace

TEST_CASE("csv: quoted fields hold commas, doubled quotes and line breaks") {
  const auto r = records("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",,\n");
  REQUIRE(r.size() == 2);
  CHECK(r[0] == std::vector<std::string>{"a", "b,c", "say \"hi\""});
  CHECK(r[1] == std::vector<std::string>{"two\nlines", "", ""});
}

TEST_CASE("csv: blank lines are skipped and the last line needs no line break") {
  const auto r = records("\n\r\nx,y\n\nz");
  REQUIRE(r.size() == 2);
  CHECK(r[1] == std::vector<std::string>{"z"});
}

TEST_CASE("csv: field spans cover the raw text, quotes included") {
  std::vector<CsvField> fields;
  CsvError error;
  CsvReader reader("ab,\"c\"\n", 0);
  REQUIRE(reader.next(fields, error) == CsvReader::Next::kRecord);
  CHECK(fields[0].begin == 0);
  CHECK(fields[0].end == 2);
  CHECK(fields[1].begin == 3);
  CHECK(fields[1].end == 6);
  CHECK(fields[1].quoted);
}

TEST_CASE("csv: quoting errors are reported at their byte") {
  CHECK(first_error("a,\"bc\n").offset == 2);
  CHECK(first_error("a,\"bc\n").message.find("unterminated") != std::string::npos);
  CHECK(first_error("a,\"b\"c\n").offset == 5);
  CHECK(first_error("a,b\"c\n").offset == 3);
  CHECK(first_error("a\rb\n").offset == 1);
}

TEST_CASE("csv: after a bad record the reader resumes on the next line") {
  std::vector<CsvField> fields;
  CsvError error;
  CsvReader reader("x\"y\nok,1\n", 0);
  CHECK(reader.next(fields, error) == CsvReader::Next::kBadRecord);
  REQUIRE(reader.next(fields, error) == CsvReader::Next::kRecord);
  CHECK(fields[0].text == "ok");
  CHECK(reader.next(fields, error) == CsvReader::Next::kEnd);
}

TEST_CASE("csv: a record cannot grow without bound") {
  CHECK(first_error(std::string(CsvReader::kMaxFields + 5, ',')).message.find("1024") !=
        std::string::npos);
  CHECK(first_error(std::string(CsvReader::kMaxFieldBytes + 1, 'x')).message.find("longer") !=
        std::string::npos);
}
