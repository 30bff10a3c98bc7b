#include <doctest/doctest.h>

#include "io/xml_reader.h"

using namespace lockstep::io;

TEST_CASE("xml: elements, attributes with entities, self-closing elements") {
  const std::string text =
      "<?xml version=\"1.0\"?>\n<!-- c -->\n<a x='1 &amp; 2' y=\"&#x4E2D;&#25991;&lt;\"><b/></a>\n";
  XmlReader reader(text, 0);
  XmlToken t;
  XmlError e;
  REQUIRE(reader.next(t, e));
  CHECK(t.kind == XmlToken::Kind::kStart);
  CHECK(t.name == "a");
  REQUIRE(t.attributes.size() == 2);
  CHECK(t.find("x")->value == "1 & 2");
  CHECK(t.find("y")->value == "中文<");
  CHECK(text.substr(t.find("x")->value_begin, 9) == "1 &amp; 2");
  REQUIRE(reader.next(t, e));
  CHECK((t.kind == XmlToken::Kind::kStart && t.name == "b"));
  REQUIRE(reader.next(t, e));
  CHECK((t.kind == XmlToken::Kind::kEnd && t.name == "b"));
  REQUIRE(reader.next(t, e));
  CHECK((t.kind == XmlToken::Kind::kEnd && t.name == "a"));
  REQUIRE(reader.next(t, e));
  CHECK(t.kind == XmlToken::Kind::kDone);
}

TEST_CASE("xml: what is refused, at its byte") {
  const auto error_at = [](const std::string& text) {
    XmlReader reader(text, 0);
    XmlToken t;
    XmlError e;
    while (reader.next(t, e))
      if (t.kind == XmlToken::Kind::kDone) return std::string::npos;
    return e.offset;
  };
  CHECK(error_at("<a><b></a>") == 6);
  CHECK(error_at("<a x=1/>") == 5);
  CHECK(error_at("<a x='<'/>") == 6);
  CHECK(error_at("<a x='&#0;'/>") == 6);
  CHECK(error_at("<a x='&#xD800;'/>") == 6);
  CHECK(error_at("<a><![CDATA[x]]></a>") == 3);
  CHECK(error_at("<a>") == 3);
  CHECK(error_at("<a/>x") == 4);
  CHECK(error_at("<a/>") == std::string::npos);
}
