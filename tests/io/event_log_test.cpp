#include <doctest/doctest.h>

#include <sstream>

#include "lockstep/civil_date.h"
#include "lockstep/event_log.h"

using namespace lockstep;

namespace {

std::vector<LogEvent> read_ok(const std::string& text, EventLogFormat format) {
  EventLogResult r = read_event_log_text("log", text, format);
  std::string rendered;
  for (const Diagnostic& d : r.diagnostics) rendered += render_text(d, r.files);
  CHECK(rendered == "");
  REQUIRE(r.events);
  return *r.events;
}

std::string write(const std::vector<LogEvent>& events, EventLogFormat format) {
  std::ostringstream out;
  write_event_log(events, format, out);
  return out.str();
}

DayNumber day(const char* date) {
  return *parse_date(date);
}

const char* kCsv =
    "time,who,kind,step,hours,chars,count,form,reason,approver,key\n"
    "2005-07-20,qs0002,complete,learn,40,,,,,,k1\n"
    "2005-07-08T09:30:00,qs0001,complete,analysis,,2600,,written,,,\n"
    "2005-07-08,qs0003,excuse,learn,,,,,外出务工,,\n"
    "2005-07-08T08:00:00+08:00,jg1,approve,study,,,,,,dd1,\n"
    "2005-07-09,qs0001,revise,analysis,,,,,\"材料需修改, 重写\",,\n";

}  // namespace

TEST_CASE("event log: CSV events come out stably sorted by day and time") {
  const std::vector<LogEvent> events = read_ok(kCsv, EventLogFormat::kCsv);
  REQUIRE(events.size() == 5);
  CHECK(events[0].who == "qs0003");  // 2005-07-08, no time: the start of the day
  CHECK(events[0].kind == LogEvent::Kind::kExcuse);
  CHECK(events[0].reason == "外出务工");
  CHECK(events[1].who == "jg1");  // 08:00
  CHECK(events[1].kind == LogEvent::Kind::kApprove);
  CHECK(events[1].approver == "dd1");
  CHECK(events[1].second == 8 * 3600);
  CHECK(events[2].who == "qs0001");  // 09:30
  CHECK(events[2].chars == 2600);
  CHECK_FALSE(events[2].hours.has_value());
  CHECK(events[2].form == "written");
  CHECK(events[3].kind == LogEvent::Kind::kRevise);
  CHECK(events[3].reason == "材料需修改, 重写");
  CHECK(events[4].day == day("2005-07-20"));
  CHECK(events[4].hours == 40);
  CHECK(events[4].idempotency_key == "k1");
  CHECK(events[4].where.line == 2);
  CHECK(events[4].where.column == 1);
}

TEST_CASE("event log: CSV columns may come in any order and kind defaults to complete") {
  const auto events = read_ok("step,who,time\nlearn,m1,2005-07-08\n", EventLogFormat::kCsv);
  REQUIRE(events.size() == 1);
  CHECK(events[0].kind == LogEvent::Kind::kComplete);
  CHECK(events[0].step == "learn");
  CHECK(events[0].second == -1);
}

TEST_CASE("event log: same-day events keep the order written") {
  const auto events =
      read_ok("time,who,step\n2005-07-09,c,x\n2005-07-08,a,x\n2005-07-09,b,x\n2005-07-08,d,x\n",
              EventLogFormat::kCsv);
  REQUIRE(events.size() == 4);
  CHECK(events[0].who == "a");
  CHECK(events[1].who == "d");
  CHECK(events[2].who == "c");
  CHECK(events[3].who == "b");
}

TEST_CASE("event log: an untimed event and one at midnight keep the order written") {
  // docs/formats.md: an event without a time of day counts as the start of its day, so it ties
  // with one at T00:00 and the order written decides.
  const auto events = read_ok(
      "time,who,step\n2005-07-08T00:00:00,a,x\n2005-07-08,b,x\n2005-07-08T00:00:01,c,x\n"
      "2005-07-08,d,x\n",
      EventLogFormat::kCsv);
  REQUIRE(events.size() == 4);
  CHECK(events[0].who == "a");
  CHECK(events[1].who == "b");
  CHECK(events[2].who == "d");
  CHECK(events[3].who == "c");
}

TEST_CASE("event log: an empty CSV or JSON Lines log has no events") {
  CHECK(read_ok("", EventLogFormat::kCsv).empty());
  CHECK(read_ok("time,who,step\n", EventLogFormat::kCsv).empty());
  CHECK(read_ok("\n\n", EventLogFormat::kJsonLines).empty());
}

TEST_CASE("event log: JSON Lines reads the same events as CSV") {
  const auto csv = read_ok(kCsv, EventLogFormat::kCsv);
  const auto jsonl = read_ok(write(csv, EventLogFormat::kJsonLines), EventLogFormat::kJsonLines);
  CHECK(jsonl == csv);
  const auto typed = read_ok(
      "{\"time\": \"2005-07-08\", \"who\": \"m1\", \"step\": \"learn\", \"hours\": 12, "
      "\"form\": null}\r\n",
      EventLogFormat::kJsonLines);
  REQUIRE(typed.size() == 1);
  CHECK(typed[0].hours == 12);
}

TEST_CASE("event log: every format round-trips through its writer") {
  const auto events = read_ok(kCsv, EventLogFormat::kCsv);
  for (EventLogFormat f :
       {EventLogFormat::kCsv, EventLogFormat::kJsonLines, EventLogFormat::kXes}) {
    const std::string text = write(events, f);
    const auto back = read_ok(text, f);
    CHECK(back == events);
    CHECK(write(back, f) == text);
  }
}

TEST_CASE("event log: XES traces name who, events name the step and time") {
  const std::string xes = R"(<?xml version="1.0" encoding="UTF-8"?>
<!-- exported by a process-mining tool -->
<log xes.version="1.0" xmlns="http://www.xes-standard.org/">
  <extension name="Concept" prefix="concept" uri="http://www.xes-standard.org/concept.xesext"/>
  <global scope="event"><string key="concept:name" value="__INVALID__"/></global>
  <string key="concept:name" value="保先 log"/>
  <trace>
    <string key="concept:name" value="qs0001"/>
    <event>
      <string key="concept:name" value="learn"/>
      <date key="time:timestamp" value="2005-07-10T10:00:00.000+08:00"/>
      <string key="lifecycle:transition" value="start"/>
    </event>
    <event>
      <string key="concept:name" value="learn"/>
      <date key="time:timestamp" value="2005-07-12T10:00:00.000+08:00"/>
      <string key="lifecycle:transition" value="complete"/>
      <string key="org:resource" value="张伟"/>
      <int key="lockstep:hours" value="42"/>
    </event>
  </trace>
  <trace>
    <string key="concept:name" value="qs0002"/>
    <event>
      <string key="concept:name" value="test"/>
      <date key="time:timestamp" value="2005-07-11T00:00:00"/>
      <string key="lifecycle:transition" value="manualskip"/>
    </event>
  </trace>
</log>
)";
  const auto events = read_ok(xes, EventLogFormat::kXes);
  REQUIRE(events.size() == 2);  // the start is not an event the engine records
  CHECK(events[0].who == "qs0002");
  CHECK(events[0].kind == LogEvent::Kind::kExcuse);
  CHECK(events[0].reason == "manualskip");
  CHECK(events[1].who == "qs0001");
  CHECK(events[1].step == "learn");
  CHECK(events[1].hours == 42);
  CHECK(events[1].day == day("2005-07-12"));
  CHECK(events[1].second == 10 * 3600);
  CHECK(events[1].where.line == 14);
}

TEST_CASE("event log: the format follows the file name") {
  CHECK(event_log_format_for("a/b.csv") == EventLogFormat::kCsv);
  CHECK(event_log_format_for("b.JSONL") == EventLogFormat::kJsonLines);
  CHECK(event_log_format_for("b.ndjson") == EventLogFormat::kJsonLines);
  CHECK(event_log_format_for("b.xes") == EventLogFormat::kXes);
  CHECK_FALSE(event_log_format_for("b.txt").has_value());
}
