#include "workflows/stack_watch.hpp"

#include <algorithm>
#include <vector>

#include "aws/errors.hpp"
#include "aws/retry.hpp"

namespace ssmlink::workflows {

namespace {

using std::chrono::milliseconds;

constexpr milliseconds kFastInterval{250};
constexpr milliseconds kTickInterval{500};

// The stack statuses that begin an operation: the history before one belongs to another.
bool starts_operation(const domain::StackEventRecord& event) {
  if (!event.is_stack()) return false;
  for (const char* status : {"CREATE_IN_PROGRESS", "DELETE_IN_PROGRESS", "UPDATE_IN_PROGRESS",
                             "IMPORT_IN_PROGRESS", "REVIEW_IN_PROGRESS"}) {
    if (event.status == status) return true;
  }
  return false;
}

class Poller {
 public:
  Poller(cloud::CloudFormation& cloudformation, const std::string& stack_id,
         std::optional<std::string> after)
      : cloudformation_(cloudformation), stack_id_(stack_id), last_seen_(std::move(after)) {}

  // The events since the last poll, oldest first.
  std::vector<domain::StackEventRecord> poll() {
    std::vector<domain::StackEventRecord> fresh;
    bool first = !polled_ && !last_seen_;
    cloudformation_.for_each_stack_event(stack_id_, [&](const cloud::StackEvent& event) {
      if (last_seen_ && event.event_id == *last_seen_) return false;
      fresh.push_back(to_record(event));
      // Without a starting point, the current operation's history is enough.
      return !(first && starts_operation(fresh.back()));
    });
    polled_ = true;
    if (!fresh.empty()) last_seen_ = fresh.front().event_id;
    std::ranges::reverse(fresh);
    return fresh;
  }

 private:
  cloud::CloudFormation& cloudformation_;
  const std::string& stack_id_;
  std::optional<std::string> last_seen_;
  bool polled_ = false;
};

// Every resource seen has finished: the stack's own final event is due any moment.
bool settling(const domain::StackProgress& progress) {
  if (progress.resources().empty()) return false;
  return std::ranges::none_of(progress.resources(), [](const domain::ResourceRow& row) {
    return domain::is_in_progress(row.status);
  });
}

bool interrupted(const WatchOptions& options) {
  return options.interrupted && options.interrupted->load();
}

}  // namespace

bool pause_unless_interrupted(Clock& clock, milliseconds duration,
                              const std::atomic<bool>* interrupted,
                              const std::function<void()>& tick) {
  milliseconds since_tick{0};
  while (duration > milliseconds(0)) {
    if (interrupted && interrupted->load()) return false;
    milliseconds slice = std::min(duration, milliseconds(100));
    clock.sleep_for(slice);
    duration -= slice;
    since_tick += slice;
    if (tick && since_tick >= kTickInterval) {
      tick();
      since_tick = milliseconds(0);
    }
  }
  return !(interrupted && interrupted->load());
}

domain::StackEventRecord to_record(const cloud::StackEvent& event) {
  return {event.event_id,
          event.logical_resource_id.value_or(""),
          event.physical_resource_id.value_or(""),
          event.resource_type.value_or(""),
          event.timestamp,
          event.resource_status.value_or(""),
          event.resource_status_reason.value_or("")};
}

milliseconds next_poll_interval(milliseconds previous, bool settling, milliseconds watched_for) {
  if (settling) return kFastInterval;
  milliseconds cap = watched_for < std::chrono::seconds(60)  ? milliseconds(1000)
                     : watched_for < std::chrono::minutes(5) ? milliseconds(2000)
                                                             : milliseconds(5000);
  return std::min(cap, std::max(kFastInterval, previous * 3 / 2));
}

std::optional<std::string> newest_event_id(cloud::CloudFormation& cloudformation,
                                           const std::string& stack_id) {
  std::optional<std::string> newest;
  cloudformation.for_each_stack_event(stack_id, [&](const cloud::StackEvent& event) {
    newest = event.event_id;
    return false;
  });
  return newest;
}

WatchResult watch_stack(cloud::CloudFormation& cloudformation, Clock& clock,
                        const std::string& stack_id, const WatchOptions& options,
                        WatchObserver& observer) {
  WatchResult result;
  Poller poller(cloudformation, stack_id, options.after_event_id);
  const Clock::TimePoint start = clock.now();
  milliseconds interval = kFastInterval;
  Clock::TimePoint failing_since{};  // of the polls failing in a row; epoch: none is
  while (true) {
    if (interrupted(options)) {
      result.end = WatchEnd::Interrupted;
      return result;
    }
    bool saw_events = false;
    try {
      ++result.polls;
      for (const auto& event : poller.poll()) {
        saw_events = true;
        result.progress.apply(event);
        observer.on_event(event, result.progress);
      }
      failing_since = {};
    } catch (const aws::AwsError& error) {
      // A poll that fails for now is skipped; one failing for longer than the budget ends
      // the watch with that failure.
      if (!is_passing_failure(error)) throw;
      Clock::TimePoint now = clock.now();
      if (failing_since == Clock::TimePoint{}) failing_since = now;
      auto left = std::chrono::duration_cast<std::chrono::seconds>(failing_since +
                                                                   options.api_timeout - now);
      if (left <= std::chrono::seconds(0)) throw;
      observer.on_retry_later({"CloudFormation DescribeStackEvents", error.what(), interval, left});
    }
    if (result.progress.finished()) {
      result.finished_at = clock.now();
      return result;
    }
    if (!saw_events) observer.on_tick(result.progress);
    auto watched = std::chrono::duration_cast<milliseconds>(clock.now() - start);
    interval = next_poll_interval(interval, settling(result.progress), watched);
    pause_unless_interrupted(clock, interval, options.interrupted,
                             [&] { observer.on_tick(result.progress); });
  }
}

}  // namespace ssmlink::workflows
