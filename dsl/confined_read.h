// Reading a file of a folder tree and nothing outside it: the files a rules file imports.
//
// A rules file may come from someone who should not be able to read the machine's other files
// through Lockstep (an import of /etc/shadow would print its first line under a parse error). So
// an import names a path relative to the root rules file's folder that stays inside it, and the
// file is opened component by component from that folder with O_NOFOLLOW: a symbolic link, at any
// level, is refused rather than followed, and there is no window between a check and the open in
// which a component could be swapped for a link. Only a regular file is read (not a device, a FIFO
// or a directory), and no more than the rules files' size limit.
#pragma once

#include <optional>
#include <string>

namespace lockstep::dsl {

struct ConfinedRead {
  std::optional<std::string> text;  // the file's bytes, or nothing
  std::string error;                // why there is no text: "no such file", ...
  bool too_large = false;           // over kMaxFileBytes
};

// The file at `relative` (a lexically normal relative path with no ".." component) under the
// folder `root`.
ConfinedRead read_inside(const std::string& root, const std::string& relative);

}  // namespace lockstep::dsl
