// Damaged inputs never crash a reader, and a reader either returns a result with no error or
// returns nothing with at least one error. The inputs are the fuzz seed files, each mutated a
// few hundred ways (bytes flipped, inserted, deleted, the text cut short) by a fixed sequence.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <sstream>

#include "lockstep/event_log.h"
#include "lockstep/roster.h"
#include "tests/io/org_invariants.h"
#include "tests/io/roster_test_model.h"

using namespace lockstep;

namespace {

// The seed files of the fuzz targets that read these folders of fuzz/corpus/.
std::vector<std::string> corpus(std::initializer_list<const char*> folders) {
  std::vector<std::filesystem::path> paths;
  for (const char* folder : folders)
    for (const auto& entry : std::filesystem::directory_iterator(std::string(LOCKSTEP_SOURCE_DIR) +
                                                                 "/fuzz/corpus/" + folder))
      paths.push_back(entry.path());
  std::sort(paths.begin(), paths.end());
  std::vector<std::string> texts;
  for (const auto& p : paths) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    texts.push_back(s.str());
  }
  return texts;
}

// A damaged copy of `text`, the n-th of a fixed sequence.
std::string mutate(const std::string& text, std::uint64_t n) {
  std::uint64_t x = n * 0x9E3779B97F4A7C15ull + 1;
  const auto next = [&x] {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return x;
  };
  std::string out = text;
  const char interesting[] = {'"', ',', '\n', '\r', '{',  '}',    '[',    ']', '<', '>',
                              '&', ';', '|',  '#',  '\0', '\xE4', '\xFF', ':', '/', ' '};
  for (int edits = 1 + static_cast<int>(next() % 4); edits > 0 && !out.empty(); --edits) {
    const std::size_t at = next() % out.size();
    switch (next() % 5) {
      case 0:
        out[at] = interesting[next() % sizeof interesting];
        break;
      case 1:
        out.insert(at, 1, interesting[next() % sizeof interesting]);
        break;
      case 2:
        out.erase(at, 1 + next() % 8);
        break;
      case 3:
        out.resize(at);
        break;
      default:
        out.insert(at, out.substr(next() % out.size(), 16));
        break;
    }
  }
  return out;
}

// The outcomes of one reader on damaged inputs, each one of two: a result without errors, or
// errors (each of which renders) without a result. Both must occur, or the mutations missed a path.
struct Outcomes {
  std::size_t accepted = 0, refused = 0;

  // Checks that `r` is one of the two; returns whether it holds a result.
  template <class Result>
  bool add(const Result& r, bool has_result) {
    if (has_result) {
      REQUIRE_FALSE(has_errors(r.diagnostics));
      ++accepted;
      return true;
    }
    REQUIRE(has_errors(r.diagnostics));
    for (const Diagnostic& d : r.diagnostics) REQUIRE(!render_text(d, r.files).empty());
    ++refused;
    return false;
  }

  void check_both_seen() const {
    CHECK(accepted > 0);
    CHECK(refused > 0);
  }
};

}  // namespace

TEST_CASE("damaged rosters: a result without errors, or errors without a result") {
  const CampaignModel model = roster_test_model();
  Outcomes outcomes;
  for (const std::string& text : corpus({"roster"})) {
    for (std::uint64_t n = 0; n < 400; ++n) {
      const RosterResult r = read_roster_text("m.csv", mutate(text, n), model);
      if (outcomes.add(r, r.org.has_value())) REQUIRE(broken_invariant(*r.org, model) == "");
    }
  }
  outcomes.check_both_seen();
}

TEST_CASE("damaged event logs: events without errors, or errors without events") {
  Outcomes outcomes;
  for (const std::string& text : corpus({"events_csv", "events_jsonl", "events_xes"})) {
    for (EventLogFormat f :
         {EventLogFormat::kCsv, EventLogFormat::kJsonLines, EventLogFormat::kXes}) {
      for (std::uint64_t n = 0; n < 300; ++n) {
        for (bool skip : {false, true}) {
          EventLogOptions options;
          options.skip_invalid = skip;
          const EventLogResult r = read_event_log_text("m.log", mutate(text, n), f, options);
          if (outcomes.add(r, r.events.has_value()))
            for (std::size_t i = 1; i < r.events->size(); ++i)
              REQUIRE((*r.events)[i - 1].day <= (*r.events)[i].day);
        }
      }
    }
  }
  outcomes.check_both_seen();
}
