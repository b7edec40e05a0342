// Following a CloudFormation stack's events until its operation ends: what `up`, `down`
// and `status --watch` show. Polling adapts: every 250 ms when the stack's final event is
// due, otherwise backing off to 1 s, then (for long operations) 2 s and 5 s, so the end of
// a short stack is seen within a second and a long wait costs few calls. Each poll reads only the
// events newer than the last one seen (DescribeStackEvents lists newest first and is read page by
// page).
#pragma once
#include <atomic>
#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "aws/errors.hpp"
#include "cloud/cloudformation.hpp"
#include "domain/stack_progress.hpp"
#include "util/clock.hpp"
#include "workflows/patience.hpp"

namespace ssmlink::workflows {

class WatchObserver {
 public:
  virtual ~WatchObserver() = default;
  // One new event, already applied to `progress`.
  virtual void on_event(const domain::StackEventRecord& event,
                        const domain::StackProgress& progress) = 0;
  // Between polls, about twice a second: a terminal display redraws its clocks.
  virtual void on_tick(const domain::StackProgress& /*progress*/) {}
  // A call failed for now (throttled, 5xx, network) and will be made again.
  virtual void on_retry_later(const RetryNotice& /*notice*/) {}
};

struct WatchOptions {
  // Events up to and including this one belong to an earlier operation (down: the newest
  // event before DeleteStack). None: the whole history of the current operation.
  std::optional<std::string> after_event_id;
  const std::atomic<bool>* interrupted = nullptr;  // set by SIGINT: stop watching
  // Polls failing for now are skipped for this long, then the last failure is thrown.
  std::chrono::seconds api_timeout = kDefaultApiTimeout;
};

enum class WatchEnd { Finished, Interrupted };

struct WatchResult {
  WatchEnd end = WatchEnd::Finished;
  domain::StackProgress progress;
  Clock::TimePoint finished_at{};  // when ssmlink saw the terminal event
  int polls = 0;
};

domain::StackEventRecord to_record(const cloud::StackEvent& event);

// The next pause between polls: 250 ms while the stack is settling (every resource seen
// has finished, so its own final event is next), else growing by half up to 1 s in the
// first minute, 2 s to five minutes, 5 s after.
std::chrono::milliseconds next_poll_interval(std::chrono::milliseconds previous, bool settling,
                                             std::chrono::milliseconds watched_for);

// The newest event's ID: what a later watch starts after. None for a stack without events.
std::optional<std::string> newest_event_id(cloud::CloudFormation& cloudformation,
                                           const std::string& stack_id);

// Sleeps `duration` in short slices, calling `tick` about twice a second; false when
// `interrupted` was set first.
bool pause_unless_interrupted(Clock& clock, std::chrono::milliseconds duration,
                              const std::atomic<bool>* interrupted,
                              const std::function<void()>& tick = {});

// Watches `stack_id` (use the ID, not the name: a deleted stack's events are readable only
// by ID) until the stack reaches a terminal status or `interrupted` is set. A poll that
// fails for a passing reason is skipped (for at most options.api_timeout in a row); other
// errors propagate.
WatchResult watch_stack(cloud::CloudFormation& cloudformation, Clock& clock,
                        const std::string& stack_id, const WatchOptions& options,
                        WatchObserver& observer);

}  // namespace ssmlink::workflows
