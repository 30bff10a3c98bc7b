// The scenario format's parser; the format is described in scenario.h and docs/simulate.md.
// One pass over the lines; every error names the line and column of the offending token and what
// was expected there. Errors are collected (up to kMaxErrors) and, if any, no scenario is returned.
#include "sim/scenario.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <span>
#include <string_view>

#include "lockstep/civil_date.h"
#include "util/regular_file.h"
#include "util/unicode.h"

namespace lockstep::sim {
namespace {

constexpr std::size_t kMaxErrors = 100;
constexpr std::size_t kMaxBytes = std::size_t{1} << 20;  // a scenario is a few lines

struct Token {
  std::string_view text;
  std::uint32_t column = 0;  // 1-based, in bytes
};

std::vector<Token> split(std::string_view line) {
  std::vector<Token> out;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    if (i >= line.size() || line[i] == '#') break;
    std::size_t j = i;
    while (j < line.size() && line[j] != ' ' && line[j] != '\t' && line[j] != '#' && line[j] != '=')
      ++j;
    if (j == i) j = i + 1;  // '=' on its own
    out.push_back({line.substr(i, j - i), static_cast<std::uint32_t>(i + 1)});
    i = j;
  }
  return out;
}

class Parser {
 public:
  Parser(const CampaignModel& model, ScenarioResult& result)
      : model_(model), result_(result), scenario_(default_scenario(model)) {}

  void line(std::string_view text, std::uint32_t number) {
    line_ = number;
    std::vector<Token> t = split(text);
    if (t.empty()) return;
    if (t[0].text.front() == '[') return section(text, t[0].column);
    if (t.size() < 3 || t[1].text != "=")
      return error(t[0], "expected 'key = value' or a '[section]'");
    const std::span<const Token> values(t.data() + 2, t.size() - 2);
    key(t[0], values);
  }

  std::optional<Scenario> finish() {
    if (has_errors(result_.diagnostics)) return std::nullopt;
    return std::move(scenario_);
  }

 private:
  enum class Section { kNone, kDefault, kStep, kCategory, kOrgType };

  void error(const Token& at, std::string message) {
    if (result_.diagnostics.size() >= kMaxErrors) return;
    Diagnostic d;
    d.code = "S001";
    d.message = std::move(message);
    d.span = {0, line_, at.column,
              static_cast<std::uint32_t>(std::max<std::size_t>(1, at.text.size()))};
    result_.diagnostics.push_back(std::move(d));
  }

  void section(std::string_view text, std::uint32_t column) {
    const std::size_t open = column - 1;
    const std::size_t close = text.find(']', open);
    const Token whole{
        text.substr(open, close == std::string_view::npos ? text.size() - open : close - open + 1),
        column};
    if (close == std::string_view::npos) return error(whole, "expected ']' to close the section");
    std::vector<Token> t = split(text.substr(open + 1, close - open - 1));
    for (Token& k : t) k.column += column;
    if (t.empty())
      return error(whole, "expected a section name: default, step, category, org_type");
    const auto lookup = [&](auto const& items, const char* what) -> std::optional<std::uint32_t> {
      if (t.size() != 2) return error(t[0], fmt::format("expected '[{} ID]'", what)), std::nullopt;
      for (std::uint32_t i = 0; i < items.size(); ++i)
        if (items[i].id == t[1].text) return i;
      error(t[1], fmt::format("unknown {} '{}' in the campaign", what, util::excerpt(t[1].text)));
      return std::nullopt;
    };
    section_ = Section::kNone;
    std::optional<std::uint32_t> index;
    if (t[0].text == "default" && t.size() == 1) {
      section_ = Section::kDefault;
    } else if (t[0].text == "step" && (index = lookup(model_.steps, "step"))) {
      section_ = Section::kStep;
    } else if (t[0].text == "category" && (index = lookup(model_.categories, "category"))) {
      section_ = Section::kCategory;
    } else if (t[0].text == "org_type" && (index = lookup(model_.org_types, "org_type"))) {
      section_ = Section::kOrgType;
    } else if (t[0].text != "step" && t[0].text != "category" && t[0].text != "org_type") {
      error(t[0], "expected a section: [default], [step ID], [category ID], [org_type ID]");
    }
    index_ = index.value_or(0);
    section_error_ = section_ == Section::kNone;
  }

  std::optional<double> number(const Token& t, double lo, double hi, const char* what) {
    double v = 0;
    auto [end, ec] = std::from_chars(t.text.data(), t.text.data() + t.text.size(), v);
    if (ec != std::errc() || end != t.text.data() + t.text.size() || !std::isfinite(v) || v < lo ||
        v > hi) {
      error(t, fmt::format("expected {} from {} to {}, got '{}'", what, lo, hi,
                           util::excerpt(t.text)));
      return std::nullopt;
    }
    return v;
  }

  std::optional<Distribution> distribution(const Token& key, std::span<const Token> v) {
    Distribution d;
    std::size_t arity = 0;
    if (v[0].text == "fixed")
      d.kind = Distribution::Kind::kFixed, arity = 1;
    else if (v[0].text == "uniform")
      d.kind = Distribution::Kind::kUniform, arity = 2;
    else if (v[0].text == "triangular")
      d.kind = Distribution::Kind::kTriangular, arity = 3;
    else
      return error(v[0], "expected fixed N, uniform MIN MAX or triangular MIN MODE MAX"),
             std::nullopt;
    if (v.size() != arity + 1)
      return error(v.size() > arity + 1 ? v[arity + 1] : key,
                   fmt::format("'{}' takes {} number(s) of days", util::excerpt(v[0].text), arity)),
             std::nullopt;
    double x[3] = {0, 0, 0};
    for (std::size_t i = 0; i < arity; ++i) {
      auto n = number(v[i + 1], 0, 3650, "a number of days");
      if (!n) return std::nullopt;
      x[i] = *n;
    }
    if (d.kind == Distribution::Kind::kFixed) d.min = d.mode = d.max = x[0];
    if (d.kind == Distribution::Kind::kUniform) d.min = x[0], d.max = x[1], d.mode = x[0];
    if (d.kind == Distribution::Kind::kTriangular) d.min = x[0], d.mode = x[1], d.max = x[2];
    if (d.min > d.mode || d.mode > d.max)
      return error(v[1], "expected MIN <= MODE <= MAX"), std::nullopt;
    return d;
  }

  void key(const Token& k, std::span<const Token> v) {
    if (section_error_) return;  // already reported at the section header
    const bool behaviour = section_ == Section::kDefault || section_ == Section::kStep;
    const auto apply = [&](auto&& set) {
      if (section_ == Section::kDefault)
        for (StepBehaviour& b : scenario_.steps) set(b);
      else
        set(scenario_.steps[index_]);
    };
    const auto single = [&]() {
      if (v.size() != 1) error(v[1], fmt::format("'{}' takes one value", util::excerpt(k.text)));
      return v.size() == 1;
    };
    if (section_ == Section::kNone) return error(k, "expected a '[section]' before any key");
    if (behaviour && (k.text == "duration" || k.text == "late_by")) {
      if (auto d = distribution(k, v))
        apply([&](StepBehaviour& b) { (k.text == "duration" ? b.duration : b.late_by) = *d; });
    } else if (behaviour && (k.text == "late" || k.text == "skip" || k.text == "out_of_order")) {
      if (!single()) return;
      if (auto p = number(v[0], 0, 1, "a probability"))
        apply([&](StepBehaviour& b) {
          (k.text == "late" ? b.late : k.text == "skip" ? b.skip : b.out_of_order) = *p;
        });
    } else if (!behaviour && k.text == "slower") {
      if (!single()) return;
      if (auto f = number(v[0], 0.01, 100, "a factor"))
        (section_ == Section::kCategory ? scenario_.category_factor
                                        : scenario_.org_type_factor)[index_] = *f;
    } else if (section_ == Section::kOrgType && k.text == "season") {
      if (v.size() != 3) return error(v[0], "expected 'season = FROM TO FACTOR'");
      auto from = parse_date(v[0].text), to = parse_date(v[1].text);
      if (!from) return error(v[0], "expected a date YYYY-MM-DD");
      if (!in_date_range(*from))
        return error(v[0], "the date is out of range: " + date_range_text());
      if (!to || *to < *from) return error(v[1], "expected a date YYYY-MM-DD, not before FROM");
      if (!in_date_range(*to)) return error(v[1], "the date is out of range: " + date_range_text());
      if (auto f = number(v[2], 0.01, 100, "a factor"))
        scenario_.org_type_seasons[index_].push_back({*from, *to, *f});
    } else {
      error(k, behaviour ? "expected a key: duration, late, late_by, skip, out_of_order"
               : section_ == Section::kOrgType ? "expected a key: slower, season"
                                               : "expected the key: slower");
    }
  }

  const CampaignModel& model_;
  ScenarioResult& result_;
  Scenario scenario_;
  Section section_ = Section::kNone;
  bool section_error_ = false;
  std::uint32_t index_ = 0;
  std::uint32_t line_ = 0;
};

}  // namespace

Scenario default_scenario(const CampaignModel& model) {
  Scenario s;
  s.steps.assign(model.steps.size(), StepBehaviour{});
  s.category_factor.assign(model.categories.size(), 1.0);
  s.org_type_factor.assign(model.org_types.size(), 1.0);
  s.org_type_seasons.assign(model.org_types.size(), {});
  return s;
}

ScenarioResult parse_scenario_text(const std::string& name, const std::string& text,
                                   const CampaignModel& model) {
  ScenarioResult result;
  result.files.push_back({name, text});
  const std::string_view all = result.files[0].text;
  const std::size_t bom = all.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  // Another encoding (GBK ...) is refused at its first invalid byte, as every reader does.
  if (const std::optional<std::size_t> bad = util::find_invalid_utf8(all, bom)) {
    const std::string_view before = all.substr(0, *bad);
    const std::size_t line_start = before.rfind('\n') + 1;  // npos + 1 == 0
    Diagnostic d;
    d.code = "S001";
    d.message = "invalid UTF-8 byte sequence";
    d.help = "save the scenario as UTF-8 (GBK and other encodings are not read)";
    d.span = {0, static_cast<std::uint32_t>(std::count(before.begin(), before.end(), '\n') + 1),
              static_cast<std::uint32_t>(*bad - line_start + 1), 1};
    result.diagnostics.push_back(std::move(d));
    return result;
  }
  Parser parser(model, result);
  std::string_view rest = all;
  std::uint32_t number = 0;
  while (!rest.empty()) {
    const std::size_t nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    // A byte order mark is read as blanks, so that columns still count from the line's start.
    const std::string first = number == 0 && bom > 0 ? "   " + std::string(line.substr(bom)) : "";
    parser.line(first.empty() ? line : std::string_view(first), ++number);
    rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
  }
  result.scenario = parser.finish();
  return result;
}

ScenarioResult read_scenario_file(const std::string& path, const CampaignModel& model) {
  util::FileRead r = util::read_regular_file(path, kMaxBytes);
  if (r.status != util::FileReadStatus::kOk) {
    ScenarioResult result;
    Diagnostic d;
    d.code = "S000";
    d.message =
        r.status == util::FileReadStatus::kTooLarge
            ? fmt::format("{}: larger than {} bytes; a scenario is a few lines", path, kMaxBytes)
            : fmt::format("{}: cannot read the scenario file: {}", path, r.reason);
    result.diagnostics.push_back(std::move(d));
    return result;
  }
  return parse_scenario_text(path, r.text, model);
}

}  // namespace lockstep::sim
