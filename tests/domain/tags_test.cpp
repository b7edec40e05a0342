#include "domain/tags.hpp"

#include <gtest/gtest.h>

namespace ssmlink::domain {
namespace {

TEST(Tags, SplitAtTheFirstEquals) {
  EXPECT_EQ(*parse_tag("team=ops"), (Tag{"team", "ops"}));
  EXPECT_EQ(*parse_tag("expr=a=b"), (Tag{"expr", "a=b"}));
  EXPECT_EQ(*parse_tag("empty="), (Tag{"empty", ""}));
}

TEST(Tags, KeepSpecialCharactersAndUnicode) {
  EXPECT_EQ(*parse_tag("note=a: b # c \"q\" 'q'"), (Tag{"note", "a: b # c \"q\" 'q'"}));
  EXPECT_EQ(*parse_tag("owner=山田 🚀"), (Tag{"owner", "山田 🚀"}));
  EXPECT_EQ(*parse_tag("multi=line1\nline2"), (Tag{"multi", "line1\nline2"}));
}

TEST(Tags, RejectBadTags) {
  EXPECT_FALSE(parse_tag("novalue"));
  EXPECT_FALSE(parse_tag("=value"));
  EXPECT_FALSE(parse_tag("aws:foo=x"));
  EXPECT_FALSE(parse_tag("AWS:foo=x"));
  EXPECT_FALSE(parse_tag("ssmlink:managed=false"));
  EXPECT_FALSE(parse_tag("Name=x"));
  EXPECT_FALSE(parse_tag(std::string(129, 'k') + "=v"));
  EXPECT_FALSE(parse_tag("k=" + std::string(257, 'v')));
  EXPECT_TRUE(parse_tag("k=" + std::string(256, 'v')));
  EXPECT_TRUE(parse_tag("k=" + std::string(256 / 2, 'v') + std::string(128, 'v')));
  EXPECT_FALSE(parse_tag("k=\xff\xfe"));
}

TEST(Tags, CountCharactersNotBytes) {
  std::string value;
  for (int i = 0; i < 256; ++i)
    value += "é";  // 512 bytes, 256 characters
  EXPECT_TRUE(parse_tag("k=" + value));
}

TEST(Tags, OwnershipTags) {
  EXPECT_EQ(ownership_tags("1.2.3"),
            (std::vector<Tag>{{"ssmlink:managed", "true"}, {"ssmlink:version", "1.2.3"}}));
}

}  // namespace
}  // namespace ssmlink::domain
