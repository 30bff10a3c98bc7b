// SHA-256, used to bind a journal to the exact rules and roster it was made with. Not for
// secrets: it only has to make an accidental mismatch impossible to miss. Computed by OpenSSL's
// libcrypto; this wrapper keeps its types out of the rest of the code.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace lockstep::util {

class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void update(std::string_view bytes);
  // The digest as 64 lowercase hex digits. Ends the computation: call once.
  std::string hex_digest();

 private:
  struct Context;
  std::unique_ptr<Context> context_;
};

std::string sha256_hex(std::string_view bytes);

}  // namespace lockstep::util
