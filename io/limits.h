// The bounds every reader in io/ keeps, whatever the file: one table, so that the CSV, JSON and
// XML readers of rosters and event logs agree, documented for users in docs/reliability.md
// ("Limits") and docs/formats.md.
//
// Why they exist: a reader holds a field, a line or a nesting level in memory before it can
// check it. Without a bound a single 100 MB field costs a gigabyte (the field, its copies, a
// diagnostic quoting it) and tens of seconds; with one it is refused at its first byte, cheaply.
// The bounds are far above what a real roster or log holds (an id is at most 256 bytes, a reason
// or key 1024).
#pragma once

#include <cstddef>

namespace lockstep::io {

// A CSV field, a JSON string or number, an XML attribute value.
inline constexpr std::size_t kMaxFieldBytes = 64 * 1024;
// Fields in one CSV record.
inline constexpr std::size_t kMaxCsvFields = 1024;
// A line of a JSON Lines event log: one event, so also no field is longer.
inline constexpr std::size_t kMaxJsonLineBytes = 64 * 1024;
// Nesting of arrays and objects: an event line holds a flat object, a roster three levels.
inline constexpr std::size_t kMaxLogJsonDepth = 4;
inline constexpr std::size_t kMaxRosterJsonDepth = 16;
// XML (XES): elements nested, the bytes of an element's or attribute's name, the attributes of
// one element.
inline constexpr std::size_t kMaxXmlDepth = 64;
inline constexpr std::size_t kMaxXmlNameBytes = 1024;
inline constexpr std::size_t kMaxXmlAttributes = 256;

}  // namespace lockstep::io
