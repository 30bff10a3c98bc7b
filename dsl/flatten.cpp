// See flatten.h.
#include "dsl/flatten.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <unordered_map>

#include "dsl/limits.h"
#include "util/suggest.h"

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

// Applies layers in order. Look-ups go through hash maps keyed by names in the syntax trees (which
// outlive the flattening); removed phases and steps are left as holes and compacted at the end, so
// every operation is constant time and a 60,000-step campaign flattens in linear time.
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

    std::unordered_map<std::string_view, const Name*> phases_here, steps_here;
    for (const PhaseAst& p : layer.phases) {
      if (p.id.empty()) continue;
      if (auto [it, fresh] = phases_here.emplace(p.id.text, &p.id); !fresh) {
        duplicate(sink_, "phase", p.id, *it->second);
        continue;
      }
      merge_phase(p, steps_here);
    }
    for (const RemoveAst& r : layer.removes) {
      if (r.broken || r.target.empty()) continue;
      if (r.phase) {
        remove_phase(r.target);
      } else {
        remove_step(r.target, kAnyPhase);
      }
    }
  }

  // Drops the holes left by removals.
  void finish() {
    std::vector<FlatPhase> kept;
    for (std::size_t i = 0; i < flat_.phases.size(); ++i) {
      if (removed_phase_[i]) continue;
      FlatPhase& p = flat_.phases[i];
      p.steps.erase(std::remove(p.steps.begin(), p.steps.end(), nullptr), p.steps.end());
      kept.push_back(std::move(p));
    }
    flat_.phases = std::move(kept);
  }

 private:
  static constexpr std::size_t kAnyPhase = SIZE_MAX;
  struct Slot {
    std::size_t phase, index;
  };

  void merge_phase(const PhaseAst& p,
                   std::unordered_map<std::string_view, const Name*>& steps_here) {
    std::size_t index;
    if (auto it = phase_index_.find(p.id.text); it != phase_index_.end()) {
      index = it->second;
    } else {
      index = flat_.phases.size();
      flat_.phases.emplace_back();
      removed_phase_.push_back(false);
      phase_index_.emplace(p.id.text, index);
    }
    FlatPhase& fp = flat_.phases[index];
    fp.decl = &p;
    fp.header_broken = p.broken;
    // A broken header may hold half a window: keep the earlier one rather than guess.
    if (p.display && !p.broken) fp.display = &*p.display;
    if (p.window && !p.broken) fp.window = &*p.window;

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
      auto old = std::find_if(fp.windows.begin(), fp.windows.end(), same);
      if (old != fp.windows.end()) {
        *old = &w;
      } else {
        fp.windows.push_back(&w);
      }
    }

    for (std::size_t i = 0; i < p.gates.size(); ++i) {
      if (i == 0) {
        fp.gate = &p.gates[0];
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
      if (auto [it, fresh] = steps_here.emplace(s.id.text, &s.id); !fresh) {
        duplicate(sink_, "step", s.id, *it->second);
        continue;
      }
      place_step(index, s);
    }
    for (const RemoveAst& r : p.removes) {
      if (r.broken || r.target.empty()) continue;
      if (r.phase) {
        sink_.error("E0101", r.target.span,
                    "'remove phase' is written in the campaign, not in a phase", {},
                    "move it out of the phase's { }");
        continue;
      }
      remove_step(r.target, index);
    }
  }

  // A step replaces the step of the same id where it is, or joins this phase (leaving a hole in
  // the phase it came from).
  void place_step(std::size_t phase, const StepAst& s) {
    auto it = step_slot_.find(s.id.text);
    if (it != step_slot_.end() && it->second.phase == phase) {
      flat_.phases[phase].steps[it->second.index] = &s;
      return;
    }
    if (it != step_slot_.end()) flat_.phases[it->second.phase].steps[it->second.index] = nullptr;
    std::vector<const StepAst*>& steps = flat_.phases[phase].steps;
    step_slot_[s.id.text] = Slot{phase, steps.size()};
    steps.push_back(&s);
  }

  void remove_step(const Name& target, std::size_t only_in) {
    auto it = step_slot_.find(target.text);
    if (it != step_slot_.end() && (only_in == kAnyPhase || it->second.phase == only_in)) {
      flat_.phases[it->second.phase].steps[it->second.index] = nullptr;
      step_slot_.erase(it);
      return;
    }
    std::vector<std::string_view> candidates;
    for (const auto& [id, slot] : step_slot_)
      if (only_in == kAnyPhase || slot.phase == only_in) candidates.push_back(id);
    std::sort(candidates.begin(), candidates.end());
    sink_.error("E0705", target.span,
                only_in != kAnyPhase ? fmt::format("phase '{}' has no step '{}' to remove",
                                                   flat_.phases[only_in].decl->id.text, target.text)
                                     : fmt::format("there is no step '{}' to remove", target.text),
                "not found", util::did_you_mean(target.text, candidates));
  }

  void remove_phase(const Name& target) {
    auto it = phase_index_.find(target.text);
    if (it != phase_index_.end()) {
      removed_phase_[it->second] = true;
      for (const StepAst* s : flat_.phases[it->second].steps)
        if (s != nullptr) step_slot_.erase(s->id.text);
      phase_index_.erase(it);
      return;
    }
    std::vector<std::string_view> candidates;
    for (const auto& [id, index] : phase_index_) candidates.push_back(id);
    std::sort(candidates.begin(), candidates.end());
    sink_.error("E0705", target.span, fmt::format("there is no phase '{}' to remove", target.text),
                "not found", util::did_you_mean(target.text, candidates));
  }

  FlatCampaign& flat_;
  DiagnosticSink& sink_;
  std::unordered_map<std::string_view, std::size_t> phase_index_;
  std::vector<bool> removed_phase_;
  std::unordered_map<std::string_view, Slot> step_slot_;
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
        std::string help = util::did_you_mean(base_name.text, candidates);
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
  flattener.finish();
  return flat;
}

}  // namespace lockstep::dsl
