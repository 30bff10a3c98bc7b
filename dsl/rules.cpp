// The public entry points of the rules language (lockstep/rules.h): load, parse, flatten,
// compile and check, collecting every diagnostic on the way.
#include "lockstep/rules.h"

#include <fmt/format.h>

#include "dsl/check_order.h"
#include "dsl/check_time.h"
#include "dsl/compiler.h"
#include "dsl/flatten.h"
#include "dsl/limits.h"
#include "dsl/loader.h"

namespace lockstep {
namespace {

using namespace dsl;

bool any_syntax_errors(const Loaded& loaded) {
  for (const LoadedFile& f : loaded.files)
    if (f.ast.syntax_errors) return true;
  return false;
}

// Compiles one campaign or procedure of the root file and runs the checks on the model. The
// deadline analysis needs every name and window right, so it runs only when nothing else failed.
std::optional<CampaignModel> compile_unit(const Loaded& loaded, const UnitAst& unit,
                                          const CompileOptions& options, DiagnosticSink& sink) {
  const std::size_t errors_before = sink.error_count();
  const FlatCampaign flat = flatten(loaded, 0, unit, sink);
  std::vector<bool> broken_steps;
  CampaignModel model = compile_campaign(flat, loaded, options, sink, &broken_steps);
  check_order(model, broken_steps, sink);
  if (sink.error_count() != errors_before || sink.full() || any_syntax_errors(loaded))
    return std::nullopt;
  check_time(model, sink);
  if (sink.error_count() != errors_before) return std::nullopt;
  return model;
}

// Whether some unit of the file extends the procedure `name`.
bool extended_in(const FileAst& file, const std::string& name) {
  for (const UnitAst& u : file.units)
    if (u.extends && u.extends->text == name) return true;
  return false;
}

RulesResult compile(const std::string& path, const std::optional<std::string>& text) {
  DiagnosticSink sink(kMaxDiagnostics);
  Loaded loaded = load_rules(path, text, sink);
  RulesResult result;
  if (!loaded.root_unreadable) {
    const FileAst& root = loaded.files[0].ast;
    const UnitAst* campaign = nullptr;
    for (const UnitAst& u : root.units) {
      if (u.procedure || u.id.empty()) continue;
      if (campaign == nullptr) {
        campaign = &u;
        continue;
      }
      Diagnostic d;
      d.code = "E0706";
      d.span = u.id.span;
      d.message = "a rules file declares one campaign; this is a second one";
      d.label = "second campaign";
      d.related.push_back(Label{campaign->id.span, "first campaign"});
      d.help = "put each variant in its own file that imports the shared procedure";
      sink.add(std::move(d));
    }
    std::optional<CampaignModel> model;
    if (campaign != nullptr) model = compile_unit(loaded, *campaign, CompileOptions{}, sink);
    // Procedures nobody here extends are checked on their own (without unused warnings: the
    // campaigns that extend them elsewhere may use what they declare).
    for (const UnitAst& u : root.units) {
      if (!u.procedure || u.id.empty() || extended_in(root, u.id.text)) continue;
      compile_unit(loaded, u, CompileOptions{false}, sink);
    }
    if (!sink.has_errors()) result.model = std::move(model);
  }
  result.diagnostics = sink.take();
  result.files = std::move(loaded.sources);
  result.unreadable = loaded.root_unreadable;
  return result;
}

}  // namespace

RulesResult compile_rules_file(const std::string& path) {
  return compile(path, std::nullopt);
}

RulesResult compile_rules_text(const std::string& name, const std::string& text) {
  return compile(name, text);
}

}  // namespace lockstep
