// "Did you mean ...?": the closest declared name to a misspelled one.
//
// Distances count Unicode code points, not bytes, so a one-character slip in a Chinese name
// (学习计划 / 学习记划) is as close as one in an English name (mobilize / mobilise).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace lockstep::util {

// Edit distance over code points (insert, delete, substitute, swap two neighbours), giving up
// (returning limit + 1) once it exceeds limit.
std::size_t edit_distance(std::string_view a, std::string_view b, std::size_t limit);

// The candidate closest to `name` if it is close enough (one edit per three characters; names
// shorter than three characters match only when they differ in case); empty when nothing is.
// Ties go to the earliest candidate.
std::string closest_name(std::string_view name, const std::vector<std::string_view>& candidates);

// "did you mean 'x'?" or empty.
std::string did_you_mean(std::string_view name, const std::vector<std::string_view>& candidates);

}  // namespace lockstep::util
