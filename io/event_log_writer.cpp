// write_event_log: CSV, JSON Lines and XES, each in the shape its reader reads back unchanged.
// See lockstep/event_log.h and docs/formats.md.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <map>

#include "io/event_fields.h"
#include "lockstep/event_log.h"
#include "util/escape.h"

namespace lockstep {
namespace {

std::string number(const std::optional<std::int32_t>& v) {
  return v ? std::to_string(*v) : std::string();
}

void write_csv(const std::vector<LogEvent>& events, std::ostream& out) {
  out << "time,who,kind,step,hours,chars,count,form,reason,approver,key\n";
  for (const LogEvent& e : events) {
    out << io::format_event_time(e.day, e.second) << ',';
    util::write_csv_field(out, e.who);
    out << ',' << io::kind_id(e.kind) << ',';
    util::write_csv_field(out, e.step);
    out << ',' << number(e.hours) << ',' << number(e.chars) << ',' << number(e.count) << ',';
    util::write_csv_field(out, e.form);
    out << ',';
    util::write_csv_field(out, e.reason);
    out << ',';
    util::write_csv_field(out, e.approver);
    out << ',';
    util::write_csv_field(out, e.idempotency_key);
    out << '\n';
  }
}

void write_jsonl(const std::vector<LogEvent>& events, std::ostream& out) {
  using Json = nlohmann::ordered_json;
  for (const LogEvent& e : events) {
    Json j;
    j["time"] = io::format_event_time(e.day, e.second);
    j["who"] = e.who;
    j["kind"] = io::kind_id(e.kind);
    j["step"] = e.step;
    if (e.hours) j["hours"] = *e.hours;
    if (e.chars) j["chars"] = *e.chars;
    if (e.count) j["count"] = *e.count;
    if (!e.form.empty()) j["form"] = e.form;
    if (!e.reason.empty()) j["reason"] = e.reason;
    if (!e.approver.empty()) j["approver"] = e.approver;
    if (!e.idempotency_key.empty()) j["key"] = e.idempotency_key;
    out << j.dump() << '\n';
  }
}

void xes_attribute(std::ostream& out, const char* type, std::string_view key,
                   std::string_view value) {
  out << "      <" << type << " key=\"" << key << "\" value=\""
      << util::escape_markup(value, util::Markup::kXml) << "\"/>\n";
}

void write_xes(const std::vector<LogEvent>& events, std::ostream& out) {
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<log xes.version=\"1849.2016\" xes.features=\"\" "
         "xmlns=\"http://www.xes-standard.org/\">\n"
         "  <extension name=\"Concept\" prefix=\"concept\" "
         "uri=\"http://www.xes-standard.org/concept.xesext\"/>\n"
         "  <extension name=\"Time\" prefix=\"time\" "
         "uri=\"http://www.xes-standard.org/time.xesext\"/>\n"
         "  <extension name=\"Lifecycle\" prefix=\"lifecycle\" "
         "uri=\"http://www.xes-standard.org/lifecycle.xesext\"/>\n"
         "  <classifier name=\"Activity\" keys=\"concept:name\"/>\n";
  // One trace per member or unit, in the order they first appear; lockstep:seq keeps the log's
  // order across traces.
  std::vector<std::string_view> order;
  std::map<std::string_view, std::vector<std::size_t>> traces;
  for (std::size_t i = 0; i < events.size(); ++i) {
    auto [it, inserted] = traces.try_emplace(events[i].who);
    if (inserted) order.push_back(events[i].who);
    it->second.push_back(i);
  }
  for (std::string_view who : order) {
    out << "  <trace>\n    <string key=\"concept:name\" value=\""
        << util::escape_markup(who, util::Markup::kXml) << "\"/>\n";
    for (std::size_t i : traces[who]) {
      const LogEvent& e = events[i];
      out << "    <event>\n";
      xes_attribute(out, "string", "concept:name", e.step);
      // time:timestamp is an xs:dateTime: midnight when the event has only a day.
      xes_attribute(out, "date", "time:timestamp",
                    io::format_event_time(e.day, e.second < 0 ? 0 : e.second));
      const bool skip = e.kind == LogEvent::Kind::kExcuse;
      xes_attribute(out, "string", "lifecycle:transition", skip ? "manualskip" : "complete");
      xes_attribute(out, "string", "lockstep:kind", io::kind_id(e.kind));
      if (e.second < 0) xes_attribute(out, "boolean", "lockstep:day_only", "true");
      if (e.hours) xes_attribute(out, "int", "lockstep:hours", std::to_string(*e.hours));
      if (e.chars) xes_attribute(out, "int", "lockstep:chars", std::to_string(*e.chars));
      if (e.count) xes_attribute(out, "int", "lockstep:count", std::to_string(*e.count));
      if (!e.form.empty()) xes_attribute(out, "string", "lockstep:form", e.form);
      if (!e.reason.empty()) xes_attribute(out, "string", "lockstep:reason", e.reason);
      if (!e.approver.empty()) xes_attribute(out, "string", "lockstep:approver", e.approver);
      if (!e.idempotency_key.empty())
        xes_attribute(out, "string", "lockstep:key", e.idempotency_key);
      xes_attribute(out, "int", "lockstep:seq", std::to_string(i));
      out << "    </event>\n";
    }
    out << "  </trace>\n";
  }
  out << "</log>\n";
}

}  // namespace

void write_event_log(const std::vector<LogEvent>& events, EventLogFormat format,
                     std::ostream& out) {
  switch (format) {
    case EventLogFormat::kCsv:
      write_csv(events, out);
      break;
    case EventLogFormat::kJsonLines:
      write_jsonl(events, out);
      break;
    case EventLogFormat::kXes:
      write_xes(events, out);
      break;
  }
}

}  // namespace lockstep
