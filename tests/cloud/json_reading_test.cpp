#include "cloud/json_reading.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "aws/errors.hpp"
#include "tests/support/utc_time.hpp"

namespace ssmlink::cloud {
namespace {

using ::testing::HasSubstr;
using ::testing::ThrowsMessage;
using testing::utc;

class JsonReading : public ::testing::Test {
 protected:
  nlohmann::json body = nlohmann::json::parse(R"({
    "Name": "doc",
    "Empty": "",
    "Nothing": null,
    "Flag": true,
    "Count": 42,
    "Negative": -3,
    "Huge": 4294967296,
    "Fraction": 1.5,
    "Seconds": 1764315542.5,
    "Iso": "2026-11-28T07:39:02Z",
    "Text": "soon",
    "Things": [{"Id": "a"}, {"Id": "b"}, {"Other": 1}],
    "Mixed": [{"Id": "a"}, 7],
    "Strings": ["x", "y"],
    "BadStrings": ["x", 2],
    "Object": {"Id": "o"}
  })");
  JsonObject response = JsonObject::response(body, "SSM", "TestOp");
};

TEST_F(JsonReading, Strings) {
  EXPECT_EQ(response.required_string("Name"), "doc");
  EXPECT_EQ(response.optional_string("Empty"), "");
  EXPECT_EQ(response.optional_string("Absent"), std::nullopt);
  EXPECT_EQ(response.optional_string("Nothing"), std::nullopt);  // null counts as absent
  EXPECT_THAT([&] { response.required_string("Absent"); },
              ThrowsMessage<aws::ResponseError>("SSM TestOp response: Absent is missing"));
  EXPECT_THAT([&] { response.required_string("Empty"); },
              ThrowsMessage<aws::ResponseError>("SSM TestOp response: Empty is empty"));
  EXPECT_THAT(
      [&] { response.optional_string("Count"); },
      ThrowsMessage<aws::ResponseError>("SSM TestOp response: Count is number, expected a string"));
}

TEST_F(JsonReading, BooleansAndIntegers) {
  EXPECT_EQ(response.optional_bool("Flag"), true);
  EXPECT_EQ(response.optional_bool("Absent"), std::nullopt);
  EXPECT_THROW(response.optional_bool("Name"), aws::ResponseError);
  EXPECT_EQ(response.optional_int("Count"), 42);
  EXPECT_EQ(response.optional_int("Negative"), -3);
  EXPECT_EQ(response.optional_int("Absent"), std::nullopt);
  EXPECT_THAT(
      [&] { response.optional_int("Huge"); },
      ThrowsMessage<aws::ResponseError>("SSM TestOp response: Huge is 4294967296, not an integer"));
  EXPECT_THROW(response.optional_int("Fraction"), aws::ResponseError);
  EXPECT_THROW(response.optional_int("Name"), aws::ResponseError);
}

TEST_F(JsonReading, TimestampsAsEpochSecondsOrIso8601) {
  EXPECT_EQ(response.optional_time("Seconds"), utc(2025, 11, 28, 7, 39, 2, 500));
  EXPECT_EQ(response.optional_time("Count"), Clock::TimePoint(std::chrono::seconds(42)));
  EXPECT_EQ(response.optional_time("Iso"), utc(2026, 11, 28, 7, 39, 2));
  EXPECT_EQ(response.optional_time("Absent"), std::nullopt);
  EXPECT_THAT([&] { response.optional_time("Text"); },
              ThrowsMessage<aws::ResponseError>(HasSubstr("Text is \"soon\", not a timestamp")));
  EXPECT_THROW(response.optional_time("Flag"), aws::ResponseError);
  EXPECT_THROW(response.optional_time("Object"), aws::ResponseError);
}

TEST_F(JsonReading, ListsOfObjectsNameTheirPaths) {
  std::vector<JsonObject> things = response.object_list("Things");
  ASSERT_EQ(things.size(), 3u);
  EXPECT_EQ(things[1].required_string("Id"), "b");
  EXPECT_THAT([&] { things[2].required_string("Id"); },
              ThrowsMessage<aws::ResponseError>("SSM TestOp response: Things[2].Id is missing"));
  EXPECT_THAT([&] { response.object_list("Mixed"); },
              ThrowsMessage<aws::ResponseError>(
                  "SSM TestOp response: Mixed[1] is number, expected an object"));
  EXPECT_THAT([&] { response.object_list("Object"); },
              ThrowsMessage<aws::ResponseError>(
                  "SSM TestOp response: Object is object, expected an array"));
  EXPECT_TRUE(response.object_list("Absent").empty());
  EXPECT_TRUE(response.object_list("Nothing").empty());
}

TEST_F(JsonReading, ListsOfStrings) {
  EXPECT_EQ(response.string_list("Strings"), (std::vector<std::string>{"x", "y"}));
  EXPECT_TRUE(response.string_list("Absent").empty());
  EXPECT_THAT([&] { response.string_list("BadStrings"); },
              ThrowsMessage<aws::ResponseError>(
                  "SSM TestOp response: BadStrings[1] is number, expected a string"));
}

TEST(JsonResponse, BodyMustBeAnObject) {
  nlohmann::json array = nlohmann::json::array();
  EXPECT_THAT([&] { JsonObject::response(array, "SSM", "TestOp"); },
              ThrowsMessage<aws::ResponseError>(
                  "SSM TestOp response: the body is array, expected an object"));
  nlohmann::json broken = nlohmann::json::parse("{", nullptr, false);
  EXPECT_THAT([&] { JsonObject::response(broken, "SSM", "TestOp"); },
              ThrowsMessage<aws::ResponseError>(HasSubstr("the body is not JSON")));
}

}  // namespace
}  // namespace ssmlink::cloud
