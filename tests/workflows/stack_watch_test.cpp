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

// Below: watch_stack against a scripted CloudFormation whose history grows as time passes.
#include "aws/errors.hpp"
#include "tests/support/fake_calls.hpp"
#include "tests/support/manual_clock.hpp"

namespace ssmlink::workflows {
namespace {

struct ScriptedEvent {
  std::chrono::milliseconds at;  // appears this long after the watch starts
  std::string logical_id;
  std::string status;
  std::string reason;
};

// DescribeStackEvents over a history that grows with the clock, newest first, two events
// a page (so paging shows); counts the events it hands out.
class ScriptedStack {
 public:
  ScriptedStack(testing::ManualClock& clock, std::vector<ScriptedEvent> events)
      : clock_(clock), start_(clock.now()), events_(std::move(events)) {}

  cloud::QueryCall call() {
    return [this](const std::string& action, const aws::QueryParams& params) {
      EXPECT_EQ(action, "DescribeStackEvents");
      ++calls_;
      if (throttle_next_) {
        throttle_next_ = false;
        throw aws::ServiceError("CloudFormation", action, 400, "Throttling", "Rate exceeded", "r");
      }
      std::vector<size_t> visible;  // newest first
      for (size_t i = events_.size(); i-- > 0;) {
        if (clock_.now() - start_ >= events_[i].at) visible.push_back(i);
      }
      size_t from = 0;
      for (const auto& [key, value] : params) {
        if (key == "NextToken") from = std::stoul(value);
      }
      std::string xml = "<DescribeStackEventsResponse><DescribeStackEventsResult><StackEvents>";
      for (size_t k = from; k < std::min(from + 2, visible.size()); ++k) {
        const auto& event = events_[visible[k]];
        ++handed_out_;
        bool stack = event.logical_id == "s";
        xml += "<member><StackId>arn:s</StackId><StackName>s</StackName><EventId>e" +
               std::to_string(visible[k]) + "</EventId><LogicalResourceId>" + event.logical_id +
               "</LogicalResourceId><ResourceType>" +
               (stack ? "AWS::CloudFormation::Stack" : "AWS::EC2::VPCEndpoint") +
               "</ResourceType><Timestamp>" + format_iso8601(start_ + event.at) +
               "</Timestamp><ResourceStatus>" + event.status +
               "</ResourceStatus><ResourceStatusReason>" + event.reason +
               "</ResourceStatusReason></member>";
      }
      xml += "</StackEvents>";
      if (from + 2 < visible.size())
        xml += "<NextToken>" + std::to_string(from + 2) + "</NextToken>";
      xml += "</DescribeStackEventsResult></DescribeStackEventsResponse>";
      return testing::xml_response(xml, action);
    };
  }

  int calls_ = 0;
  int handed_out_ = 0;
  bool throttle_next_ = false;

 private:
  testing::ManualClock& clock_;
  Clock::TimePoint start_;
  std::vector<ScriptedEvent> events_;
};

class Recorder final : public WatchObserver {
 public:
  void on_event(const domain::StackEventRecord& event, const domain::StackProgress&) override {
    seen.push_back(event.logical_id + " " + event.status);
  }
  std::vector<std::string> seen;
};

std::vector<ScriptedEvent> failing_create() {
  using namespace std::chrono_literals;
  return {{0ms, "s", "CREATE_IN_PROGRESS", ""},
          {100ms, "Ssm", "CREATE_IN_PROGRESS", ""},
          {200ms, "Messages", "CREATE_IN_PROGRESS", ""},
          {3000ms, "Ssm", "CREATE_FAILED", "Enabling private DNS requires both"},
          {3000ms, "Messages", "CREATE_FAILED", "Resource creation cancelled"},
          {3100ms, "s", "ROLLBACK_IN_PROGRESS", ""},
          {4000ms, "s", "ROLLBACK_COMPLETE", ""}};
}

TEST(WatchStack, SeesEveryEventOnceInOrderAndStopsAtTheEnd) {
  testing::ManualClock clock;
  ScriptedStack stack(clock, failing_create());
  cloud::CloudFormation cloudformation(stack.call());
  Recorder recorder;
  WatchResult result = watch_stack(cloudformation, clock, "arn:s", {}, recorder);
  EXPECT_EQ(result.end, WatchEnd::Finished);
  EXPECT_EQ(recorder.seen,
            (std::vector<std::string>{"s CREATE_IN_PROGRESS", "Ssm CREATE_IN_PROGRESS",
                                      "Messages CREATE_IN_PROGRESS", "Ssm CREATE_FAILED",
                                      "Messages CREATE_FAILED", "s ROLLBACK_IN_PROGRESS",
                                      "s ROLLBACK_COMPLETE"}));
  ASSERT_TRUE(result.progress.root_cause());
  EXPECT_EQ(result.progress.root_cause()->logical_id, "Ssm");
  // Old events are not read again: a poll reads one page (two events) unless more than
  // that is new; reading the whole history each time would take up to four pages a poll.
  EXPECT_LE(stack.calls_, result.polls + 3);
  // Ended within a second of the last event, in a handful of calls.
  EXPECT_LE(clock.now() - (testing::ManualClock::default_start() + 4000ms), 1000ms);
  EXPECT_LE(result.polls, 12);
}

TEST(WatchStack, ACurrentOperationStartsAtItsFirstStackEvent) {
  using namespace std::chrono_literals;
  testing::ManualClock clock;
  auto events = failing_create();
  events.push_back({4000ms, "s", "DELETE_IN_PROGRESS", ""});
  events.push_back({4500ms, "s", "DELETE_COMPLETE", ""});
  ScriptedStack stack(clock, events);
  cloud::CloudFormation cloudformation(stack.call());
  clock.advance(4200ms);  // attaching while the deletion runs
  Recorder recorder;
  watch_stack(cloudformation, clock, "arn:s", {}, recorder);
  EXPECT_EQ(recorder.seen, (std::vector<std::string>{"s DELETE_IN_PROGRESS", "s DELETE_COMPLETE"}));
}

TEST(WatchStack, AThrottledPollIsSkippedNotFatal) {
  testing::ManualClock clock;
  ScriptedStack stack(clock, failing_create());
  stack.throttle_next_ = true;
  cloud::CloudFormation cloudformation(stack.call());
  Recorder recorder;
  WatchResult result = watch_stack(cloudformation, clock, "arn:s", {}, recorder);
  EXPECT_EQ(result.progress.stack_status(), "ROLLBACK_COMPLETE");
  EXPECT_EQ(recorder.seen.size(), 7u);
}

TEST(WatchStack, StopsWhenInterrupted) {
  testing::ManualClock clock;
  ScriptedStack stack(clock, failing_create());
  cloud::CloudFormation cloudformation(stack.call());
  std::atomic<bool> interrupted{true};
  Recorder recorder;
  WatchResult result =
      watch_stack(cloudformation, clock, "arn:s", {std::nullopt, &interrupted}, recorder);
  EXPECT_EQ(result.end, WatchEnd::Interrupted);
  EXPECT_EQ(stack.calls_, 0);
}

}  // namespace
}  // namespace ssmlink::workflows
