// See error_list.h.
#include "io/error_list.h"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>

namespace lockstep::io {

Diagnostic* ErrorList::error(std::string code, std::size_t begin, std::size_t end,
                             std::string message, std::string help) {
  if (full()) {
    ++dropped_;
    return nullptr;
  }
  Diagnostic d;
  d.level = Diagnostic::Level::kError;
  d.code = std::move(code);
  d.span = lines_.span(begin, end);
  d.message = std::move(message);
  d.help = std::move(help);
  kept_.push_back(std::move(d));
  return &kept_.back();
}

void ErrorList::relate(Diagnostic* d, std::size_t begin, std::size_t end,
                       std::string message) const {
  if (d == nullptr) return;
  d->related.push_back(Label{lines_.span(begin, end), std::move(message)});
}

Diagnostics ErrorList::take() {
  Diagnostics out = std::move(kept_);
  kept_.clear();
  std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.span.line, a.span.column) < std::tie(b.span.line, b.span.column);
  });
  if (dropped_ > 0 || out.size() >= max_) {
    Diagnostic d;
    d.level = Diagnostic::Level::kNote;
    d.code = too_many_code_;
    d.message = fmt::format("too many errors: stopped after {}", out.size());
    d.help = "fix the errors above and read the file again";
    out.push_back(std::move(d));
  }
  dropped_ = 0;
  return out;
}

}  // namespace lockstep::io
