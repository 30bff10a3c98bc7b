#include <doctest/doctest.h>

#include "lockstep/model.h"

using namespace lockstep;

TEST_CASE("model: look-ups find declared names and nothing else") {
  CampaignModel model;
  model.files = {"rules/x.lock"};
  Step mobilize;
  mobilize.id = "mobilize";
  mobilize.where = {0, 3, 5, 8};
  Step plan;
  plan.id = "学习计划";
  model.steps = {mobilize, plan};
  CHECK(model.find_step("学习计划") == StepId{1});
  CHECK(model.find_step("mobilize") == StepId{0});
  CHECK_FALSE(model.find_step("mobilise").has_value());
  CHECK(format_location(model, model.steps[0].where) == "rules/x.lock:3:5");
}
