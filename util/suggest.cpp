// See suggest.h.
#include "util/suggest.h"

#include <fmt/format.h>
#include <algorithm>

#include "util/unicode.h"

namespace lockstep::util {
namespace {

std::u32string code_points(std::string_view s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) out += decode_utf8(s, i);
  return out;
}

char32_t fold_case(char32_t c) {
  return (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c;
}

// Optimal string alignment distance: Levenshtein plus the swap of two neighbours ("stpe" is one
// edit from "step"), computed row by row, stopping early once every entry of a row is past limit.
std::size_t distance(const std::u32string& a, const std::u32string& b, std::size_t limit) {
  const std::size_t n = a.size(), m = b.size();
  if ((n > m ? n - m : m - n) > limit) return limit + 1;
  std::vector<std::size_t> before(m + 1), prev(m + 1), cur(m + 1);
  for (std::size_t j = 0; j <= m; ++j) prev[j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    cur[0] = i;
    std::size_t row_min = cur[0];
    for (std::size_t j = 1; j <= m; ++j) {
      const bool same = fold_case(a[i - 1]) == fold_case(b[j - 1]);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (same ? 0 : 1)});
      if (i > 1 && j > 1 && fold_case(a[i - 1]) == fold_case(b[j - 2]) &&
          fold_case(a[i - 2]) == fold_case(b[j - 1]))
        cur[j] = std::min(cur[j], before[j - 2] + 1);
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > limit) return limit + 1;  // every later row is at least as far
    std::swap(before, prev);
    std::swap(prev, cur);
  }
  return std::min(prev[m], limit + 1);
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit) {
  return distance(code_points(a), code_points(b), limit);
}

std::string closest_name(std::string_view name, const std::vector<std::string_view>& candidates) {
  const std::u32string target = code_points(name);
  // One edit in three characters; names of one or two characters only differ in case.
  const std::size_t limit = target.size() < 3 ? 0 : std::max<std::size_t>(1, target.size() / 3);
  std::size_t best = limit + 1;
  std::string_view best_name;
  for (std::string_view c : candidates) {
    if (c == name) continue;
    const std::size_t d = distance(target, code_points(c), std::min(limit, best));
    if (d < best) {
      best = d;
      best_name = c;
    }
  }
  return std::string(best_name);
}

std::string did_you_mean(std::string_view name, const std::vector<std::string_view>& candidates) {
  const std::string best = closest_name(name, candidates);
  return best.empty() ? std::string() : fmt::format("did you mean '{}'?", best);
}

}  // namespace lockstep::util
