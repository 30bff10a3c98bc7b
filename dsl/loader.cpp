// See loader.h.
#include "dsl/loader.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "dsl/confined_read.h"
#include "dsl/limits.h"
#include "dsl/parser.h"
#include "dsl/scan.h"
#include "util/regular_file.h"

namespace lockstep::dsl {
namespace {

namespace fs = std::filesystem;

}  // namespace

std::optional<std::string> read_rules_file(const std::string& path, std::string& error,
                                           bool* too_large) {
  util::FileRead r = util::read_regular_file(path, kMaxFileBytes);
  switch (r.status) {
    case util::FileReadStatus::kOk:
      return std::move(r.text);
    case util::FileReadStatus::kTooLarge:
      if (too_large) *too_large = true;
      error = fmt::format("it is {} bytes long; rules files are limited to {} bytes", r.size,
                          kMaxFileBytes);
      return std::nullopt;
    case util::FileReadStatus::kNotRegular:
    case util::FileReadStatus::kUnreadable:
      break;
  }
  error = r.reason;
  return std::nullopt;
}

namespace {

std::string normal_path(const fs::path& p) {
  return p.lexically_normal().generic_string();
}

class Loader {
 public:
  // `root`: the path of the file being compiled; its folder confines every import.
  Loader(Loaded& out, DiagnosticSink& sink, const std::string& root)
      : out_(out), sink_(sink), root_folder_(fs::path(root).parent_path().string()) {}

  // `relative`: the file's path from the root's folder.
  std::uint32_t add(const std::string& path, const std::string& relative, std::string text) {
    const auto index = static_cast<std::uint32_t>(out_.files.size());
    relative_.push_back(relative);
    out_.sources.push_back(SourceFile{path, std::move(text)});
    out_.files.emplace_back();
    LoadedFile& f = out_.files.back();
    f.readable = true;
    if (scan_source(index, out_.sources[index].text, sink_)) {
      f.ast = parse_rules(index, out_.sources[index].text, sink_);
    } else {
      f.ast.file = index;
      f.ast.syntax_errors = true;
    }
    return index;
  }

  void load_imports(std::uint32_t index, int depth) {
    stack_.push_back(index);
    // Copy what is needed: out_.files grows while importing.
    const std::vector<ImportAst> imports = out_.files[index].ast.imports;
    for (const ImportAst& imp : imports) {
      if (imp.broken || imp.path.value.empty()) continue;
      if (auto target = load_one(index, imp, depth)) out_.files[index].imports.push_back(*target);
    }
    stack_.pop_back();
  }

 private:
  // An import's path from the root's folder, or nothing (with an error) when it is absolute,
  // leaves that folder, or names something other than a rules file.
  std::optional<std::string> confined(std::uint32_t importer, const ImportAst& imp) {
    const fs::path wanted(imp.path.value);
    const fs::path relative =
        (fs::path(relative_[importer]).parent_path() / wanted).lexically_normal();
    const char* why = nullptr;
    if (wanted.is_absolute())
      why = "is an absolute path";
    else if (relative.empty() || *relative.begin() == "..")
      why = "leaves the folder of the rules file being compiled";
    else if (relative.extension() != ".lock")
      why = "does not name a rules file (.lock)";
    if (!why) return relative.generic_string();
    sink_.error("E0708", imp.path.span, fmt::format("the import '{}' {}", imp.path.value, why),
                "not imported",
                "import a .lock file in the rules file's folder or below it, by a path relative "
                "to the importing file");
    return std::nullopt;
  }

  std::optional<std::uint32_t> load_one(std::uint32_t importer, const ImportAst& imp, int depth) {
    const std::optional<std::string> relative = confined(importer, imp);
    if (!relative) return std::nullopt;
    const fs::path folder = fs::path(out_.sources[importer].path).parent_path();
    const std::string path = normal_path(folder / imp.path.value);
    for (std::uint32_t i = 0; i < out_.sources.size(); ++i) {
      if (normal_path(out_.sources[i].path) != path) continue;
      if (std::find(stack_.begin(), stack_.end(), i) != stack_.end()) {
        std::string chain;
        for (std::uint32_t s : stack_) chain += fmt::format("'{}' imports ", out_.sources[s].path);
        sink_.error("E0702", imp.path.span, fmt::format("import cycle: {}'{}'", chain, path),
                    "imports a file that imports this one",
                    "move what both files need into a third file that both import");
        return std::nullopt;
      }
      return i;  // already read
    }
    if (depth + 1 > kMaxImportDepth) {
      sink_.error("E0703", imp.path.span,
                  fmt::format("imports are nested more than {} deep", kMaxImportDepth));
      return std::nullopt;
    }
    if (out_.sources.size() >= kMaxFiles) {
      sink_.error("E0703", imp.path.span,
                  fmt::format("more than {} files are imported", kMaxFiles));
      return std::nullopt;
    }
    ConfinedRead read = read_inside(root_folder_, *relative);
    if (!read.text) {
      sink_.error(read.too_large ? "E0002" : "E0006", imp.path.span,
                  fmt::format("cannot read '{}': {}", path, read.error), "imported here",
                  "import paths are relative to the importing file's folder");
      return std::nullopt;
    }
    const std::uint32_t index = add(path, *relative, std::move(*read.text));
    load_imports(index, depth + 1);
    return index;
  }

  Loaded& out_;
  DiagnosticSink& sink_;
  std::string root_folder_;            // the folder of the file being compiled
  std::vector<std::string> relative_;  // by file number: its path from root_folder_
  std::vector<std::uint32_t> stack_;
};

}  // namespace

Loaded load_rules(const std::string& path, const std::optional<std::string>& text,
                  DiagnosticSink& sink) {
  Loaded out;
  Loader loader(out, sink, path);
  const std::string name = fs::path(path).filename().string();
  if (text) {
    loader.add(path, name, *text);
  } else {
    std::string error;
    bool too_large = false;
    auto contents = read_rules_file(path, error, &too_large);
    if (!contents) {
      out.root_unreadable = !too_large;  // too large is a rules error, not an I/O one
      out.sources.push_back(SourceFile{path, {}});
      out.files.emplace_back();
      out.files.back().ast.syntax_errors = true;
      sink.error(too_large ? "E0002" : "E0006", SourceSpan{0, 0, 0, 0},
                 fmt::format("cannot read '{}': {}", path, error));
      return out;
    }
    loader.add(path, name, std::move(*contents));
  }
  loader.load_imports(0, 0);
  return out;
}

}  // namespace lockstep::dsl
