// Helpers shared by the rules-language tests.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "lockstep/rules.h"

namespace lockstep::test {

inline RulesResult compile(const std::string& text) {
  return compile_rules_text("test.lock", text);
}

// The codes of the diagnostics, in order.
inline std::vector<std::string> codes(const RulesResult& r) {
  std::vector<std::string> out;
  for (const Diagnostic& d : r.diagnostics) out.push_back(d.code);
  return out;
}

inline bool has_code(const RulesResult& r, const std::string& code) {
  const auto c = codes(r);
  return std::find(c.begin(), c.end(), code) != c.end();
}

inline const Diagnostic* find_code(const RulesResult& r, const std::string& code) {
  for (const Diagnostic& d : r.diagnostics)
    if (d.code == code) return &d;
  return nullptr;
}

// Everything rendered as text, for messages of failed checks.
inline std::string rendered(const RulesResult& r) {
  std::string out;
  for (const Diagnostic& d : r.diagnostics) out += render_text(d, r.files);
  return out;
}

// A campaign with one phase holding `steps`, and the declarations most tests need.
inline std::string campaign(const std::string& steps, const std::string& extra = {}) {
  return "campaign c \"C\" {\n"
         "  category retired \"离退休党员\"\n"
         "  orgtype village \"村\"\n"
         "  form written \"书面\"\n" +
         extra + "  phase study \"学习\" from start, 30d {\n" + steps +
         "  }\n"
         "}\n";
}

}  // namespace lockstep::test
