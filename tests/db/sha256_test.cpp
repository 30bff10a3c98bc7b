// The digest that binds a journal to its rules and roster: the FIPS 180-4 example vectors, and
// the same digest however the bytes are split between updates.
#include "db/sha256.h"

#include <doctest/doctest.h>

#include <string>

namespace lockstep::util {

TEST_CASE("sha256: the standard's example messages give the standard's digests") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST_CASE("sha256: bytes split over several updates give the digest of the whole") {
  const std::string text = "镇第二批保持共产党员先进性教育活动\n" + std::string(1000, 'x');
  Sha256 h;
  for (std::size_t i = 0; i < text.size(); i += 7) h.update(std::string_view(text).substr(i, 7));
  CHECK(h.hex_digest() == sha256_hex(text));
  CHECK(sha256_hex(text) != sha256_hex(text + " "));
}

}  // namespace lockstep::util
