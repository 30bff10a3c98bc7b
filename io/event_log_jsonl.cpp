// The JSON Lines event log: one JSON object per line, keyed like the CSV columns; hours, chars
// and count are numbers, the rest strings; null is the same as absent. See docs/formats.md.
#include <fmt/format.h>

#include "io/event_log_formats.h"
#include "io/json_tree.h"
#include "io/limits.h"
#include "util/suggest.h"
#include "util/unicode.h"

namespace lockstep::io {
namespace {

bool is_number_field(std::string_view name) {
  return name == "hours" || name == "chars" || name == "count";
}

// One line's object into `raw`. False after reporting what is wrong.
bool read_object(const JsonValue& v, EventSink& sink, RawEvent& raw) {
  if (v.kind != JsonValue::Kind::kObject) {
    sink.errors.error("V008", v.begin, v.end,
                      fmt::format("the line holds {}: expected an object", kind_name(v.kind)));
    return false;
  }
  bool ok = true;
  raw.begin = v.begin;
  for (Field& f : raw.fields) f.begin = f.end = v.begin;
  std::array<const JsonMember*, kEventFields.size()> first{};  // where each field was given
  for (const JsonMember& m : v.members) {
    Field* f = raw.find(m.key);
    if (f != nullptr) {
      const JsonMember*& seen = first[static_cast<std::size_t>(f - raw.fields.data())];
      if (seen != nullptr) {
        Diagnostic* d = sink.errors.error(
            "V008", m.key_begin, m.key_end, fmt::format("the key \"{}\" is given twice", m.key),
            "keep one: JSON tools disagree on which of two values counts");
        sink.errors.relate(d, seen->key_begin, seen->key_end, "first given here");
        ok = false;
        continue;
      }
      seen = &m;
    }
    if (f == nullptr) {
      std::string help = fmt::format("expected keys among: {}", fmt::join(kEventFields, ", "));
      if (const std::string s =
              util::did_you_mean(m.key, {kEventFields.begin(), kEventFields.end()});
          !s.empty())
        help = s + "; " + help;
      sink.errors.error("V008", m.key_begin, m.key_end,
                        fmt::format("unknown key \"{}\"", util::excerpt(m.key)), help);
      ok = false;
      continue;
    }
    const JsonValue& value = m.value;
    if (value.kind == JsonValue::Kind::kNull) continue;
    const JsonValue::Kind wanted =
        is_number_field(m.key) ? JsonValue::Kind::kNumber : JsonValue::Kind::kString;
    if (value.kind != wanted) {
      sink.errors.error("V008", value.begin, value.end,
                        fmt::format("\"{}\" is {}: expected {}", util::excerpt(m.key),
                                    kind_name(value.kind), kind_name(wanted)));
      ok = false;
      continue;
    }
    *f = Field{value.text, value.begin, value.end};
  }
  return ok;
}

}  // namespace

void read_events_jsonl(std::string_view text, std::size_t start, EventSink& sink) {
  std::uint64_t order = 0;
  std::size_t pos = start;
  while (pos < text.size() && !sink.stop()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(pos, end - pos);
    const std::size_t line_start = pos;
    pos = end + 1;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    if (line.size() > kMaxJsonLineBytes) {
      sink.errors.error("V007", line_start, line_start + 1,
                        fmt::format("the line is longer than {} bytes (64 KiB)", kMaxJsonLineBytes),
                        "each line holds one event, a JSON object of a few hundred bytes");
      sink.bad_record();
      continue;
    }
    JsonError error;
    const std::optional<JsonValue> v = parse_json(line, line_start, kMaxLogJsonDepth, error);
    if (!v) {
      sink.errors.error("V007", error.offset, error.offset + 1, error.message,
                        "each line holds one JSON object");
      sink.bad_record();
      continue;
    }
    RawEvent raw;
    if (!read_object(*v, sink, raw)) {
      sink.bad_record();
      continue;
    }
    sink.add(raw, order++);
  }
}

}  // namespace lockstep::io
