// The compiler: declarations, phases and their windows, and the warnings for unused names.
// Steps are in compile_steps.cpp. See compiler.h.
#include "dsl/compiler.h"

#include <fmt/format.h>

#include <algorithm>

#include "dsl/compiler_impl.h"
#include "dsl/limits.h"
#include "util/suggest.h"

namespace lockstep::dsl {
namespace {

template <typename Map>
std::vector<std::string_view> keys_of(const Map& map) {
  std::vector<std::string_view> keys;
  keys.reserve(map.size());
  for (const auto& [key, value] : map) keys.push_back(key);
  std::sort(keys.begin(), keys.end());  // did-you-mean ties must not depend on hashing
  return keys;
}

}  // namespace

CampaignModel compile_campaign(const FlatCampaign& flat, const Loaded& loaded,
                               const CompileOptions& options, DiagnosticSink& sink,
                               std::vector<bool>* broken_steps) {
  if (broken_steps) broken_steps->clear();
  return Compiler(flat, loaded, options, sink, broken_steps).run();
}

CampaignModel Compiler::run() {
  const UnitAst& unit = *flat_.unit;
  model_.id = unit.id.text;
  model_.display_name = unit.display ? unit.display->value : std::string();
  model_.where = unit.id.span;
  for (const SourceFile& f : loaded_.sources) model_.files.push_back(f.path);
  if (flat_.start && flat_.start->date.valid) model_.start = flat_.start->date.days;

  declare_names();
  declare_forms();
  declare_phases_and_steps();
  compile_windows();
  for (std::size_t i = 0; i < step_decls_.size(); ++i) {
    if (!step_decls_[i]->broken) compile_step(*step_decls_[i], model_.steps[i]);
  }
  warn_unused();
  return std::move(model_);
}

void Compiler::declare_names() {
  for (const DeclAst* d : flat_.org_types) declare(*d, false);
  for (const DeclAst* d : flat_.categories) declare(*d, true);
}

void Compiler::declare(const DeclAst& d, bool is_category) {
  if (d.id.empty()) return;
  const char* what = is_category ? "category" : "org type";
  if (auto it = applicable_.find(d.id.text); it != applicable_.end()) {
    Diagnostic diag;
    diag.code = "E0202";
    diag.span = d.id.span;
    if (it->second.is_category == is_category) {
      diag.message = fmt::format("{} '{}' is declared twice", what, d.id.text);
      diag.label = "declared again here";
      diag.related.push_back(Label{it->second.declared->span, "first declared here"});
    } else {
      diag.message = fmt::format("'{}' names both an org type and a category", d.id.text);
      diag.label = fmt::format("declared as {} here", is_category ? "a category" : "an org type");
      diag.related.push_back(
          Label{it->second.declared->span,
                fmt::format("declared as {} here", is_category ? "an org type" : "a category")});
    }
    diag.help = "categories and org types share one set of names: rename one of them";
    sink_.add(std::move(diag));
    return;
  }
  auto& decls = is_category ? category_decls_ : org_type_decls_;
  const int limit = is_category ? kMaxCategories : kMaxOrgTypes;
  if (static_cast<int>(decls.size()) >= limit) {
    sink_.error("E0601", d.id.span, fmt::format("more than {} {}s are declared", limit, what),
                "one too many", "sets of them must fit in 64 bits; merge some");
    return;
  }
  const auto id = static_cast<std::uint8_t>(decls.size());
  decls.push_back(&d);
  applicable_.emplace(d.id.text, Applicable{is_category, id, &d.id});
  const std::string display = d.display.value;
  if (is_category) {
    model_.categories.push_back(Category{d.id.text, display, d.id.span});
    category_used_.push_back(false);
  } else {
    model_.org_types.push_back(OrgType{d.id.text, display, d.id.span});
    org_type_used_.push_back(false);
  }
}

void Compiler::declare_forms() {
  for (const DeclAst* d : flat_.forms) {
    if (d->id.empty()) continue;
    if (auto it = forms_.find(d->id.text); it != forms_.end()) {
      Diagnostic diag;
      diag.code = "E0202";
      diag.span = d->id.span;
      diag.message = fmt::format("form '{}' is declared twice", d->id.text);
      diag.label = "declared again here";
      diag.related.push_back(Label{form_decls_[it->second]->id.span, "first declared here"});
      sink_.add(std::move(diag));
      continue;
    }
    if (form_decls_.size() >= kMaxForms) {
      sink_.error("E0601", d->id.span, fmt::format("more than {} forms are declared", kMaxForms));
      continue;
    }
    forms_.emplace(d->id.text, static_cast<FormId>(form_decls_.size()));
    form_decls_.push_back(d);
    form_used_.push_back(false);
    model_.forms.push_back(Form{d->id.text, d->display.value, d->id.span});
  }
}

void Compiler::declare_phases_and_steps() {
  std::size_t member_steps = 0;
  for (const FlatPhase& fp : flat_.phases) {
    if (model_.phases.size() >= kMaxPhases) {
      sink_.error("E0601", fp.decl->id.span, fmt::format("more than {} phases", kMaxPhases));
      break;
    }
    const auto phase_id = static_cast<PhaseId>(model_.phases.size());
    Phase& phase = model_.phases.emplace_back();
    phase.id = fp.decl->id.text;
    phase.display_name = fp.display ? fp.display->value : std::string();
    phase.where = fp.decl->id.span;
    phases_.emplace(fp.decl->id.text,
                    phase_id);  // keys view the syntax tree, which outlives the maps
    if (!fp.display && !fp.header_broken) {
      sink_.error("E0305", fp.decl->id.span,
                  fmt::format("phase '{}' has no display name", phase.id), "declared here",
                  fmt::format("write it after the name: phase {} \"...\" ...", phase.id));
    }
    phase.first_step = static_cast<StepId>(model_.steps.size());
    for (const StepAst* s : fp.steps) {
      if (model_.steps.size() >= kMaxSteps) {
        sink_.error("E0601", s->id.span, fmt::format("more than {} steps", kMaxSteps));
        break;
      }
      const auto step_id = static_cast<StepId>(model_.steps.size());
      Step& step = model_.steps.emplace_back();
      step.id = s->id.text;
      step.display_name = s->display.value;
      step.phase = phase_id;
      step.where = s->id.span;
      steps_.emplace(s->id.text, step_id);
      step_decls_.push_back(s);
      if (broken_steps_) broken_steps_->push_back(s->broken);
      if (s->actor.text == "member" && ++member_steps == kMaxStepsPerActor + 1) {
        sink_.error("E0602", s->id.span,
                    fmt::format("more than {} steps are performed by members", kMaxStepsPerActor),
                    "one too many",
                    "a member's completed steps must fit in 64 bits; merge some member steps");
      }
    }
    model_.phases.back().step_count =
        static_cast<StepId>(model_.steps.size() - model_.phases.back().first_step);
  }
}

void Compiler::compile_windows() {
  for (std::size_t i = 0; i < flat_.phases.size() && i < model_.phases.size(); ++i) {
    const FlatPhase& fp = flat_.phases[i];
    Phase& phase = model_.phases[i];
    const auto id = static_cast<PhaseId>(i);
    if (fp.window) {
      if (auto w = compile_window(*fp.window, id)) phase.window = *w;
    } else if (!fp.header_broken) {
      sink_.error("E0305", fp.decl->id.span, fmt::format("phase '{}' has no window", phase.id),
                  "declared here",
                  "say when it is open, such as 'from start, 30d' or 'after PHASE, 30d'");
    }
    for (const WindowOverrideAst* o : fp.windows) {
      const auto org_type = lookup_org_type(o->org_type);
      auto w = compile_window(o->window, id);
      if (org_type && w) phase.window_by_org_type.emplace_back(*org_type, *w);
    }
    if (fp.gate && !fp.gate->broken) {
      Gate gate;
      gate.id = fp.gate->id.text;
      gate.display_name = fp.gate->display.value;
      gate.where = fp.gate->id.span;
      const std::string& who = fp.gate->approver.text;
      if (who == "supervision") {
        gate.approver = Gate::Approver::kSupervisionGroup;
      } else if (who == "parent") {
        gate.approver = Gate::Approver::kParentUnit;
      } else {
        std::string help = util::did_you_mean(who, {"supervision", "parent"});
        sink_.error("E0203", fp.gate->approver.span, fmt::format("unknown approver '{}'", who),
                    "not an approver",
                    help.empty() ? "a gate is approved 'by supervision' or 'by parent'" : help);
      }
      phase.gate = gate;
    }
  }
}

std::optional<PhaseWindow> Compiler::compile_window(const WindowAst& w, PhaseId phase) {
  PhaseWindow out;
  out.start = w.start;
  out.severity = w.advisory ? Severity::kAdvisory : Severity::kRequired;
  out.where = w.span;
  bool ok = true;
  if (w.start == PhaseWindow::Start::kAfterPhase || w.start == PhaseWindow::Start::kWithPhase) {
    auto other = lookup_phase(w.other);
    if (!other) return std::nullopt;
    if (*other >= phase) {
      const bool self = *other == phase;
      Diagnostic d;
      d.code = "E0304";
      d.span = w.other.span;
      d.message = self
                      ? fmt::format("phase '{}' cannot start {} itself", w.other.text,
                                    w.start == PhaseWindow::Start::kAfterPhase ? "after" : "with")
                      : fmt::format("phase '{}' starts from phase '{}', which is declared after it",
                                    model_.phases[phase].id, w.other.text);
      d.label = self ? "itself" : "declared later";
      if (!self) d.related.push_back(Label{model_.phases[*other].where, "declared here"});
      d.help = "a phase can start after or with a phase declared before it";
      sink_.add(std::move(d));
      ok = false;
    }
    out.other = other.value_or(0);
  } else if (w.start == PhaseWindow::Start::kDate) {
    if (!w.date.valid) ok = false;
    out.date = w.date.days;
  }
  if (w.offset) out.offset = w.offset->value;
  out.length = w.length.value;
  if (w.length.value.amount <= 0) {
    sink_.error("E0402", w.length.span, "a window must last at least one day", "empty window");
    ok = false;
  }
  if (!ok) return std::nullopt;
  return out;
}

void Compiler::warn_unused() {
  if (!options_.warn_unused) return;
  for (const LoadedFile& f : loaded_.files)
    if (f.ast.syntax_errors) return;  // what a broken declaration used is unknown
  const auto warn = [&](const std::vector<const DeclAst*>& decls, const std::vector<bool>& used,
                        std::string_view what, std::string_view where_used) {
    for (std::size_t i = 0; i < decls.size(); ++i) {
      if (used[i]) continue;
      sink_.warning("W0201", decls[i]->id.span,
                    fmt::format("{} '{}' is declared but never used", what, decls[i]->id.text),
                    "unused", fmt::format("use it in {}, or remove it", where_used));
    }
  };
  warn(org_type_decls_, org_type_used_, "org type",
       "'only', 'except', a 'window' or a requirement");
  warn(category_decls_, category_used_, "category", "'only', 'except' or a requirement");
  warn(form_decls_, form_used_, "form", "a 'require form = ...'");
}

// ---------------------------------------------------------------------------------------------
// Look-ups

void Compiler::unknown(const Name& n, std::string_view what,
                       const std::vector<std::string_view>& candidates, std::string help_if_none) {
  std::string help = util::did_you_mean(n.text, candidates);
  if (help.empty()) help = std::move(help_if_none);
  sink_.error("E0201", n.span, fmt::format("unknown {} '{}'", what, n.text), "not declared", help);
}

std::optional<StepId> Compiler::lookup_step(const Name& n) {
  if (auto it = steps_.find(n.text); it != steps_.end()) return it->second;
  if (sorted_step_names_.empty()) sorted_step_names_ = keys_of(steps_);
  unknown(n, "step", sorted_step_names_);
  return std::nullopt;
}

std::optional<PhaseId> Compiler::lookup_phase(const Name& n) {
  if (auto it = phases_.find(n.text); it != phases_.end()) return it->second;
  unknown(n, "phase", keys_of(phases_));
  return std::nullopt;
}

std::optional<OrgTypeId> Compiler::lookup_org_type(const Name& n) {
  if (auto it = applicable_.find(n.text); it != applicable_.end()) {
    if (!it->second.is_category) {
      org_type_used_[it->second.id] = true;
      return it->second.id;
    }
    sink_.error("E0201", n.span, fmt::format("'{}' is a member category, not an org type", n.text),
                "a category", "windows can be specialised by org type only");
    return std::nullopt;
  }
  std::vector<std::string_view> names;
  for (const DeclAst* d : org_type_decls_) names.push_back(d->id.text);
  unknown(n, "org type", names, "declare it with: orgtype NAME \"display name\"");
  return std::nullopt;
}

std::optional<Compiler::Applicable> Compiler::lookup_applicable(const Name& n) {
  if (auto it = applicable_.find(n.text); it != applicable_.end()) {
    (it->second.is_category ? category_used_ : org_type_used_)[it->second.id] = true;
    return it->second;
  }
  unknown(n, "category or org type", keys_of(applicable_),
          "declare it with 'category' or 'orgtype'");
  return std::nullopt;
}

std::optional<FormId> Compiler::lookup_form(const Name& n) {
  if (auto it = forms_.find(n.text); it != forms_.end()) {
    form_used_[it->second] = true;
    return it->second;
  }
  unknown(n, "form", keys_of(forms_), "declare it with: form NAME \"display name\"");
  return std::nullopt;
}

}  // namespace lockstep::dsl
