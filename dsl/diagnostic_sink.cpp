// See diagnostic_sink.h.
#include "dsl/diagnostic_sink.h"

#include <fmt/format.h>
#include <algorithm>
#include <tuple>

namespace lockstep::dsl {
namespace {

bool same_span(const SourceSpan& a, const SourceSpan& b) {
  return a.file == b.file && a.line == b.line && a.column == b.column && a.length == b.length;
}

bool same(const Diagnostic& a, const Diagnostic& b) {
  return a.level == b.level && a.code == b.code && same_span(a.span, b.span) &&
         a.message == b.message;
}

// The common case of error() and warning(): one span, one message, optional label and help.
Diagnostic at_span(Diagnostic::Level level, std::string code, SourceSpan span, std::string message,
                   std::string label, std::string help) {
  Diagnostic d;
  d.level = level;
  d.code = std::move(code);
  d.span = span;
  d.message = std::move(message);
  d.label = std::move(label);
  d.help = std::move(help);
  return d;
}

}  // namespace

DiagnosticSink::DiagnosticSink(std::size_t max_diagnostics) : max_(max_diagnostics) {}

void DiagnosticSink::add(Diagnostic d) {
  for (const Diagnostic& k : kept_)
    if (same(k, d)) return;
  if (kept_.size() >= max_) {
    ++dropped_;
    return;
  }
  if (d.level == Diagnostic::Level::kError) ++errors_;
  kept_.push_back(std::move(d));
}

void DiagnosticSink::error(std::string code, SourceSpan span, std::string message,
                           std::string label, std::string help) {
  add(at_span(Diagnostic::Level::kError, std::move(code), span, std::move(message),
              std::move(label), std::move(help)));
}

void DiagnosticSink::warning(std::string code, SourceSpan span, std::string message,
                             std::string label, std::string help) {
  add(at_span(Diagnostic::Level::kWarning, std::move(code), span, std::move(message),
              std::move(label), std::move(help)));
}

Diagnostics DiagnosticSink::take() {
  Diagnostics out = std::move(kept_);
  kept_.clear();
  // Diagnostics without a position (line 0) go last.
  std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
    const auto key = [](const Diagnostic& d) {
      return std::make_tuple(d.span.line == 0, d.span.file, d.span.line, d.span.column);
    };
    return key(a) < key(b);
  });
  if (dropped_ > 0 || stopped_) {
    Diagnostic d;
    d.code = "E0005";
    d.message = fmt::format("too many errors: stopped after {} diagnostics", out.size());
    d.help = "fix the errors above and check again";
    out.push_back(std::move(d));
  }
  dropped_ = 0;
  stopped_ = false;
  errors_ = 0;
  return out;
}

}  // namespace lockstep::dsl
