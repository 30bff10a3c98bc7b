// See regular_file.h.
#include "util/regular_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace lockstep::util {

void FileDescriptor::reset(int fd) {
  if (fd_ >= 0) ::close(fd_);
  fd_ = fd;
}

namespace {

std::string open_error(int error) {
  switch (error) {
    case ENOENT:
      return "no such file";
    case EACCES:
      return "permission denied";
    case ELOOP:
      return "too many symbolic links on its path";
    case ENOTDIR:
      return "a folder on its path is not a folder";
    default:
      return std::strerror(error);
  }
}

std::string not_regular(mode_t mode) {
  if (S_ISDIR(mode)) return "it is a folder, not a file";
  if (S_ISFIFO(mode)) return "it is a named pipe (FIFO), not a regular file";
  if (S_ISCHR(mode) || S_ISBLK(mode)) return "it is a device, not a regular file";
  if (S_ISSOCK(mode)) return "it is a socket, not a regular file";
  return "it is not a regular file";
}

// Reads what `fd` (a regular file) holds, up to `limit` bytes; false with `out.reason` on an
// I/O error.
bool read_up_to(int fd, std::uint64_t limit, FileRead& out) {
  char buffer[1 << 16];
  while (out.text.size() < limit) {
    const std::uint64_t want = std::min<std::uint64_t>(sizeof buffer, limit - out.text.size());
    const ssize_t n = ::read(fd, buffer, static_cast<std::size_t>(want));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      out.status = FileReadStatus::kUnreadable;
      out.reason = std::strerror(errno);
      out.text.clear();
      return false;
    }
    if (n == 0) break;
    out.text.append(buffer, static_cast<std::size_t>(n));
  }
  return true;
}

// `fd` as just opened (or -1 with errno): checked to be a regular file, then read up to
// `max_bytes` (whole = true: more is kTooLarge) or its first `max_bytes` (whole = false).
FileRead read_opened(int raw_fd, std::uint64_t max_bytes, bool whole) {
  FileRead out;
  if (raw_fd < 0) {
    out.error = errno;
    out.reason = open_error(out.error);
    return out;
  }
  const FileDescriptor fd(raw_fd);
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) {
    out.reason = std::strerror(errno);
    return out;
  }
  if (!S_ISREG(st.st_mode)) {
    out.status = FileReadStatus::kNotRegular;
    out.reason = not_regular(st.st_mode);
    return out;
  }
  const auto size = static_cast<std::uint64_t>(st.st_size);
  if (whole && size > max_bytes) {
    out.status = FileReadStatus::kTooLarge;
    out.size = size;
    out.reason = "it is larger than the limit";
    return out;
  }
  out.text.reserve(static_cast<std::size_t>(std::min(size, max_bytes)));
  // One byte past the limit tells a file that grew while it was read from one that did not.
  if (!read_up_to(fd.get(), whole ? max_bytes + 1 : max_bytes, out)) return out;
  if (whole && out.text.size() > max_bytes) {
    out.status = FileReadStatus::kTooLarge;
    out.size = out.text.size();
    out.reason = "it grew past the limit while it was read";
    out.text.clear();
    out.text.shrink_to_fit();
    return out;
  }
  out.status = FileReadStatus::kOk;
  return out;
}

constexpr int kFlags = O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC;

}  // namespace

FileRead read_regular_file(const std::string& path, std::uint64_t max_bytes) {
  return read_opened(::open(path.c_str(), kFlags), max_bytes, true);
}

FileRead read_regular_file_at(int dir_fd, const std::string& name, std::uint64_t max_bytes) {
  return read_opened(::openat(dir_fd, name.c_str(), kFlags | O_NOFOLLOW), max_bytes, true);
}

FileRead read_file_start(const std::string& path, std::size_t count) {
  return read_opened(::open(path.c_str(), kFlags), count, false);
}

}  // namespace lockstep::util
