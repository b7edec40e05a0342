#include "emulator/ssm/agent_tracking.hpp"

#include <algorithm>
#include <tuple>
#include <vector>

#include "emulator/ssm/reachability.hpp"

namespace ssmlink::emulator {

namespace {

// How long since `then`, never negative (settle_world may judge at a past instant).
std::chrono::nanoseconds since(TimePoint then, TimePoint now) {
  return std::max(now - then, TimePoint::duration::zero());
}

}  // namespace

void World::network_changed(TimePoint now) {
  for (auto& [name, region] : regions) {
    std::erase_if(region.agents,
                  [&](const auto& entry) { return !region.instances.contains(entry.first); });
    for (const auto& [id, instance] : region.instances) {
      bool reachable = judge_ssm_path(*this, region, instance).reachable;
      auto [it, added] = region.agents.try_emplace(id);
      AgentTracking& tracking = it->second;
      if (added) tracking.changed = now;
      if (reachable == tracking.has_path) continue;
      if (reachable) {
        // Back before SSM noticed the loss: it never stopped reporting Online.
        bool unnoticed =
            tracking.ever_online && since(tracking.changed, now) < timings.connection_lost_delay;
        tracking.changed = unnoticed ? now - timings.online_delay : now;
      } else {
        if (since(tracking.changed, now) >= timings.online_delay) tracking.ever_online = true;
        tracking.changed = now;
      }
      tracking.has_path = reachable;
    }
  }
}

std::optional<AgentStatus> agent_status(AgentTracking& tracking, const Timings& timings,
                                        TimePoint now) {
  auto elapsed = since(tracking.changed, now);
  if (tracking.has_path && elapsed >= timings.online_delay) tracking.ever_online = true;
  if (!tracking.ever_online) return std::nullopt;
  if (tracking.has_path) {
    if (elapsed >= timings.online_delay) return AgentStatus{"Online", now};
    return AgentStatus{"ConnectionLost", tracking.changed};  // reconnecting
  }
  if (elapsed >= timings.connection_lost_delay) {
    return AgentStatus{"ConnectionLost", tracking.changed};
  }
  return AgentStatus{"Online", tracking.changed};  // lost, not yet noticed
}

void start_agent_tracking(World& world, TimePoint now) {
  const auto long_ago = now - std::chrono::hours(24);
  for (auto& [name, region] : world.regions) {
    region.agents.clear();
    for (const auto& [id, instance] : region.instances) {
      AgentTracking& tracking = region.agents[id];
      tracking.has_path = judge_ssm_path(world, region, instance).reachable;
      tracking.changed = long_ago;
      tracking.ever_online = tracking.has_path;
    }
  }
}

void settle_world(World& world, TimePoint now) {
  std::vector<std::tuple<TimePoint, VpcEndpoint*>> ready;
  for (auto& [name, region] : world.regions) {
    for (auto& [id, endpoint] : region.vpc_endpoints) {
      TimePoint at = endpoint.created + world.timings.provision;
      if (endpoint.state == "pending" && at <= now) ready.emplace_back(at, &endpoint);
    }
  }
  std::sort(ready.begin(), ready.end(),
            [](const auto& a, const auto& b) { return std::get<0>(a) < std::get<0>(b); });
  for (auto& [at, endpoint] : ready) {
    endpoint->state = "available";
    world.network_changed(at);
  }
  // A safety net for changes nobody announced: they count from now.
  world.network_changed(now);
}

}  // namespace ssmlink::emulator
