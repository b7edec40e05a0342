// The watcher's polling schedule: fast only when the stack's final event is due, backing
// off otherwise, and never slower than the caps that keep the end seen promptly.
#include "workflows/stack_watch.hpp"

#include <gtest/gtest.h>

namespace ssmlink::workflows {
namespace {

using namespace std::chrono_literals;

TEST(PollInterval, IsFastWhileTheStackSettles) {
  EXPECT_EQ(next_poll_interval(1000ms, true, 10s), 250ms);
  EXPECT_EQ(next_poll_interval(5000ms, true, 10min), 250ms);
}

TEST(PollInterval, BacksOffByHalfUpToOneSecondInTheFirstMinute) {
  EXPECT_EQ(next_poll_interval(250ms, false, 1s), 375ms);
  EXPECT_EQ(next_poll_interval(800ms, false, 5s), 1000ms);
  EXPECT_EQ(next_poll_interval(1000ms, false, 59s), 1000ms);
}

TEST(PollInterval, LongerOperationsArePolledLessOften) {
  EXPECT_EQ(next_poll_interval(1000ms, false, 61s), 1500ms);
  EXPECT_EQ(next_poll_interval(1900ms, false, 4min), 2000ms);
  EXPECT_EQ(next_poll_interval(2000ms, false, 6min), 3000ms);
  EXPECT_EQ(next_poll_interval(4000ms, false, 1h), 5000ms);
}

TEST(StackEventRecord, KeepsEveryFieldAndEmptiesWhatIsMissing) {
  cloud::StackEvent event;
  event.event_id = "e1";
  event.logical_resource_id = "SsmVpcEndpoint";
  event.resource_type = "AWS::EC2::VPCEndpoint";
  event.resource_status = "CREATE_FAILED";
  event.resource_status_reason = "because";
  auto record = to_record(event);
  EXPECT_EQ(record.event_id, "e1");
  EXPECT_EQ(record.logical_id, "SsmVpcEndpoint");
  EXPECT_EQ(record.physical_id, "");
  EXPECT_EQ(record.status, "CREATE_FAILED");
  EXPECT_EQ(record.reason, "because");
  EXPECT_FALSE(record.is_stack());
}

}  // namespace
}  // namespace ssmlink::workflows
