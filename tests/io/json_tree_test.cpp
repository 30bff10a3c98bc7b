#include <doctest/doctest.h>

#include "io/json_tree.h"

using namespace lockstep::io;

TEST_CASE("json tree: values and keys keep their byte spans") {
  const std::string text = R"({"a": "x\"y", "n": -12.5e3, "b": [true, null, 7]})";
  JsonError error;
  const auto root = parse_json(text, 0, 8, error);
  REQUIRE(root);
  REQUIRE(root->members.size() == 3);
  const JsonMember& a = root->members[0];
  CHECK(text.substr(a.key_begin, a.key_end - a.key_begin) == "\"a\"");
  CHECK(text.substr(a.value.begin, a.value.end - a.value.begin) == R"("x\"y")");
  CHECK(a.value.text == "x\"y");
  const JsonValue* n = root->find("n");
  REQUIRE(n);
  CHECK(n->text == "-12.5e3");
  CHECK(text.substr(n->begin, n->end - n->begin) == "-12.5e3");
  const JsonValue* b = root->find("b");
  REQUIRE(b);
  REQUIRE(b->items.size() == 3);
  CHECK(text.substr(b->begin, b->end - b->begin) == "[true, null, 7]");
  CHECK(text.substr(b->items[1].begin, 4) == "null");
  CHECK(text.substr(b->items[2].begin, b->items[2].end - b->items[2].begin) == "7");
  CHECK(root->begin == 0);
  CHECK(root->end == text.size());
}

TEST_CASE("json tree: a number ending the input, and an offset base") {
  JsonError error;
  const auto v = parse_json("42", 100, 8, error);
  REQUIRE(v);
  CHECK(v->begin == 100);
  CHECK(v->end == 102);
}

TEST_CASE("json tree: syntax errors give the offending byte and nlohmann's reason") {
  JsonError error;
  CHECK_FALSE(parse_json("{\"a\": tru}", 0, 8, error));
  CHECK(error.offset >= 6);
  CHECK(error.offset <= 9);
  CHECK(error.message.find("invalid JSON") == 0);
  CHECK_FALSE(parse_json("", 0, 8, error));
  CHECK_FALSE(parse_json("{} x", 0, 8, error));
}

TEST_CASE("json tree: nesting is bounded") {
  JsonError error;
  CHECK(parse_json("[[[1]]]", 0, 3, error));
  CHECK_FALSE(parse_json("[[[[1]]]]", 0, 3, error));
  CHECK(error.message.find("nested") != std::string::npos);
  CHECK(error.offset == 3);
}
