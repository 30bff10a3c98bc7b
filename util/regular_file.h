// Reading an input named by a path: only a regular file, whole, under a size limit.
//
// Every file Lockstep reads by name (rules, rosters, event logs, scenarios, rules tests, the
// first bytes of a journal) may be something other than a file. A FIFO blocks an open for
// reading until a writer comes, and a read until it writes; a device such as /dev/zero never
// ends; a folder has no bytes. So the path is opened with O_NONBLOCK (opening a FIFO must not
// wait for a writer), the type is checked with fstat on the descriptor just opened (no window
// between a check and the open in which the path could be swapped for something else), and only
// a regular file is read. At most max_bytes + 1 bytes are read, so a file that grows while it is
// read is refused as too large rather than read without end.
//
// Nothing here throws; every failure comes back as a status and a reason a person can act on.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace lockstep::util {

// A file descriptor closed when it goes out of scope (or when another is put in its place).
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor() { reset(-1); }
  int get() const { return fd_; }
  // Closes the descriptor held and holds `fd` instead.
  void reset(int fd);

 private:
  int fd_;
};

enum class FileReadStatus {
  kOk,
  kUnreadable,  // cannot be opened or read: no such file, no permission, an I/O error
  kNotRegular,  // a folder, a FIFO, a device, a socket: refused unread
  kTooLarge,    // larger than the limit (or grew past it while being read)
};

struct FileRead {
  FileReadStatus status = FileReadStatus::kUnreadable;
  std::string text;        // kOk: the whole file (read_file_start: its first bytes)
  std::string reason;      // otherwise: "no such file", "it is a named pipe (FIFO)", ...
  std::uint64_t size = 0;  // kTooLarge: the size found
  int error = 0;           // kUnreadable because the open failed: its errno
};

// The regular file at `path`, whole; kTooLarge, unread, when it is larger than `max_bytes`.
FileRead read_regular_file(const std::string& path, std::uint64_t max_bytes);

// The same for `name` in the folder open as `dir_fd` (openat), never following a symbolic link
// as its last component: what confined imports use (dsl/confined_read.h).
FileRead read_regular_file_at(int dir_fd, const std::string& name, std::uint64_t max_bytes);

// The first `count` bytes of the regular file at `path` (fewer when it is shorter): enough to
// recognize a format by its header without reading the file.
FileRead read_file_start(const std::string& path, std::size_t count);

}  // namespace lockstep::util
