// The checks every untrusted roster and event log gets before its format's reader sees a byte,
// and the diagnostics of the file as a whole that come out of them.
//
// A kind of input has four file-level codes, numbered the same for every kind and lettered by it
// (R for rosters, V for event logs): ?001 the file cannot be read, ?002 it is larger than the
// limit, ?003 it is not UTF-8, ?099 the note that ends a capped error list (io/error_list.h).
//
// Invariants: when a check fails, the result holds exactly one file (index 0, the name given) and
// the format's reader is never called; when the checks pass, the text is file 0 and the reader
// gets it with its byte order mark skipped and every byte sequence valid UTF-8.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "io/error_list.h"
#include "lockstep/diagnostic.h"

namespace lockstep::io {

// How one kind of input names itself in its file-level diagnostics.
struct InputKind {
  const char* noun;  // "roster": "cannot read the roster '...'"
  char letter;       // 'R': R001, R002, R003, R099
};

// A diagnostic about a file as a whole: no span, since there is no text to point into.
Diagnostic file_diagnostic(std::string code, std::string message, std::string help);

// Reads `path` whole, refusing it unread when it is larger than `max_bytes`. When there is no
// text, records the file and its diagnostic in `files` and `diagnostics` (?001, with
// `unreadable` set, or ?002) and returns nothing.
std::optional<std::string> read_input_file(const InputKind& kind, const std::string& path,
                                           std::size_t max_bytes, SourceFiles& files,
                                           Diagnostics& diagnostics, bool& unreadable);

// A format's reader: the checked text, the offset where its content starts, and the read's
// error list, whose take() the reader calls when it has reported everything.
using ContentReader =
    std::function<void(std::string_view text, std::size_t start, ErrorList& errors)>;

// Refuses `text` when it is larger than `max_bytes` (?002) or holds an invalid UTF-8 byte
// sequence (?003, at the first one), recording the diagnostic in `diagnostics`; otherwise hands
// it to `read` with an error list capped at `max_errors`. Either way `text` becomes file 0 of
// `files` (which must be empty) under `name`, without its bytes when too large.
void check_then_read(const InputKind& kind, const std::string& name, std::string text,
                     std::size_t max_bytes, std::size_t max_errors, SourceFiles& files,
                     Diagnostics& diagnostics, const ContentReader& read);

}  // namespace lockstep::io
