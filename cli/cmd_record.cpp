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
#include <csignal>
#include <iostream>

#include "cli/command_line.h"
#include "cli/commands.h"
#include "cli/load_inputs.h"
#include "cli/output.h"
#include "lockstep/journal.h"

namespace lockstep::cli {
namespace {

constexpr const char* kCsvHeader = "time,who,kind,step,hours,chars,count,form,reason,approver,key";
constexpr std::size_t kCsvColumns = 11;

void print_diagnostics(const EventLogResult& r) {
  for (const Diagnostic& d : r.diagnostics) eprint("{}\n", render_text(d, r.files));
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
      eprint("lockstep record: {}: {}\n", db, r.error);
      return r.refused ? 1 : 2;
    }
    const JournalAck& a = *r.ack;
    if (a.recorded > 0)
      print("ok batch {}: {} event(s) recorded at {}..{}", a.batch, a.recorded, a.first_seq,
            a.last_seq);
    else
      print("ok: nothing new");
    if (a.already > 0) print(", {} already recorded", a.already);
    print("\n");
    // The batch is on disk; a client that does not get this line will resend it. Say so, and stop:
    // recording more batches nobody hears about would only widen the gap.
    if (!flush_out()) {
      const std::string what = a.recorded > 0
                                   ? fmt::format("batch {} was recorded (committed)", a.batch)
                                   : std::string("the batch was already recorded");
      eprint(
          "lockstep record: {}: {}, but its acknowledgement could not be written: {}; submitting "
          "it again with the same idempotency keys is safe: it is recorded once\n",
          db, what, out_failure());
      out_failure_reported();
      return 2;
    }
    ++batches;
    return std::nullopt;
  }
};

// A line of stdin is as long as a JSON Lines line may be (docs/reliability.md, "Limits"): an
// endless line must not grow without bound before any reader sees it.
constexpr std::size_t kMaxLineBytes = 64 * 1024;

enum class Line { kOk, kEnd, kTooLong };

// The next line of `in` without its '\n'; kTooLong, with the rest of the line unread, past
// kMaxLineBytes.
Line read_line(std::istream& in, std::string& line) {
  line.clear();
  std::streambuf* buffer = in.rdbuf();
  for (;;) {
    const int c = buffer->sbumpc();
    if (c == std::char_traits<char>::eof()) return line.empty() ? Line::kEnd : Line::kOk;
    if (c == '\n') return Line::kOk;
    if (line.size() == kMaxLineBytes) return Line::kTooLong;
    line.push_back(static_cast<char>(c));
  }
}

// Reads stdin line by line, a batch every `per_batch` records, so that each is acknowledged as
// soon as it is durable.
int record_stream(Recorder& rec, EventLogFormat format, std::size_t per_batch) {
  std::string header, line, pending;
  std::size_t records = 0, line_no = 0, first_line = 1;
  const auto too_long = [&] {
    eprint(
        "lockstep record: stdin:{}: the line is longer than {} bytes; nothing of its batch was "
        "written\n",
        line_no, kMaxLineBytes);
    return 2;
  };
  if (format == EventLogFormat::kCsv) {
    line_no = 1;
    const Line got = read_line(std::cin, header);
    if (got == Line::kEnd) return 0;
    if (got == Line::kTooLong) return too_long();
  }
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
  for (Line got; (got = read_line(std::cin, line)) != Line::kEnd;) {
    ++line_no;
    if (got == Line::kTooLong) return too_long();
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    if (records == 0) first_line = line_no;
    pending += line + "\n";
    if (++records == per_batch)
      if (auto rc = flush()) return *rc;
  }
  if (auto rc = flush()) return *rc;
  return 0;
}

// All of stdin, but no more than one byte past the size limit of a log: the reader refuses a
// larger one (V002) without the rest being held.
std::optional<std::vector<LogEvent>> read_all_stdin(EventLogFormat format) {
  const std::size_t limit = EventLogOptions{}.max_bytes;
  std::string text;
  char buffer[1 << 16];
  while (text.size() <= limit && std::cin.read(buffer, sizeof buffer).gcount() > 0)
    text.append(buffer, static_cast<std::size_t>(std::cin.gcount()));
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
      ->check(whole_number(1, std::uint64_t{1} << 30));
  app.add_option("--timeout", timeout_ms, "milliseconds to wait for another recording process")
      ->check(whole_number(0, 24 * 3600 * 1000));
  app.add_option("--rules", rules, "check that the journal is bound to these rules");
  app.add_option("--org", roster, "check that the journal is bound to this roster");
  if (const auto stop = parse_command_line(app, args)) return *stop;
  // A client that closes its end of the pipe must not kill record between a COMMIT and its
  // acknowledgement unheard: the write fails instead (EPIPE) and record says what was recorded.
  std::signal(SIGPIPE, SIG_IGN);
  if (!file.empty() && !events.empty()) {
    eprint("lockstep record: give events as arguments or --file, not both\n");
    return 2;
  }
  JournalOptions options;
  options.busy_timeout_ms = timeout_ms;
  options.on_wait = [&] {
    eprint("lockstep record: {}: another process is recording; waiting up to {} ms for it\n", db,
           timeout_ms);
  };
  std::optional<Journal> journal = open_journal("lockstep record", db, options, rules, roster);
  if (!journal) return 2;
  if (journal->read_only()) {
    eprint(
        "lockstep record: {}: the journal is on read-only storage (or its file or folder is not "
        "writable); nothing was recorded\n",
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
