// The report: it parses the contenders' lines strictly, fails the run on any disagreement, and
// reports a contender that did not run as null, never as a number.
#include <doctest/doctest.h>

#include <fmt/format.h>

#include <map>

#include "bench/report.h"

using namespace lockstep::bench;

namespace {

std::string line(std::string_view name, std::uint64_t check_accepted, std::uint64_t accepted,
                 double events_per_s) {
  return fmt::format(
      R"({{"contender":"{}","check":{{"stream":"c.bin","members":10,"events":64,"accepted":{},"refused":{}}},)"
      R"("stream":"t.bin","members":100,"events":606,"accepted":{},"refused":{},"repetitions":3,)"
      R"("best_s":0.5,"best_cpu_s":0.4,"events_per_s":{},"state_bytes_per_member":9,"peak_rss_bytes":1048576}})",
      name, check_accepted, 64 - check_accepted, accepted, 606 - accepted, events_per_s);
}

StreamHeader header(std::uint64_t members, std::uint64_t events, std::uint64_t accepted) {
  StreamHeader h;
  h.steps = 6;
  h.step_bits = 3;
  h.members = members;
  h.events = events;
  h.expected_accepted = accepted;
  h.expected_refused = events - accepted;
  return h;
}

const HeaderReader kHeaders = [](const std::string& path) {
  static const std::map<std::string, StreamHeader> headers = {{"c.bin", header(10, 64, 58)},
                                                              {"t.bin", header(100, 606, 598)}};
  const auto it = headers.find(path);
  if (it == headers.end()) throw StreamError(path + ": cannot open");
  return it->second;
};

}  // namespace

TEST_CASE("report: contenders that agree with each other and the generator pass") {
  const auto results = parse_results(
      line("raw", 58, 598, 7.5e8) + "\n\n" + line("msm", 58, 598, 7.5e7) + "\n", "results");
  REQUIRE(results.size() == 2);
  CHECK(results[1].name == "msm");
  CHECK(results[1].timed.events == 606);
  CHECK(results[1].check.stream == "c.bin");
  CHECK(cross_check(results, kHeaders).empty());
}

TEST_CASE(
    "report: a contender that counts differently fails the run, naming whom it differs from") {
  const auto results =
      parse_results(line("raw", 58, 598, 7.5e8) + "\n" + line("xstate", 57, 598, 2.5e5), "results");
  const auto problems = cross_check(results, kHeaders);
  REQUIRE(problems.size() == 2);
  CHECK(problems[0].find("xstate accepted 57 and refused 7 on the check stream c.bin, where the "
                         "generator made 58 acceptable") == 0);
  CHECK(problems[1] ==
        "on the check stream xstate accepted 57 and refused 7, but raw accepted 58 and refused 6");
}

TEST_CASE("report: agreeing contenders that miss the generator's counts still fail") {
  const auto results =
      parse_results(line("raw", 58, 597, 1) + "\n" + line("msm", 58, 597, 1), "results");
  const auto problems = cross_check(results, kHeaders);
  CHECK(problems.size() == 2);
  CHECK(problems[0].find("raw accepted 597 and refused 9 on the timed stream t.bin") == 0);
}

TEST_CASE("report: an unreadable stream or an empty run is a problem, not a pass") {
  auto results = parse_results(line("raw", 58, 598, 1), "results");
  results[0].timed.stream = "gone.bin";
  const auto problems = cross_check(results, kHeaders);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0] == "gone.bin: cannot open");
  CHECK(cross_check({}, kHeaders) == std::vector<std::string>{"no contender reported any result"});
}

TEST_CASE("report: malformed lines are refused with file:line:column and what was expected") {
  CHECK_THROWS_WITH_AS(parse_results(line("raw", 58, 598, 1) + "\n{\"contender\": ", "r.jsonl"),
                       doctest::Contains("r.jsonl:2:15: expected one JSON object per line"),
                       std::invalid_argument);
  CHECK_THROWS_WITH_AS(parse_results(R"({"contender":"raw"})", "r.jsonl"),
                       "r.jsonl:1:1: expected a field \"check\"", std::invalid_argument);
  CHECK_THROWS_WITH_AS(parse_results("[1]", "r.jsonl"), "r.jsonl:1:1: expected a JSON object",
                       std::invalid_argument);
  std::string negative = line("raw", 58, 598, 1);
  negative.replace(negative.find("\"repetitions\":3"), 15, "\"repetitions\":-3");
  CHECK_THROWS_WITH_AS(parse_results(negative, "r.jsonl"),
                       "r.jsonl:1:1: expected \"repetitions\" to be a whole number, found -3",
                       std::invalid_argument);
}

TEST_CASE("report: what did not run is n/a in the table and null in the JSON") {
  ReportInputs in;
  in.results = parse_results(line("msm", 58, 598, 7.5e7) + "\n" + line("raw", 58, 598, 7.5e8), "r");
  in.absent["engine"] = "no engine_replay benchmark target yet";
  in.mode = "quick";
  in.national_note = "lockstep has no simulate command yet";
  const std::string table = render_table(in);
  CHECK(table.find("engine      n/a: no engine_replay benchmark target yet") != std::string::npos);
  CHECK(table.find("xstate      n/a: did not run") != std::string::npos);
  CHECK(table.find("\nmsm ") < table.find("\nraw "));
  CHECK(table.find("0.1 ") != std::string::npos);  // msm at a tenth of raw
  CHECK(table.find("at least 200x XState     n/a: no engine figure yet") != std::string::npos);
  const std::string json = render_summary_json(in);
  CHECK(json.find('\n') == std::string::npos);
  CHECK(json.find(R"({"engine_events_per_s":null,"xstate_events_per_s":null,)"
                  R"("msm_events_per_s":75000000,"raw_events_per_s":750000000,)"
                  R"("national_wall_s":null,"national_peak_rss_bytes":null,"mode":"quick")") == 0);
  CHECK(json.find(R"("not_measured":{"engine":"no engine_replay benchmark target yet",)"
                  R"("national":"lockstep has no simulate command yet"})") != std::string::npos);
}

TEST_CASE("report: goals are judged once the engine has a figure") {
  ReportInputs in;
  in.results =
      parse_results(line("engine", 58, 598, 5e7) + "\n" + line("xstate", 58, 598, 2.5e5) + "\n" +
                        line("msm", 58, 598, 7.5e7) + "\n" + line("raw", 58, 598, 7.5e8),
                    "r");
  const std::string table = render_table(in);
  CHECK(table.find("at least 200x XState     met (engine at 200x the peer, goal 200x)") !=
        std::string::npos);
  CHECK(table.find("at least as fast as MSM  NOT met (engine at 0.667x the peer, goal 1x)") !=
        std::string::npos);
  CHECK(table.find("within 10x of raw        NOT met (engine at 0.0667x the peer, goal 0.1x)") !=
        std::string::npos);
}

TEST_CASE("report: MSM doing the engine's checks is a comparison, not a goal") {
  ReportInputs in;
  in.results = parse_results(line("engine", 58, 598, 2.7e8) + "\n" + line("msm", 58, 598, 5e8) +
                                 "\n" + line("msm-checked", 58, 598, 2.5e8),
                             "r");
  const std::string table = render_table(in);
  CHECK(table.find("at least as fast as MSM  NOT met (engine at 0.54x") != std::string::npos);
  CHECK(table.find("for comparison: the engine at 1.08x MSM doing the engine's checks") !=
        std::string::npos);
  CHECK(table.find("\nmsm-checked ") != std::string::npos);  // its row, after the known ones
  const std::string json = render_summary_json(in);
  CHECK(json.find("\"msm_events_per_s\":500000000,") != std::string::npos);
  CHECK(json.find("\"msm-checked\":{") != std::string::npos);
}

TEST_CASE("report: a ratio from 100 up is a whole number, not an exponent") {
  ReportInputs in;
  in.results = parse_results(
      line("engine", 58, 598, 2.1947e8) + "\n" + line("xstate", 58, 598, 2.098e5), "r");
  const std::string table = render_table(in);
  CHECK(table.find("at least 200x XState     met (engine at 1046x the peer, goal 200x)") !=
        std::string::npos);
}

TEST_CASE("report: a reason that is not UTF-8 is replaced in the JSON, not a crash") {
  ReportInputs in;
  in.results = parse_results(line("raw", 58, 598, 7.5e8), "r");
  in.absent["engine"] = "bad \xff byte";
  const std::string json = render_summary_json(in);
  CHECK(json.find("\"engine\":\"bad \xEF\xBF\xBD byte\"") != std::string::npos);
}

TEST_CASE("report: rounds of a contender merge into its best round, every round checked first") {
  // raw in three rounds (the second the fastest), msm in one.
  std::vector<ContenderResult> results =
      parse_results(line("raw", 58, 598, 5e8) + "\n" + line("msm", 58, 598, 1e8) + "\n" +
                        line("raw", 58, 598, 8e8) + "\n" + line("raw", 58, 598, 6e8),
                    "results");
  results[2].best_seconds = 0.25;
  results[2].best_cpu_seconds = 0.2;  // the others took 0.4 s of CPU: 100% slower
  CHECK(cross_check(results, kHeaders).empty());

  const std::vector<ContenderResult> merged = merge_rounds(results);
  REQUIRE(merged.size() == 2);
  CHECK(merged[0].name == "raw");
  CHECK(merged[0].rounds == 3);
  CHECK(merged[0].repetitions == 9);
  CHECK(merged[0].best_seconds == 0.25);
  CHECK(merged[0].best_cpu_seconds == 0.2);
  CHECK(merged[0].events_per_second == 8e8);
  CHECK(round_spread_percent(merged[0]) == doctest::Approx(100));
  CHECK(merged[1].name == "msm");
  CHECK(merged[1].rounds == 1);
  CHECK(round_spread_percent(merged[1]) == 0);

  ReportInputs in;
  in.results = merged;
  CHECK(render_summary_json(in).find(R"("rounds":3,"round_spread_percent":100.0)") !=
        std::string::npos);
  // A round whose counts differ is caught before merging hides it.
  results[3].timed.accepted = 597;
  results[3].timed.refused = 9;
  CHECK(cross_check(results, kHeaders).size() == 1);
}

TEST_CASE("report: a contender that timed two different streams in one run is a problem") {
  auto results = parse_results(line("raw", 58, 598, 1) + "\n" + line("raw", 58, 598, 1), "results");
  results[1].timed.stream = "other.bin";
  const auto problems = cross_check(results, [](const std::string& path) {
    return kHeaders(path == "other.bin" ? "t.bin" : path);
  });
  REQUIRE(problems.size() == 1);
  CHECK(problems[0] == "raw timed two streams, t.bin and other.bin: one is expected");
  CHECK(cross_check(results, kHeaders, /*one_per_contender=*/false).size() == 1);  // other.bin
}
