// libFuzzer target for the rules language: parser, compiler, checks, renderers and formatter.
//
// Besides "no crash, no hang, no sanitizer report", it checks two properties on every input:
// formatting is a fixed point (formatting fmt's output changes nothing), and formatting does not
// change whether the file compiles. Build and run: see docs/fuzzing.md.
#include <cstddef>
#include <cstdint>
#include <string>

#include "lockstep/rules.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const lockstep::RulesResult r = lockstep::compile_rules_text("fuzz.lock", text);
  for (const lockstep::Diagnostic& d : r.diagnostics) (void)lockstep::render_text(d, r.files, true);
  (void)lockstep::render_json(r.diagnostics, r.files);
  if (r.model) {
    (void)lockstep::render_graph(*r.model, lockstep::GraphStyle::kDot);
    (void)lockstep::render_graph(*r.model, lockstep::GraphStyle::kMermaid);
  }

  const lockstep::FormatResult once = lockstep::format_rules_text("fuzz.lock", text);
  if (once.text) {
    const lockstep::FormatResult twice = lockstep::format_rules_text("fuzz.lock", *once.text);
    if (!twice.text || *twice.text != *once.text) __builtin_trap();  // not a fixed point
    const lockstep::RulesResult again = lockstep::compile_rules_text("fuzz.lock", *once.text);
    if (again.model.has_value() != r.model.has_value()) __builtin_trap();  // meaning changed
  }
  return 0;
}
