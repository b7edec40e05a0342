// What SSM knows about each instance's agent, from when its path to the service appeared
// or disappeared (World::network_changed records that): the agent registers once a path
// has existed for Timings::online_delay, and SSM reports ConnectionLost once it has been
// gone for Timings::connection_lost_delay.
#pragma once
#include <optional>
#include <string>

#include "emulator/world.hpp"

namespace ssmlink::emulator {

struct AgentStatus {
  std::string ping_status;  // Online | ConnectionLost
  TimePoint last_ping;
};

// Nothing when the agent never registered (DescribeInstanceInformation does not list the
// instance). Records the registration when it has happened by `now`.
std::optional<AgentStatus> agent_status(AgentTracking& tracking, const Timings& timings,
                                        TimePoint now);

// At scenario load: judge every instance; a path that exists now has existed for long
// (the instance is Online at once), and no tracking survives from an earlier world.
void start_agent_tracking(World& world, TimePoint now);

// Time passes: interface endpoints still "pending" become "available" once
// Timings::provision has passed since they were created (as EC2 does on its own), and
// the paths are re-judged at the moment each one became available; then once more at
// `now`, so a change whose maker did not call network_changed counts from now. The EC2
// and SSM handlers call this first.
void settle_world(World& world, TimePoint now);

}  // namespace ssmlink::emulator
