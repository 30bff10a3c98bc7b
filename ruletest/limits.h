// The bounds of a `.locktest` file (docs/testing.md, "Limits"): what an untrusted test file may
// make the reader hold. A test file is written by hand, so the limits are far above any real one
// and far below what would hurt; big rosters and logs belong in files of their own, whose readers
// have their own bounds.
#pragma once

#include <cstddef>

namespace lockstep::ruletest {

inline constexpr std::size_t kMaxFileBytes = std::size_t{16} << 20;
inline constexpr std::size_t kMaxLineBytes = std::size_t{64} << 10;
inline constexpr std::size_t kMaxTests = 10000;           // per file
inline constexpr std::size_t kMaxInlineRecords = 100000;  // per roster or events section
inline constexpr std::size_t kMaxExpectations = 10000;    // per test
inline constexpr std::size_t kMaxErrors = 100;            // then a note, T099
inline constexpr std::size_t kMaxTestFiles = 100000;      // found under the roots
// Unexpected violations listed per test; the others are counted.
inline constexpr std::size_t kMaxListedUnexpected = 20;

}  // namespace lockstep::ruletest
