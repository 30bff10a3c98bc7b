// See event_fields.h.
#include "io/event_fields.h"

#include <fmt/format.h>

#include <charconv>

#include "lockstep/civil_date.h"
#include "util/suggest.h"
#include "util/unicode.h"

namespace lockstep::io {
namespace {

enum Index { kTime, kWho, kKind, kStep, kHours, kChars, kCount, kForm, kReason, kApprover, kKey };

constexpr std::array<std::string_view, 4> kKinds = {"complete", "excuse", "approve", "revise"};

bool two_digits(std::string_view s, std::size_t at, int& value) {
  if (at + 2 > s.size() || s[at] < '0' || s[at] > '9' || s[at + 1] < '0' || s[at + 1] > '9')
    return false;
  value = (s[at] - '0') * 10 + (s[at + 1] - '0');
  return true;
}

bool is_id(std::string_view s) {
  if (s.empty() || s.size() > 256) return false;
  for (unsigned char c : s)
    if (c <= 0x20 || c == 0x7f || c == ',' || c == ';' || c == '|' || c == '"') return false;
  return true;
}

bool has_control(std::string_view s) {
  for (unsigned char c : s)
    if (c < 0x20 || c == 0x7f) return true;
  return false;
}

}  // namespace

Field* RawEvent::find(std::string_view name, bool mark_given) {
  for (std::size_t i = 0; i < kEventFields.size(); ++i) {
    if (kEventFields[i] != name) continue;
    if (mark_given) given[i] = true;
    return &fields[i];
  }
  return nullptr;
}

bool parse_event_time(std::string_view text, DayNumber& day, std::int32_t& second) {
  const auto date = parse_date(text.substr(0, 10));
  if (!date) return false;
  day = *date;
  second = -1;
  if (text.size() == 10) return true;
  if (text[10] != 'T' && text[10] != ' ') return false;
  int h = 0, m = 0, s = 0;
  if (!two_digits(text, 11, h) || text.size() < 16 || text[13] != ':' || !two_digits(text, 14, m))
    return false;
  std::size_t i = 16;
  if (i < text.size() && text[i] == ':') {
    if (!two_digits(text, i + 1, s)) return false;
    i += 3;
    if (i < text.size() && text[i] == '.') {
      ++i;
      const std::size_t digits = i;
      while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
      if (i == digits) return false;
    }
  }
  if (h > 23 || m > 59 || s > 59) return false;
  // The zone, if any, is checked for form and ignored.
  const std::string_view zone = text.substr(i);
  int zh = 0, zm = 0;
  const bool zone_ok =
      zone.empty() || zone == "Z" ||
      (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && two_digits(zone, 1, zh) &&
       zone[3] == ':' && two_digits(zone, 4, zm) && zh <= 14 && zm <= 59);
  if (!zone_ok) return false;
  second = h * 3600 + m * 60 + s;
  return true;
}

std::string format_event_time(DayNumber day, std::int32_t second) {
  std::string out = format_date(day);
  if (second >= 0)
    out += fmt::format("T{:02}:{:02}:{:02}", second / 3600, second / 60 % 60, second % 60);
  return out;
}

std::string_view kind_id(LogEvent::Kind kind) {
  return kKinds[static_cast<std::size_t>(kind)];
}

bool make_log_event(const RawEvent& raw, ErrorList& errors, LogEvent& out) {
  bool ok = true;
  const auto& f = raw.fields;
  const auto fail = [&](Index i, const std::string& message, const std::string& help = {}) {
    errors.error(i == kTime ? "V011" : "V013", f[i].begin, f[i].end, message, help);
    ok = false;
  };

  out = LogEvent{};
  out.where = errors.lines().span(raw.begin, raw.begin);
  if (f[kTime].text.empty()) {
    fail(kTime, "the event has no time", "expected a date, YYYY-MM-DD, optionally with THH:MM:SS");
  } else if (!parse_event_time(f[kTime].text, out.day, out.second)) {
    fail(kTime, fmt::format("'{}' is not a time", util::excerpt(f[kTime].text)),
         "expected a date, YYYY-MM-DD, optionally with THH:MM:SS (2005-07-08T09:30:00)");
  } else if (!in_date_range(out.day)) {
    fail(kTime, fmt::format("the date {} is out of range", format_date(out.day)),
         date_range_text());
  }

  const std::string& kind = f[kKind].text;
  bool kind_ok = true;
  if (kind.empty() || kind == "complete") {
    out.kind = LogEvent::Kind::kComplete;
  } else if (kind == "excuse") {
    out.kind = LogEvent::Kind::kExcuse;
  } else if (kind == "approve") {
    out.kind = LogEvent::Kind::kApprove;
  } else if (kind == "revise") {
    out.kind = LogEvent::Kind::kRevise;
  } else {
    std::string help = "expected complete, excuse, approve or revise";
    if (const std::string s = util::did_you_mean(kind, {kKinds.begin(), kKinds.end()}); !s.empty())
      help = s + "; " + help;
    errors.error("V012", f[kKind].begin, f[kKind].end,
                 fmt::format("unknown kind '{}'", util::excerpt(kind)), help);
    ok = kind_ok = false;
  }

  for (Index i : {kWho, kStep}) {
    const char* what =
        i == kWho ? "who" : (out.kind == LogEvent::Kind::kApprove ? "phase" : "step");
    if (f[i].text.empty()) {
      fail(i, fmt::format("the event names no {}", what),
           i == kWho ? "expected the id of the member or unit the event is about"
                     : "expected the id of a step (of a phase, for approve)");
    } else if (!is_id(f[i].text)) {
      fail(i, fmt::format("{} '{}' is not an id", what, util::excerpt(f[i].text)),
           "ids have no spaces, control characters or any of , ; | \"");
    }
  }
  out.who = f[kWho].text;
  out.step = f[kStep].text;

  const std::array<std::pair<Index, std::optional<std::int32_t>*>, 3> numbers = {
      {{kHours, &out.hours}, {kChars, &out.chars}, {kCount, &out.count}}};
  for (const auto& [i, target] : numbers) {
    const std::string& t = f[i].text;
    if (t.empty()) continue;
    std::int32_t value = 0;
    const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
    if (ec != std::errc() || end != t.data() + t.size() || value < 0) {
      errors.error("V015", f[i].begin, f[i].end,
                   fmt::format("{} must be a whole number from 0 to 2147483647, not '{}'",
                               kEventFields[i], util::excerpt(t)),
                   "write digits only: no sign, no fraction, no exponent");
      ok = false;
    } else {
      *target = value;
    }
  }
  for (Index i : {kForm, kApprover}) {
    if (!f[i].text.empty() && !is_id(f[i].text)) {
      errors.error("V014", f[i].begin, f[i].end,
                   fmt::format("{} '{}' is not an id", kEventFields[i], util::excerpt(f[i].text)),
                   "ids have no spaces, control characters or any of , ; | \"");
      ok = false;
    }
  }
  for (Index i : {kReason, kKey}) {
    if (has_control(f[i].text) || f[i].text.size() > 1024) {
      errors.error(
          "V014", f[i].begin, f[i].end,
          fmt::format("{} has a control character or is longer than 1024 bytes", kEventFields[i]));
      ok = false;
    }
  }
  out.form = f[kForm].text;
  out.reason = f[kReason].text;
  out.approver = f[kApprover].text;
  out.idempotency_key = f[kKey].text;
  if (!kind_ok) return false;

  // What each kind needs, and what it does not take.
  if (out.kind == LogEvent::Kind::kExcuse && out.reason.empty()) {
    errors.error("V016", f[kKind].begin, f[kKind].end, "an excuse without a reason",
                 "give the reason the member or unit is excused (外出, 离岗退养 ...)");
    ok = false;
  }
  if (out.kind == LogEvent::Kind::kApprove && out.approver.empty()) {
    errors.error("V016", f[kKind].begin, f[kKind].end, "an approval without an approver",
                 "give the id of the supervision group or unit that approved the gate");
    ok = false;
  }
  const auto not_for = [&](Index i) {
    errors.error("V017", f[i].begin, f[i].end,
                 fmt::format("{} is not used by a {} event", kEventFields[i], kind_id(out.kind)),
                 "evidence goes with complete, a reason with excuse or revise, an approver with "
                 "approve");
    ok = false;
  };
  for (Index i : {kHours, kChars, kCount, kForm})
    if (!f[i].text.empty() && out.kind != LogEvent::Kind::kComplete) not_for(i);
  if (!out.reason.empty() && out.kind != LogEvent::Kind::kExcuse &&
      out.kind != LogEvent::Kind::kRevise)
    not_for(kReason);
  if (!out.approver.empty() && out.kind != LogEvent::Kind::kApprove) not_for(kApprover);
  return ok;
}

}  // namespace lockstep::io
