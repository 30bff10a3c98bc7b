// The compiler's working state, shared by compiler.cpp (declarations, phases, windows) and
// compile_steps.cpp (steps and their clauses). Internal to the compiler.
#pragma once

#include <optional>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dsl/compiler.h"

namespace lockstep::dsl {

class Compiler {
 public:
  Compiler(const FlatCampaign& flat, const Loaded& loaded, const CompileOptions& options,
           DiagnosticSink& sink, std::vector<bool>* broken_steps)
      : flat_(flat), loaded_(loaded), options_(options), sink_(sink), broken_steps_(broken_steps) {}

  CampaignModel run();

 private:
  // A name of `only` / `except`: a member category or an org type.
  struct Applicable {
    bool is_category = false;
    std::uint8_t id = 0;
    const Name* declared = nullptr;
  };

  // compiler.cpp
  void declare_names();
  void declare(const DeclAst& d, bool is_category);
  void declare_forms();
  void declare_phases_and_steps();
  void compile_windows();
  std::optional<PhaseWindow> compile_window(const WindowAst& w, PhaseId phase);
  void warn_unused();

  // compile_steps.cpp
  void compile_step(const StepAst& s, Step& step);
  void compile_requirements(const ClauseAst& c, Step& step);
  void compile_applicability(const ClauseAst& c, Applicability& applies, bool only);
  void check_applicability(const StepAst& s, const Step& step);
  std::optional<TimeExpr> compile_time(const TimeAst& t, PhaseId own);
  std::optional<Prerequisite> compile_ref(const RefAst& r);

  // Look-ups: report an unknown name (with did-you-mean) and return nothing.
  std::optional<StepId> lookup_step(const Name& n);
  std::optional<PhaseId> lookup_phase(const Name& n);
  std::optional<OrgTypeId> lookup_org_type(const Name& n);
  std::optional<Applicable> lookup_applicable(const Name& n);
  std::optional<FormId> lookup_form(const Name& n);
  void unknown(const Name& n, std::string_view what,
               const std::vector<std::string_view>& candidates, std::string help_if_none = {});

  const FlatCampaign& flat_;
  const Loaded& loaded_;
  CompileOptions options_;
  DiagnosticSink& sink_;
  std::vector<bool>* broken_steps_;
  CampaignModel model_;

  std::unordered_map<std::string_view, Applicable> applicable_;
  std::unordered_map<std::string_view, FormId> forms_;
  std::unordered_map<std::string_view, PhaseId> phases_;
  std::unordered_map<std::string_view, StepId> steps_;
  std::vector<const DeclAst*> category_decls_, org_type_decls_, form_decls_;
  std::vector<bool> category_used_, org_type_used_, form_used_;
  std::vector<const StepAst*> step_decls_;           // by StepId
  std::vector<std::string_view> sorted_step_names_;  // for did-you-mean, built on first need
};

}  // namespace lockstep::dsl
