// libFuzzer target for the rules language: parser, compiler, checks, renderers and formatter.
//
// Besides "no crash, no hang, no sanitizer report", it checks two properties on every input:
// formatting is a fixed point (formatting fmt's output changes nothing), and formatting does not
// change whether the file compiles. Build and run: see docs/fuzzing.md.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "lockstep/rules.h"

namespace {

// Stops the fuzzer on a broken property, saying which (traps alone would be folded into one).
[[noreturn]] void fail(const char* what) {
  std::fprintf(stderr, "broken property: %s\n", what);
  __builtin_trap();
}

}  // namespace

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
    if (!twice.text || *twice.text != *once.text) fail("fmt is not a fixed point");
    const lockstep::RulesResult again = lockstep::compile_rules_text("fuzz.lock", *once.text);
    if (again.model.has_value() != r.model.has_value())
      fail("the formatted text does not compile exactly when the original does");
  }
  return 0;
}
