// The grammar of the rules language, in PEGTL 3. It reads top-down like docs/language.md:
// lexical pieces, then a file, a campaign or procedure, a phase, a step and its clauses.
//
// Only recognition lives here. Building the syntax tree is done by actions (parser.cpp); the
// messages of syntax errors are the kExpected table at the end, one per `must<>` target, so each
// error says what was expected at the exact point of failure.
//
// Error recovery: every declaration is wrapped in `recover<Decl, Level>` (parser.cpp). A syntax
// error inside it is recorded, the input skips to the next keyword that can begin a declaration
// at that level (or to the '{' of a broken header), and parsing goes on, so one run reports every
// independent error. The grammar is not recursive: the stack depth is bounded whatever the input.
#pragma once

#include <tao/pegtl.hpp>

#include "util/unicode.h"

namespace lockstep::dsl::grammar {

namespace pegtl = tao::pegtl;
using pegtl::any;
using pegtl::at;
using pegtl::digit;
using pegtl::eof;
using pegtl::must;
using pegtl::not_at;
using pegtl::not_one;
using pegtl::one;
using pegtl::opt;
using pegtl::plus;
using pegtl::rep;
using pegtl::seq;
using pegtl::sor;
using pegtl::star;
using pegtl::until;

// Where a recovered syntax error resumes: see parser.cpp.
enum class Level { kTop, kUnit, kPhase, kHead };

template <typename Rule, Level L>
struct recover;  // defined in parser.cpp, where the parse state is known

// ---------------------------------------------------------------------------------------------
// Lexical structure

// One character of an identifier: ASCII letters, digits, '_', non-ASCII letters and ideographs.
template <bool First>
struct identifier_char {
  using rule_t = identifier_char;
  using subs_t = pegtl::empty_list;

  template <typename ParseInput>
  static bool match(ParseInput& in) {
    if (in.empty()) return false;
    const std::string_view rest(in.current(), in.size());
    std::size_t length = 0;
    const char32_t c = util::decode_utf8(rest, length);
    if (!util::is_identifier_char(c) || (First && c >= '0' && c <= '9')) return false;
    in.bump(length);
    return true;
  }
};

struct comment : seq<one<'#'>, star<not_one<'\n'>>> {};
struct blank : one<' ', '\t', '\r', '\n'> {};
struct skip : star<sor<blank, comment>> {};

// A token followed by blanks and comments.
template <typename R>
struct t : seq<R, skip> {};

struct word : seq<identifier_char<true>, star<identifier_char<false>>> {};
template <typename S>
struct kw : seq<S, not_at<identifier_char<false>>> {};

#define LOCKSTEP_KW(name, text) \
  struct name : kw<TAO_PEGTL_STRING(text)> {}

LOCKSTEP_KW(kw_campaign, "campaign");
LOCKSTEP_KW(kw_procedure, "procedure");
LOCKSTEP_KW(kw_import, "import");
LOCKSTEP_KW(kw_extends, "extends");
LOCKSTEP_KW(kw_start, "start");
LOCKSTEP_KW(kw_orgtype, "orgtype");
LOCKSTEP_KW(kw_category, "category");
LOCKSTEP_KW(kw_form, "form");
LOCKSTEP_KW(kw_phase, "phase");
LOCKSTEP_KW(kw_window, "window");
LOCKSTEP_KW(kw_gate, "gate");
LOCKSTEP_KW(kw_step, "step");
LOCKSTEP_KW(kw_remove, "remove");
LOCKSTEP_KW(kw_by, "by");
LOCKSTEP_KW(kw_after, "after");
LOCKSTEP_KW(kw_due, "due");
LOCKSTEP_KW(kw_within, "within");
LOCKSTEP_KW(kw_repeat, "repeat");
LOCKSTEP_KW(kw_require, "require");
LOCKSTEP_KW(kw_only, "only");
LOCKSTEP_KW(kw_except, "except");
LOCKSTEP_KW(kw_advisory, "advisory");
LOCKSTEP_KW(kw_of, "of");
LOCKSTEP_KW(kw_from, "from");
LOCKSTEP_KW(kw_with, "with");
// Contextual words: reserved only where they appear.
LOCKSTEP_KW(kw_parent, "parent");
LOCKSTEP_KW(kw_all, "all");
LOCKSTEP_KW(kw_members, "members");
LOCKSTEP_KW(kw_subunits, "subunits");
LOCKSTEP_KW(kw_end, "end");
#undef LOCKSTEP_KW

struct reserved : sor<kw_campaign, kw_procedure, kw_import, kw_extends, kw_start, kw_orgtype,
                      kw_category, kw_form, kw_phase, kw_window, kw_gate, kw_step, kw_remove, kw_by,
                      kw_after, kw_due, kw_within, kw_repeat, kw_require, kw_only, kw_except,
                      kw_advisory, kw_of, kw_from, kw_with> {};
struct ident : seq<not_at<reserved>, word> {};

// "..." with \" and \\ escapes, on one line.
struct escaped_char : one<'"', '\\'> {};
struct string_char : sor<seq<one<'\\'>, must<escaped_char>>, not_one<'"', '\\', '\n', '\r'>> {};
struct string_close : one<'"'> {};
struct string_lit : seq<one<'"'>, star<string_char>, must<string_close>> {};

struct number : seq<plus<digit>, not_at<identifier_char<false>>> {};
struct date : seq<rep<4, digit>, one<'-'>, rep<2, digit>, one<'-'>, rep<2, digit>,
                  not_at<identifier_char<false>>> {};
struct duration : seq<plus<digit>, one<'d', 'w', 'm'>, not_at<identifier_char<false>>> {};

struct comma : one<','> {};
struct colon : one<':'> {};
struct open_brace : one<'{'> {};
struct close_brace : one<'}'> {};

// ---------------------------------------------------------------------------------------------
// Phase windows: `from start [+ D], LENGTH`, `from DATE [+ D], LENGTH`, `after PHASE [+ D],
// LENGTH`, `with PHASE [+ D], LENGTH`, each optionally `advisory` (a window for reference).

struct window_from_start : kw_start {};
struct window_date : date {};
struct window_from_point : sor<t<window_from_start>, t<window_date>> {};
struct window_phase : ident {};
struct window_offset_duration : duration {};
struct window_offset : seq<t<one<'+'>>, must<t<window_offset_duration>>> {};
struct window_length_duration : duration {};
struct window_length : seq<t<comma>, must<t<window_length_duration>>> {};

struct window_kw_from : kw_from {};
struct window_kw_after : kw_after {};
struct window_kw_with : kw_with {};
struct window_from
    : seq<t<window_kw_from>, must<window_from_point>, opt<window_offset>, must<window_length>> {};
struct window_relative : seq<sor<t<window_kw_after>, t<window_kw_with>>, must<t<window_phase>>,
                             opt<window_offset>, must<window_length>> {};
struct window_advisory : kw_advisory {};
struct window_spec : seq<sor<window_from, window_relative>, opt<t<window_advisory>>> {};

// ---------------------------------------------------------------------------------------------
// Steps: `step ID "name" by ACTOR [advisory] CLAUSE*`.

// `X`, `X of parent`, `X of all members`, `X of all subunits`.
struct ref_step : ident {};
struct scope_parent : kw_parent {};
struct scope_members : kw_members {};
struct scope_subunits : kw_subunits {};
struct scope_all_what : sor<scope_members, scope_subunits> {};
struct ref_scope : sor<t<scope_parent>, seq<t<kw_all>, must<t<scope_all_what>>>> {};
struct ref : seq<t<ref_step>, opt<t<kw_of>, must<ref_scope>>> {};

struct clause_after : kw_after {};
struct after_clause : seq<t<clause_after>, must<ref>, star<t<comma>, must<ref>>> {};

// TIME: DATE, `start`, `phase.start`, `PHASE.end`, each with `+ D` or `- D`.
struct time_date : date {};
struct time_start : kw_start {};
struct time_own_phase : kw_phase {};
struct time_phase : ident {};
struct point_start : kw_start {};
struct point_end : kw_end {};
struct time_point : sor<point_start, point_end> {};
struct time_phase_point : seq<sor<time_own_phase, time_phase>, one<'.'>, must<time_point>> {};
struct time_base : sor<t<time_date>, t<time_start>, t<time_phase_point>> {};
struct time_sign : one<'+', '-'> {};
struct time_offset : duration {};
struct time_expr : seq<time_base, opt<t<time_sign>, must<t<time_offset>>>> {};

struct clause_advisory : kw_advisory {};
struct clause_due : kw_due {};
struct due_clause : seq<t<clause_due>, must<time_expr>, opt<t<clause_advisory>>> {};

struct within_limit : duration {};
struct within_after : kw_after {};
struct clause_within : kw_within {};
struct within_clause : seq<t<clause_within>, must<t<within_limit>>, must<t<within_after>>,
                           must<ref>, opt<t<clause_advisory>>> {};

struct at_least : pegtl::string<'>', '='> {};
struct repeat_count : number {};
struct clause_repeat : kw_repeat {};
struct repeat_clause : seq<t<clause_repeat>, must<t<at_least>>, must<t<repeat_count>>> {};

// `[CATEGORY:] FIELD OP VALUE [advisory]`
struct requirement_begin : pegtl::success {};
struct requirement_category : seq<ident, skip, colon> {};
struct requirement_field : word {};
struct op_at_least : pegtl::string<'>', '='> {};
struct op_at_most : pegtl::string<'<', '='> {};
struct op_equal : one<'='> {};
struct requirement_op : sor<op_at_least, op_at_most, op_equal> {};
struct requirement_number : number {};
struct requirement_name : ident {};
struct requirement_value : sor<requirement_number, requirement_name> {};
struct requirement_advisory : kw_advisory {};
struct requirement
    : seq<requirement_begin, opt<t<requirement_category>>, must<t<requirement_field>>,
          must<t<requirement_op>>, must<t<requirement_value>>, opt<t<requirement_advisory>>> {};
struct clause_require : kw_require {};
struct require_clause
    : seq<t<clause_require>, must<requirement>, star<t<comma>, must<requirement>>> {};

struct applies_name : ident {};
struct clause_only : kw_only {};
struct clause_except : kw_except {};
struct only_clause
    : seq<t<clause_only>, must<t<applies_name>>, star<t<comma>, must<t<applies_name>>>> {};
struct except_clause
    : seq<t<clause_except>, must<t<applies_name>>, star<t<comma>, must<t<applies_name>>>> {};

struct clause : sor<after_clause, due_clause, within_clause, repeat_clause, require_clause,
                    only_clause, except_clause> {};

struct step_id : ident {};
struct step_display : string_lit {};
struct actor : word {};
struct by_actor : seq<t<kw_by>, must<t<actor>>> {};
struct step_advisory : kw_advisory {};
struct step_kw : kw_step {};
struct step_decl : seq<t<step_kw>, must<t<step_id>>, must<t<step_display>>, must<by_actor>,
                       opt<t<step_advisory>>, star<clause>> {};

// ---------------------------------------------------------------------------------------------
// Phases: `phase ID ["name"] [WINDOW] { window... gate... step... remove... }`.

struct override_org_type : ident {};
struct window_kw : kw_window {};
struct window_decl
    : seq<t<window_kw>, must<t<override_org_type>>, must<t<colon>>, must<window_spec>> {};

struct gate_id : ident {};
struct gate_display : string_lit {};
struct gate_approver : word {};
struct gate_by : seq<t<kw_by>, must<t<gate_approver>>> {};
struct gate_kw : kw_gate {};
struct gate_decl : seq<t<gate_kw>, must<t<gate_id>>, must<t<gate_display>>, must<gate_by>> {};

struct remove_step_kw : kw_step {};
struct remove_phase_kw : kw_phase {};
struct remove_what : sor<t<remove_step_kw>, t<remove_phase_kw>> {};
struct remove_target : ident {};
struct remove_kw : kw_remove {};
struct remove_decl : seq<t<remove_kw>, must<remove_what>, must<t<remove_target>>> {};

struct expected_phase_item {};
struct phase_item
    : sor<window_decl, gate_decl, step_decl, remove_decl, pegtl::raise<expected_phase_item>> {};

// A phase's body ends at its '}', or where something that cannot be in a phase begins.
struct top_keyword : sor<kw_campaign, kw_procedure, kw_import> {};
struct unit_keyword : sor<seq<kw_phase, not_at<one<'.'>>>, kw_orgtype, kw_category, kw_form> {};
struct phase_body_end : sor<close_brace, eof, top_keyword, unit_keyword> {};
struct phase_open : open_brace {};
struct phase_close : close_brace {};
struct phase_body
    : seq<t<phase_open>, until<at<phase_body_end>, recover<phase_item, Level::kPhase>>,
          must<t<phase_close>>> {};

struct phase_id : ident {};
struct phase_display : string_lit {};
struct header_open : at<open_brace> {};
struct phase_head
    : seq<must<t<phase_id>>, opt<t<phase_display>>, opt<window_spec>, must<header_open>> {};
struct phase_kw : kw_phase {};
struct phase_decl : seq<t<phase_kw>, recover<phase_head, Level::kHead>, opt<phase_body>> {};

// ---------------------------------------------------------------------------------------------
// Campaigns and procedures.

struct start_date : date {};
struct start_kw : kw_start {};
struct start_decl : seq<t<start_kw>, must<t<start_date>>> {};

struct decl_id : ident {};
struct decl_display : string_lit {};
struct orgtype_kw : kw_orgtype {};
struct category_kw : kw_category {};
struct form_kw : kw_form {};
struct simple_decl
    : seq<sor<t<orgtype_kw>, t<category_kw>, t<form_kw>>, must<t<decl_id>>, must<t<decl_display>>> {
};

struct unit_remove_kw : kw_remove {};
struct unit_remove_decl : seq<t<unit_remove_kw>, must<remove_what>, must<t<remove_target>>> {};

struct expected_unit_item {};
struct unit_item
    : sor<start_decl, simple_decl, phase_decl, unit_remove_decl, pegtl::raise<expected_unit_item>> {
};

struct unit_body_end : sor<close_brace, eof, top_keyword> {};
struct unit_open : open_brace {};
struct unit_close : close_brace {};
struct unit_body : seq<t<unit_open>, until<at<unit_body_end>, recover<unit_item, Level::kUnit>>,
                       must<t<unit_close>>> {};

struct unit_id : ident {};
struct unit_display : string_lit {};
struct extends_id : ident {};
struct extends_clause : seq<t<kw_extends>, must<t<extends_id>>> {};
struct unit_head
    : seq<must<t<unit_id>>, must<t<unit_display>>, opt<extends_clause>, must<header_open>> {};
struct campaign_kw : kw_campaign {};
struct procedure_kw : kw_procedure {};
struct unit_decl
    : seq<sor<t<campaign_kw>, t<procedure_kw>>, recover<unit_head, Level::kHead>, opt<unit_body>> {
};

struct import_path : string_lit {};
struct import_kw : kw_import {};
struct import_decl : seq<t<import_kw>, must<t<import_path>>> {};

struct expected_top_item {};
struct top_item : sor<import_decl, unit_decl, pegtl::raise<expected_top_item>> {};

struct file : seq<opt<pegtl::utf8::bom>, skip, until<eof, recover<top_item, Level::kTop>>> {};

// ---------------------------------------------------------------------------------------------
// What each `must<>` expected, for the error message. "found ..." is added by the parser.

template <typename Rule>
inline constexpr const char* kExpected = nullptr;

#define LOCKSTEP_EXPECTED(rule, text) \
  template <>                         \
  inline constexpr const char* kExpected<rule> = text

LOCKSTEP_EXPECTED(expected_top_item, "expected 'campaign', 'procedure' or 'import'");
LOCKSTEP_EXPECTED(t<import_path>, "expected the imported file's path in quotes");
LOCKSTEP_EXPECTED(t<unit_id>, "expected a name (an identifier) after the keyword");
LOCKSTEP_EXPECTED(t<unit_display>, "expected the display name in quotes");
LOCKSTEP_EXPECTED(t<extends_id>, "expected the name of the procedure to extend");
LOCKSTEP_EXPECTED(header_open, "expected '{' to open the body");
LOCKSTEP_EXPECTED(t<unit_close>, "expected '}' to close");
LOCKSTEP_EXPECTED(expected_unit_item,
                  "expected a declaration: 'phase', 'orgtype', 'category', 'form', 'start', "
                  "'remove' or '}'");
LOCKSTEP_EXPECTED(t<start_date>, "expected a date YYYY-MM-DD after 'start'");
LOCKSTEP_EXPECTED(t<decl_id>, "expected a name (an identifier) after the keyword");
LOCKSTEP_EXPECTED(t<decl_display>, "expected the display name in quotes");
LOCKSTEP_EXPECTED(t<phase_id>, "expected the phase's name (an identifier) after 'phase'");
LOCKSTEP_EXPECTED(t<phase_close>, "expected '}' to close");
LOCKSTEP_EXPECTED(expected_phase_item,
                  "expected 'step', 'window', 'gate', 'remove' or '}' in a phase");
LOCKSTEP_EXPECTED(window_from_point, "expected 'start' or a date YYYY-MM-DD after 'from'");
LOCKSTEP_EXPECTED(t<window_phase>, "expected the name of a phase");
LOCKSTEP_EXPECTED(t<window_offset_duration>, "expected a duration after '+' (such as 14d, 2w, 1m)");
LOCKSTEP_EXPECTED(window_length, "expected ',' and the window's length (such as ', 30d')");
LOCKSTEP_EXPECTED(t<window_length_duration>, "expected the window's length (such as 30d, 6w, 2m)");
LOCKSTEP_EXPECTED(t<override_org_type>, "expected an org type's name after 'window'");
LOCKSTEP_EXPECTED(t<colon>, "expected ':' after the org type");
LOCKSTEP_EXPECTED(window_spec,
                  "expected a window: 'from start, LENGTH', 'from DATE, LENGTH', "
                  "'after PHASE, LENGTH' or 'with PHASE, LENGTH'");
LOCKSTEP_EXPECTED(t<gate_id>, "expected the gate's name (an identifier) after 'gate'");
LOCKSTEP_EXPECTED(t<gate_display>, "expected the gate's display name in quotes");
LOCKSTEP_EXPECTED(gate_by, "expected 'by supervision' or 'by parent'");
LOCKSTEP_EXPECTED(t<gate_approver>, "expected who approves the gate: 'supervision' or 'parent'");
LOCKSTEP_EXPECTED(remove_what, "expected 'step' or 'phase' after 'remove'");
LOCKSTEP_EXPECTED(t<remove_target>, "expected the name of what to remove");
LOCKSTEP_EXPECTED(t<step_id>, "expected the step's name (an identifier) after 'step'");
LOCKSTEP_EXPECTED(t<step_display>, "expected the step's display name in quotes");
LOCKSTEP_EXPECTED(by_actor, "expected 'by' and who performs the step");
LOCKSTEP_EXPECTED(t<actor>,
                  "expected who performs the step: member, branch, general_branch, committee, "
                  "organization or leadership");
LOCKSTEP_EXPECTED(ref, "expected the name of a step");
LOCKSTEP_EXPECTED(ref_scope, "expected 'parent', 'all members' or 'all subunits' after 'of'");
LOCKSTEP_EXPECTED(t<scope_all_what>, "expected 'members' or 'subunits' after 'all'");
LOCKSTEP_EXPECTED(time_expr,
                  "expected a time: a date YYYY-MM-DD, 'start', 'phase.start', 'phase.end', "
                  "'PHASE.start' or 'PHASE.end'");
LOCKSTEP_EXPECTED(time_point, "expected 'start' or 'end' after '.'");
LOCKSTEP_EXPECTED(t<time_offset>, "expected a duration (such as 7d, 2w, 1m)");
LOCKSTEP_EXPECTED(t<within_limit>, "expected a duration after 'within' (such as 7d)");
LOCKSTEP_EXPECTED(t<within_after>, "expected 'after' and a step after the duration");
LOCKSTEP_EXPECTED(t<at_least>, "expected '>=' after 'repeat'");
LOCKSTEP_EXPECTED(t<repeat_count>, "expected a whole number");
LOCKSTEP_EXPECTED(requirement, "expected a requirement such as 'hours >= 40'");
LOCKSTEP_EXPECTED(t<requirement_field>, "expected an evidence field: hours, chars, count or form");
LOCKSTEP_EXPECTED(t<requirement_op>, "expected '>=', '<=' or '='");
LOCKSTEP_EXPECTED(t<requirement_value>, "expected a whole number or a form's name");
LOCKSTEP_EXPECTED(t<applies_name>, "expected the name of a member category or org type");
LOCKSTEP_EXPECTED(escaped_char, "unknown escape in a string: only \\\" and \\\\ are allowed");
LOCKSTEP_EXPECTED(string_close, "unterminated string: expected '\"' before the end of the line");
#undef LOCKSTEP_EXPECTED

}  // namespace lockstep::dsl::grammar
