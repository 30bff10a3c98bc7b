// A table for the terminal: columns aligned by display width, so that Chinese names (two columns
// per character) line up with ASCII; numbers right-aligned; over-long cells cut with "…".
//
// Cells are sanitized (see sanitize_for_terminal) before they are measured, so text from rosters
// and rules cannot move the cursor or inject escape sequences. Colours are added after padding,
// so they never change the layout; without colour the output is plain text with no trailing
// spaces, the same bytes on every run.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace lockstep::report {

enum class Align { kLeft, kRight };

enum class Style { kPlain, kBold, kDim, kRed, kYellow, kGreen };

struct Column {
  std::string header;
  Align align = Align::kLeft;
  std::size_t max_width = 0;  // in display columns; 0: as wide as the widest cell
};

struct Cell {
  std::string text;
  Style style = Style::kPlain;

  Cell() = default;
  Cell(std::string t, Style s = Style::kPlain) : text(std::move(t)), style(s) {}
  Cell(const char* t, Style s = Style::kPlain) : text(t), style(s) {}
};

class Table {
 public:
  explicit Table(std::vector<Column> columns);

  // Missing cells are empty; cells past the last column are dropped.
  void add_row(std::vector<Cell> cells);
  std::size_t row_count() const { return rows_.size(); }

  // The header, a rule of '-' under it, then the rows; every line ends with '\n'.
  std::string render(bool color) const;

 private:
  std::vector<Column> columns_;
  std::vector<std::vector<Cell>> rows_;
};

// The ANSI sequence that starts `style` ("" for kPlain), and the one that ends any style.
const char* ansi_start(Style style);
inline constexpr const char* kAnsiReset = "\x1b[0m";

}  // namespace lockstep::report
