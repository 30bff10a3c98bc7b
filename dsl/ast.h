// The syntax tree of a rules file: what was written, where, before any name is resolved.
//
// The parser (parser.h) builds it; the resolver and compiler turn it into a CampaignModel; the
// formatter prints it back. Every element keeps the span it came from (for diagnostics) and the
// byte offset where it begins (so the formatter can put comments back where they were).
//
// Invariants:
//   - spans are in bytes, 1-based line and column, as lockstep::SourceSpan says;
//   - `broken` marks a declaration that had a syntax error: what was parsed before the error is
//     kept (so its name still resolves and no cascade of "unknown name" follows), the rest is
//     empty or partial and must not be checked;
//   - lists hold declarations in source order.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lockstep/model.h"

namespace lockstep::dsl {

// An identifier as written, where it was written.
struct Name {
  std::string text;
  SourceSpan span;
  std::uint32_t offset = 0;  // byte offset in the file
  bool empty() const { return text.empty(); }
};

// A quoted display name, unescaped.
struct Text {
  std::string value;
  SourceSpan span;
};

struct DurationAst {
  Duration value;
  SourceSpan span;
};

struct DateAst {
  int year = 0, month = 0, day = 0;
  DayNumber days = 0;  // valid only when `valid`
  bool valid = false;
  SourceSpan span;
};

// A point in time: DATE, `start`, `PHASE.start`, `phase.end`, each with an optional offset.
struct TimeAst {
  TimeExpr::Base base = TimeExpr::Base::kPhaseEnd;
  DateAst date;
  Name phase;                         // empty text: the enclosing phase (`phase.start`)
  std::optional<DurationAst> offset;  // negative amount for "- 7d"
  SourceSpan span;
};

// `from start + 1w, 6w`, `after study, 30d`, `with appraisal + 2w, 2m`, `from 2005-07-01, 3m`.
struct WindowAst {
  PhaseWindow::Start start = PhaseWindow::Start::kCampaignStart;
  Name other;  // for after / with
  DateAst date;
  std::optional<DurationAst> offset;
  DurationAst length;
  bool advisory = false;  // `..., 2m advisory`: a window for reference
  SourceSpan span;
};

// `X`, `X of parent`, `X of all members`, `X of all subunits`.
struct RefAst {
  Name step;
  Prerequisite::Scope scope = Prerequisite::Scope::kSame;
  SourceSpan span;  // the whole reference
};

// `[CATEGORY:] FIELD OP VALUE [advisory]`.
struct RequirementAst {
  std::optional<Name> category;
  Name field;
  Requirement::Comparison comparison = Requirement::Comparison::kAtLeast;
  bool value_is_name = false;
  std::int64_t number = 0;
  bool number_too_large = false;
  Name name;  // the value when it is a name (a form)
  bool advisory = false;
  SourceSpan span;
};

// One clause of a step, in the order written. Only the fields of its kind are used.
struct ClauseAst {
  enum class Kind { kAfter, kDue, kWithin, kRepeat, kRequire, kOnly, kExcept };
  Kind kind = Kind::kAfter;
  SourceSpan keyword;
  std::uint32_t offset = 0;
  std::vector<RefAst> refs;  // after; within uses refs[0]
  TimeAst time;              // due
  DurationAst limit;         // within
  bool advisory = false;     // due, within
  std::int64_t count = 0;    // repeat
  bool count_too_large = false;
  SourceSpan count_span;
  std::vector<RequirementAst> requirements;  // require
  std::vector<Name> names;                   // only, except
};

struct StepAst {
  Name id;
  Text display;
  Name actor;
  bool advisory = false;
  std::vector<ClauseAst> clauses;
  bool broken = false;
  std::uint32_t offset = 0, end = 0;  // bytes: from `step` to the end of its last token
};

// `window ORGTYPE: WINDOW` inside a phase.
struct WindowOverrideAst {
  Name org_type;
  WindowAst window;
  bool broken = false;
  std::uint32_t offset = 0, end = 0;
};

// `gate ID "name" by supervision|parent`.
struct GateAst {
  Name id;
  Text display;
  Name approver;
  bool broken = false;
  std::uint32_t offset = 0, end = 0;
};

// `remove step ID` / `remove phase ID` (in an extension).
struct RemoveAst {
  bool phase = false;  // else a step
  Name target;
  bool broken = false;
  std::uint32_t offset = 0, end = 0;
};

struct PhaseAst {
  Name id;
  std::optional<Text> display;
  std::optional<WindowAst> window;
  std::vector<WindowOverrideAst> windows;
  std::vector<GateAst> gates;
  std::vector<StepAst> steps;
  std::vector<RemoveAst> removes;
  bool broken = false;  // the header had a syntax error
  bool has_body = false;
  std::uint32_t offset = 0, end = 0, close = 0;  // close: offset of its '}'
};

// `orgtype`, `category` and `form` declarations.
struct DeclAst {
  Name id;
  Text display;
  bool broken = false;
  std::uint32_t offset = 0, end = 0;
};

struct StartAst {
  DateAst date;
  bool broken = false;
  std::uint32_t offset = 0, end = 0;
};

// A campaign or a procedure.
struct UnitAst {
  bool procedure = false;
  Name keyword;  // `campaign` / `procedure`, for pointing at the declaration
  Name id;
  std::optional<Text> display;
  std::optional<Name> extends;
  std::vector<StartAst> starts;
  std::vector<DeclAst> org_types, categories, forms;
  std::vector<PhaseAst> phases;
  std::vector<RemoveAst> removes;
  bool broken = false;
  bool has_body = false;
  std::uint32_t offset = 0, end = 0, close = 0;
};

struct ImportAst {
  Text path;
  bool broken = false;
  std::uint32_t offset = 0, end = 0;
};

struct CommentAst {
  std::string text;  // from '#' to the end of the line, without the line break
  std::uint32_t offset = 0;
  bool own_line = false;  // nothing but blanks before it on its line
};

struct FileAst {
  std::uint32_t file = 0;  // index in the SourceFiles table
  std::vector<ImportAst> imports;
  std::vector<UnitAst> units;
  std::vector<CommentAst> comments;
  bool syntax_errors = false;
};

}  // namespace lockstep::dsl
