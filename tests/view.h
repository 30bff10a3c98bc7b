// test::view(): a shared pointer that views an object without owning it, for a test whose model
// and organization outlive every engine, run or index made over them. Ownership itself (what an
// application gets) is pinned in tests/api/.
#pragma once

#include <memory>

namespace lockstep::test {

template <typename T>
std::shared_ptr<const T> view(const T& x) {
  return std::shared_ptr<const T>(std::shared_ptr<void>(), &x);
}

}  // namespace lockstep::test
