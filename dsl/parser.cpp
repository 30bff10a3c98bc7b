// The parser: PEGTL over grammar.h with the actions of parse_actions.h, plus error recovery.
//
// Recovery. PEGTL stops at the first failed `must<>` by throwing. Each declaration is parsed
// inside `recover<Decl, Level>`, which catches that exception, records the error (built by the
// control's raise(), where the failing rule is known), marks the declaration broken, and skips
// the input to a point where parsing can resume:
//   - kTop:   the next `campaign`, `procedure` or `import`;
//   - kUnit:  the next declaration keyword of a campaign body (`phase`, `orgtype`, ...), or the
//             '}' that closes the campaign;
//   - kPhase: the next `step`, `window`, `gate` or `remove`, a keyword that cannot be inside a
//             phase (which ends it), or the phase's '}';
//   - kHead:  for a broken `phase ...` or `campaign ...` header, its '{' (so the body is still
//             read) or, when there is none, the next declaration keyword.
// Skipping reads strings and comments as the grammar does, steps over nested { } as one piece,
// and always moves past the point where the declaration began, so the parse cannot loop. Once
// the sink is full the rest of the file is skipped.
#include "dsl/parser.h"

#include <fmt/format.h>

#include <algorithm>
#include <type_traits>

#include "dsl/grammar.h"
#include "dsl/parse_actions.h"
#include "dsl/parse_state.h"
#include "util/unicode.h"

namespace lockstep::dsl {
namespace grammar {

namespace {

bool is_sync_word(Level level, std::string_view word, char next) {
  static constexpr std::string_view kTopWords[] = {"campaign", "procedure", "import"};
  static constexpr std::string_view kUnitWords[] = {"phase", "orgtype", "category", "form",
                                                    "remove"};
  static constexpr std::string_view kPhaseWords[] = {"step", "window", "gate"};
  if (word == "phase" && next == '.') return false;  // `phase.start` in a time
  const auto in = [&](const auto& list) {
    return std::find(std::begin(list), std::end(list), word) != std::end(list);
  };
  if (in(kTopWords)) return true;
  if (level == Level::kTop) return false;
  if (in(kUnitWords)) return level != Level::kHead || word != "remove";
  return level == Level::kPhase && in(kPhaseWords);
}

template <typename ParseInput>
void skip_to_sync(ParseInput& in, Level level, std::size_t decl_start) {
  bool moved = in.byte() > decl_start;
  int depth = 0;
  // A broken header whose '{' was lost (inside an unterminated string, say): when steps follow,
  // the next '}' is the one that closed its body, and is consumed with it.
  bool saw_phase_item = false;
  while (!in.empty()) {
    const char c = in.peek_char();
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      in.bump(1);
      continue;
    }
    if (c == '#') {
      std::size_t n = 0;
      while (n < in.size() && in.peek_char(n) != '\n') ++n;
      in.bump(n);
      continue;
    }
    if (c == '"') {
      std::size_t n = 1;
      while (n < in.size() && in.peek_char(n) != '"' && in.peek_char(n) != '\n')
        n += in.peek_char(n) == '\\' && n + 1 < in.size() ? 2 : 1;
      in.bump(std::min(n + 1, in.size()));
      moved = true;
      continue;
    }
    if (c == '{') {
      if (level == Level::kHead && depth == 0) return;  // the body of a broken header
      ++depth;
    } else if (c == '}') {
      if (depth > 0) {
        --depth;
      } else if (level == Level::kHead && saw_phase_item) {
        in.bump(1);
        while (!in.empty() && (in.peek_char() == ' ' || in.peek_char() == '\t' ||
                               in.peek_char() == '\r' || in.peek_char() == '\n'))
          in.bump(1);
        return;
      } else if (level != Level::kTop && (moved || level == Level::kHead)) {
        return;  // closes the enclosing block
      }
    } else {
      const std::string_view rest(in.current(), in.size());
      std::size_t n = 0;
      while (n < rest.size()) {
        std::size_t next = n;
        if (!util::is_identifier_char(util::decode_utf8(rest, next))) break;
        n = next;
      }
      if (n > 0) {
        const char after = n < rest.size() ? rest[n] : '\0';
        const std::string_view word = rest.substr(0, n);
        if (depth == 0 && moved && is_sync_word(level, word, after)) return;
        if (depth == 0 && (word == "step" || word == "gate" || word == "window"))
          saw_phase_item = true;
        in.bump(n);
        moved = true;
        continue;
      }
    }
    std::size_t length = 0;  // one character, whatever it is
    util::decode_utf8(std::string_view(in.current(), in.size()), length);
    in.bump(length);
    moved = true;
  }
}

}  // namespace

template <typename Rule, Level L>
struct recover {
  using rule_t = recover;
  using subs_t = tao::pegtl::type_list<Rule>;

  template <tao::pegtl::apply_mode A, tao::pegtl::rewind_mode M,
            template <typename...> class Action, template <typename...> class Control,
            typename ParseInput>
  static bool match(ParseInput& in, ParseState& st) {
    const std::size_t start = in.byte();
    if (L != Level::kHead) st.broken[static_cast<int>(L)] = nullptr;
    try {
      return Control<Rule>::template match<A, M, Action, Control>(in, st);
    } catch (const tao::pegtl::parse_error&) {
      st.ast.syntax_errors = true;
      if (st.pending) st.sink.add(std::move(*st.pending));
      st.pending.reset();
      if (bool* broken = st.broken[static_cast<int>(L)]) *broken = true;
      in.iterator() = st.error_at;  // unwinding rewound the input; resume where the error was
      if (st.sink.full()) {
        if (!in.empty()) st.sink.stop();
        in.bump(in.size());
      } else {
        skip_to_sync(in, L, start);
      }
      return true;
    }
  }
};

}  // namespace grammar

namespace {

namespace g = grammar;

const std::vector<std::string_view> kTopKeywords = {"campaign", "procedure", "import"};
const std::vector<std::string_view> kUnitKeywords = {"phase", "orgtype", "category",
                                                     "form",  "start",   "remove"};
const std::vector<std::string_view> kPhaseKeywords = {"step", "window", "gate", "remove"};

template <typename Rule>
struct control : tao::pegtl::normal<Rule> {
  template <typename ParseInput>
  [[noreturn]] static void raise(const ParseInput& in, ParseState& st) {
    static_assert(g::kExpected<Rule> != nullptr, "every must<> target needs a message");
    const InputIterator& at = in.iterator();
    const char* expected = g::kExpected<Rule>;
    if constexpr (std::is_same_v<Rule, g::t<g::unit_close>>) {
      const UnitAst& u = st.unit();
      st.syntax_error(at, expected, "E0102",
                      fmt::format("{} '{}'", u.procedure ? "procedure" : "campaign", u.id.text),
                      st.unit_open);
    } else if constexpr (std::is_same_v<Rule, g::t<g::phase_close>>) {
      st.syntax_error(at, expected, "E0102", fmt::format("phase '{}'", st.phase().id.text),
                      st.phase_open);
    } else if constexpr (std::is_same_v<Rule, g::string_close>) {
      st.syntax_error(at, expected, "E0103");
    } else if constexpr (std::is_same_v<Rule, g::escaped_char>) {
      st.syntax_error(at, expected, "E0104");
    } else if constexpr (std::is_same_v<Rule, g::expected_top_item>) {
      st.syntax_error(at, expected, "E0101", {}, {}, &kTopKeywords);
    } else if constexpr (std::is_same_v<Rule, g::expected_unit_item>) {
      st.syntax_error(at, expected, "E0101", {}, {}, &kUnitKeywords);
    } else if constexpr (std::is_same_v<Rule, g::expected_phase_item>) {
      st.syntax_error(at, expected, "E0101", {}, {}, &kPhaseKeywords);
    } else {
      st.syntax_error(at, expected, "E0101");
    }
    st.error_at = at;
    throw tao::pegtl::parse_error(expected, in);
  }
};

}  // namespace

FileAst parse_rules(std::uint32_t file, std::string_view text, DiagnosticSink& sink) {
  ParseState st(file, text, sink);
  tao::pegtl::memory_input<tao::pegtl::tracking_mode::eager, tao::pegtl::eol::lf_crlf, const char*>
      in(text.data(), text.data() + text.size(), "rules");
  try {
    tao::pegtl::parse<g::file, actions::action, control>(in, st);
  } catch (const tao::pegtl::parse_error&) {
    // Every declaration recovers its own errors; this is only a safety net.
    st.ast.syntax_errors = true;
    if (st.pending) sink.add(std::move(*st.pending));
  }
  // A comment may be read twice when the parser backtracks over it.
  auto& comments = st.ast.comments;
  std::stable_sort(comments.begin(), comments.end(),
                   [](const CommentAst& a, const CommentAst& b) { return a.offset < b.offset; });
  comments.erase(
      std::unique(comments.begin(), comments.end(),
                  [](const CommentAst& a, const CommentAst& b) { return a.offset == b.offset; }),
      comments.end());
  return std::move(st.ast);
}

}  // namespace lockstep::dsl
