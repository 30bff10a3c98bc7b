// See replace_file.h.
#include "util/replace_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <streambuf>

namespace lockstep::util {

// A stream buffer over a file descriptor that keeps the errno of its first failed write, so
// that the message says why ("No space left on device") rather than only that it failed.
class FileReplacement::Buffer : public std::streambuf {
 public:
  explicit Buffer(int fd) : fd_(fd) { setp(data_, data_ + sizeof data_); }
  ~Buffer() override { close(); }

  int error() const { return error_; }

  // Writes what is buffered and closes the file; false (with error()) when a byte was lost.
  bool close() {
    const bool flushed = drain();
    if (fd_ >= 0) {
      if (::close(fd_) != 0 && error_ == 0) error_ = errno;
      fd_ = -1;
    }
    return flushed && error_ == 0;
  }

 protected:
  int overflow(int c) override {
    if (!drain()) return traits_type::eof();
    if (c != traits_type::eof()) {
      *pptr() = static_cast<char>(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }
  int sync() override { return drain() ? 0 : -1; }

 private:
  bool drain() {
    const char* p = pbase();
    std::size_t left = static_cast<std::size_t>(pptr() - pbase());
    setp(data_, data_ + sizeof data_);
    if (error_ != 0 || fd_ < 0) return error_ == 0 && left == 0;
    while (left > 0) {
      const ssize_t n = ::write(fd_, p, left);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        error_ = n < 0 ? errno : EIO;
        return false;
      }
      p += n;
      left -= static_cast<std::size_t>(n);
    }
    return true;
  }

  int fd_;
  int error_ = 0;
  char data_[1 << 16];
};

FileReplacement::FileReplacement(std::string path)
    : path_(std::move(path)), temporary_(path_ + ".tmp") {
  struct stat st {};
  int fd = -1;
  if (::stat(path_.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    problem_ = S_ISDIR(st.st_mode) ? "it is a folder" : "it exists and is not a regular file";
  } else if ((fd = ::open(temporary_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666)) <
             0) {
    problem_ = std::strerror(errno);
  } else {
    created_ = true;
  }
  buffer_ = std::make_unique<Buffer>(fd);
  out_ = std::make_unique<std::ostream>(buffer_.get());
}

FileReplacement::~FileReplacement() {
  if (done_) return;
  buffer_->close();
  if (created_) std::remove(temporary_.c_str());
}

std::ostream& FileReplacement::stream() {
  return *out_;
}

bool FileReplacement::ok() const {
  return !problem_ && buffer_->error() == 0 && static_cast<bool>(*out_);
}

std::optional<std::string> FileReplacement::commit() {
  if (done_) return problem_;
  done_ = true;
  out_->flush();
  const bool closed = buffer_->close();
  if (!problem_ && !closed)
    problem_ = std::strerror(buffer_->error() != 0 ? buffer_->error() : EIO);
  if (!problem_ && !*out_) problem_ = "a write failed";
  if (!problem_ && std::rename(temporary_.c_str(), path_.c_str()) != 0)
    problem_ = std::strerror(errno);
  if (problem_ && created_) std::remove(temporary_.c_str());
  return problem_;
}

std::optional<std::string> replace_file(const std::string& path, std::string_view text) {
  FileReplacement file(path);
  if (file.ok()) file.stream().write(text.data(), static_cast<std::streamsize>(text.size()));
  return file.commit();
}

}  // namespace lockstep::util
