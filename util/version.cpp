// The library's own version: compiled in, so that a program can tell which liblockstep it runs with.
#include "lockstep/version.h"

namespace lockstep {

std::string_view version() noexcept { return LOCKSTEP_VERSION_STRING; }

}  // namespace lockstep
