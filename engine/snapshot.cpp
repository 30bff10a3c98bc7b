// The engine's state as bytes and back: Engine::save_state() and Engine::load_state(), for the
// journal's snapshots (docs/reliability.md, "Snapshots").
//
// Format (version 1), every number little-endian:
//   header   "LKSPSTAT", u32 version, then what the state is only valid for: u64 members,
//            u64 units, u32 steps, u32 member slots, u32 unit slots, u32 day slots, u32 rep slots,
//            u32 phases, u64 timeline points, i32 start, u8 mode, u64 digest of the campaign's
//            shape (step, phase and unit ids, the calendar, who each branch is responsible for)
//   body     i32 clock, u64 next_point; the ten compact arrays (eight of the
//            InstanceTable, two of the PhaseBook), their sizes
//            implied by the header; the calendar queue (base day, the entries before it and those
//            of its day buckets by day, then its far heap in heap order); violations; excuses;
//            reasons
//   trailer  u64 FNV-1a of every byte before it
//
// Invariants: load_state() trusts nothing in the blob. Every count is checked against the bytes
// left before anything is allocated, every id and day against the engine's own sizes and range,
// and the counters (satisfied masks, open members, open required instances, next_point) must
// equal what the loaded step states imply. Only when all of it holds is the state swapped in;
// otherwise the engine is unchanged and `error` says what was wrong.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstring>

#include "engine/engine_impl.h"
#include "engine/snapshot_codec.h"
#include "engine/snapshot_identity.h"
#include "lockstep/civil_date.h"

namespace lockstep {

using namespace engine;
using namespace engine::snapshot;
using Impl = engine::EngineState;

namespace {

constexpr std::array<char, 8> kMagic = {'L', 'K', 'S', 'P', 'S', 'T', 'A', 'T'};
constexpr std::uint32_t kFormatVersion = 1;
constexpr std::size_t kQueueEntryBytes = 11, kViolationBytes = 53, kExcuseBytes = 14;

// A state being read: the engine's parts, filled and checked before they replace the engine's.
struct State {
  InstanceTable instances;
  PhaseBook phases;
  Records records;
  DayNumber today = 0;
  std::size_t next_point = 0;
  CalendarQueue queue;
};

// The parts a state is written from.
struct Saved {
  const InstanceTable& instances;
  const PhaseBook& phases;
  const Records& records;
};

bool in_calendar(DayNumber d) {
  return d >= kMinDay && d <= kMaxDay;
}

// ---- reading and checking the body -------------------------------------------------------------

std::string check_queue_entry(const engine::EngineState& x, const QueueEntry& q) {
  if (!in_calendar(q.day)) return fmt::format("a queued deadline on day {} is out of range", q.day);
  if (static_cast<std::uint8_t>(q.kind) > 3 || q.step >= x.context.model->steps.size())
    return "a queued deadline names an unknown kind or step";
  const bool member_step = x.context.plan.steps[q.step].by_member;
  const bool wants_member_step =
      q.kind == QueueEntry::Kind::kMember || q.kind == QueueEntry::Kind::kMembersBelow;
  const std::size_t bound = q.kind == QueueEntry::Kind::kMember ? x.context.org->member_count()
                                                                : x.context.org->units.size();
  if (member_step != wants_member_step || q.who >= bound)
    return fmt::format("a queued deadline of step {} names who {}, which it cannot", q.step, q.who);
  return {};
}

// The calendar queue: the entries before its base and those of its day buckets, by day, then the
// far heap in heap order, rebuilt by pushing them in that order into a queue of the same base —
// which puts every entry back where it was, since the heap property means no pushed far entry
// moves.
std::string read_queue(Reader& r, const engine::EngineState& x, CalendarQueue& queue,
                       DayNumber clock) {
  const auto base = r.num<DayNumber>("queue");
  if (r.ok() && (base < x.context.start || base > clock + 1))
    return fmt::format("the deadline queue starts on day {}, outside {}..{}", base, x.context.start,
                       clock + 1);
  std::vector<QueueEntry> ring, far;
  const auto ring_count = r.num<std::uint64_t>("queue");
  if (!r.count_fits(ring_count, kQueueEntryBytes, "queue entries")) return r.error;
  ring.resize(ring_count);
  for (QueueEntry& q : ring) q = r.entry();
  const auto far_count = r.num<std::uint64_t>("queue");
  if (!r.count_fits(far_count, kQueueEntryBytes, "queue entries")) return r.error;
  far.resize(far_count);
  for (QueueEntry& q : far) q = r.entry();
  if (!r.ok()) return r.error;
  // Each entry leaves on its own day (calendar_queue.h): those before the base, then the buckets,
  // all by day.
  DayNumber last = kMinDay;
  for (const QueueEntry& q : ring) {
    if (auto bad = check_queue_entry(x, q); !bad.empty()) return bad;
    if (q.day >= base + CalendarQueue::kSpan || q.day < last)
      return "the deadline queue's day buckets are out of order";
    last = q.day;
  }
  for (std::size_t i = 0; i < far.size(); ++i) {
    if (auto bad = check_queue_entry(x, far[i]); !bad.empty()) return bad;
    if (far[i].day < base + CalendarQueue::kSpan || (i > 0 && far[(i - 1) / 2].day > far[i].day))
      return "the deadline queue's far heap is not a heap";
  }
  queue = CalendarQueue(base);
  for (const QueueEntry& q : ring) queue.push(q);
  for (const QueueEntry& q : far) queue.push(q);
  return {};
}

std::string check_violation(const engine::EngineState& x, const Violation& v) {
  const std::size_t steps = x.context.model->steps.size();
  if (static_cast<int>(v.kind) >= kViolationKindCount || static_cast<int>(v.severity) > 1 ||
      static_cast<int>(v.field) > static_cast<int>(Requirement::Field::kForm))
    return "a violation has an unknown kind, severity or field";
  if ((v.unit != kNoUnit && v.unit >= x.context.org->units.size()) ||
      (v.member != kNoMember && v.member >= x.context.org->member_count()) ||
      v.phase >= x.context.phases || (v.step != kNoStep && v.step >= steps) ||
      (v.other_step != kNoStep && v.other_step >= steps))
    return "a violation names a unit, member, phase or step out of range";
  if (v.rule.file != 0 && v.rule.file >= x.context.model->files.size())
    return "a violation cites a rules file out of range";
  if (!in_calendar(v.day)) return "a violation's day is out of range";
  return {};
}

Violation read_violation(Reader& r) {
  Violation v;
  v.kind = static_cast<ViolationKind>(r.num<std::uint8_t>("violation"));
  v.severity = static_cast<Severity>(r.num<std::uint8_t>("violation"));
  v.unit = r.num<UnitId>("violation");
  v.member = r.num<MemberId>("violation");
  v.phase = r.num<PhaseId>("violation");
  v.step = r.num<StepId>("violation");
  v.day = r.num<DayNumber>("violation");
  v.rule.file = r.num<std::uint32_t>("violation");
  v.rule.line = r.num<std::uint32_t>("violation");
  v.rule.column = r.num<std::uint32_t>("violation");
  v.rule.length = r.num<std::uint32_t>("violation");
  v.other_step = r.num<StepId>("violation");
  v.field = static_cast<Requirement::Field>(r.num<std::uint8_t>("violation"));
  v.expected = r.num<std::int64_t>("violation");
  v.actual = r.num<std::int64_t>("violation");
  return v;
}

void write_violation(Writer& w, const Violation& v) {
  w.num(static_cast<std::uint8_t>(v.kind)), w.num(static_cast<std::uint8_t>(v.severity));
  w.num(v.unit), w.num(v.member), w.num(v.phase), w.num(v.step), w.num(v.day);
  w.num(v.rule.file), w.num(v.rule.line), w.num(v.rule.column), w.num(v.rule.length);
  w.num(v.other_step), w.num(static_cast<std::uint8_t>(v.field)), w.num(v.expected);
  w.num(v.actual);
}

std::string read_records(Reader& r, const engine::EngineState& x, State& st) {
  const auto violations = r.num<std::uint64_t>("violations");
  if (!r.count_fits(violations, kViolationBytes, "violations")) return r.error;
  st.records.violations.resize(violations);
  for (Violation& v : st.records.violations) v = read_violation(r);
  const auto excuses = r.num<std::uint64_t>("excuses");
  if (!r.count_fits(excuses, kExcuseBytes, "excuses")) return r.error;
  st.records.excuses.resize(excuses);
  for (ExcuseRecord& e : st.records.excuses) {
    e.actor = r.num<std::uint32_t>("excuse"), e.step = r.num<StepId>("excuse");
    e.day = r.num<DayNumber>("excuse"), e.reason = r.num<std::uint32_t>("excuse");
  }
  const auto reasons = r.num<std::uint64_t>("reasons");
  if (!r.count_fits(reasons, 4, "reasons")) return r.error;
  st.records.reasons.resize(reasons);
  for (std::string& s : st.records.reasons) {
    const auto n = r.num<std::uint32_t>("reason");
    if (!r.count_fits(n, 1, "reason bytes")) return r.error;
    s.assign(reinterpret_cast<const char*>(r.in.data() + r.at), n);
    r.at += n;
  }
  if (!r.ok()) return r.error;
  for (const Violation& v : st.records.violations)
    if (auto bad = check_violation(x, v); !bad.empty()) return bad;
  for (const ExcuseRecord& e : st.records.excuses) {
    const bool by_member =
        e.step < x.context.model->steps.size() && x.context.plan.steps[e.step].by_member;
    const std::size_t bound =
        by_member ? x.context.org->member_count() : x.context.org->units.size();
    if (e.step >= x.context.model->steps.size() || e.actor >= bound || !in_calendar(e.day) ||
        e.reason >= st.records.reasons.size())
      return "an excuse names a step, actor, day or reason out of range";
  }
  for (std::uint32_t i = 0; i < st.records.reasons.size(); ++i)
    if (!st.records.reason_index.emplace(st.records.reasons[i], i).second)
      return "an excuse reason is stored twice";
  return {};
}

// Step bytes: a lifecycle state, or "does not apply" exactly where it does not apply in this
// engine (which never changes after make_engine()).
std::string check_steps(std::span<const std::uint8_t> got, std::span<const std::uint8_t> now,
                        const char* who) {
  for (std::size_t i = 0; i < got.size(); ++i) {
    if ((got[i] == kNotApplicable) != (now[i] == kNotApplicable))
      return fmt::format(
          "{} step instance {} applies in the state but not in this engine, or the "
          "reverse",
          who, i);
    if (got[i] != kNotApplicable && got[i] >= kStepStateCount)
      return fmt::format("{} step instance {} has state byte {}", who, i, got[i]);
  }
  return {};
}

// The counters must be what the step states imply (instance_table.h and phase_book.h list the
// invariants).
std::string check_counters(const engine::EngineState& x, const State& st) {
  const std::size_t members = x.context.org->member_count(), units = x.context.org->units.size();
  RosterVector<std::uint32_t> open_members(units * x.context.member_slots, 0);
  RosterVector<std::uint32_t> open_required(units * x.context.phases, 0);
  for (MemberId m = 0; m < members; ++m) {
    const UnitId b = x.context.branch_of(m);
    const UnitId o = x.context.topology.organization[b];
    std::uint64_t mask = 0;
    for (std::uint16_t k = 0; k < x.context.member_slots; ++k) {
      if (is_satisfied(st.instances.member_step[m * x.context.member_slots + k])) {
        mask |= std::uint64_t{1} << k;
        continue;
      }
      ++open_members[b * x.context.member_slots + k];
      const StepPlan& sp = x.context.plan.steps[x.context.plan.member_steps[k]];
      if (sp.required && o != kNoUnit) ++open_required[o * x.context.phases + sp.phase];
    }
    if (st.instances.satisfied[m] != mask)
      return fmt::format("member {}'s mask of satisfied steps disagrees with its steps", m);
  }
  for (UnitId u = 0; u < units; ++u) {
    const UnitId o = x.context.topology.organization[u];
    for (std::uint16_t k = 0; k < x.context.unit_slots; ++k) {
      const StepPlan& sp = x.context.plan.steps[x.context.plan.unit_steps[k]];
      if (!is_satisfied(st.instances.unit_step[u * x.context.unit_slots + k]) && sp.required &&
          o != kNoUnit)
        ++open_required[o * x.context.phases + sp.phase];
    }
  }
  if (open_members != st.instances.open_members)
    return "the open member counts disagree with the steps";
  if (open_required != st.phases.open_required)
    return "the open required counts disagree with the steps";
  for (std::uint8_t p : st.phases.phase_state)
    if (p >= kPhaseStateCount) return fmt::format("a phase has state byte {}", p);
  // A phase byte keeps in step with its count (PhaseBook::reacts), which the kernel relies on: an
  // open phase has a required step open, one awaiting its gate has none.
  for (std::size_t i = 0; i < st.phases.phase_state.size(); ++i) {
    const auto state = static_cast<PhaseState>(st.phases.phase_state[i]);
    const std::uint32_t open = st.phases.open_required[i];
    if ((state == PhaseState::kOpen && open == 0) ||
        (state == PhaseState::kAwaitingGate && open != 0))
      return fmt::format("a phase is {} with {} required steps open", phase_state_name(state),
                         open);
  }
  for (const auto* days : {&st.instances.member_day, &st.instances.unit_day})
    for (DayNumber d : *days)
      if (!in_calendar(d)) return fmt::format("a step's day {} is out of range", d);
  return {};
}

std::string read_state(Reader& r, const engine::EngineState& x, State& st) {
  const std::size_t members = x.context.org->member_count(), units = x.context.org->units.size();
  st.today = r.num<DayNumber>("clock");
  const auto next_point = r.num<std::uint64_t>("clock");
  if (!r.ok()) return r.error;
  if (!in_calendar(st.today) || st.today < x.context.start)
    return fmt::format("the clock is on day {}, before the start or out of range", st.today);
  // Every point of the calendar up to the clock has fired, and none after it.
  const auto fired = std::upper_bound(x.clock.timeline.begin(), x.clock.timeline.end(), st.today,
                                      [](DayNumber d, const TimePoint& p) { return d < p.day; });
  if (next_point != static_cast<std::uint64_t>(fired - x.clock.timeline.begin()))
    return fmt::format("{} calendar point(s) fired, but the clock on day {} implies {}", next_point,
                       st.today, fired - x.clock.timeline.begin());
  st.next_point = static_cast<std::size_t>(next_point);
  r.array(st.instances.member_step, members * x.context.member_slots, "member steps");
  r.array(st.instances.satisfied, members, "satisfied masks");
  r.array(st.instances.member_day, members * x.context.plan.day_slots, "member days");
  r.array(st.instances.member_reps, members * x.context.plan.rep_slots, "member repetitions");
  r.array(st.instances.unit_step, units * x.context.unit_slots, "unit steps");
  r.array(st.instances.unit_day, units * x.context.unit_slots, "unit days");
  r.array(st.instances.unit_reps, units * x.context.unit_slots, "unit repetitions");
  r.array(st.instances.open_members, units * x.context.member_slots, "open member counts");
  r.array(st.phases.phase_state, units * x.context.phases, "phase states");
  r.array(st.phases.open_required, units * x.context.phases, "open required counts");
  if (!r.ok()) return r.error;
  if (auto bad = check_steps(st.instances.member_step, x.instances.member_step, "member");
      !bad.empty())
    return bad;
  if (auto bad = check_steps(st.instances.unit_step, x.instances.unit_step, "unit"); !bad.empty())
    return bad;
  if (auto bad = check_counters(x, st); !bad.empty()) return bad;
  if (auto bad = read_queue(r, x, st.queue, st.today); !bad.empty()) return bad;
  return read_records(r, x, st);
}

}  // namespace

std::vector<std::uint8_t> Engine::save_state() const {
  if (!impl_) return {};
  const Impl& x = *impl_;
  const Saved s{x.instances, x.phases, x.records};
  Writer w;
  w.out.reserve(64 + s.instances.member_step.size() + s.instances.satisfied.size() * 8 +
                s.instances.member_day.size() * 4 + s.instances.member_reps.size() * 2 +
                s.instances.unit_step.size() * 7 + s.instances.open_members.size() * 4 +
                s.phases.phase_state.size() * 5 + s.records.violations.size() * kViolationBytes +
                s.records.excuses.size() * kExcuseBytes);
  w.out.insert(w.out.end(), kMagic.begin(), kMagic.end());
  w.num(kFormatVersion);
  identity_of(x).write(w);
  w.num(x.clock.today), w.num(static_cast<std::uint64_t>(x.clock.next_point));
  w.array(s.instances.member_step), w.array(s.instances.satisfied), w.array(s.instances.member_day),
      w.array(s.instances.member_reps);
  w.array(s.instances.unit_step), w.array(s.instances.unit_day), w.array(s.instances.unit_reps),
      w.array(s.instances.open_members);
  w.array(s.phases.phase_state), w.array(s.phases.open_required);

  const std::vector<QueueEntry> ring = x.clock.queue.ring_entries();
  const std::vector<QueueEntry>& far = x.clock.queue.far_heap();
  w.num(x.clock.queue.base());
  w.num(static_cast<std::uint64_t>(ring.size()));
  for (const QueueEntry& q : ring) w.entry(q);
  w.num(static_cast<std::uint64_t>(far.size()));
  for (const QueueEntry& q : far) w.entry(q);

  w.num(static_cast<std::uint64_t>(s.records.violations.size()));
  for (const Violation& v : s.records.violations) write_violation(w, v);
  w.num(static_cast<std::uint64_t>(s.records.excuses.size()));
  for (const ExcuseRecord& e : s.records.excuses)
    w.num(e.actor), w.num(e.step), w.num(e.day), w.num(e.reason);
  w.num(static_cast<std::uint64_t>(s.records.reasons.size()));
  for (const std::string& reason : s.records.reasons) {
    w.num(static_cast<std::uint32_t>(reason.size()));
    w.out.insert(w.out.end(), reason.begin(), reason.end());
  }
  w.num(fnv1a(w.out.data(), w.out.size()));
  return std::move(w.out);
}

namespace {

// The state in `blob` swapped into `into`, or why not ("" when loaded; `into` is unchanged then).
std::string load_into(Impl& into, std::span<const std::uint8_t> blob) {
  const Impl& x = into;
  const auto fail = [](const std::string& why) { return why; };
  constexpr std::size_t kTrailer = 8;
  if (blob.size() < kMagic.size() + 4 + kTrailer)
    return fail(fmt::format("{} byte(s), too short to be one", blob.size()));
  if (std::memcmp(blob.data(), kMagic.data(), kMagic.size()) != 0)
    return fail("not an engine state (it does not start with LKSPSTAT)");
  Reader r{blob.first(blob.size() - kTrailer), kMagic.size(), {}};
  const auto version = r.num<std::uint32_t>("header");
  if (version != kFormatVersion)
    return fail(
        fmt::format("format version {}; this program reads version {}", version, kFormatVersion));
  Reader trailer{blob.last(kTrailer), 0, {}};
  if (trailer.num<std::uint64_t>("trailer") != fnv1a(blob.data(), blob.size() - kTrailer))
    return fail("damaged: its checksum does not match its bytes");
  Identity id;
  id.read(r);
  if (!r.ok()) return fail(r.error);
  if (auto bad = identity_mismatch(id, identity_of(x)); !bad.empty()) return fail(bad);
  State st;
  if (auto bad = read_state(r, x, st); !bad.empty()) return fail(bad);
  if (r.left() != 0) return fail(fmt::format("{} byte(s) after the end of the state", r.left()));
  into.instances.adopt_rows(std::move(st.instances));
  into.phases.adopt_rows(std::move(st.phases));
  into.records = std::move(st.records);
  into.clock.today = st.today;
  into.clock.next_point = st.next_point;
  into.clock.queue = std::move(st.queue);
  return {};
}

}  // namespace

Diagnostics Engine::load_state(std::span<const std::uint8_t> blob) {
  std::string why = impl_ ? load_into(*impl_, blob) : "the engine is empty (moved from)";
  if (why.empty()) return {};
  Diagnostic d;
  d.code = "E0905";
  d.message = "the saved engine state cannot be loaded: " + why;
  d.help =
      "a saved state loads only into an engine made from the same rules, roster, start date "
      "and mode, by a program that reads its format; otherwise replay the events";
  return {d};
}

}  // namespace lockstep
