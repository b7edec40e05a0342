#include "cloud/xml_reading.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "aws/errors.hpp"
#include "tests/support/fake_calls.hpp"
#include "tests/support/utc_time.hpp"

namespace ssmlink::cloud {
namespace {

using ::testing::HasSubstr;
using ::testing::ThrowsMessage;
using testing::utc;
using testing::XmlText;

constexpr const char* kResponse =
    R"(<TestOpResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
  <requestId>req-1</requestId>
  <name>alpha &amp; beta</name>
  <empty/>
  <yes>true</yes>
  <no>false</no>
  <maybe>yes</maybe>
  <port>443</port>
  <badPort>http</badPort>
  <when>2026-11-28T07:39:02.000Z</when>
  <badWhen>soon</badWhen>
  <nested><inner>deep</inner></nested>
  <thingSet>
    <item><id>a</id></item>
    <item><id>b</id></item>
    <item><other>c</other></item>
  </thingSet>
  <emptySet/>
  <names><item>x</item><item>y</item></names>
</TestOpResponse>)";

class XmlReading : public ::testing::Test {
 protected:
  XmlText text{kResponse};
  XmlElement response = XmlElement::ec2_result(text.root(), "TestOp");
};

TEST_F(XmlReading, Strings) {
  EXPECT_EQ(response.required_string("name"), "alpha & beta");
  EXPECT_EQ(response.optional_string("name"), "alpha & beta");
  EXPECT_EQ(response.optional_string("empty"), "");  // present, empty
  EXPECT_EQ(response.optional_string("absent"), std::nullopt);
}

TEST_F(XmlReading, RequiredStringsMustBeThereAndNotEmpty) {
  EXPECT_THAT([&] { response.required_string("absent"); },
              ThrowsMessage<aws::ResponseError>("EC2 TestOp response: absent is missing"));
  EXPECT_THAT([&] { response.required_string("empty"); },
              ThrowsMessage<aws::ResponseError>("EC2 TestOp response: empty is empty"));
}

TEST_F(XmlReading, Booleans) {
  EXPECT_TRUE(response.required_bool("yes"));
  EXPECT_EQ(response.optional_bool("no"), false);
  EXPECT_EQ(response.optional_bool("absent"), std::nullopt);
  EXPECT_THAT([&] { response.optional_bool("maybe"); },
              ThrowsMessage<aws::ResponseError>(
                  "EC2 TestOp response: maybe is \"yes\", not true or false"));
  EXPECT_THROW(response.optional_bool("empty"), aws::ResponseError);
}

TEST_F(XmlReading, Integers) {
  EXPECT_EQ(response.required_int("port"), 443);
  EXPECT_EQ(response.optional_int("absent"), std::nullopt);
  EXPECT_THAT([&] { response.optional_int("badPort"); },
              ThrowsMessage<aws::ResponseError>(
                  "EC2 TestOp response: badPort is \"http\", not an integer"));
  EXPECT_THAT([&] { response.required_int("absent"); },
              ThrowsMessage<aws::ResponseError>(HasSubstr("absent is missing")));
}

TEST_F(XmlReading, Timestamps) {
  EXPECT_EQ(response.required_time("when"), utc(2026, 11, 28, 7, 39, 2));
  EXPECT_EQ(response.optional_time("absent"), std::nullopt);
  EXPECT_THAT([&] { response.optional_time("badWhen"); },
              ThrowsMessage<aws::ResponseError>(
                  "EC2 TestOp response: badWhen is \"soon\", not an ISO 8601 timestamp"));
}

TEST_F(XmlReading, Children) {
  EXPECT_EQ(response.required_child("nested").required_string("inner"), "deep");
  EXPECT_EQ(response.optional_child("absent"), std::nullopt);
  EXPECT_THAT([&] { response.required_child("nested").required_string("gone"); },
              ThrowsMessage<aws::ResponseError>("EC2 TestOp response: nested/gone is missing"));
}

TEST_F(XmlReading, ListsNamePathsOfTheirEntries) {
  std::vector<XmlElement> things = response.list("thingSet");
  ASSERT_EQ(things.size(), 3u);
  EXPECT_EQ(things[0].required_string("id"), "a");
  EXPECT_EQ(things[1].path(), "thingSet/item[2]");
  EXPECT_THAT(
      [&] { things[2].required_string("id"); },
      ThrowsMessage<aws::ResponseError>("EC2 TestOp response: thingSet/item[3]/id is missing"));
}

TEST_F(XmlReading, EmptyAndAbsentListsHaveNoEntries) {
  EXPECT_TRUE(response.list("emptySet").empty());
  EXPECT_TRUE(response.list("absentSet").empty());
  EXPECT_TRUE(response.string_list("absentSet").empty());
  EXPECT_EQ(response.string_list("names"), (std::vector<std::string>{"x", "y"}));
}

TEST(XmlResult, MustBeTheOperationsElement) {
  XmlText text(kResponse);
  EXPECT_THAT(
      [&] { XmlElement::ec2_result(text.root(), "DescribeVpcs"); },
      ThrowsMessage<aws::ResponseError>("EC2 DescribeVpcs response: the result is "
                                        "<TestOpResponse>, expected <DescribeVpcsResponse>"));
  EXPECT_THAT([&] { XmlElement::ec2_result(pugi::xml_node(), "DescribeVpcs"); },
              ThrowsMessage<aws::ResponseError>(
                  "EC2 DescribeVpcs response: no <DescribeVpcsResponse> element"));
  EXPECT_THROW(XmlElement::ec2_result(text.document()->root(), "TestOp"), aws::ResponseError);
}

TEST(XmlResult, QueryProtocolResultsUseMemberEntries) {
  XmlText text(R"(<ListThingsResponse><ListThingsResult>
      <Things><member><Id>1</Id></member><member><Id>2</Id></member></Things>
    </ListThingsResult></ListThingsResponse>)");
  XmlElement result =
      XmlElement::query_result(text.child("ListThingsResult"), "CloudFormation", "ListThings");
  std::vector<XmlElement> things = result.list("Things");
  ASSERT_EQ(things.size(), 2u);
  EXPECT_EQ(things[1].required_string("Id"), "2");
  EXPECT_THAT([&] { things[0].required_string("Name"); },
              ThrowsMessage<aws::ResponseError>(
                  "CloudFormation ListThings response: Things/member[1]/Name is missing"));
  EXPECT_THAT([&] { XmlElement::query_result(text.root(), "CloudFormation", "ListThings"); },
              ThrowsMessage<aws::ResponseError>(HasSubstr("expected <ListThingsResult>")));
}

TEST(XmlResult, MessagesShowBadValuesSafely) {
  XmlText text("<TestOpResponse><port>1\n2\x01</port></TestOpResponse>");
  XmlElement response = XmlElement::ec2_result(text.root(), "TestOp");
  EXPECT_THAT([&] { response.required_int("port"); },
              ThrowsMessage<aws::ResponseError>(HasSubstr("\"1\\n2\\x01\"")));
}

}  // namespace
}  // namespace ssmlink::cloud
