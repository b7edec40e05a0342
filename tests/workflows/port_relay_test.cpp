// The port relay's multiplexed mode against a scripted agent: an smux server that echoes
// every stream (or refuses one with ConnectToPortError), fed back in 1024-byte Output
// payloads as the data channel delivers them. Real loopback sockets on the local side.
// (The emulator's own multiplexed agent is the end-to-end judge; this runs without it.)
#include "workflows/port_relay.hpp"

#include <gtest/gtest.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include "tests/support/echo_server.hpp"

namespace ssmlink::workflows {
namespace {

using namespace std::chrono_literals;
namespace smux = session::smux;

// The agent's side: frames from the relay are decoded; SYN opens a stream (or is refused),
// PSH is echoed, FIN is answered with FIN.
class EchoingAgent final : public SessionControl {
 public:
  void send(std::string_view bytes) override {
    auto frames = decoder_.feed(bytes);
    ASSERT_TRUE(frames) << frames.error().message;
    for (smux::Frame& frame : *frames) {
      switch (frame.command) {
        case smux::Command::Syn:
          if (refuse_next) {
            refuse_next = false;
            flags_pending.push_back(session::PortFlag::ConnectToPortError);
            reply(smux::encode({smux::Command::Fin, frame.stream_id, {}}));
          } else {
            open_.insert(frame.stream_id);
          }
          break;
        case smux::Command::Psh:
          if (open_.contains(frame.stream_id)) {
            received += frame.data.size();
            reply(smux::encode({smux::Command::Psh, frame.stream_id, frame.data}));
          }
          break;
        case smux::Command::Fin:
          if (open_.erase(frame.stream_id))
            reply(smux::encode({smux::Command::Fin, frame.stream_id, {}}));
          break;
        case smux::Command::Nop:
          break;
      }
    }
  }
  void send_flag(session::PortFlag flag) override { flags_sent.push_back(flag); }
  bool ready_for_input() const override { return to_relay.size() < (4u << 20); }
  void end_session(const std::string& why) override { ended = why; }

  // The destination of a stream goes away: the agent sends FIN.
  void close_stream(uint32_t stream) {
    open_.erase(stream);
    reply(smux::encode({smux::Command::Fin, stream, {}}));
  }

  std::string to_relay;  // Output not yet delivered to the relay
  std::vector<session::PortFlag> flags_pending;
  std::vector<session::PortFlag> flags_sent;
  bool refuse_next = false;
  uint64_t received = 0;
  std::string ended;

 private:
  void reply(const std::string& bytes) { to_relay += bytes; }

  smux::Decoder decoder_;
  std::set<uint32_t> open_;
};

class Events final : public PortObserver {
 public:
  void on_listening(session::PortMode mode) override { this->mode = mode; }
  void on_opened(const ConnectionOpened& /*opened*/) override { ++opened; }
  void on_closed(const ConnectionClosed& closed) override {
    std::lock_guard lock(mutex);
    this->closed.push_back(closed);
  }
  void on_destination_error() override { ++destination_errors; }

  session::PortMode mode = session::PortMode::StandardStream;
  std::atomic<int> opened{0};
  std::atomic<int> destination_errors{0};
  std::mutex mutex;
  std::vector<ConnectionClosed> closed;
};

class MuxRelay : public ::testing::Test {
 protected:
  void SetUp() override {
    session::SessionStarted started{.type = session::SessionType::Port,
                                    .properties = {{"type", "LocalPortForwarding"}},
                                    .agent_version = "3.3.1142.0",
                                    .handshake = true};
    relay_.started(started, agent_);
    ASSERT_EQ(events_.mode, session::PortMode::Multiplexed);
  }

  // One turn of the session's loop: sockets, then the agent's output in 1024-byte payloads
  // while the relay takes it.
  void turn() {
    std::vector<pollfd> fds;
    relay_.want(fds, agent_);
    if (::poll(fds.data(), fds.size(), 5) > 0) relay_.ready(fds, agent_);
    for (session::PortFlag flag : agent_.flags_pending)
      relay_.flag(flag, agent_);
    agent_.flags_pending.clear();
    size_t used = 0;  // erased once: erasing each payload from megabytes is quadratic
    while (used < agent_.to_relay.size() && relay_.accepts_output()) {
      std::string payload = agent_.to_relay.substr(used, 1024);
      used += payload.size();
      relay_.output(payload, agent_);
    }
    agent_.to_relay.erase(0, used);
  }
  // Turns until `done`, at most 60 s.
  template <typename Done>
  bool turn_until(Done done) {
    auto deadline = std::chrono::steady_clock::now() + 60s;
    while (!done()) {
      if (std::chrono::steady_clock::now() > deadline) return false;
      turn();
    }
    return true;
  }

  TcpListener listener_ = TcpListener::open("127.0.0.1", 0);
  EchoingAgent agent_;
  Events events_;
  PortRelay relay_{listener_, events_};
};

TEST_F(MuxRelay, ThirtyTwoConcurrentConnectionsEachGetTheirOwnBytesBack) {
  constexpr int kConnections = 32;
  std::vector<std::string> results(kConnections);
  std::atomic<int> finished{0};
  std::vector<std::thread> clients;
  for (int i = 0; i < kConnections; ++i) {
    clients.emplace_back([&, i] {
      results[i] = testing::echo_through(listener_.port(), 256 << 10, 100 + i);
      ++finished;
    });
  }
  bool done = turn_until([&] {
    std::lock_guard lock(events_.mutex);
    return finished == kConnections && events_.closed.size() == kConnections;
  });
  for (std::thread& client : clients)
    client.join();
  ASSERT_TRUE(done) << finished << " finished";
  for (int i = 0; i < kConnections; ++i)
    EXPECT_EQ(results[i], "ok") << "connection " << i;
  EXPECT_EQ(events_.opened, kConnections);
  for (const ConnectionClosed& closed : events_.closed) {
    EXPECT_EQ(closed.bytes_up, 256u << 10);
    EXPECT_EQ(closed.bytes_down, 256u << 10);
    EXPECT_EQ(closed.error, "");
  }
  EXPECT_EQ(agent_.ended, "");
  EXPECT_TRUE(agent_.flags_sent.empty());  // no DisconnectToPort in multiplexed mode
}

TEST_F(MuxRelay, ARefusedDestinationClosesThatConnectionAndTheNextOneWorks) {
  agent_.refuse_next = true;
  int refused = testing::connect_loopback(listener_.port());
  ASSERT_GE(refused, 0);
  ASSERT_TRUE(turn_until([&] { return events_.closed.size() == 1; }));
  EXPECT_EQ(events_.destination_errors, 1);
  EXPECT_EQ(events_.closed[0].error, "the agent could not connect to the destination");
  EXPECT_EQ(testing::receive_exactly(refused, 1, 2s), "");  // closed by the relay
  ::close(refused);

  std::string result;
  std::thread client([&] { result = testing::echo_through(listener_.port(), 100000, 9); });
  ASSERT_TRUE(turn_until([&] { return events_.closed.size() == 2; }));
  client.join();
  EXPECT_EQ(result, "ok");
}

TEST_F(MuxRelay, TheDestinationClosingClosesTheLocalConnectionAfterItsBytes) {
  int fd = testing::connect_loopback(listener_.port());
  ASSERT_TRUE(testing::send_all(fd, "last words"));
  ASSERT_TRUE(turn_until([&] { return agent_.received == 10; }));
  agent_.close_stream(3);
  ASSERT_TRUE(turn_until([&] { return events_.closed.size() == 1; }));
  EXPECT_EQ(testing::receive_exactly(fd, 100, 2s), "last words");  // then EOF
  ::close(fd);
}

TEST_F(MuxRelay, ASlowLocalReaderStopsTheRelayTakingOutputInsteadOfGrowingMemory) {
  int fd = testing::connect_loopback(listener_.port());
  ASSERT_TRUE(turn_until([&] { return events_.opened == 1; }));
  // The agent has 32 MiB for the stream, more than the kernel's socket buffers hold;
  // nobody reads the local end.
  std::string chunk(smux::kMaxFrameData, 'x');
  for (int i = 0; i < 1024; ++i)
    agent_.to_relay += smux::encode({smux::Command::Psh, 3, chunk});
  for (int i = 0; i < 200; ++i)
    turn();
  EXPECT_FALSE(relay_.accepts_output());
  EXPECT_GT(agent_.to_relay.size(), 16u << 20);  // most of it is still with the agent
  // Reading drains it all.
  std::atomic<bool> reading{true};
  size_t total = 0;
  std::thread reader([&] {
    total = testing::receive_exactly(fd, 1024 * smux::kMaxFrameData, 30s).size();
    reading = false;
  });
  ASSERT_TRUE(turn_until([&] { return !reading; }));
  reader.join();
  EXPECT_EQ(total, 1024 * smux::kMaxFrameData);
  ::close(fd);
}

}  // namespace
}  // namespace ssmlink::workflows
