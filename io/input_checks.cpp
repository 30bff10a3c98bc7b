// See input_checks.h. The messages are pinned by the readers' tests and docs/formats.md: they
// differ between kinds only by the noun.
#include "io/input_checks.h"

#include <fmt/format.h>

#include "io/text_input.h"
#include "util/regular_file.h"
#include "util/unicode.h"

namespace lockstep::io {
namespace {

std::string code(const InputKind& kind, const char* number) {
  return fmt::format("{}{}", kind.letter, number);
}

Diagnostic too_large(const InputKind& kind, std::string message) {
  return file_diagnostic(
      code(kind, "002"), std::move(message),
      fmt::format("split the {}, or raise the limit if the file is trusted", kind.noun));
}

}  // namespace

Diagnostic file_diagnostic(std::string code, std::string message, std::string help) {
  Diagnostic d;
  d.code = std::move(code);
  d.message = std::move(message);
  d.help = std::move(help);
  return d;
}

std::optional<std::string> read_input_file(const InputKind& kind, const std::string& path,
                                           std::size_t max_bytes, SourceFiles& files,
                                           Diagnostics& diagnostics, bool& unreadable) {
  util::FileRead r = util::read_regular_file(path, max_bytes);
  switch (r.status) {
    case util::FileReadStatus::kOk:
      return std::move(r.text);
    case util::FileReadStatus::kTooLarge:
      files.push_back({path, {}});
      diagnostics.push_back(too_large(
          kind, fmt::format("the {} is larger than the limit of {} bytes", kind.noun, max_bytes)));
      return std::nullopt;
    case util::FileReadStatus::kNotRegular:
    case util::FileReadStatus::kUnreadable:
      break;
  }
  // A FIFO, a device or a folder is refused unread: reading one could block forever or never end.
  unreadable = true;
  files.push_back({path, {}});
  diagnostics.push_back(file_diagnostic(
      code(kind, "001"), fmt::format("cannot read the {} '{}': {}", kind.noun, path, r.reason),
      r.status == util::FileReadStatus::kNotRegular
          ? fmt::format("give the {} as a regular file", kind.noun)
          : "check that the file exists and is readable"));
  return std::nullopt;
}

void check_then_read(const InputKind& kind, const std::string& name, std::string text,
                     std::size_t max_bytes, std::size_t max_errors, SourceFiles& files,
                     Diagnostics& diagnostics, const ContentReader& read) {
  if (text.size() > max_bytes) {
    files.push_back({name, {}});
    diagnostics.push_back(
        too_large(kind, fmt::format("the {} is {} bytes, more than the limit of {}", kind.noun,
                                    text.size(), max_bytes)));
    return;
  }
  files.push_back({name, std::move(text)});
  // Views into files[0] stay valid: nothing is added to `files` while they are used.
  const std::string_view source = files[0].text;
  LineIndex lines(source, 0);
  ErrorList errors(lines, max_errors, code(kind, "099"));
  const std::size_t start = bom_length(source);
  if (const auto bad = util::find_invalid_utf8(source, start)) {
    errors.error(
        code(kind, "003"), *bad, *bad + 1, "invalid UTF-8 byte sequence",
        fmt::format("save the {} as UTF-8 (GBK and other encodings are not read)", kind.noun));
    diagnostics = errors.take();
    return;
  }
  read(source, start, errors);
}

}  // namespace lockstep::io
