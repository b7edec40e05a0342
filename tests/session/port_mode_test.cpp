#include "session/port_mode.hpp"

#include <gtest/gtest.h>

namespace ssmlink::session {
namespace {

TEST(AgentVersionAbove, IsStrictAndNeedsTheSameNumberOfParts) {
  EXPECT_TRUE(agent_version_above("3.0.196.1", "3.0.196.0"));
  EXPECT_TRUE(agent_version_above("3.3.1142.0", "3.0.196.0"));
  EXPECT_TRUE(agent_version_above("10.0.0.0", "9.9.9.9"));  // numbers, not text
  EXPECT_FALSE(agent_version_above("3.0.196.0", "3.0.196.0"));
  EXPECT_FALSE(agent_version_above("3.0.161.0", "3.0.196.0"));
  EXPECT_FALSE(agent_version_above("3.1", "3.0.196.0"));
  EXPECT_FALSE(agent_version_above("", "3.0.196.0"));
  EXPECT_FALSE(agent_version_above("3.x.1.0", "3.0.196.0"));
  EXPECT_FALSE(agent_version_above("3..1.0", "3.0.196.0"));
}

TEST(PortMode, FollowsTheHandshakeTypeAndTheAgentVersion) {
  SessionStarted started{.type = SessionType::Port,
                         .properties = {{"type", "LocalPortForwarding"}, {"portNumber", "22"}},
                         .agent_version = "3.3.1142.0",
                         .handshake = true};
  EXPECT_EQ(port_mode(started), PortMode::Multiplexed);
  started.agent_version = "3.0.196.0";
  EXPECT_EQ(port_mode(started), PortMode::Basic);
  started.agent_version = "";
  EXPECT_EQ(port_mode(started), PortMode::Basic);
  started.properties.erase("type");
  started.agent_version = "3.3.1142.0";
  EXPECT_EQ(port_mode(started), PortMode::StandardStream);
  EXPECT_EQ(port_mode_name(PortMode::Multiplexed), "multiplexed");
}

}  // namespace
}  // namespace ssmlink::session
