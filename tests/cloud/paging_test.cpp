#include "cloud/paging.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>

#include "aws/errors.hpp"

namespace ssmlink::cloud {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::ThrowsMessage;

// Pages keyed by the token that asks for them ("" for the first); records each request.
class PageSource {
 public:
  explicit PageSource(std::map<std::string, Page<int>> pages) : pages_(std::move(pages)) {}
  Page<int> operator()(const std::optional<std::string>& token) {
    requested.push_back(token.value_or(""));
    return pages_.at(token.value_or(""));
  }
  std::vector<std::string> requested;

 private:
  std::map<std::string, Page<int>> pages_;
};

PageSource three_pages() {
  return PageSource({{"", {{1, 2}, "t2"}}, {"t2", {{3}, "t3"}}, {"t3", {{4, 5}, std::nullopt}}});
}

TEST(Paging, CollectsEveryPageInOrder) {
  PageSource source = three_pages();
  EXPECT_THAT(collect_pages<int>("Test", std::ref(source)), ElementsAre(1, 2, 3, 4, 5));
  EXPECT_THAT(source.requested, ElementsAre("", "t2", "t3"));
}

TEST(Paging, AnEmptyTokenEndsThePages) {
  PageSource source({{"", {{1}, "t2"}}, {"t2", {{2}, ""}}});
  EXPECT_THAT(collect_pages<int>("Test", std::ref(source)), ElementsAre(1, 2));
  EXPECT_THAT(source.requested, ElementsAre("", "t2"));
}

TEST(Paging, EmptyPagesInTheMiddleAreFollowed) {
  PageSource source({{"", {{}, "t2"}}, {"t2", {{}, "t3"}}, {"t3", {{7}, std::nullopt}}});
  EXPECT_THAT(collect_pages<int>("Test", std::ref(source)), ElementsAre(7));
}

TEST(Paging, ARepeatedTokenIsAnError) {
  PageSource source({{"", {{1}, "t2"}}, {"t2", {{2}, "t2"}}});
  EXPECT_THAT([&] { collect_pages<int>("EC2 DescribeVpcs", std::ref(source)); },
              ThrowsMessage<aws::ResponseError>(HasSubstr("EC2 DescribeVpcs")));
}

TEST(Paging, VisitsEveryItemWhenTheVisitorNeverStops) {
  PageSource source = three_pages();
  std::vector<int> seen;
  visit_pages<int>("Test", std::ref(source), [&](int item) {
    seen.push_back(item);
    return true;
  });
  EXPECT_THAT(seen, ElementsAre(1, 2, 3, 4, 5));
  EXPECT_THAT(source.requested, ElementsAre("", "t2", "t3"));
}

TEST(Paging, StopsWithinAPageAndFetchesNoMore) {
  PageSource source = three_pages();
  std::vector<int> seen;
  visit_pages<int>("Test", std::ref(source), [&](int item) {
    seen.push_back(item);
    return item != 1;
  });
  EXPECT_THAT(seen, ElementsAre(1));
  EXPECT_THAT(source.requested, ElementsAre(""));
}

TEST(Paging, StopsOnTheLastItemOfAPageAndFetchesNoMore) {
  PageSource source = three_pages();
  std::vector<int> seen;
  visit_pages<int>("Test", std::ref(source), [&](int item) {
    seen.push_back(item);
    return item != 3;
  });
  EXPECT_THAT(seen, ElementsAre(1, 2, 3));
  EXPECT_THAT(source.requested, ElementsAre("", "t2"));
}

}  // namespace
}  // namespace ssmlink::cloud
