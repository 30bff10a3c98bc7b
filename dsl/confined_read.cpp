// Opening a path component by component under a folder; see confined_read.h.
#include "dsl/confined_read.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string_view>

#include "dsl/limits.h"
#include "util/regular_file.h"

namespace lockstep::dsl {
namespace {

std::string open_error(int error) {
  switch (error) {
    case ENOENT:
      return "no such file";
    case ELOOP:
      return "it is a symbolic link, and imports do not follow links";
    case ENOTDIR:
      return "a folder on its path is not a folder (or is a symbolic link)";
    default:
      return std::strerror(error);
  }
}

}  // namespace

ConfinedRead read_inside(const std::string& root, const std::string& relative) {
  ConfinedRead out;
  util::FileDescriptor dir(
      ::open(root.empty() ? "." : root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.get() < 0) {
    out.error = fmt::format("the rules folder cannot be opened: {}", std::strerror(errno));
    return out;
  }
  // Each folder on the way is opened from the one before it, never following a link.
  std::string_view rest = relative;
  util::FileDescriptor current(-1);  // the folder reached so far, below the root
  int at = dir.get();
  while (true) {
    const std::size_t slash = rest.find('/');
    const std::string part(rest.substr(0, slash));
    if (slash == std::string_view::npos) {
      // A regular file only, opened without following a link and without waiting on a FIFO
      // (util/regular_file.h, the one way every input is read).
      util::FileRead r = util::read_regular_file_at(at, part, kMaxFileBytes);
      switch (r.status) {
        case util::FileReadStatus::kOk:
          out.text = std::move(r.text);
          return out;
        case util::FileReadStatus::kTooLarge:
          out.too_large = true;
          out.error = fmt::format("it is {} bytes long; rules files are limited to {} bytes",
                                  r.size, kMaxFileBytes);
          return out;
        case util::FileReadStatus::kNotRegular:
          out.error = r.reason;
          return out;
        case util::FileReadStatus::kUnreadable:
          out.error = r.error != 0 ? open_error(r.error) : r.reason;
          return out;
      }
      return out;
    }
    const int next = ::openat(at, part.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (next < 0) {
      out.error = open_error(errno);
      return out;
    }
    current.reset(next);
    at = current.get();
    rest.remove_prefix(slash + 1);
  }
}

}  // namespace lockstep::dsl
