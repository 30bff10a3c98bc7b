// Writing an output file whole or not at all.
//
// The bytes go to a temporary file beside the target (PATH.tmp, in the same folder, so that the
// rename is atomic); only when every byte was written and flushed is it renamed over the target.
// On any failure the temporary file is removed and the target is left as it was: a reader never
// sees half a report, and an older file stays whole. A target that exists and is not a regular
// file (a device such as /dev/full, a FIFO, a folder) is refused before anything is written:
// renaming over it would replace the device node itself.
//
// Nothing here throws; a failure comes back as the reason ("No space left on device").
#pragma once

#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

namespace lockstep::util {

class FileReplacement {
 public:
  // Opens PATH.tmp for writing (check ok() before writing much).
  explicit FileReplacement(std::string path);
  ~FileReplacement();  // removes the temporary file unless commit() succeeded
  FileReplacement(const FileReplacement&) = delete;
  FileReplacement& operator=(const FileReplacement&) = delete;

  // Where the content goes. Writes after a failure are harmless: commit() reports it.
  std::ostream& stream();
  // Whether nothing has failed yet.
  bool ok() const;

  // Flushes, closes and renames over the target. Nothing on success, otherwise why not (and the
  // temporary file is gone).
  std::optional<std::string> commit();

 private:
  class Buffer;
  std::string path_;
  std::string temporary_;
  std::unique_ptr<Buffer> buffer_;  // writes to the temporary file, noting the first error
  std::unique_ptr<std::ostream> out_;
  std::optional<std::string> problem_;  // why nothing can be written
  bool created_ = false;                // the temporary file exists
  bool done_ = false;
};

// `text` as the whole content of `path`, through a FileReplacement.
std::optional<std::string> replace_file(const std::string& path, std::string_view text);

}  // namespace lockstep::util
