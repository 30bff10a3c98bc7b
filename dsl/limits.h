// Limits on rules files. Every input is untrusted: each limit turns a hostile or mistaken file
// into one clear error instead of a crash, a hang or unbounded memory. They are generous for real
// campaigns (the seeds need a few dozen steps) and documented in docs/language.md.
#pragma once

#include <cstddef>
#include <cstdint>

#include "lockstep/civil_date.h"

namespace lockstep::dsl {

inline constexpr std::size_t kMaxFileBytes = 32u << 20;  // one rules file
inline constexpr std::size_t kMaxNameBytes = 128;        // an identifier
inline constexpr std::size_t kMaxTextBytes = 1024;       // a quoted string
inline constexpr int kMaxBlockDepth = 8;                 // nested { } (the grammar needs 2)
inline constexpr std::size_t kMaxDiagnostics = 100;      // then "too many errors"
inline constexpr std::size_t kMaxFiles = 64;             // a file and everything it imports
inline constexpr int kMaxImportDepth = 8;
inline constexpr int kMaxExtendsDepth = 8;       // procedure A extends B extends C ...
inline constexpr std::size_t kMaxSteps = 60000;  // StepId is 16 bits
inline constexpr std::size_t kMaxPhases = 1000;
inline constexpr std::size_t kMaxForms = 255;              // FormId is 8 bits
inline constexpr std::size_t kMaxRefsPerStep = 1000;       // prerequisites of one step
inline constexpr std::int64_t kMaxNumber = 1000000000;     // requirement values, repeat counts
inline constexpr std::int64_t kMaxDurationAmount = 10000;  // 10000d, 10000w or 10000m at most
inline constexpr std::int64_t kMaxRepeat = 10000;
inline constexpr int kMinYear = kFirstYear;  // lockstep/civil_date.h: every reader's range
inline constexpr int kMaxYear = kLastYear;

}  // namespace lockstep::dsl
