// See loader.h.
#include "dsl/loader.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "dsl/limits.h"
#include "dsl/parser.h"
#include "dsl/scan.h"

namespace lockstep::dsl {
namespace {

namespace fs = std::filesystem;

}  // namespace

std::optional<std::string> read_rules_file(const std::string& path, std::string& error,
                                           bool* too_large) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    error = "it is a directory";
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = std::strerror(errno);
    return std::nullopt;
  }
  const auto size = fs::file_size(path, ec);
  if (!ec && size > kMaxFileBytes) {
    if (too_large) *too_large = true;
    error = fmt::format("it is {} bytes long; rules files are limited to {} bytes", size,
                        kMaxFileBytes);
    return std::nullopt;
  }
  std::string text;
  char buffer[1 << 16];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    text.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (text.size() > kMaxFileBytes) {
      if (too_large) *too_large = true;
      error = fmt::format("it is longer than {} bytes, the limit for rules files", kMaxFileBytes);
      return std::nullopt;
    }
  }
  if (in.bad()) {
    error = "a read error occurred";
    return std::nullopt;
  }
  return text;
}

namespace {

std::string normal_path(const fs::path& p) {
  return p.lexically_normal().generic_string();
}

class Loader {
 public:
  Loader(Loaded& out, DiagnosticSink& sink) : out_(out), sink_(sink) {}

  std::uint32_t add(const std::string& path, std::string text) {
    const auto index = static_cast<std::uint32_t>(out_.files.size());
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
    const fs::path folder = fs::path(out_.sources[index].path).parent_path();
    for (const ImportAst& imp : imports) {
      if (imp.broken || imp.path.value.empty()) continue;
      if (auto target = load_one(folder, imp, depth)) out_.files[index].imports.push_back(*target);
    }
    stack_.pop_back();
  }

 private:
  std::optional<std::uint32_t> load_one(const fs::path& folder, const ImportAst& imp, int depth) {
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
    std::string error;
    std::error_code ec;
    bool too_large = false;
    std::optional<std::string> text;
    if (!fs::is_regular_file(path, ec)) {
      // Not a device or a pipe: reading /dev/stdin or /dev/zero would hang or flood.
      error = fs::exists(path, ec) ? "it is not a regular file" : "no such file";
    } else {
      text = read_rules_file(path, error, &too_large);
    }
    if (!text) {
      sink_.error(too_large ? "E0002" : "E0006", imp.path.span,
                  fmt::format("cannot read '{}': {}", path, error), "imported here",
                  "import paths are relative to the importing file's folder");
      return std::nullopt;
    }
    const std::uint32_t index = add(path, std::move(*text));
    load_imports(index, depth + 1);
    return index;
  }

  Loaded& out_;
  DiagnosticSink& sink_;
  std::vector<std::uint32_t> stack_;
};

}  // namespace

Loaded load_rules(const std::string& path, const std::optional<std::string>& text,
                  DiagnosticSink& sink) {
  Loaded out;
  Loader loader(out, sink);
  if (text) {
    loader.add(path, *text);
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
    loader.add(path, std::move(*contents));
  }
  loader.load_imports(0, 0);
  return out;
}

}  // namespace lockstep::dsl
