// Waiting for SSM to report an instance Online once its path to the service exists. The
// agent retries its connection on its own schedule, so this polls DescribeInstanceInformation
// every second at first, backing off to five.
#pragma once
#include <atomic>
#include <chrono>
#include <optional>
#include <string>

#include "cloud/ssm.hpp"
#include "domain/inventory.hpp"
#include "util/clock.hpp"

namespace ssmlink::workflows {

enum class OnlineEnd { Online, TimedOut, Interrupted };

struct OnlineWait {
  OnlineEnd end = OnlineEnd::Online;
  std::optional<domain::ManagedInstance> agent;  // SSM's last word on the instance, if any
  std::optional<Clock::TimePoint> online_at;
  int polls = 0;
};

OnlineWait wait_until_online(cloud::Ssm& ssm, Clock& clock, const std::string& instance_id,
                             std::chrono::seconds timeout, const std::atomic<bool>* interrupted);

}  // namespace ssmlink::workflows
