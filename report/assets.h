// The files of the HTML report, embedded into the program at build time (assets.cpp.in), so the
// report needs nothing at run time: ECharts from the npm package in report/web, and the page's
// own template, style and scripts beside it.
#pragma once

#include <string_view>

namespace lockstep::report {

std::string_view echarts_js();     // report/web/node_modules/echarts/dist/echarts.min.js
std::string_view page_template();  // report/web/report.html
std::string_view page_style();     // report/web/report.css
std::string_view page_script();    // report/web/charts.js then report/web/page.js

}  // namespace lockstep::report
