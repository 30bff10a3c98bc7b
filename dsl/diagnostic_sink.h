// Collects the diagnostics of one compilation, with a cap.
//
// A garbage file could yield an error per token; after kMaxDiagnostics the sink drops the rest and
// take() ends the list with one "too many errors" error, so output stays small and the parser can
// skip to the end of the file (full() tells it to, stop() records that it did). Identical
// diagnostics (the same procedure checked through two campaigns) are kept once. take() returns them
// sorted by file and position, stable for equal positions, so output is byte-identical from run to
// run.
#pragma once

#include <cstddef>
#include <string>

#include "lockstep/diagnostic.h"

namespace lockstep::dsl {

class DiagnosticSink {
 public:
  explicit DiagnosticSink(std::size_t max_diagnostics);

  void add(Diagnostic d);
  // Shorthands for the common case: one span, one message, optional label and help.
  void error(std::string code, SourceSpan span, std::string message, std::string label = {},
             std::string help = {});
  void warning(std::string code, SourceSpan span, std::string message, std::string label = {},
               std::string help = {});

  // Full: whoever is reporting should stop, and call stop() if there was more to look at.
  bool full() const { return kept_.size() >= max_; }
  void stop() { stopped_ = true; }
  bool has_errors() const { return errors_ > 0 || dropped_ > 0; }
  std::size_t error_count() const { return errors_; }

  Diagnostics take();

 private:
  std::size_t max_;
  std::size_t errors_ = 0;
  std::size_t dropped_ = 0;
  bool stopped_ = false;
  Diagnostics kept_;
};

}  // namespace lockstep::dsl
