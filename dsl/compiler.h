// The compiler: a flattened campaign (flatten.h) becomes a CampaignModel, with every name resolved
// to its dense id and every element keeping its span.
//
// It reports, with did-you-mean where a name is close to a declared one: unknown and duplicate
// names, unknown actors, approvers and evidence fields, requirement values that do not fit their
// field, clauses given twice, phases without a name or window, windows that start from a later
// phase, steps that apply to no one, member categories on steps no member performs, counts over
// the model's limits, and (as warnings) declarations never used. Order and time are checked on the
// model afterwards (check_order.h, check_time.h).
//
// The model fills every invariant of lockstep/model.h when the sink has no errors; with errors it
// is partial and must not be used. `broken_steps`, when given, receives by StepId whether the
// step's declaration had a syntax error (its fields are then partial: later checks skip it).
#pragma once

#include "dsl/diagnostic_sink.h"
#include "dsl/flatten.h"
#include "dsl/loader.h"
#include "lockstep/model.h"

namespace lockstep::dsl {

struct CompileOptions {
  bool warn_unused = true;  // warn about org types, categories and forms never used
};

CampaignModel compile_campaign(const FlatCampaign& flat, const Loaded& loaded,
                               const CompileOptions& options, DiagnosticSink& sink,
                               std::vector<bool>* broken_steps = nullptr);

}  // namespace lockstep::dsl
