// Reading a rules file and everything it imports.
//
// Files are numbered in the order they are first read: 0 is the file being compiled, then its
// imports depth first. SourceSpan::file, SourceFiles and CampaignModel::files share the numbering.
// Import paths are relative to the importing file's folder, and confined to the folder of the file
// being compiled and below it: an absolute path, a path leaving that folder, a symbolic link on the
// way or a name that is not a .lock file is refused (E0708), never read (confined_read.h). A file
// imported twice (a diamond) is read once; an import cycle, a missing file, more than kMaxFiles
// files or imports nested more than kMaxImportDepth deep is an error at the `import` that causes
// it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "dsl/ast.h"
#include "dsl/diagnostic_sink.h"

namespace lockstep::dsl {

struct LoadedFile {
  FileAst ast;
  std::vector<std::uint32_t> imports;  // files this one imports directly, in order
  bool readable = false;
};

struct Loaded {
  SourceFiles sources;            // path and text of every file read, by file number
  std::vector<LoadedFile> files;  // the same numbering
  bool root_unreadable = false;   // the file itself could not be read
};

// Reads a whole file, refusing one larger than kMaxFileBytes (then `too_large` is set); on failure
// sets `error` to why.
std::optional<std::string> read_rules_file(const std::string& path, std::string& error,
                                           bool* too_large = nullptr);

// Reads `path` (or takes `text` as its contents, when given), parses it and its imports.
Loaded load_rules(const std::string& path, const std::optional<std::string>& text,
                  DiagnosticSink& sink);

}  // namespace lockstep::dsl
