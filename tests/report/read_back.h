// Reading back what a renderer or a progress bar wrote to a std::tmpfile(), for the tests to
// compare: the whole file from its start, whatever was read or written before.
#pragma once

#include <cstdio>
#include <string>

namespace lockstep::testing {

inline std::string read_back(std::FILE* f) {
  std::fflush(f);
  std::rewind(f);
  std::string s;
  for (int c; (c = std::fgetc(f)) != EOF;) s += static_cast<char>(c);
  return s;
}

}  // namespace lockstep::testing
