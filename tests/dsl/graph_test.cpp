// `lockstep graph`: DOT and Mermaid output of the step graph.
#include <doctest/doctest.h>

#include "tests/dsl/test_util.h"

using namespace lockstep;
using namespace lockstep::test;

namespace {

CampaignModel model() {
  const RulesResult r = compile(
      "campaign c \"保先\" {\n"
      "  phase study \"学习动员\" from start, 30d {\n"
      "    step plan \"学习计划\" by branch\n"
      "    step learn \"集中\\\"学习\\\"\" by member advisory after plan of parent\n"
      "  }\n"
      "  phase appraisal \"分析评议\" after study, 30d {\n"
      "    step meeting \"专题组织生活会\" by branch after learn of all members\n"
      "    step feedback \"反馈\" by member within 7d after meeting of parent\n"
      "  }\n"
      "}\n");
  REQUIRE(r.model.has_value());
  return *r.model;
}

}  // namespace

TEST_CASE(
    "graph: DOT clusters steps by phase, labels them with display names, links prerequisites") {
  const std::string dot = render_graph(model(), GraphStyle::kDot);
  CHECK(dot.rfind("digraph \"c\" {\n", 0) == 0);
  CHECK(dot.find("  subgraph cluster_0 {\n    label=\"学习动员 (study)\";\n") != std::string::npos);
  CHECK(dot.find("  subgraph cluster_1 {\n    label=\"分析评议 (appraisal)\";\n") !=
        std::string::npos);
  CHECK(dot.find("    \"plan\" [label=\"学习计划\\nbranch\"];\n") != std::string::npos);
  CHECK(dot.find("\"learn\" [label=\"集中\\\"学习\\\"\\nmember\", style=\"rounded,dashed\"]") !=
        std::string::npos);
  CHECK(dot.find("  \"plan\" -> \"learn\" [label=\"of parent\"];\n") != std::string::npos);
  CHECK(dot.find("  \"learn\" -> \"meeting\" [label=\"of all members\"];\n") != std::string::npos);
  CHECK(dot.find("  \"meeting\" -> \"feedback\" [style=dashed, label=\"within 7d\"];\n") !=
        std::string::npos);
  CHECK(dot.back() == '\n');
}

TEST_CASE("graph: Mermaid uses plain ids and quoted labels") {
  const std::string m = render_graph(model(), GraphStyle::kMermaid);
  CHECK(m.rfind("flowchart LR\n", 0) == 0);
  CHECK(m.find("  subgraph p0[\"学习动员\"]\n    s0[\"学习计划<br/>branch\"]\n") !=
        std::string::npos);
  CHECK(m.find("s1[\"集中#quot;学习#quot;<br/>member\"]") != std::string::npos);
  CHECK(m.find("  s0 -->|of parent| s1\n") != std::string::npos);
  CHECK(m.find("  s2 -.->|within 7d| s3\n") != std::string::npos);
  CHECK(m.find("  style s1 stroke-dasharray: 5 5\n") != std::string::npos);
}

TEST_CASE("graph: the same model gives the same bytes") {
  CHECK(render_graph(model(), GraphStyle::kDot) == render_graph(model(), GraphStyle::kDot));
}

TEST_CASE("graph: a phase with an advisory window is a dashed cluster labelled as a reference") {
  const RulesResult r = compile(
      "campaign c \"C\" {\n"
      "  orgtype village \"村\"\n"
      "  phase study \"学习\" from start, 2m advisory {\n    step plan \"计划\" by branch\n  }\n"
      "  phase fix \"整改\" after study, 2m {\n"
      "    window village: after study, 1m advisory\n    step act \"整改\" by branch\n  }\n"
      "}\n");
  REQUIRE(r.model.has_value());
  const std::string dot = render_graph(*r.model, GraphStyle::kDot);
  CHECK(dot.find("  subgraph cluster_0 {\n    label=\"学习 (study, reference window)\";\n"
                 "    style=dashed;\n") != std::string::npos);
  CHECK(dot.find("label=\"整改 (fix, reference window for village)\";\n    style=dashed;\n") !=
        std::string::npos);
  const std::string m = render_graph(*r.model, GraphStyle::kMermaid);
  CHECK(m.find("  subgraph p0[\"学习 (reference window)\"]\n") != std::string::npos);
  CHECK(m.find("  style p0 stroke-dasharray: 5 5\n") != std::string::npos);
  CHECK(m.find("  style p1 stroke-dasharray: 5 5\n") != std::string::npos);
}
