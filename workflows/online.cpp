#include "workflows/online.hpp"

#include <algorithm>

#include "aws/errors.hpp"
#include "workflows/stack_watch.hpp"

namespace ssmlink::workflows {

namespace {

std::optional<domain::ManagedInstance> look_up(cloud::Ssm& ssm, const std::string& instance_id) {
  cloud::DescribeInstanceInformationRequest request;
  request.filters = {{"InstanceIds", {instance_id}}};
  for (const auto& info : ssm.describe_instance_information(request)) {
    if (info.instance_id != instance_id) continue;
    return domain::ManagedInstance{info.instance_id,
                                   info.ping_status.value_or(""),
                                   info.agent_version.value_or(""),
                                   info.platform_type.value_or(""),
                                   info.platform_name.value_or(""),
                                   info.platform_version.value_or("")};
  }
  return std::nullopt;
}

}  // namespace

OnlineWait wait_until_online(cloud::Ssm& ssm, Clock& clock, const std::string& instance_id,
                             std::chrono::seconds timeout, const std::atomic<bool>* interrupted) {
  OnlineWait wait;
  const Clock::TimePoint deadline = clock.now() + timeout;
  std::chrono::milliseconds interval{250};
  while (true) {
    try {
      ++wait.polls;
      if (auto agent = look_up(ssm, instance_id)) {
        wait.agent = agent;
        if (agent->ping_status == "Online") {
          wait.online_at = clock.now();
          return wait;
        }
      }
    } catch (const aws::AwsError& error) {
      if (!is_passing_failure(error)) throw;
    }
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - clock.now());
    if (left <= std::chrono::milliseconds(0)) {
      wait.end = OnlineEnd::TimedOut;
      return wait;
    }
    interval = std::min({interval * 2, std::chrono::milliseconds(5000), left});
    if (!pause_unless_interrupted(clock, interval, interrupted)) {
      wait.end = OnlineEnd::Interrupted;
      return wait;
    }
  }
}

}  // namespace ssmlink::workflows
