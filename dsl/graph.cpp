// `lockstep graph`: the step graph of a compiled campaign as Graphviz DOT or Mermaid.
//
// One node per step, labelled with its display name and performer, inside a cluster per phase;
// an edge from each prerequisite to the step that waits for it, labelled with its scope unless it
// is the same performer, and a dashed edge for `within`. Advisory steps are drawn dashed, and so is
// the cluster of a phase whose window is advisory, its label saying for whom the window is only a
// reference. Node ids are the step ids in DOT and s<index> in Mermaid (whose ids must be plain
// ASCII).
#include <fmt/format.h>

#include "lockstep/names.h"
#include "lockstep/rules.h"

namespace lockstep {
namespace {

const char* scope_label(Prerequisite::Scope s) {
  switch (s) {
    case Prerequisite::Scope::kSame:
      return "";
    case Prerequisite::Scope::kParent:
      return "of parent";
    case Prerequisite::Scope::kAllMembers:
      return "of all members";
    case Prerequisite::Scope::kAllSubunits:
      return "of all subunits";
  }
  return "";
}

std::string dot_string(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n' || c == '\r') continue;
    out += c;
  }
  return out + "\"";
}

std::string mermaid_text(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') {
      out += "#quot;";
    } else if (c != '\n' && c != '\r') {
      out += c;
    }
  }
  return out + "\"";
}

std::string name_of(const std::string& display, const std::string& id) {
  return display.empty() ? id : display;
}

// ", reference window" when the phase's default window is advisory, ", reference window for
// village, community" when only some org types' windows are; empty when none is.
std::string reference_note(const CampaignModel& m, const Phase& phase) {
  if (phase.window.severity == Severity::kAdvisory) return ", reference window";
  std::string types;
  for (const auto& [t, w] : phase.window_by_org_type)
    if (w.severity == Severity::kAdvisory)
      types += (types.empty() ? "" : ", ") + (t < m.org_types.size() ? m.org_types[t].id : "?");
  return types.empty() ? "" : ", reference window for " + types;
}

std::string dot(const CampaignModel& m) {
  std::string out = fmt::format("digraph {} {{\n", dot_string(m.id));
  out += fmt::format("  label={};\n  labelloc=t;\n  rankdir=LR;\n",
                     dot_string(name_of(m.display_name, m.id)));
  out += "  node [shape=box, style=rounded];\n";
  for (std::size_t p = 0; p < m.phases.size(); ++p) {
    const Phase& phase = m.phases[p];
    const std::string note = reference_note(m, phase);
    out += fmt::format(
        "  subgraph cluster_{} {{\n    label={};\n{}", p,
        dot_string(fmt::format("{} ({}{})", name_of(phase.display_name, phase.id), phase.id, note)),
        note.empty() ? "" : "    style=dashed;\n");
    for (StepId s = phase.first_step; s < phase.first_step + phase.step_count; ++s) {
      const Step& step = m.steps[s];
      // Two lines: the display name, then who performs it ("\n" is DOT's line break).
      const std::string label = dot_string(name_of(step.display_name, step.id));
      out += fmt::format("    {} [label={}\\n{}\"{}];\n", dot_string(step.id),
                         label.substr(0, label.size() - 1), actor_name(step.actor),
                         step.severity == Severity::kAdvisory ? ", style=\"rounded,dashed\"" : "");
    }
    out += "  }\n";
  }
  for (const Step& step : m.steps) {
    for (const Prerequisite& p : step.after) {
      const char* label = scope_label(p.scope);
      out += fmt::format("  {} -> {}{};\n", dot_string(m.steps[p.step].id), dot_string(step.id),
                         *label ? fmt::format(" [label={}]", dot_string(label)) : "");
    }
    if (step.within) {
      out += fmt::format("  {} -> {} [style=dashed, label={}];\n",
                         dot_string(m.steps[step.within->after.step].id), dot_string(step.id),
                         dot_string("within " + duration_text(step.within->limit)));
    }
  }
  return out + "}\n";
}

std::string mermaid(const CampaignModel& m) {
  std::string out = "flowchart LR\n";
  for (std::size_t p = 0; p < m.phases.size(); ++p) {
    const Phase& phase = m.phases[p];
    const std::string note = reference_note(m, phase);
    out += fmt::format("  subgraph p{}[{}]\n", p,
                       mermaid_text(name_of(phase.display_name, phase.id) +
                                    (note.empty() ? "" : " (" + note.substr(2) + ")")));
    for (StepId s = phase.first_step; s < phase.first_step + phase.step_count; ++s) {
      const Step& step = m.steps[s];
      out += fmt::format("    s{}[{}]\n", s,
                         mermaid_text(fmt::format("{}<br/>{}", name_of(step.display_name, step.id),
                                                  actor_name(step.actor))));
    }
    out += "  end\n";
  }
  for (std::size_t s = 0; s < m.steps.size(); ++s) {
    const Step& step = m.steps[s];
    for (const Prerequisite& p : step.after) {
      const char* label = scope_label(p.scope);
      out += *label ? fmt::format("  s{} -->|{}| s{}\n", p.step, label, s)
                    : fmt::format("  s{} --> s{}\n", p.step, s);
    }
    if (step.within) {
      out += fmt::format("  s{} -.->|within {}| s{}\n", step.within->after.step,
                         duration_text(step.within->limit), s);
    }
  }
  for (std::size_t s = 0; s < m.steps.size(); ++s)
    if (m.steps[s].severity == Severity::kAdvisory)
      out += fmt::format("  style s{} stroke-dasharray: 5 5\n", s);
  for (std::size_t p = 0; p < m.phases.size(); ++p)
    if (!reference_note(m, m.phases[p]).empty())
      out += fmt::format("  style p{} stroke-dasharray: 5 5\n", p);
  return out;
}

}  // namespace

std::string render_graph(const CampaignModel& model, GraphStyle style) {
  return style == GraphStyle::kMermaid ? mermaid(model) : dot(model);
}

}  // namespace lockstep
