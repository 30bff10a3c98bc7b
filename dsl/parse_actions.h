// The parser's actions: each grammar rule that carries meaning appends to or fills in the syntax
// tree held by ParseState. Internal to parser.cpp.
//
// Actions run as soon as their rule matches, even inside an alternative that later backtracks, so
// they are attached only to rules that match after the parser has committed (a keyword was read,
// or the rule is the whole of a backtracking alternative, like requirement_category).
#pragma once

#include <tao/pegtl.hpp>

#include "dsl/grammar.h"
#include "dsl/limits.h"
#include "dsl/parse_state.h"

namespace lockstep::dsl::actions {

namespace g = grammar;
using Level = grammar::Level;

template <typename Rule>
struct action : tao::pegtl::nothing<Rule> {};

// Declares an action whose body sees `in` (the matched input), `at` (where it begins), `st`.
#define LOCKSTEP_ACTION(rule)                                                         \
  template <>                                                                         \
  struct action<g::rule> {                                                            \
    template <typename ActionInput>                                                   \
    static void apply(const ActionInput& in, ParseState& st) {                        \
      [[maybe_unused]] const InputIterator& at = in.iterator();                       \
      body(in, at, st);                                                               \
    }                                                                                 \
    template <typename ActionInput>                                                   \
    static void body(const ActionInput& in, const InputIterator& at, ParseState& st); \
  };                                                                                  \
  template <typename ActionInput>                                                     \
  void action<g::rule>::body([[maybe_unused]] const ActionInput& in,                  \
                             [[maybe_unused]] const InputIterator& at, ParseState& st)

inline std::uint32_t offset(const InputIterator& at) {
  return static_cast<std::uint32_t>(at.byte);
}

// Lexical: where tokens end, and the comments kept for the formatter.
LOCKSTEP_ACTION(skip) {
  st.last_token_end = offset(at);
}
LOCKSTEP_ACTION(comment) {
  st.comment(at, in.string_view());
}

// Imports, campaigns and procedures.
LOCKSTEP_ACTION(import_kw) {
  st.ast.imports.emplace_back().offset = offset(at);
  st.begin_decl(Level::kTop, st.ast.imports.back().broken);
}
LOCKSTEP_ACTION(import_path) {
  st.ast.imports.back().path = st.string_literal(at, in.string_view());
}
LOCKSTEP_ACTION(import_decl) {
  st.ast.imports.back().end = st.last_token_end;
}

template <bool Procedure>
void begin_unit(const InputIterator& at, std::string_view keyword, ParseState& st) {
  UnitAst& u = st.ast.units.emplace_back();
  u.procedure = Procedure;
  u.keyword = st.name(at, keyword);
  u.offset = offset(at);
  st.begin_decl(Level::kTop, u.broken);
  st.begin_decl(Level::kHead, u.broken);
}
LOCKSTEP_ACTION(campaign_kw) {
  begin_unit<false>(at, in.string_view(), st);
}
LOCKSTEP_ACTION(procedure_kw) {
  begin_unit<true>(at, in.string_view(), st);
}
LOCKSTEP_ACTION(unit_id) {
  st.unit().id = st.name(at, in.string_view());
}
LOCKSTEP_ACTION(unit_display) {
  st.unit().display = st.string_literal(at, in.string_view());
}
LOCKSTEP_ACTION(extends_id) {
  st.unit().extends = st.name(at, in.string_view());
}
LOCKSTEP_ACTION(unit_open) {
  st.unit().has_body = true;
  st.unit_open = st.span(at, 1);
}
LOCKSTEP_ACTION(unit_close) {
  st.unit().close = offset(at);
}
LOCKSTEP_ACTION(unit_decl) {
  st.unit().end = st.last_token_end;
}

LOCKSTEP_ACTION(start_kw) {
  st.unit().starts.emplace_back().offset = offset(at);
  st.begin_decl(Level::kUnit, st.unit().starts.back().broken);
}
LOCKSTEP_ACTION(start_date) {
  st.unit().starts.back().date = st.date(at, in.string_view());
}
LOCKSTEP_ACTION(start_decl) {
  st.unit().starts.back().end = st.last_token_end;
}

template <std::vector<DeclAst> UnitAst::*Member>
void begin_simple_decl(const InputIterator& at, ParseState& st) {
  st.decls = &(st.unit().*Member);
  st.decls->emplace_back().offset = offset(at);
  st.begin_decl(Level::kUnit, st.decls->back().broken);
}
LOCKSTEP_ACTION(orgtype_kw) {
  begin_simple_decl<&UnitAst::org_types>(at, st);
}
LOCKSTEP_ACTION(category_kw) {
  begin_simple_decl<&UnitAst::categories>(at, st);
}
LOCKSTEP_ACTION(form_kw) {
  begin_simple_decl<&UnitAst::forms>(at, st);
}
LOCKSTEP_ACTION(decl_id) {
  st.decls->back().id = st.name(at, in.string_view());
}
LOCKSTEP_ACTION(decl_display) {
  st.decls->back().display = st.string_literal(at, in.string_view());
}
LOCKSTEP_ACTION(simple_decl) {
  st.decls->back().end = st.last_token_end;
}

// remove step X / remove phase X, in a campaign or in a phase.
LOCKSTEP_ACTION(unit_remove_kw) {
  st.remove = &st.unit().removes.emplace_back();
  st.remove->offset = offset(at);
  st.begin_decl(Level::kUnit, st.remove->broken);
}
LOCKSTEP_ACTION(remove_kw) {
  st.remove = &st.phase().removes.emplace_back();
  st.remove->offset = offset(at);
  st.begin_decl(Level::kPhase, st.remove->broken);
}
LOCKSTEP_ACTION(remove_phase_kw) {
  st.remove->phase = true;
}
LOCKSTEP_ACTION(remove_target) {
  st.remove->target = st.name(at, in.string_view());
}
LOCKSTEP_ACTION(remove_decl) {
  st.remove->end = st.last_token_end;
}
LOCKSTEP_ACTION(unit_remove_decl) {
  st.remove->end = st.last_token_end;
}

// Phases and their windows.
LOCKSTEP_ACTION(phase_kw) {
  PhaseAst& p = st.unit().phases.emplace_back();
  p.offset = offset(at);
  st.window_target = ParseState::WindowTarget::kPhase;
  st.begin_decl(Level::kUnit, p.broken);
  st.begin_decl(Level::kHead, p.broken);
}
LOCKSTEP_ACTION(phase_id) {
  st.phase().id = st.name(at, in.string_view());
}
LOCKSTEP_ACTION(phase_display) {
  st.phase().display = st.string_literal(at, in.string_view());
}
LOCKSTEP_ACTION(phase_open) {
  st.phase().has_body = true;
  st.phase_open = st.span(at, 1);
}
LOCKSTEP_ACTION(phase_close) {
  st.phase().close = offset(at);
}
LOCKSTEP_ACTION(phase_decl) {
  st.phase().end = st.last_token_end;
}

inline void begin_window(const InputIterator& at, PhaseWindow::Start start, ParseState& st) {
  if (st.window_target == ParseState::WindowTarget::kPhase)
    st.phase().window.emplace();
  else
    st.phase().windows.back().window = WindowAst{};
  st.window().start = start;
  st.window_begin = at;
}
LOCKSTEP_ACTION(window_kw_from) {
  begin_window(at, PhaseWindow::Start::kCampaignStart, st);
}
LOCKSTEP_ACTION(window_kw_after) {
  begin_window(at, PhaseWindow::Start::kAfterPhase, st);
}
LOCKSTEP_ACTION(window_kw_with) {
  begin_window(at, PhaseWindow::Start::kWithPhase, st);
}
LOCKSTEP_ACTION(window_date) {
  st.window().start = PhaseWindow::Start::kDate;
  st.window().date = st.date(at, in.string_view());
}
LOCKSTEP_ACTION(window_phase) {
  st.window().other = st.name(at, in.string_view());
}
LOCKSTEP_ACTION(window_offset_duration) {
  st.window().offset = st.duration(at, in.string_view());
}
LOCKSTEP_ACTION(window_length_duration) {
  st.window().length = st.duration(at, in.string_view());
}
LOCKSTEP_ACTION(window_advisory) {
  st.window().advisory = true;
}
LOCKSTEP_ACTION(window_spec) {
  st.window().span = st.span_to_here(st.window_begin);
}

LOCKSTEP_ACTION(window_kw) {
  WindowOverrideAst& w = st.phase().windows.emplace_back();
  w.offset = offset(at);
  st.window_target = ParseState::WindowTarget::kOverride;
  st.begin_decl(Level::kPhase, w.broken);
}
LOCKSTEP_ACTION(override_org_type) {
  st.phase().windows.back().org_type = st.name(at, in.string_view());
}
LOCKSTEP_ACTION(window_decl) {
  st.phase().windows.back().end = st.last_token_end;
}

LOCKSTEP_ACTION(gate_kw) {
  GateAst& gate = st.phase().gates.emplace_back();
  gate.offset = offset(at);
  st.begin_decl(Level::kPhase, gate.broken);
}
LOCKSTEP_ACTION(gate_id) {
  st.phase().gates.back().id = st.name(at, in.string_view());
}
LOCKSTEP_ACTION(gate_display) {
  st.phase().gates.back().display = st.string_literal(at, in.string_view());
}
LOCKSTEP_ACTION(gate_approver) {
  st.phase().gates.back().approver = st.name(at, in.string_view());
}
LOCKSTEP_ACTION(gate_decl) {
  st.phase().gates.back().end = st.last_token_end;
}

// Steps.
LOCKSTEP_ACTION(step_kw) {
  StepAst& s = st.phase().steps.emplace_back();
  s.offset = offset(at);
  st.begin_decl(Level::kPhase, s.broken);
}
LOCKSTEP_ACTION(step_id) {
  st.step().id = st.name(at, in.string_view());
}
LOCKSTEP_ACTION(step_display) {
  st.step().display = st.string_literal(at, in.string_view());
}
LOCKSTEP_ACTION(actor) {
  st.step().actor = st.name(at, in.string_view());
}
LOCKSTEP_ACTION(step_advisory) {
  st.step().advisory = true;
}
LOCKSTEP_ACTION(step_decl) {
  st.step().end = st.last_token_end;
}

template <ClauseAst::Kind Kind>
void begin_clause(const InputIterator& at, std::string_view keyword, ParseState& st) {
  ClauseAst& c = st.step().clauses.emplace_back();
  c.kind = Kind;
  c.keyword = st.span(at, keyword.size());
  c.offset = offset(at);
}
LOCKSTEP_ACTION(clause_after) {
  begin_clause<ClauseAst::Kind::kAfter>(at, in.string_view(), st);
}
LOCKSTEP_ACTION(clause_due) {
  begin_clause<ClauseAst::Kind::kDue>(at, in.string_view(), st);
}
LOCKSTEP_ACTION(clause_within) {
  begin_clause<ClauseAst::Kind::kWithin>(at, in.string_view(), st);
}
LOCKSTEP_ACTION(clause_repeat) {
  begin_clause<ClauseAst::Kind::kRepeat>(at, in.string_view(), st);
}
LOCKSTEP_ACTION(clause_require) {
  begin_clause<ClauseAst::Kind::kRequire>(at, in.string_view(), st);
}
LOCKSTEP_ACTION(clause_only) {
  begin_clause<ClauseAst::Kind::kOnly>(at, in.string_view(), st);
}
LOCKSTEP_ACTION(clause_except) {
  begin_clause<ClauseAst::Kind::kExcept>(at, in.string_view(), st);
}
LOCKSTEP_ACTION(clause_advisory) {
  st.clause().advisory = true;
}

LOCKSTEP_ACTION(ref_step) {
  RefAst& r = st.clause().refs.emplace_back();
  r.step = st.name(at, in.string_view());
  r.span = r.step.span;
}
LOCKSTEP_ACTION(scope_parent) {
  st.clause().refs.back().scope = Prerequisite::Scope::kParent;
}
LOCKSTEP_ACTION(scope_members) {
  st.clause().refs.back().scope = Prerequisite::Scope::kAllMembers;
}
LOCKSTEP_ACTION(scope_subunits) {
  st.clause().refs.back().scope = Prerequisite::Scope::kAllSubunits;
}
LOCKSTEP_ACTION(ref) {
  RefAst& r = st.clause().refs.back();
  r.span.length = st.last_token_end > r.step.offset ? st.last_token_end - r.step.offset : 0;
}

LOCKSTEP_ACTION(time_date) {
  st.clause().time.base = TimeExpr::Base::kDate;
  st.clause().time.date = st.date(at, in.string_view());
}
LOCKSTEP_ACTION(time_start) {
  st.clause().time.base = TimeExpr::Base::kCampaignStart;
}
LOCKSTEP_ACTION(time_phase) {
  st.clause().time.phase = st.name(at, in.string_view());
}
LOCKSTEP_ACTION(point_start) {
  st.clause().time.base = TimeExpr::Base::kPhaseStart;
}
LOCKSTEP_ACTION(point_end) {
  st.clause().time.base = TimeExpr::Base::kPhaseEnd;
}
LOCKSTEP_ACTION(time_sign) {
  st.negative_offset = in.string_view() == "-";
}
LOCKSTEP_ACTION(time_offset) {
  st.clause().time.offset = st.duration(at, in.string_view(), st.negative_offset);
}
LOCKSTEP_ACTION(time_expr) {
  st.clause().time.span = st.span_to_here(at);
}

LOCKSTEP_ACTION(within_limit) {
  st.clause().limit = st.duration(at, in.string_view());
}
LOCKSTEP_ACTION(repeat_count) {
  st.clause().count = st.number(at, in.string_view(), kMaxRepeat, st.clause().count_too_large);
  st.clause().count_span = st.span(at, in.size());
}

LOCKSTEP_ACTION(requirement_begin) {
  st.clause().requirements.emplace_back();
  st.requirement_begin = at;
}
LOCKSTEP_ACTION(requirement_category) {
  std::size_t length = 0;  // the name, without the blanks and ':' after it
  const std::string_view text = in.string_view();
  while (length < text.size() && text[length] != ':' && text[length] != ' ' &&
         text[length] != '\t' && text[length] != '\n' && text[length] != '\r' &&
         text[length] != '#')
    ++length;
  st.clause().requirements.back().category = st.name(at, text.substr(0, length));
}
LOCKSTEP_ACTION(requirement_field) {
  st.clause().requirements.back().field = st.name(at, in.string_view());
}
LOCKSTEP_ACTION(op_at_least) {
  st.clause().requirements.back().comparison = Requirement::Comparison::kAtLeast;
}
LOCKSTEP_ACTION(op_at_most) {
  st.clause().requirements.back().comparison = Requirement::Comparison::kAtMost;
}
LOCKSTEP_ACTION(op_equal) {
  st.clause().requirements.back().comparison = Requirement::Comparison::kEqual;
}
LOCKSTEP_ACTION(requirement_number) {
  RequirementAst& r = st.clause().requirements.back();
  r.number = st.number(at, in.string_view(), kMaxNumber, r.number_too_large);
}
LOCKSTEP_ACTION(requirement_name) {
  RequirementAst& r = st.clause().requirements.back();
  r.value_is_name = true;
  r.name = st.name(at, in.string_view());
}
LOCKSTEP_ACTION(requirement_advisory) {
  st.clause().requirements.back().advisory = true;
}
LOCKSTEP_ACTION(requirement) {
  st.clause().requirements.back().span = st.span_to_here(st.requirement_begin);
}

LOCKSTEP_ACTION(applies_name) {
  st.clause().names.push_back(st.name(at, in.string_view()));
}

#undef LOCKSTEP_ACTION

}  // namespace lockstep::dsl::actions
