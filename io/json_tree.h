// JSON values that remember where they were written.
//
// nlohmann-json checks the syntax (RFC 8259, strict UTF-8) but keeps no positions; readers of
// rosters and event logs need the line and column of a bad value long after parsing. parse_json()
// drives nlohmann's SAX parser through an iterator that notes the last byte read, and records the
// byte span of every value and key as it is reported.
//
// Bounds: nesting deeper than `max_depth` is an error, so hostile input cannot exhaust the stack
// of a recursive consumer; a string or number longer than io::kMaxFieldBytes is an error found
// before anything is copied; the tree is at most a small multiple of the input's size. Error
// messages speak of JSON, never of the library (no "[json.exception...]").
//
// A key given twice in one object is kept twice, in order: the readers refuse it (find() gives
// the first), since JSON tools disagree on which of the two counts.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lockstep::io {

struct JsonMember;

struct JsonValue {
  enum class Kind { kNull, kBool, kNumber, kString, kArray, kObject };
  Kind kind = Kind::kNull;
  bool boolean = false;
  std::string text;                 // a string's value, or a number as written
  std::vector<JsonValue> items;     // an array's elements
  std::vector<JsonMember> members;  // an object's members, in the order written
  std::size_t begin = 0;            // byte span in the input
  std::size_t end = 0;

  // The member named `key` of an object (the first, if repeated), or nullptr.
  const JsonValue* find(std::string_view key) const;
};

struct JsonMember {
  std::string key;
  std::size_t key_begin = 0;  // byte span of the key, quotes included
  std::size_t key_end = 0;
  JsonValue value;
};

struct JsonError {
  std::size_t offset = 0;  // the byte the problem is at
  std::string message;
};

// Parses `text` (one JSON value, nothing but whitespace around it). Offsets in the result and
// in `error` count from the start of `text` plus `base` (for a line of a larger file).
std::optional<JsonValue> parse_json(std::string_view text, std::size_t base, std::size_t max_depth,
                                    JsonError& error);

// "string", "number", "object"... for messages.
const char* kind_name(JsonValue::Kind kind);

}  // namespace lockstep::io
