// lockstep/version.h: the macros, the string and the library's version() say the same version.
#include "lockstep/version.h"

#include <doctest/doctest.h>

#include <string>

namespace lockstep {

TEST_CASE("version: the library's version is the headers' and reads MAJOR.MINOR.PATCH") {
  CHECK(version() == LOCKSTEP_VERSION_STRING);
  CHECK(std::string(LOCKSTEP_VERSION_STRING) ==
        std::to_string(LOCKSTEP_VERSION_MAJOR) + "." + std::to_string(LOCKSTEP_VERSION_MINOR) +
            "." + std::to_string(LOCKSTEP_VERSION_PATCH));
  static_assert(LOCKSTEP_VERSION == 10000 * LOCKSTEP_VERSION_MAJOR + 100 * LOCKSTEP_VERSION_MINOR +
                                        LOCKSTEP_VERSION_PATCH);
}

}  // namespace lockstep
