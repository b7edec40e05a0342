#include "aws/http.hpp"

#include <gtest/gtest.h>

namespace ssmlink::aws {
namespace {

TEST(Url, SplitsTheParts) {
  auto url = parse_url("https://EC2.eu-west-1.amazonaws.com/path/x?a=1&b=2");
  ASSERT_TRUE(url);
  EXPECT_EQ(url->scheme, "https");
  EXPECT_EQ(url->host, "ec2.eu-west-1.amazonaws.com");
  EXPECT_FALSE(url->port);
  EXPECT_EQ(url->path, "/path/x");
  EXPECT_EQ(url->query, "a=1&b=2");
  EXPECT_EQ(url->authority(), "ec2.eu-west-1.amazonaws.com");

  auto local = parse_url("http://127.0.0.1:4566");
  ASSERT_TRUE(local);
  EXPECT_EQ(local->port, 4566);
  EXPECT_EQ(local->path, "/");
  EXPECT_EQ(local->authority(), "127.0.0.1:4566");

  auto v6 = parse_url("http://[::1]:8080/x");
  ASSERT_TRUE(v6);
  EXPECT_EQ(v6->host, "[::1]");
  EXPECT_EQ(v6->port, 8080);
}

TEST(Url, RejectsWhatIsNotAnHttpUrl) {
  for (const char* bad :
       {"", "ec2.amazonaws.com", "ftp://x", "http://", "http://:80", "http://host:0",
        "http://host:70000", "http://host:8x", "http://user@host/"}) {
    EXPECT_FALSE(parse_url(bad)) << bad;
  }
}

TEST(PercentEncode, KeepsOnlyUnreservedCharacters) {
  EXPECT_EQ(percent_encode("AZaz09-_.~"), "AZaz09-_.~");
  EXPECT_EQ(percent_encode("a b+c/d=e&f"), "a%20b%2Bc%2Fd%3De%26f");
  EXPECT_EQ(percent_encode("日"), "%E6%97%A5");
}

TEST(Headers, NamesCompareWithoutCase) {
  std::vector<Header> headers = {{"Content-Type", "a"}};
  EXPECT_EQ(find_header(headers, "content-type"), "a");
  set_header(headers, "CONTENT-TYPE", "b");
  EXPECT_EQ(headers.size(), 1u);
  EXPECT_EQ(find_header(headers, "Content-Type"), "b");
  set_header(headers, "X-Other", "c");
  EXPECT_EQ(headers.size(), 2u);
  EXPECT_FALSE(find_header(headers, "missing"));
}

}  // namespace
}  // namespace ssmlink::aws
