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

namespace lockstep::dsl {
namespace {

// A file descriptor closed when it goes out of scope.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { reset(-1); }
  int get() const { return fd_; }
  // Closes the descriptor held and holds `fd` instead.
  void reset(int fd) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = fd;
  }

 private:
  int fd_;
};

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
  Fd dir(::open(root.empty() ? "." : root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.get() < 0) {
    out.error = fmt::format("the rules folder cannot be opened: {}", std::strerror(errno));
    return out;
  }
  // Each folder on the way is opened from the one before it, never following a link.
  std::string_view rest = relative;
  Fd current(-1);  // the folder reached so far, below the root
  int at = dir.get();
  while (true) {
    const std::size_t slash = rest.find('/');
    const std::string part(rest.substr(0, slash));
    if (slash == std::string_view::npos) {
      // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below.
      Fd file(::openat(at, part.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC));
      if (file.get() < 0) {
        out.error = open_error(errno);
        return out;
      }
      struct stat st {};
      if (::fstat(file.get(), &st) != 0 || !S_ISREG(st.st_mode)) {
        out.error = S_ISDIR(st.st_mode) ? "it is a folder" : "it is not a regular file";
        return out;
      }
      if (static_cast<std::uint64_t>(st.st_size) > kMaxFileBytes) {
        out.too_large = true;
        out.error = fmt::format("it is {} bytes long; rules files are limited to {} bytes",
                                st.st_size, kMaxFileBytes);
        return out;
      }
      std::string text;
      char buffer[1 << 16];
      while (true) {
        const ssize_t n = ::read(file.get(), buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
          out.error = std::strerror(errno);
          return out;
        }
        if (n == 0) break;
        text.append(buffer, static_cast<std::size_t>(n));
        if (text.size() > kMaxFileBytes) {  // it grew while being read
          out.too_large = true;
          out.error =
              fmt::format("it is longer than {} bytes, the limit for rules files", kMaxFileBytes);
          return out;
        }
      }
      out.text = std::move(text);
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
