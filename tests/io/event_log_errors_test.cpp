// Every class of event log error: its code and position, nothing returned without skip_invalid,
// the bad records left out and counted with it.
#include <doctest/doctest.h>

#include "lockstep/event_log.h"

using namespace lockstep;

namespace {

EventLogResult read(const std::string& text, EventLogFormat format, bool skip = false) {
  EventLogOptions options;
  options.skip_invalid = skip;
  return read_event_log_text("log", text, format, options);
}

// "V011 2:1, V013 3:12": code and position of each diagnostic.
std::string codes(const EventLogResult& r) {
  std::string out;
  for (const Diagnostic& d : r.diagnostics) {
    if (!out.empty()) out += ", ";
    out += d.code + " " + std::to_string(d.span.line) + ":" + std::to_string(d.span.column);
  }
  return out;
}

std::string csv_error(const std::string& rows) {
  const EventLogResult r =
      read("time,who,kind,step,hours,reason,approver\n" + rows, EventLogFormat::kCsv);
  CHECK_FALSE(r.events.has_value());
  return codes(r);
}

}  // namespace

TEST_CASE("event log errors: file-level problems, V001 V002 V003") {
  CHECK(codes(read_event_log_file("/nonexistent/log.csv")) == "V001 0:0");
  CHECK(codes(read_event_log_file("log.txt")) == "V001 0:0");
  EventLogOptions small;
  small.max_bytes = 4;
  CHECK(codes(read_event_log_text("log", "time,who,step\n", EventLogFormat::kCsv, small)) ==
        "V002 0:0");
  CHECK(csv_error("2005-07-08,m\xff,complete,learn,,,\n") == "V003 2:13");
}

TEST_CASE("event log errors: CSV syntax, field count and header, V004 V005 V006") {
  CHECK(csv_error("2005-07-08,m1,complete,le\"arn,,,\n") == "V004 2:26");
  CHECK(csv_error("2005-07-08,m1,complete,learn,,\n") == "V005 2:31");
  CHECK(codes(read("time,who,stp\n", EventLogFormat::kCsv)) == "V006 1:10");
  const EventLogResult r = read("time,who,stp\n", EventLogFormat::kCsv);
  CHECK(r.diagnostics[0].help.find("did you mean 'step'") != std::string::npos);
  CHECK(codes(read("time,who,step,who\n", EventLogFormat::kCsv)) == "V006 1:15");
}

TEST_CASE("event log errors: bad values, V011-V017") {
  CHECK(csv_error("2005-02-30,m1,complete,learn,,,\n") == "V011 2:1");
  CHECK(csv_error("2005-07-08T25:00,m1,complete,learn,,,\n") == "V011 2:1");
  CHECK(csv_error(",m1,complete,learn,,,\n") == "V011 2:1");
  const EventLogResult kind =
      read("time,who,kind,step\n2005-07-08,m1,complet,learn\n", EventLogFormat::kCsv);
  CHECK(codes(kind) == "V012 2:15");
  CHECK(kind.diagnostics[0].help.find("did you mean 'complete'") != std::string::npos);
  CHECK(csv_error("2005-07-08,,complete,learn,,,\n") == "V013 2:12");
  CHECK(csv_error("2005-07-08,m 1,complete,learn,,,\n") == "V013 2:12");
  CHECK(csv_error("2005-07-08,m1,complete,,,,\n") == "V013 2:24");
  CHECK(csv_error("2005-07-08,m1,approve,study,,,dd 1\n") == "V014 2:31");
  CHECK(csv_error("2005-07-08,m1,complete,learn,4.5,,\n") == "V015 2:30");
  CHECK(csv_error("2005-07-08,m1,complete,learn,-3,,\n") == "V015 2:30");
  CHECK(csv_error("2005-07-08,m1,complete,learn,99999999999,,\n") == "V015 2:30");
  CHECK(csv_error("2005-07-08,m1,excuse,learn,,,\n") == "V016 2:15");
  CHECK(csv_error("2005-07-08,m1,approve,study,,,\n") == "V016 2:15");
  CHECK(csv_error("2005-07-08,m1,excuse,learn,4,away,\n") == "V017 2:28");
  CHECK(csv_error("2005-07-08,m1,complete,learn,,,dd1\n") == "V017 2:32");
}

TEST_CASE("event log errors: JSON Lines, V007 V008") {
  const auto jsonl = [](const std::string& text) {
    const EventLogResult r = read(text, EventLogFormat::kJsonLines);
    CHECK_FALSE(r.events.has_value());
    return codes(r);
  };
  CHECK(jsonl("{\"time\": \"2005-07-08\", \"who\": \"m1\", \"step\": \"x\"}\n{\"time\": }\n") ==
        "V007 2:10");
  CHECK(jsonl("[1]\n") == "V008 1:1");
  CHECK(jsonl("{\"time\": \"2005-07-08\", \"who\": \"m1\", \"stepp\": \"x\"}\n") == "V008 1:37");
  CHECK(jsonl("{\"time\": \"2005-07-08\", \"who\": \"m1\", \"step\": \"x\", \"hours\": \"4\"}\n") ==
        "V008 1:59");
  CHECK(jsonl("{\"time\": \"2005-07-08\", \"who\": \"m1\", \"step\": \"x\", \"hours\": 4.5}\n") ==
        "V015 1:59");
  CHECK(jsonl("[[[[[[1]]]]]]\n") == "V007 1:5");
}

TEST_CASE("event log errors: XES syntax and structure, V009 V010 V012") {
  const auto xes = [](const std::string& text) {
    const EventLogResult r = read(text, EventLogFormat::kXes, true);
    CHECK_FALSE(r.events.has_value());  // even with skip_invalid: the file itself is broken
    return codes(r);
  };
  CHECK(xes("<log><trace></log>") == "V009 1:13");
  CHECK(xes("<log><trace a=\"1\" a=\"2\"/></log>") == "V009 1:19");
  CHECK(xes("<!DOCTYPE log [<!ENTITY x \"y\">]><log/>") == "V009 1:1");
  CHECK(xes("<log><string key=\"a\" value=\"&bogus;\"/></log>") == "V009 1:29");
  CHECK(xes("<log>text</log>") == "V009 1:6");
  CHECK(xes("<log/><log/>") == "V009 1:7");
  CHECK(xes("") == "V009 1:1");
  CHECK(xes("<events/>") == "V010 1:1");
  CHECK(xes("<log><trace><event><foo/></event></trace></log>") == "V010 1:20");
  std::string deep = "<log>";
  for (int i = 0; i < 70; ++i) deep += "<list key=\"k\">";
  CHECK(xes(deep).rfind("V009", 0) == 0);
  const EventLogResult unnamed = read(
      "<log><trace><event><string key=\"concept:name\" value=\"x\"/>"
      "<date key=\"time:timestamp\" value=\"2005-07-08\"/></event></trace></log>",
      EventLogFormat::kXes);
  CHECK(codes(unnamed) == "V010 1:6");
  const EventLogResult transition = read(
      "<log><trace><string key=\"concept:name\" value=\"m\"/><event>"
      "<string key=\"concept:name\" value=\"x\"/><date key=\"time:timestamp\" "
      "value=\"2005-07-08\"/>"
      "<string key=\"lifecycle:transition\" value=\"finished\"/></event></trace></log>",
      EventLogFormat::kXes);
  CHECK(codes(transition) == "V012 1:185");
}

TEST_CASE("event log errors: skip_invalid leaves bad records out and counts them") {
  const std::string text =
      "time,who,step\n"
      "2005-07-08,m1,learn\n"
      "2005-13-01,m2,learn\n"
      "2005-07-09,m3\n"
      "2005-07-07,m4,learn\n";
  const EventLogResult strict = read(text, EventLogFormat::kCsv);
  CHECK_FALSE(strict.events.has_value());
  CHECK(codes(strict) == "V011 3:1, V005 4:12");
  const EventLogResult lenient = read(text, EventLogFormat::kCsv, true);
  REQUIRE(lenient.events);
  CHECK(lenient.skipped == 2);
  REQUIRE(lenient.events->size() == 2);
  CHECK((*lenient.events)[0].who == "m4");
  CHECK((*lenient.events)[1].who == "m1");
  REQUIRE(lenient.diagnostics.size() == 2);
  CHECK(lenient.diagnostics[0].level == Diagnostic::Level::kWarning);
  CHECK_FALSE(has_errors(lenient.diagnostics));
}

TEST_CASE("event log errors: a bad header is not skippable") {
  const EventLogResult r = read("time,who\n2005-07-08,m1\n", EventLogFormat::kCsv, true);
  CHECK_FALSE(r.events.has_value());
  CHECK(codes(r) == "V006 1:1");
}

TEST_CASE("event log errors: errors are capped, and skipping still reads to the end") {
  std::string text = "time,who,step\n";
  for (int i = 0; i < 500; ++i) text += "bad,m,x\n";
  text += "2005-07-08,m1,learn\n";
  const EventLogResult strict = read(text, EventLogFormat::kCsv);
  CHECK(strict.diagnostics.size() == 101);
  CHECK(strict.diagnostics.back().code == "V099");
  const EventLogResult lenient = read(text, EventLogFormat::kCsv, true);
  REQUIRE(lenient.events);
  CHECK(lenient.events->size() == 1);
  CHECK(lenient.skipped == 500);
  CHECK(lenient.diagnostics.size() == 101);
}

TEST_CASE("event log errors: hostile values are refused precisely, in the user's terms") {
  const auto jsonl = [](const std::string& text) { return read(text, EventLogFormat::kJsonLines); };
  EventLogResult r =
      jsonl("{\"time\":\"2005-07-08\",\"who\":\"a\",\"who\":\"b\",\"step\":\"s\"}\n");
  REQUIRE(codes(r) == "V008 1:32");
  CHECK(r.diagnostics[0].message == "the key \"who\" is given twice");
  CHECK(r.diagnostics[0].related.at(0).span.column == 22);
  r = jsonl("{\"time\":\"2005-07-08\",\"who\":\"" + std::string(70000, 'x') + "\"}\n");
  CHECK(codes(r) == "V007 1:1");
  r = jsonl("{\"time\":\"2005-07-08\",\"who\":\"a\",\"step\":\"s\",\"hours\":1e500}\n");
  REQUIRE(codes(r) == "V007 1:51");  // the number's first byte
  CHECK(r.diagnostics[0].message == "invalid JSON: a number too large to be represented");
  r = jsonl("{\"time\":\"2005-07-08\",\"who\":\"a\",\"step\":\"s\",\"hours\":-1}\n");
  REQUIRE(codes(r) == "V015 1:51");
  CHECK(r.diagnostics[0].message == "hours must be a whole number from 0 to 2147483647, not '-1'");
  CHECK(csv_error("1899-12-31,m1,complete,learn,,,\n") == "V011 2:1");
  CHECK(csv_error("2200-01-01,m1,complete,learn,,,\n") == "V011 2:1");
  CHECK(read("time,who,step\n2199-12-31,m1,learn\n1900-01-01,m1,learn\n", EventLogFormat::kCsv)
            .events.has_value());  // the range's first and last days
  const auto xes = [](const std::string& inside) {
    return read(
        "<log><trace><string key=\"concept:name\" value=\"m1\"/>" + inside + "</trace></log>",
        EventLogFormat::kXes);
  };
  r = xes("<event><string key=\"concept:name\" value=\"" + std::string(70000, 'x') +
          "\"/></event>");
  REQUIRE(codes(r) == "V009 1:92");  // the value's opening quote
  CHECK(r.diagnostics[0].message.find("longer than 65536 bytes") != std::string::npos);
  r = xes("<" + std::string(2000, 'a') + "/>");
  CHECK(r.diagnostics.at(0).message == "malformed XML: a name longer than 1024 bytes");
}
