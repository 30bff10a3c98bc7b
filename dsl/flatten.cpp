// See flatten.h.
#include "dsl/flatten.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "dsl/limits.h"
#include "dsl/suggest.h"

namespace lockstep::dsl {
namespace {

Label label(const SourceSpan& span, std::string text) {
  return Label{span, std::move(text)};
}

void duplicate(DiagnosticSink& sink, std::string_view what, const Name& again, const Name& first) {
  Diagnostic d;
  d.code = "E0202";
  d.span = again.span;
  d.message = fmt::format("{} '{}' is declared twice", what, again.text);
  d.label = "declared again here";
  d.related.push_back(label(first.span, "first declared here"));
  d.help = "give one of them another name, or remove it";
  sink.add(std::move(d));
}

class Flattener {
 public:
  Flattener(FlatCampaign& flat, DiagnosticSink& sink) : flat_(flat), sink_(sink) {}

  void apply(const UnitAst& layer) {
    for (std::size_t i = 0; i < layer.starts.size(); ++i) {
      if (i == 0) {
        flat_.start = &layer.starts[0];
      } else {
        sink_.error("E0202", layer.starts[i].date.span, "'start' is given twice",
                    "given again here");
      }
    }
    for (const DeclAst& d : layer.org_types) flat_.org_types.push_back(&d);
    for (const DeclAst& d : layer.categories) flat_.categories.push_back(&d);
    for (const DeclAst& d : layer.forms) flat_.forms.push_back(&d);

    std::vector<const Name*> phases_here, steps_here;
    for (const PhaseAst& p : layer.phases) {
      if (p.id.empty()) continue;
      if (const Name* first = find_name(phases_here, p.id.text)) {
        duplicate(sink_, "phase", p.id, *first);
        continue;
      }
      phases_here.push_back(&p.id);
      merge_phase(p, steps_here);
    }
    for (const RemoveAst& r : layer.removes) {
      if (r.broken || r.target.empty()) continue;
      if (r.phase) {
        remove_phase(r.target);
      } else {
        remove_step(r.target, nullptr);
      }
    }
  }

 private:
  static const Name* find_name(const std::vector<const Name*>& names, std::string_view text) {
    for (const Name* n : names)
      if (n->text == text) return n;
    return nullptr;
  }

  FlatPhase* find_phase(std::string_view id) {
    for (FlatPhase& p : flat_.phases)
      if (p.decl->id.text == id) return &p;
    return nullptr;
  }

  void merge_phase(const PhaseAst& p, std::vector<const Name*>& steps_here) {
    FlatPhase* fp = find_phase(p.id.text);
    if (fp == nullptr) fp = &flat_.phases.emplace_back();
    fp->decl = &p;
    fp->header_broken = p.broken;
    // A broken header may hold half a window: keep the earlier one rather than guess.
    if (p.display && !p.broken) fp->display = &*p.display;
    if (p.window && !p.broken) fp->window = &*p.window;

    std::vector<const WindowOverrideAst*> overrides_here;
    for (const WindowOverrideAst& w : p.windows) {
      if (w.broken || w.org_type.empty()) continue;
      auto same = [&](const WindowOverrideAst* o) { return o->org_type.text == w.org_type.text; };
      if (auto it = std::find_if(overrides_here.begin(), overrides_here.end(), same);
          it != overrides_here.end()) {
        duplicate(sink_, "window for org type", w.org_type, (*it)->org_type);
        continue;
      }
      overrides_here.push_back(&w);
      auto old = std::find_if(fp->windows.begin(), fp->windows.end(), same);
      if (old != fp->windows.end()) {
        *old = &w;
      } else {
        fp->windows.push_back(&w);
      }
    }

    for (std::size_t i = 0; i < p.gates.size(); ++i) {
      if (i == 0) {
        fp->gate = &p.gates[0];
      } else {
        Diagnostic d;
        d.code = "E0202";
        d.span = p.gates[i].id.span;
        d.message = fmt::format("phase '{}' has a second gate; a phase has one gate", p.id.text);
        d.label = "second gate";
        d.related.push_back(label(p.gates[0].id.span, "first gate"));
        sink_.add(std::move(d));
      }
    }

    for (const StepAst& s : p.steps) {
      if (s.id.empty()) continue;
      if (const Name* first = find_name(steps_here, s.id.text)) {
        duplicate(sink_, "step", s.id, *first);
        continue;
      }
      steps_here.push_back(&s.id);
      place_step(*fp, s);
    }
    for (const RemoveAst& r : p.removes) {
      if (r.broken || r.target.empty()) continue;
      if (r.phase) {
        sink_.error("E0101", r.target.span,
                    "'remove phase' is written in the campaign, not in a phase", {},
                    "move it out of the phase's { }");
        continue;
      }
      remove_step(r.target, fp);
    }
  }

  // A step replaces the step of the same id where it is, or joins this phase.
  void place_step(FlatPhase& here, const StepAst& s) {
    for (FlatPhase& p : flat_.phases) {
      auto it = std::find_if(p.steps.begin(), p.steps.end(),
                             [&](const StepAst* old) { return old->id.text == s.id.text; });
      if (it == p.steps.end()) continue;
      if (&p == &here) {
        *it = &s;
        return;
      }
      p.steps.erase(it);
      break;
    }
    here.steps.push_back(&s);
  }

  void remove_step(const Name& target, FlatPhase* only_in) {
    std::vector<std::string_view> candidates;
    for (FlatPhase& p : flat_.phases) {
      if (only_in != nullptr && &p != only_in) continue;
      auto it = std::find_if(p.steps.begin(), p.steps.end(),
                             [&](const StepAst* s) { return s->id.text == target.text; });
      if (it != p.steps.end()) {
        p.steps.erase(it);
        return;
      }
      for (const StepAst* s : p.steps) candidates.push_back(s->id.text);
    }
    sink_.error("E0705", target.span,
                only_in ? fmt::format("phase '{}' has no step '{}' to remove",
                                      only_in->decl->id.text, target.text)
                        : fmt::format("there is no step '{}' to remove", target.text),
                "not found", did_you_mean(target.text, candidates));
  }

  void remove_phase(const Name& target) {
    auto it = std::find_if(flat_.phases.begin(), flat_.phases.end(),
                           [&](const FlatPhase& p) { return p.decl->id.text == target.text; });
    if (it != flat_.phases.end()) {
      flat_.phases.erase(it);
      return;
    }
    std::vector<std::string_view> candidates;
    for (const FlatPhase& p : flat_.phases) candidates.push_back(p.decl->id.text);
    sink_.error("E0705", target.span, fmt::format("there is no phase '{}' to remove", target.text),
                "not found", did_you_mean(target.text, candidates));
  }

  FlatCampaign& flat_;
  DiagnosticSink& sink_;
};

}  // namespace

const UnitAst* find_procedure(const Loaded& loaded, std::uint32_t file, std::string_view name,
                              std::uint32_t* found_in) {
  std::vector<std::uint32_t> search{file};
  search.insert(search.end(), loaded.files[file].imports.begin(), loaded.files[file].imports.end());
  for (std::uint32_t f : search) {
    for (const UnitAst& u : loaded.files[f].ast.units) {
      if (u.procedure && u.id.text == name) {
        if (found_in) *found_in = f;
        return &u;
      }
    }
  }
  return nullptr;
}

FlatCampaign flatten(const Loaded& loaded, std::uint32_t file, const UnitAst& unit,
                     DiagnosticSink& sink) {
  std::vector<const UnitAst*> chain{&unit};
  const UnitAst* current = &unit;
  std::uint32_t current_file = file;
  while (current->extends && !current->extends->empty()) {
    const Name& base_name = *current->extends;
    if (static_cast<int>(chain.size()) > kMaxExtendsDepth) {
      sink.error("E0704", base_name.span,
                 fmt::format("procedures extend each other more than {} deep", kMaxExtendsDepth));
      break;
    }
    std::uint32_t base_file = 0;
    const UnitAst* base = find_procedure(loaded, current_file, base_name.text, &base_file);
    if (base == nullptr) {
      std::vector<std::string_view> candidates;
      bool is_campaign = false;
      std::vector<std::uint32_t> search{current_file};
      search.insert(search.end(), loaded.files[current_file].imports.begin(),
                    loaded.files[current_file].imports.end());
      for (std::uint32_t f : search) {
        for (const UnitAst& u : loaded.files[f].ast.units) {
          if (u.procedure) candidates.push_back(u.id.text);
          if (!u.procedure && u.id.text == base_name.text) is_campaign = true;
        }
      }
      if (is_campaign) {
        sink.error(
            "E0707", base_name.span,
            fmt::format("'{}' is a campaign; only a procedure can be extended", base_name.text),
            "a campaign", "declare the shared part as 'procedure' and extend that");
      } else {
        std::string help = did_you_mean(base_name.text, candidates);
        if (help.empty()) help = "declare it with 'procedure', or import the file that does";
        sink.error("E0201", base_name.span, fmt::format("unknown procedure '{}'", base_name.text),
                   "not declared here or in an imported file", help);
      }
      break;
    }
    if (std::find(chain.begin(), chain.end(), base) != chain.end()) {
      std::string path;
      for (const UnitAst* u : chain) path += fmt::format("'{}' extends ", u->id.text);
      sink.error(
          "E0701", base_name.span,
          fmt::format("procedures extend each other in a cycle: {}'{}'", path, base->id.text),
          "closes the cycle");
      break;
    }
    chain.push_back(base);
    current = base;
    current_file = base_file;
  }

  FlatCampaign flat;
  flat.unit = &unit;
  Flattener flattener(flat, sink);
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) flattener.apply(**it);
  return flat;
}

}  // namespace lockstep::dsl
