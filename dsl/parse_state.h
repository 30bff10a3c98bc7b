// What the parser's actions build on while PEGTL walks a rules file: the tree so far, where the
// current declaration is, and the syntax error about to be raised. Internal to parser.cpp.
//
// The current campaign, phase, step and clause are always the last element of their vector (the
// parser only appends), so no pointer into the tree is kept across declarations.
#pragma once

#include <tao/pegtl.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "dsl/ast.h"
#include "dsl/diagnostic_sink.h"
#include "dsl/grammar.h"

namespace lockstep::dsl {

using InputIterator = tao::pegtl::internal::iterator;

struct ParseState {
  ParseState(std::uint32_t file_index, std::string_view source, DiagnosticSink& diagnostics)
      : file(file_index), text(source), sink(diagnostics) {
    ast.file = file_index;
  }

  std::uint32_t file;
  std::string_view text;
  DiagnosticSink& sink;
  FileAst ast;

  // End of the last token read (where the blanks after it begin).
  std::uint32_t last_token_end = 0;

  // Set by the control's raise() just before it throws, read by recover<>.
  std::optional<Diagnostic> pending;
  InputIterator error_at;

  // The declaration being read at each recovery level, marked broken when an error is recovered.
  std::array<bool*, 4> broken{};
  void begin_decl(grammar::Level level, bool& flag) { broken[static_cast<int>(level)] = &flag; }

  // Builder cursors.
  enum class WindowTarget { kPhase, kOverride };
  WindowTarget window_target = WindowTarget::kPhase;
  std::vector<DeclAst>* decls = nullptr;  // orgtype, category or form being read
  RemoveAst* remove = nullptr;            // remove declaration being read
  bool negative_offset = false;
  InputIterator window_begin, requirement_begin;
  SourceSpan unit_open, phase_open;

  UnitAst& unit() { return ast.units.back(); }
  PhaseAst& phase() { return unit().phases.back(); }
  StepAst& step() { return phase().steps.back(); }
  ClauseAst& clause() { return step().clauses.back(); }
  WindowAst& window() {
    return window_target == WindowTarget::kPhase ? *phase().window : phase().windows.back().window;
  }

  // Spans and literals. Each checks its limits and reports violations to the sink.
  SourceSpan span(const InputIterator& at, std::size_t length) const {
    return SourceSpan{file, static_cast<std::uint32_t>(at.line),
                      static_cast<std::uint32_t>(at.column), static_cast<std::uint32_t>(length)};
  }
  // From `begin` to the end of the last token read.
  SourceSpan span_to_here(const InputIterator& begin) const {
    return span(begin, last_token_end > begin.byte ? last_token_end - begin.byte : 0);
  }
  Name name(const InputIterator& at, std::string_view text);
  Text string_literal(const InputIterator& at, std::string_view quoted);
  DurationAst duration(const InputIterator& at, std::string_view text, bool negative = false);
  DateAst date(const InputIterator& at, std::string_view text);
  std::int64_t number(const InputIterator& at, std::string_view text, std::int64_t max,
                      bool& too_large);
  void comment(const InputIterator& at, std::string_view text);

  // Builds the diagnostic for a syntax error at `at`: `expected` plus what was found there.
  // `closing` names the block a missing '}' should close (or is empty).
  // `keywords`, when given, are the words that could start a declaration there (for did-you-mean).
  void syntax_error(const InputIterator& at, const char* expected, const char* code,
                    std::string_view closing = {}, SourceSpan opened = {},
                    const std::vector<std::string_view>* keywords = nullptr);
};

}  // namespace lockstep::dsl
