// Records written in a test file (a `roster` or `events` section) turned into the text the roster
// and event log readers take, and their diagnostics turned back into places in the test file.
//
// Why not a reader of its own: the records are in the formats of docs/formats.md, so the io/
// readers check them exactly as they check a file, with the same codes and messages; only the
// positions differ. Each line of the made-up text remembers the test file's line and column it
// came from.
//
// Events: without a header record (one starting `time,`) the columns are those of
// docs/formats.md's example, time,who,kind,step,hours,chars,count,form,reason,approver,key, and a
// record may stop after any of them (`2005-07-10,jg1,complete,find_members`): the missing fields
// are added empty.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "lockstep/diagnostic.h"
#include "lockstep/ruletest.h"

namespace lockstep::ruletest {

struct InlineText {
  std::string text;
  // origin[k]: the test file's line and byte column of line k + 1 of `text` (line 0 when the line
  // was made up: the default header).
  std::vector<std::pair<std::uint32_t, std::uint32_t>> origin;
};

InlineText roster_text(const std::vector<InlineLine>& lines);
InlineText events_text(const std::vector<InlineLine>& lines);

// Moves every span of `diagnostics` (which point into `text`, file 0) to the test file, file 0 of
// the test's SourceFiles. A span on the made-up header goes to `section`, the section's line.
void point_into_test(Diagnostics& diagnostics, const InlineText& text, const SourceSpan& section);

}  // namespace lockstep::ruletest
