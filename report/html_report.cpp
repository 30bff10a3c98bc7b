// render_report_html: one HTML file that opens offline. The page template, its style and scripts
// and ECharts are embedded in the program (assets.h); the report goes in as the JSON of
// render_report_json, inside a <script type="application/json"> element that the page parses.
//
// Escaping, the one thing that must never be wrong here: in the JSON, '<', '>' and '&' become
// \u003c, \u003e and \u0026, so no display name can close the script element ("</script>") or
// open a comment, and JSON.parse still reads the same strings. The title is HTML-escaped. The
// embedded scripts are checked at build time to contain no "</script" of their own.
#include <string>
#include <string_view>

#include "lockstep/report.h"
#include "report/assets.h"
#include "report/width.h"
#include "util/escape.h"

namespace lockstep {
namespace {

std::string escape_json_for_script(std::string_view json) {
  std::string out;
  out.reserve(json.size() + json.size() / 16);
  for (char c : json) {
    switch (c) {
      case '<':
        out += "\\u003c";
        break;
      case '>':
        out += "\\u003e";
        break;
      case '&':
        out += "\\u0026";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace

std::string render_report_html(const CampaignReport& report) {
  const std::string json = render_report_json(report);
  const std::string name = report.campaign_name.empty() ? report.campaign_id : report.campaign_name;
  const std::string title =
      util::escape_markup(report::to_valid_utf8(name), util::Markup::kHtml) + " \u2014 Lockstep";

  const std::string_view page = report::page_template();
  std::string out;
  out.reserve(page.size() + report::echarts_js().size() + json.size() * 2);
  // One pass over the template: what is inserted is never scanned for slots again.
  std::size_t pos = 0;
  while (pos < page.size()) {
    const std::size_t open = page.find("{{", pos);
    const std::size_t close = open == std::string_view::npos ? open : page.find("}}", open);
    if (close == std::string_view::npos) {
      out += page.substr(pos);
      break;
    }
    out += page.substr(pos, open - pos);
    const std::string_view slot = page.substr(open + 2, close - open - 2);
    if (slot == "title")
      out += title;
    else if (slot == "style")
      out += report::page_style();
    else if (slot == "data")
      out += escape_json_for_script(json);
    else if (slot == "echarts")
      out += report::echarts_js();
    else if (slot == "script")
      out += report::page_script();
    else
      out += page.substr(open, close + 2 - open);  // not a slot: kept as written
    pos = close + 2;
  }
  return out;
}

}  // namespace lockstep
