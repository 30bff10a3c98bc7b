// The errors of one read of one input file, with a cap.
//
// A garbage file could give an error per field; after `max_errors` the list drops the rest and
// take() ends it with one note saying that it stopped, so the output stays small and a reader
// can stop early (full()). take() sorts by position, stably, so the order is the same
// from run to run whatever order a reader found them in.
#pragma once

#include <cstddef>
#include <string>

#include "io/text_input.h"
#include "lockstep/diagnostic.h"

namespace lockstep::io {

class ErrorList {
 public:
  // `too_many_code` is the code of the final note ("R099" for rosters, "V099" for event logs).
  ErrorList(const LineIndex& lines, std::size_t max_errors, std::string too_many_code)
      : lines_(lines), max_(max_errors), too_many_code_(std::move(too_many_code)) {}

  // Records an error on bytes [begin, end) of the input. Returns it, so that the caller can add
  // related places or a label, or nullptr when the list is full and the error was dropped. The
  // pointer is valid until the next call to error().
  Diagnostic* error(std::string code, std::size_t begin, std::size_t end, std::string message,
                    std::string help = {});
  // A place involved in `d` (each link of a cycle, the first of two duplicates).
  void relate(Diagnostic* d, std::size_t begin, std::size_t end, std::string message) const;

  bool full() const { return dropped_ > 0 || kept_.size() >= max_; }
  bool any() const { return !kept_.empty() || dropped_ > 0; }
  const LineIndex& lines() const { return lines_; }

  Diagnostics take();

 private:
  const LineIndex& lines_;
  std::size_t max_;
  std::string too_many_code_;
  std::size_t dropped_ = 0;
  Diagnostics kept_;
};

}  // namespace lockstep::io
