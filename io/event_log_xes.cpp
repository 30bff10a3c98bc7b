// The XES event log (IEEE 1849): <log> holds <trace>s, one per member or unit, named by the
// trace's concept:name; each <event> of a trace gives its step in concept:name, its time in
// time:timestamp, and what happened in lifecycle:transition or, when written by Lockstep,
// lockstep:kind, with the evidence in lockstep:* attributes. See docs/formats.md for the
// mapping and for what is ignored (extensions, globals, classifiers, other attributes, the
// lifecycle transitions that are not a completion or a skip).
#include <fmt/format.h>

#include "io/event_log_formats.h"
#include "io/xml_reader.h"
#include "util/unicode.h"

namespace lockstep::io {
namespace {

bool is_attribute_element(std::string_view name) {
  return name == "string" || name == "date" || name == "int" || name == "float" ||
         name == "boolean" || name == "id" || name == "list" || name == "container";
}

// Lifecycle transitions of the standard's model that say nothing the engine uses.
bool is_ignored_transition(std::string_view t) {
  return t == "schedule" || t == "assign" || t == "reassign" || t == "start" || t == "suspend" ||
         t == "resume" || t == "withdraw" || t == "pi_abort" || t == "ate_abort" || t == "unknown";
}

struct PendingEvent {
  RawEvent raw;
  Field transition;
  bool has_transition = false;
  bool has_seq = false;
  std::uint64_t seq = 0;
  bool day_only = false;  // lockstep:day_only: the time of day was not known, only the date
};

class XesReader {
 public:
  XesReader(std::string_view text, std::size_t start, EventSink& sink)
      : xml_(text, start), sink_(sink) {}

  void read() {
    if (!next() || token_.kind != XmlToken::Kind::kStart || token_.name != "log") {
      if (!sink_.fatal) structure(token_.begin, "expected the root element <log>");
      return;
    }
    while (!sink_.stop() && next()) {
      if (token_.kind == XmlToken::Kind::kEnd) {  // </log>: nothing may follow but comments
        next();
        return;
      }
      if (token_.name == "trace") {
        read_trace();
      } else if (token_.name == "extension" || token_.name == "global" ||
                 token_.name == "classifier" || is_attribute_element(token_.name)) {
        skip_element();
      } else {
        structure(token_.begin, fmt::format("unexpected <{}> in <log>: expected <trace>, "
                                            "<extension>, <global>, <classifier> or an attribute",
                                            util::excerpt(token_.name)));
        return;
      }
    }
  }

 private:
  bool next() {
    XmlError error;
    if (xml_.next(token_, error)) return true;
    sink_.errors.error("V009", error.offset, error.offset + 1, "malformed XML: " + error.message);
    sink_.fatal = true;
    return false;
  }

  void structure(std::size_t at, std::string message) {
    sink_.errors.error("V010", at, at + 1, std::move(message));
    sink_.fatal = true;
  }

  // Skips the children of the element just started, up to its end.
  bool skip_element() {
    for (int depth = 1; depth > 0;) {
      if (!next()) return false;
      depth += token_.kind == XmlToken::Kind::kStart ? 1 : -1;
    }
    return true;
  }

  // The key and value of the attribute element just started, then skips its children (XES
  // allows attributes on attributes).
  bool attribute(std::string& key, Field& value) {
    const XmlAttribute* k = token_.find("key");
    const XmlAttribute* v = token_.find("value");
    const std::size_t at = token_.begin;
    if (k == nullptr || (v == nullptr && token_.name != "list" && token_.name != "container")) {
      structure(at,
                fmt::format("<{}> without key and value attributes", util::excerpt(token_.name)));
      return false;
    }
    key = k->value;
    if (v != nullptr)
      value = Field{v->value, v->value_begin, v->value_end};
    else
      value = Field{{}, at, at + 1};
    return skip_element();
  }

  void read_trace() {
    const std::size_t trace_at = token_.begin;
    Field who;
    bool named = false;
    std::vector<PendingEvent> events;
    while (next()) {
      if (token_.kind == XmlToken::Kind::kEnd) break;  // </trace>
      if (token_.name == "event") {
        if (!read_event(events.emplace_back())) return;
        continue;
      }
      if (!is_attribute_element(token_.name)) {
        structure(token_.begin, fmt::format("unexpected <{}> in <trace>: expected <event> or an "
                                            "attribute",
                                            util::excerpt(token_.name)));
        return;
      }
      const bool is_string = token_.name == "string";
      std::string key;
      Field value;
      if (!attribute(key, value)) return;
      if (key == "concept:name" && is_string) {
        who = std::move(value);
        named = true;
      }
    }
    if (sink_.fatal) return;
    if (!named) {
      sink_.errors.error("V010", trace_at, trace_at + 1,
                         "a trace without a concept:name: whose events are these?",
                         "name the member or unit: <string key=\"concept:name\" value=\"...\"/>");
      sink_.skipped += events.size();
      if (events.empty()) sink_.bad_record();
      return;
    }
    for (PendingEvent& e : events) finish_event(e, who);
  }

  bool read_event(PendingEvent& e) {
    e.raw.begin = token_.begin;
    for (Field& f : e.raw.fields) f.begin = f.end = e.raw.begin;
    while (next()) {
      if (token_.kind == XmlToken::Kind::kEnd) return true;  // </event>
      if (!is_attribute_element(token_.name)) {
        structure(token_.begin, fmt::format("unexpected <{}> in <event>: expected an attribute",
                                            util::excerpt(token_.name)));
        return false;
      }
      std::string key;
      Field value;
      if (!attribute(key, value)) return false;
      if (key == "concept:name")
        *e.raw.find("step") = std::move(value);
      else if (key == "time:timestamp")
        *e.raw.find("time") = std::move(value);
      else if (key == "lifecycle:transition") {
        e.transition = std::move(value);
        e.has_transition = true;
      } else if (key == "lockstep:seq") {
        e.has_seq = true;
        for (char c : value.text) e.has_seq &= c >= '0' && c <= '9';
        if (e.has_seq && !value.text.empty() && value.text.size() < 19)
          e.seq = std::stoull(value.text);
        else
          e.has_seq = false;
      } else if (key == "lockstep:day_only") {
        e.day_only = value.text == "true";
      } else if (key.rfind("lockstep:", 0) == 0) {
        Field* f = e.raw.find(std::string_view(key).substr(9));
        if (f != nullptr && key != "lockstep:who" && key != "lockstep:time" &&
            key != "lockstep:step")
          *f = std::move(value);
      }
      // Other attributes (org:resource, cost:total, ...) are other tools' business.
    }
    return false;
  }

  void finish_event(PendingEvent& e, const Field& who) {
    *e.raw.find("who") = who;
    Field& time = e.raw.fields[0];
    if (e.day_only && time.text.size() > 10) time.text.resize(10);
    Field& kind = e.raw.fields[2];
    if (kind.text.empty() && e.has_transition) {
      const std::string& t = e.transition.text;
      if (t == "manualskip" || t == "autoskip") {
        kind = Field{"excuse", e.transition.begin, e.transition.end};
        Field& reason = *e.raw.find("reason");
        if (reason.text.empty()) reason = Field{t, e.transition.begin, e.transition.end};
      } else if (is_ignored_transition(t)) {
        return;  // a start, a suspension ...: nothing the engine records
      } else if (t != "complete") {
        sink_.errors.error("V012", e.transition.begin, e.transition.end,
                           fmt::format("unknown lifecycle transition '{}'", util::excerpt(t)),
                           "expected a transition of the XES standard lifecycle model");
        sink_.bad_record();
        return;
      }
    }
    sink_.add(e.raw, e.has_seq ? e.seq : order_);
    ++order_;
  }

  XmlReader xml_;
  EventSink& sink_;
  XmlToken token_;
  std::uint64_t order_ = 0;
};

}  // namespace

void read_events_xes(std::string_view text, std::size_t start, EventSink& sink) {
  XesReader(text, start, sink).read();
}

}  // namespace lockstep::io
