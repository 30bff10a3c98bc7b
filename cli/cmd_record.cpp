// `lockstep record DB [EVENT...] [--file LOG] [--format jsonl|csv|xes] [--batch N]`: appends
// events to a journal, in batches, each all-or-nothing (lockstep/journal.h).
//
// Where the events come from:
//   - EVENT arguments: each a JSON Lines object ({"time":...}) or a CSV record in the column
//     order time,who,kind,step,hours,chars,count,form,reason,approver,key (trailing fields may be
//     left out); all of them form one batch;
//   - --file LOG: an event log (.csv, .jsonl, .xes), one batch;
//   - otherwise stdin, read as it arrives: JSON Lines or CSV (first line the header) make one
//     batch per --batch N records (default 1); XES is read whole.
// Events of a batch are ordered by time, as the log readers order them. One acknowledgement line
// is printed per batch, only after its COMMIT returned, so an acknowledged batch is on disk.
// Processing stops at the first batch not recorded; nothing of that batch is written.
// Exit 0 every batch recorded; 1 the engine refused an event (enforce mode: out of order);
// 2 bad input, a different rules or roster (--rules/--org), a lock timeout, a journal on
// read-only storage (said before any input is read; nothing is written), or I/O.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <iostream>

#include "cli/command_line.h"
#include "cli/commands.h"
#include "cli/load_inputs.h"
#include "lockstep/journal.h"

namespace lockstep::cli {
namespace {

constexpr const char* kCsvHeader = "time,who,kind,step,hours,chars,count,form,reason,approver,key";
constexpr std::size_t kCsvColumns = 11;

void print_diagnostics(const EventLogResult& r) {
  for (const Diagnostic& d : r.diagnostics) fmt::print(stderr, "{}\n", render_text(d, r.files));
}

// A CSV record with its trailing empty fields left out, padded to the full header.
std::string padded_csv(const std::string& record) {
  std::size_t fields = 1;
  bool quoted = false;
  for (char c : record) {
    if (c == '"') quoted = !quoted;
    if (c == ',' && !quoted) ++fields;
  }
  return fields < kCsvColumns ? record + std::string(kCsvColumns - fields, ',') : record;
}

std::optional<std::vector<LogEvent>> parse_text(const std::string& name, std::string text,
                                                EventLogFormat format) {
  EventLogResult r = read_event_log_text(name, std::move(text), format);
  print_diagnostics(r);
  return std::move(r.events);
}

std::optional<std::vector<LogEvent>> parse_arguments(const std::vector<std::string>& args) {
  std::vector<LogEvent> out;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    const bool json =
        a.find_first_not_of(" \t") != std::string::npos && a[a.find_first_not_of(" \t")] == '{';
    const std::string name = fmt::format("argument {}", i + 1);
    auto events = json ? parse_text(name, a + "\n", EventLogFormat::kJsonLines)
                       : parse_text(name, std::string(kCsvHeader) + "\n" + padded_csv(a) + "\n",
                                    EventLogFormat::kCsv);
    if (!events) return std::nullopt;
    out.insert(out.end(), events->begin(), events->end());
  }
  std::stable_sort(out.begin(), out.end(), [](const LogEvent& a, const LogEvent& b) {
    return a.day != b.day ? a.day < b.day : a.second < b.second;
  });
  return out;
}

struct Recorder {
  Journal& journal;
  std::string db;
  std::uint64_t batches = 0;

  // Appends one batch; prints its acknowledgement or why it was not written. Returns the exit
  // code when it failed.
  std::optional<int> record(const std::vector<LogEvent>& batch) {
    const JournalAppend r = journal.append(batch);
    if (!r.ack) {
      fmt::print(stderr, "lockstep record: {}: {}\n", db, r.error);
      return r.refused ? 1 : 2;
    }
    const JournalAck& a = *r.ack;
    if (a.recorded > 0)
      fmt::print("ok batch {}: {} event(s) recorded at {}..{}", a.batch, a.recorded, a.first_seq,
                 a.last_seq);
    else
      fmt::print("ok: nothing new");
    if (a.already > 0) fmt::print(", {} already recorded", a.already);
    fmt::print("\n");
    std::fflush(stdout);
    ++batches;
    return std::nullopt;
  }
};

// Reads stdin line by line, a batch every `per_batch` records, so that each is acknowledged as
// soon as it is durable.
int record_stream(Recorder& rec, EventLogFormat format, std::size_t per_batch) {
  std::string header, line, pending;
  std::size_t records = 0, line_no = 0, first_line = 1;
  if (format == EventLogFormat::kCsv && !std::getline(std::cin, header)) return 0;
  const auto flush = [&]() -> std::optional<int> {
    if (records == 0) return std::nullopt;
    const std::string name = fmt::format("stdin (lines {}..{})", first_line, line_no);
    std::string text = format == EventLogFormat::kCsv ? header + "\n" + pending : pending;
    pending.clear();
    records = 0;
    auto events = parse_text(name, std::move(text), format);
    if (!events) return 2;
    return rec.record(*events);
  };
  if (format == EventLogFormat::kCsv) line_no = 1;
  while (std::getline(std::cin, line)) {
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    if (records == 0) first_line = line_no;
    pending += line + "\n";
    if (++records == per_batch)
      if (auto rc = flush()) return *rc;
  }
  if (auto rc = flush()) return *rc;
  return 0;
}

std::optional<std::vector<LogEvent>> read_all_stdin(EventLogFormat format) {
  std::string text((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
  return parse_text("stdin", std::move(text), format);
}

}  // namespace

int run_record(std::span<char*> args) {
  CLI::App app{"Append events to a journal, one acknowledged batch at a time.", "lockstep record"};
  std::string db, file, format = "jsonl", rules, roster;
  std::vector<std::string> events;
  std::size_t per_batch = 0;
  int timeout_ms = 10000;
  app.add_option("db", db, "the journal file")->required();
  app.add_option("events", events, "events: JSON objects or CSV records (one batch)");
  app.add_option("--file", file, "an event log (.csv, .jsonl, .xes): one batch");
  app.add_option("--format", format, "the format of stdin: jsonl, csv or xes")
      ->check(CLI::IsMember({"jsonl", "csv", "xes"}));
  app.add_option("--batch", per_batch, "records per batch (stdin: default 1; --file: all)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 30));
  app.add_option("--timeout", timeout_ms, "milliseconds to wait for another recording process")
      ->check(CLI::Range(0, 24 * 3600 * 1000));
  app.add_option("--rules", rules, "check that the journal is bound to these rules");
  app.add_option("--org", roster, "check that the journal is bound to this roster");
  if (const auto stop = parse_command_line(app, args)) return *stop;
  if (!file.empty() && !events.empty()) {
    fmt::print(stderr, "lockstep record: give events as arguments or --file, not both\n");
    return 2;
  }
  JournalOptions options;
  options.busy_timeout_ms = timeout_ms;
  options.on_wait = [&] {
    fmt::print(stderr,
               "lockstep record: {}: another process is recording; waiting up to {} ms for it\n",
               db, timeout_ms);
  };
  std::optional<Journal> journal = open_journal("lockstep record", db, options, rules, roster);
  if (!journal) return 2;
  if (journal->read_only()) {
    fmt::print(stderr,
               "lockstep record: {}: the journal is on read-only storage (or its file or folder is "
               "not writable); nothing was recorded\n",
               db);
    return 2;
  }
  Recorder rec{*journal, db};
  const auto record_in_batches = [&](const std::vector<LogEvent>& all) {
    const std::size_t n = per_batch == 0 ? std::max<std::size_t>(all.size(), 1) : per_batch;
    for (std::size_t i = 0; i < all.size(); i += n) {
      const auto end = all.begin() + static_cast<std::ptrdiff_t>(std::min(all.size(), i + n));
      if (auto rc = rec.record({all.begin() + static_cast<std::ptrdiff_t>(i), end})) return *rc;
    }
    return 0;
  };
  if (!events.empty()) {
    auto parsed = parse_arguments(events);
    return parsed ? record_in_batches(*parsed) : 2;
  }
  if (!file.empty()) {
    EventLogResult r = read_event_log_file(file);
    print_diagnostics(r);
    return r.events ? record_in_batches(*r.events) : 2;
  }
  const EventLogFormat f = format == "csv"   ? EventLogFormat::kCsv
                           : format == "xes" ? EventLogFormat::kXes
                                             : EventLogFormat::kJsonLines;
  if (f == EventLogFormat::kXes) {
    auto parsed = read_all_stdin(f);
    return parsed ? record_in_batches(*parsed) : 2;
  }
  return record_stream(rec, f, per_batch == 0 ? 1 : per_batch);
}

}  // namespace lockstep::cli
