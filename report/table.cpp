#include "report/table.h"

#include <algorithm>

#include "report/width.h"

namespace lockstep::report {
namespace {

constexpr const char* kGap = "  ";

std::string fit(const std::string& text, std::size_t max_width) {
  std::string clean = sanitize_for_terminal(text);
  return max_width == 0 ? clean : truncate_to_width(clean, max_width);
}

}  // namespace

const char* ansi_start(Style style) {
  switch (style) {
    case Style::kPlain:
      return "";
    case Style::kBold:
      return "\x1b[1m";
    case Style::kDim:
      return "\x1b[2m";
    case Style::kRed:
      return "\x1b[31m";
    case Style::kYellow:
      return "\x1b[33m";
    case Style::kGreen:
      return "\x1b[32m";
  }
  return "";
}

Table::Table(std::vector<Column> columns) : columns_(std::move(columns)) {}

void Table::add_row(std::vector<Cell> cells) {
  cells.resize(columns_.size());
  rows_.push_back(std::move(cells));
}

std::string Table::render(bool color) const {
  // Fit every cell first, then measure: widths are those of the text actually shown.
  const std::size_t n = columns_.size();
  std::vector<std::vector<Cell>> shown;
  shown.reserve(rows_.size() + 1);
  std::vector<Cell> header;
  for (const Column& c : columns_) header.emplace_back(fit(c.header, c.max_width), Style::kBold);
  shown.push_back(std::move(header));
  for (const auto& row : rows_) {
    std::vector<Cell> line;
    for (std::size_t i = 0; i < n; ++i)
      line.emplace_back(fit(row[i].text, columns_[i].max_width), row[i].style);
    shown.push_back(std::move(line));
  }
  std::vector<std::size_t> widths(n, 0);
  for (const auto& row : shown)
    for (std::size_t i = 0; i < n; ++i) widths[i] = std::max(widths[i], display_width(row[i].text));

  std::string out;
  const auto emit_row = [&](const std::vector<Cell>& row) {
    std::string line;
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t pad = widths[i] - display_width(row[i].text);
      if (i > 0) line += kGap;
      if (columns_[i].align == Align::kRight) line.append(pad, ' ');
      const bool styled = color && row[i].style != Style::kPlain && !row[i].text.empty();
      if (styled) line += ansi_start(row[i].style);
      line += row[i].text;
      if (styled) line += kAnsiReset;
      if (columns_[i].align == Align::kLeft) line.append(pad, ' ');
    }
    // Padding after the last visible text is noise in a terminal and in golden files.
    line.erase(line.find_last_not_of(' ') + 1);
    out += line;
    out += '\n';
  };
  emit_row(shown[0]);
  std::size_t total = 0;
  for (std::size_t i = 0; i < n; ++i) total += widths[i] + (i > 0 ? 2 : 0);
  out.append(total, '-');
  out += '\n';
  for (std::size_t r = 1; r < shown.size(); ++r) emit_row(shown[r]);
  return out;
}

}  // namespace lockstep::report
