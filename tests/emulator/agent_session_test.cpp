// The SSM Agent's side of a session, driven the way a client drives it (reference
// sections 5-10): shells, commands, acks, retransmission, resume, faults, ports.
#include "emulator/sessions/agent_session.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "emulator/sessions/smux_codec.hpp"
#include "tests/emulator/agent_client.hpp"
#include "tests/emulator/loopback_echo_server.hpp"
#include "tests/support/process_table.hpp"

namespace ssmlink::emulator::sessions {
namespace {

using namespace std::chrono_literals;
using ssmlink::testing::AgentClient;
using ssmlink::testing::WireMessage;

constexpr uint32_t kOutput = 1, kSize = 3, kHandshakeRequest = 5, kHandshakeResponse = 6,
                   kHandshakeComplete = 7, kFlag = 10, kStdErr = 11, kExitCode = 12;

SessionSpec shell_spec() {
  SessionSpec spec;
  spec.session_id = "tester-0123456789abcdef0";
  spec.target = "i-0123456789abcdef0";
  return spec;
}

SessionSpec command_spec(const std::string& command) {
  SessionSpec spec = shell_spec();
  spec.document_name = "AWS-StartNonInteractiveCommand";
  spec.session_type = "NonInteractiveCommands";
  spec.parameters["command"] = {command};
  return spec;
}

std::string handshake_response(const std::string& client_version = "1.2.677.0") {
  return R"({"ClientVersion":")" + client_version +
         R"(","ProcessedClientActions":[{"ActionType":"SessionType","ActionStatus":1,"ActionResult":null,"Error":""}],"Errors":null})";
}

// Processes (other than zombies already counted) whose command line has `needle`.
int processes_running(const std::string& needle) {
  int count = 0;
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    std::ifstream in(entry.path() / "cmdline");
    std::string cmdline((std::istreambuf_iterator<char>(in)), {});
    std::replace(cmdline.begin(), cmdline.end(), '\0', ' ');
    if (cmdline.find(needle) != std::string::npos) ++count;
  }
  return count;
}

// Every test: no child left unreaped.
class AgentSessionTest : public ::testing::Test {
 protected:
  void TearDown() override { EXPECT_EQ(ssmlink::testing::zombie_children(), 0); }
};

// Handshakes as the plugin does (section 8.1); returns the HandshakeRequest JSON.
nlohmann::json shake_hands(AgentClient& client, const std::string& version = "1.2.677.0") {
  auto request = client.next();
  EXPECT_TRUE(request);
  if (!request) return {};
  EXPECT_EQ(request->type, "output_stream_data");
  EXPECT_EQ(request->sequence, 0);
  EXPECT_EQ(request->flags, 1u);
  EXPECT_EQ(request->payload_type, kHandshakeRequest);
  client.take(*request);
  client.send(kHandshakeResponse, handshake_response(version));
  EXPECT_TRUE(client.read_until([&] { return client.by_type_.count(kHandshakeComplete) > 0; }));
  return nlohmann::json::parse(request->payload);
}

TEST_F(AgentSessionTest, ShellRunsACommandAndItsOutputComesBackWithSyn) {
  AgentSession session(shell_spec());
  AgentClient client(session);
  auto first = client.next();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->header_length, 116u);
  EXPECT_EQ(first->type, "output_stream_data");
  EXPECT_EQ(first->sequence, 0);
  EXPECT_EQ(first->flags, 1u);  // section 5.3
  EXPECT_EQ(first->payload_type, kOutput);
  EXPECT_EQ(first->digest, sha256(first->payload));
  client.take(*first);
  client.send(kOutput, "echo h\"\"i\n");
  EXPECT_TRUE(client.read_text("hi\r\n")) << client.output_;
  EXPECT_EQ(session.status(), "Connected");
}

TEST_F(AgentSessionTest, AcknowledgesInputWithTheReferenceShape) {
  AgentSession session(shell_spec());
  AgentClient client(session);
  std::string id = client.send(kOutput, "true\n");
  ASSERT_TRUE(client.read_until([&] { return !client.acks_.empty(); }));
  const auto& ack = client.acks_.front();
  EXPECT_EQ(ack["AcknowledgedMessageType"], "input_stream_data");
  EXPECT_EQ(ack["AcknowledgedMessageId"], id);
  EXPECT_EQ(ack["AcknowledgedMessageSequenceNumber"], 0);
  EXPECT_EQ(ack["IsSequentialMessage"], true);
  for (const auto& raw : client.raw_) {
    WireMessage m = ssmlink::testing::read_wire(raw);
    if (m.type != "acknowledge") continue;
    EXPECT_EQ(m.flags, 3u);
    EXPECT_EQ(m.sequence, 0);
    EXPECT_EQ(m.payload_type, 0u);
  }
}

TEST_F(AgentSessionTest, SizeSetsThePtyWindow) {
  AgentSession session(shell_spec());
  AgentClient client(session);
  client.send(kSize, R"({"cols":123,"rows":45})");
  client.send(kOutput, "stty size\n");
  EXPECT_TRUE(client.read_text("45 123")) << client.output_;
}

TEST_F(AgentSessionTest, CtrlCStopsTheForegroundCommand) {
  AgentSession session(shell_spec());
  AgentClient client(session);
  client.send(kOutput, "sleep 10; echo after$((1+1))\n");
  std::this_thread::sleep_for(300ms);
  auto started = std::chrono::steady_clock::now();
  client.send(kOutput, "\x03");
  client.send(kOutput, "echo done$((1+1))\n");
  EXPECT_TRUE(client.read_text("done2", 5s)) << client.output_;
  EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
  EXPECT_EQ(client.output_.find("after2"), std::string::npos);
}

TEST_F(AgentSessionTest, ShellExitClosesTheChannelAndCleansUp) {
  AgentSession session(shell_spec());
  AgentClient client(session);
  client.send(kOutput, "pwd; sleep 97 &\n");
  ASSERT_TRUE(client.read_text("ssmlink-emulator-session-")) << client.output_;
  auto start = client.output_.find("/", client.output_.find("pwd") + 3);
  std::string directory = client.output_.substr(start, client.output_.find('\r', start) - start);
  ASSERT_TRUE(std::filesystem::exists(directory)) << directory;
  client.send(kOutput, "exit\n");
  ASSERT_TRUE(client.read_closed());
  EXPECT_EQ((*client.closed_)["MessageType"], "channel_closed");
  EXPECT_EQ((*client.closed_)["SessionId"], "tester-0123456789abcdef0");
  EXPECT_EQ((*client.closed_)["DestinationId"], "i-0123456789abcdef0");
  EXPECT_EQ((*client.closed_)["SchemaVersion"], 1);
  EXPECT_EQ((*client.closed_)["Output"], "");
  EXPECT_TRUE((*client.closed_)["CreatedDate"].is_string());
  EXPECT_TRUE(client.wait_served(5s));
  EXPECT_TRUE(session.ended());
  EXPECT_EQ(session.status(), "Terminated");
  EXPECT_FALSE(std::filesystem::exists(directory));
  EXPECT_EQ(processes_running("sleep 97"), 0);
}

TEST_F(AgentSessionTest, InteractiveCommandRunsOnAPty) {
  SessionSpec spec = shell_spec();
  spec.session_type = "InteractiveCommands";
  spec.parameters["command"] = {"test -t 0 && echo on-a-tty"};
  AgentSession session(spec);
  AgentClient client(session);
  EXPECT_TRUE(client.read_closed());
  EXPECT_NE(client.output_.find("on-a-tty"), std::string::npos) << client.output_;
}

TEST_F(AgentSessionTest, NonInteractiveCommandHandshakesThenSplitsStreamsAndGivesTheExitCode) {
  for (int code : {0, 1, 42}) {
    AgentSession session(command_spec("echo out; echo err >&2; exit " + std::to_string(code)));
    AgentClient client(session);
    auto request = shake_hands(client);
    EXPECT_EQ(request["AgentVersion"], "3.3.1142.0");
    auto action = request["RequestedClientActions"][0];
    EXPECT_EQ(action["ActionType"], "SessionType");
    EXPECT_EQ(action["ActionParameters"]["SessionType"], "NonInteractiveCommands");
    EXPECT_TRUE(action["ActionParameters"]["Properties"].is_null());
    auto complete = nlohmann::json::parse(client.by_type_[kHandshakeComplete]);
    EXPECT_TRUE(complete["HandshakeTimeToComplete"].is_number_integer());
    EXPECT_EQ(complete["CustomerMessage"], "");
    ASSERT_TRUE(client.read_closed());
    EXPECT_EQ(client.by_type_[kOutput], "out\n");
    EXPECT_EQ(client.by_type_[kStdErr], "err\n");
    EXPECT_EQ(client.by_type_[kExitCode], "EXIT_CODE: " + std::to_string(code));
    EXPECT_EQ(client.stream_.back().payload_type, kExitCode);
  }
}

TEST_F(AgentSessionTest, NonInteractiveOutputIsBinarySafe) {
  AgentSession session(command_spec("printf '\\000\\001\\377\\r\\n'; yes abcdefg | head -c 5000"));
  AgentClient client(session);
  shake_hands(client);
  ASSERT_TRUE(client.read_closed());
  std::string expected("\0\1\xff\r\n", 5);
  for (int i = 0; i < 625; ++i)
    expected += "abcdefg\n";
  EXPECT_EQ(client.by_type_[kOutput], expected);
  for (const auto& m : client.stream_)
    EXPECT_LE(m.payload.size(), 1024u);
}

TEST_F(AgentSessionTest, CtrlCInterruptsANonInteractiveCommand) {
  AgentSession session(command_spec("sleep 10"));
  AgentClient client(session);
  shake_hands(client);
  std::this_thread::sleep_for(200ms);  // let the shell reach sleep (see the report)
  client.send(kOutput, "\x03");
  ASSERT_TRUE(client.read_closed(5s));
  EXPECT_EQ(client.by_type_[kExitCode], "EXIT_CODE: 130");
}

TEST_F(AgentSessionTest, UnackedOutputIsRetransmittedUntilAcked) {
  AgentSession session(shell_spec());
  AgentClient client(session);
  client.auto_ack_ = false;
  client.send(kOutput, "echo x$((1+1))\n");
  auto first = client.next();
  while (first && first->type != "output_stream_data")
    first = client.next();
  ASSERT_TRUE(first);
  // Section 7.3: the head again after the 200 ms RTO, same sequence and MessageId.
  std::optional<WireMessage> again;
  auto until = std::chrono::steady_clock::now() + 3s;
  while (!again && std::chrono::steady_clock::now() < until) {
    auto m = client.next(1s);
    if (m && m->type == "output_stream_data" && m->sequence == first->sequence) again = m;
  }
  ASSERT_TRUE(again);
  EXPECT_EQ(again->message_id, first->message_id);
  EXPECT_EQ(again->payload, first->payload);
  // Acked, it stops: the next frames carry newer numbers only.
  client.auto_ack_ = true;
  client.take(*first);
  ASSERT_TRUE(client.read_text("x2"));
  client.send(kOutput, "echo y$((1+1))\n");
  ASSERT_TRUE(client.read_text("y2"));
  std::this_thread::sleep_for(500ms);
  while (auto m = client.next(100ms)) {
    if (m->type == "output_stream_data") {
      EXPECT_GE(m->sequence, client.expected_ - 1);
    }
  }
}

TEST_F(AgentSessionTest, OutOfOrderInputIsHeldAndDuplicatesAreReackedNotRerun) {
  AgentSession session(shell_spec());
  AgentClient client(session);
  client.send_with_sequence(1, kOutput, "echo o$((1+1))\n");
  client.send_with_sequence(0, kOutput, "echo o$((0+1))\n");
  client.send_with_sequence(0, kOutput, "echo o$((0+1))\n");  // a duplicate
  client.send_with_sequence(2, kOutput, "echo end$((0+1))\n");
  ASSERT_TRUE(client.read_text("end1")) << client.output_;
  auto first = client.output_.find("o1\r\n"), second = client.output_.find("o2\r\n");
  ASSERT_NE(first, std::string::npos);
  ASSERT_NE(second, std::string::npos);
  EXPECT_LT(first, second);
  EXPECT_EQ(client.output_.find("o1\r\n", first + 1), std::string::npos);
  ASSERT_TRUE(client.read_until([&] { return client.acks_.size() >= 4; }));
  std::multiset<int64_t> acked;
  for (const auto& ack : client.acks_)
    acked.insert(ack["AcknowledgedMessageSequenceNumber"].get<int64_t>());
  EXPECT_EQ(acked.count(0), 2u);
  EXPECT_EQ(acked.count(1), 1u);
  EXPECT_EQ(acked.count(2), 1u);
}

TEST_F(AgentSessionTest, ResumeOnANewConnectionResendsWhatWasNotAcked) {
  AgentSession session(shell_spec());
  AgentClient client(session);
  client.send(kOutput, "echo a$((1+1))\n");
  ASSERT_TRUE(client.read_text("a2"));
  client.auto_ack_ = false;  // from here the acks are "lost"
  client.send(kOutput, "echo b$((1+1))\n");
  ASSERT_TRUE(client.read_text("b2"));
  client.disconnect();
  EXPECT_EQ(session.status(), "Disconnected");
  EXPECT_FALSE(session.ended());
  client.auto_ack_ = true;
  client.connect();
  client.send(kOutput, "echo c$((1+1))\n");
  ASSERT_TRUE(client.read_text("c2")) << client.output_;
  // Reassembled across both connections: each line exactly once, in order.
  std::string out = client.output_;
  for (const char* line : {"a2\r\n", "b2\r\n", "c2\r\n"}) {
    auto at = out.find(line);
    ASSERT_NE(at, std::string::npos) << line;
    EXPECT_EQ(out.find(line, at + 1), std::string::npos) << line;
  }
  EXPECT_LT(out.find("a2\r\n"), out.find("b2\r\n"));
  EXPECT_LT(out.find("b2\r\n"), out.find("c2\r\n"));
}

TEST_F(AgentSessionTest, FaultsOnSentMessagesDoNotCorruptTheStream) {
  DataChannelFaults faults;
  faults.duplicate = 0.3;
  faults.reorder = 0.3;
  faults.delay = 0.2;
  faults.delay_ms = 50ms;
  faults.seed = 7;
  AgentSession session(command_spec("seq 1 3000"), faults);
  AgentClient client(session);
  shake_hands(client);
  ASSERT_TRUE(client.read_closed(30s));
  std::string expected;
  for (int i = 1; i <= 3000; ++i)
    expected += std::to_string(i) + "\n";
  EXPECT_EQ(client.by_type_[kOutput], expected);
  EXPECT_EQ(client.by_type_[kExitCode], "EXIT_CODE: 0");
}

TEST_F(AgentSessionTest, DroppedConnectionsAreResumedWithoutLoss) {
  DataChannelFaults faults;
  faults.drop_connection = 0.2;
  faults.seed = 11;
  AgentSession session(command_spec("seq 1 2000"), faults);
  AgentClient client(session);
  auto until = std::chrono::steady_clock::now() + 30s;
  bool shook = false;
  int reconnects = 0;
  while (!client.closed_ && std::chrono::steady_clock::now() < until) {
    if (!shook && client.by_type_.count(kHandshakeRequest)) {
      client.send(kHandshakeResponse, handshake_response());
      shook = true;
    }
    if (auto m = client.next(200ms)) {
      client.take(*m);
    } else if (client.wait_served(10ms)) {
      client.connect();  // what ResumeSession leads to
      ++reconnects;
    }
  }
  ASSERT_TRUE(client.closed_);
  EXPECT_GT(reconnects, 0);
  std::string expected;
  for (int i = 1; i <= 2000; ++i)
    expected += std::to_string(i) + "\n";
  EXPECT_EQ(client.by_type_[kOutput], expected);
}

TEST_F(AgentSessionTest, MalformedMessagesAreDroppedAndTheSessionGoesOn) {
  AgentSession session(shell_spec());
  AgentClient client(session);
  std::string good = ssmlink::testing::client_frame(
      "input_stream_data", 0, kOutput, "echo ok$((1+1))\n", ssmlink::testing::random_uuid_bytes());
  client.push_raw("short");
  client.push_raw("{\"text\":1}", false);
  std::string bad = good;
  bad[3] = 50;  // HeaderLength 50
  client.push_raw(bad);
  bad = good;
  bad.replace(116, 4, "\xff\xff\xff\xff");  // PayloadLength 4 GiB
  client.push_raw(bad);
  bad = good;
  bad[90] ^= 0x55;  // wrong digest
  client.push_raw(bad);
  client.push_raw(ssmlink::testing::client_frame("input_stream_data", 0, kSize, "not json",
                                                 ssmlink::testing::random_uuid_bytes()));
  client.push_raw(ssmlink::testing::client_frame("input_stream_data", 1, kFlag, "12345",
                                                 ssmlink::testing::random_uuid_bytes()));
  client.push_raw(ssmlink::testing::client_frame("acknowledge", 0, 0, "[]",
                                                 ssmlink::testing::random_uuid_bytes()));
  client.push_raw(ssmlink::testing::client_frame("something_else", 0, 0, "x",
                                                 ssmlink::testing::random_uuid_bytes()));
  client.send_with_sequence(2, kOutput, "echo ok$((1+1))\n");
  EXPECT_TRUE(client.read_text("ok2")) << client.output_;
}

TEST_F(AgentSessionTest, TerminateFromAnotherThreadEndsServeWithTheReason) {
  AgentSession session(shell_spec());
  AgentClient client(session);
  ASSERT_TRUE(client.next());
  session.terminate("TerminateSession");
  ASSERT_TRUE(client.read_closed(3s));
  EXPECT_EQ((*client.closed_)["Output"], "TerminateSession");
  EXPECT_TRUE(client.wait_served(3s));
  EXPECT_TRUE(session.ended());
}

TEST_F(AgentSessionTest, IdleTimeoutAndMaxDurationCloseTheChannel) {
  SessionSpec idle = shell_spec();
  idle.idle_timeout = 400ms;
  AgentSession idle_session(idle);
  AgentClient idle_client(idle_session);
  ASSERT_TRUE(idle_client.read_closed(5s));
  EXPECT_NE((*idle_client.closed_)["Output"].get<std::string>().find("inactivity"),
            std::string::npos);

  SessionSpec bounded = shell_spec();
  bounded.max_duration = 500ms;
  AgentSession bounded_session(bounded);
  AgentClient bounded_client(bounded_session);
  bounded_client.send(kOutput, "while :; do echo tick; sleep 0.1; done\n");
  ASSERT_TRUE(bounded_client.read_closed(5s));
  EXPECT_NE((*bounded_client.closed_)["Output"].get<std::string>().find("maximum"),
            std::string::npos);
}

TEST_F(AgentSessionTest, KmsEncryptionIsRefusedNotFakedInPlaintext) {
  SessionSpec spec = shell_spec();
  spec.parameters["kmsKeyId"] = {"alias/session"};
  AgentSession session(spec);
  AgentClient client(session);
  ASSERT_TRUE(client.read_closed(5s));
  EXPECT_NE((*client.closed_)["Output"].get<std::string>().find("KMS encryption"),
            std::string::npos);
  EXPECT_TRUE(client.output_.empty());
}

// StartSession's agent whose role may not kms:Decrypt with the preferences' key (the
// kms-preferences scenario) ends the session at once, naming why.
TEST_F(AgentSessionTest, AStartupFailureEndsTheSessionWithItsText) {
  SessionSpec spec = shell_spec();
  spec.startup_failure = "Failed to initialize KMS encryption: ... not allowed kms:Decrypt";
  AgentSession session(spec);
  AgentClient client(session);
  ASSERT_TRUE(client.read_closed(5s));
  EXPECT_EQ((*client.closed_)["Output"], spec.startup_failure);
  EXPECT_TRUE(client.output_.empty());
  EXPECT_TRUE(client.wait_served(5s));
}

// A TCP echo server on 127.0.0.1 that serves connections one after another.
class EchoServer {
 public:
  EchoServer() {
    listener_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address);
    listen(listener_, 4);
    socklen_t length = sizeof address;
    getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] {
      while (true) {
        int connection = accept(listener_, nullptr, nullptr);
        if (connection < 0) return;
        ++accepted_;
        char buffer[4096];
        ssize_t n;
        while ((n = recv(connection, buffer, sizeof buffer, 0)) > 0)
          send(connection, buffer, static_cast<size_t>(n), MSG_NOSIGNAL);
        close(connection);
      }
    });
  }
  ~EchoServer() {
    shutdown(listener_, SHUT_RDWR);
    close(listener_);
    thread_.join();
  }
  uint16_t port() const { return port_; }
  std::atomic<int> accepted_{0};

 private:
  int listener_;
  uint16_t port_ = 0;
  std::thread thread_;
};

SessionSpec port_spec(uint16_t port) {
  SessionSpec spec = shell_spec();
  spec.document_name = "AWS-StartPortForwardingSession";
  spec.session_type = "Port";
  spec.agent_version = "3.0.196.0";  // the plugin picks basic mode (section 11)
  spec.parameters["portNumber"] = {std::to_string(port)};
  spec.parameters["localPortNumber"] = {"0"};
  return spec;
}

std::string flag(uint32_t value) {
  return ssmlink::testing::big_endian(value, 4);
}

TEST_F(AgentSessionTest, PortBasicModeRelaysToTheDestinationAndRedialsAfterDisconnect) {
  EchoServer echo;
  AgentSession session(port_spec(echo.port()));
  AgentClient client(session);
  auto request = shake_hands(client);
  auto properties = request["RequestedClientActions"][0]["ActionParameters"]["Properties"];
  EXPECT_EQ(request["RequestedClientActions"][0]["ActionParameters"]["SessionType"], "Port");
  EXPECT_EQ(properties["type"], "LocalPortForwarding");
  EXPECT_EQ(properties["portNumber"], std::to_string(echo.port()));
  EXPECT_EQ(properties["localPortNumber"], "0");
  client.send(kOutput, "ping\n");
  EXPECT_TRUE(client.read_text("ping\n"));
  client.send(kFlag, flag(1));  // DisconnectToPort
  client.send(kOutput, "again");
  EXPECT_TRUE(client.read_text("again"));
  EXPECT_EQ(echo.accepted_, 2);
  client.send(kFlag, flag(2));  // TerminateSession
  ASSERT_TRUE(client.read_closed(5s));
  EXPECT_EQ((*client.closed_)["Output"], "");
}

TEST_F(AgentSessionTest, PortBasicModeRefusesUnknownHostsAndDialsMappedOnes) {
  EchoServer echo;
  SessionSpec remote = port_spec(echo.port());
  remote.document_name = "AWS-StartPortForwardingSessionToRemoteHost";
  remote.parameters["host"] = {"db.internal"};
  {
    AgentSession session(remote);
    AgentClient client(session);
    shake_hands(client);
    ASSERT_TRUE(client.read_closed(5s));
    EXPECT_NE((*client.closed_)["Output"].get<std::string>().find("db.internal"),
              std::string::npos);
  }
  remote.hosts["db.internal"] = "127.0.0.1";
  {
    AgentSession session(remote);
    AgentClient client(session);
    shake_hands(client);
    client.send(kOutput, "mapped");
    EXPECT_TRUE(client.read_text("mapped"));
  }
}

// The smux frames in the agent's Output so far (section 10.5).
std::vector<SmuxFrame> smux_frames(const std::string& output) {
  SmuxDecoder decoder;
  decoder.feed(output);
  std::vector<SmuxFrame> frames;
  while (true) {
    auto frame = decoder.next();
    EXPECT_TRUE(frame) << frame.error();
    if (!frame || !*frame) return frames;
    frames.push_back(std::move(**frame));
  }
}

// The data of stream `id`'s PSH frames, and whether it got a FIN.
std::string smux_data(const std::string& output, uint32_t id, bool* fin = nullptr) {
  std::string data;
  if (fin) *fin = false;
  for (const auto& frame : smux_frames(output)) {
    if (frame.stream != id) continue;
    if (frame.command == SmuxCommand::kPsh) data += frame.data;
    if (frame.command == SmuxCommand::kFin && fin) *fin = true;
  }
  return data;
}

SessionSpec mux_spec(uint16_t port) {
  SessionSpec spec = port_spec(port);
  spec.agent_version = "3.3.1142.0";  // > 3.0.196.0: multiplexed (section 11)
  return spec;
}

TEST_F(AgentSessionTest, PortMuxModeCarriesStreamsSplitAcrossPayloads) {
  ssmlink::testing::LoopbackEchoServer echo;
  AgentSession session(mux_spec(echo.port()));
  AgentClient client(session);
  shake_hands(client);
  // Two streams; the second one's frames cut in the middle of a header and of data.
  std::string smux = encode_smux_frame(SmuxCommand::kSyn, 3) +
                     encode_smux_frame(SmuxCommand::kPsh, 3, "first stream") +
                     encode_smux_frame(SmuxCommand::kSyn, 5) +
                     encode_smux_frame(SmuxCommand::kPsh, 5, "second stream");
  client.send(kOutput, smux.substr(0, 29));
  client.send(kOutput, smux.substr(29, 10));
  client.send(kOutput, smux.substr(39));
  EXPECT_TRUE(client.read_until([&] {
    return smux_data(client.output_, 3) == "first stream" &&
           smux_data(client.output_, 5) == "second stream";
  })) << client.output_;
  EXPECT_EQ(echo.accepted(), 2);
  // The client closes stream 3: the agent closes its destination and answers FIN.
  client.send(kOutput, encode_smux_frame(SmuxCommand::kFin, 3));
  bool fin = false;
  EXPECT_TRUE(client.read_until([&] {
    smux_data(client.output_, 3, &fin);
    return fin;
  }));
  // The destination closes stream 5: FIN, and the session goes on.
  client.send(kOutput, encode_smux_frame(SmuxCommand::kPsh, 5, "CLOSE"));
  EXPECT_TRUE(client.read_until([&] {
    smux_data(client.output_, 5, &fin);
    return fin;
  }));
  client.send(kOutput, encode_smux_frame(SmuxCommand::kSyn, 7) +
                           encode_smux_frame(SmuxCommand::kPsh, 7, "third"));
  EXPECT_TRUE(client.read_until([&] { return smux_data(client.output_, 7) == "third"; }));
  // Every Output payload is at most 1024 bytes (section 12); no Flag was sent.
  for (const auto& message : client.stream_)
    EXPECT_LE(message.payload.size(), 1024u);
  EXPECT_EQ(client.by_type_.count(kFlag), 0u);
  client.send(kFlag, flag(2));  // TerminateSession
  ASSERT_TRUE(client.read_closed(5s));
}

TEST_F(AgentSessionTest, PortMuxModeGoesThroughTheDataChannelFaults) {
  ssmlink::testing::LoopbackEchoServer echo;
  DataChannelFaults faults;
  faults.duplicate = 0.1;
  faults.reorder = 0.1;
  faults.delay = 0.1;
  faults.delay_ms = 20ms;
  AgentSession session(mux_spec(echo.port()), faults);
  AgentClient client(session);
  shake_hands(client);
  std::string sent;
  client.send(kOutput, encode_smux_frame(SmuxCommand::kSyn, 3));
  for (int i = 0; i < 256; ++i) {
    std::string chunk(1000, static_cast<char>(i));
    sent += chunk;
    client.send(kOutput, encode_smux_frame(SmuxCommand::kPsh, 3, chunk));
  }
  EXPECT_TRUE(
      client.read_until([&] { return smux_data(client.output_, 3).size() >= sent.size(); }));
  EXPECT_TRUE(smux_data(client.output_, 3) == sent);
}

TEST_F(AgentSessionTest, PortMuxModeRefusesAStreamItCannotDialAndGoesOn) {
  ssmlink::testing::LoopbackEchoServer echo;
  SessionSpec remote = mux_spec(echo.port());
  remote.document_name = "AWS-StartPortForwardingSessionToRemoteHost";
  remote.parameters["host"] = {"db.internal"};  // not in hosts
  AgentSession session(remote);
  AgentClient client(session);
  shake_hands(client);
  client.send(kOutput, encode_smux_frame(SmuxCommand::kSyn, 3));
  bool fin = false;
  EXPECT_TRUE(client.read_until([&] {
    smux_data(client.output_, 3, &fin);
    return fin && client.by_type_.count(kFlag) > 0;
  }));
  EXPECT_EQ(client.by_type_[kFlag], flag(3));  // ConnectToPortError
  EXPECT_EQ(echo.accepted(), 0);
  EXPECT_FALSE(client.closed_);
  // A closed port is refused the same way.
  SessionSpec closed_port = mux_spec(1);
  AgentSession second(closed_port);
  AgentClient other(second);
  shake_hands(other);
  other.send(kOutput, encode_smux_frame(SmuxCommand::kSyn, 3));
  EXPECT_TRUE(other.read_until([&] { return other.by_type_.count(kFlag) > 0; }));
  EXPECT_EQ(other.by_type_[kFlag], flag(3));
}

TEST_F(AgentSessionTest, PortModeFollowsTheClientVersionToo) {
  ssmlink::testing::LoopbackEchoServer echo;
  // Section 11: a client older than 1.1.70 gets basic mode even from a new agent.
  AgentSession session(mux_spec(echo.port()));
  AgentClient client(session);
  shake_hands(client, "1.1.61.0");
  client.send(kOutput, "raw bytes, no smux");
  EXPECT_TRUE(client.read_text("raw bytes, no smux"));
}

TEST_F(AgentSessionTest, PortMuxModeEndsOnAnSmuxProtocolError) {
  ssmlink::testing::LoopbackEchoServer echo;
  AgentSession session(mux_spec(echo.port()));
  AgentClient client(session);
  shake_hands(client);
  client.send(kOutput, std::string("\x02\x00\x00\x00\x03\x00\x00\x00", 8));  // version 2
  ASSERT_TRUE(client.read_closed(5s));
  EXPECT_NE((*client.closed_)["Output"].get<std::string>().find("smux"), std::string::npos);
}

// A destination that reads slowly: the agent holds the client back (no acks) instead of
// buffering without bound, and every byte still arrives.
TEST_F(AgentSessionTest, PortBasicModeHoldsBackInputForASlowDestination) {
  int listener = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  int small = 16384;  // inherited by the accepted socket: the destination's window stays small
  setsockopt(listener, SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
  ASSERT_EQ(bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  listen(listener, 1);
  socklen_t length = sizeof address;
  getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length);
  AgentSession session(port_spec(ntohs(address.sin_port)));
  AgentClient client(session);
  shake_hands(client);
  int destination = accept(listener, nullptr, nullptr);
  ASSERT_GE(destination, 0);
  // 4 MiB sent at once, far beyond what the socket buffers and the worker may hold.
  constexpr size_t kMessages = 4096;
  std::string chunk(1024, 'x');
  for (size_t i = 0; i < kMessages; ++i) {
    chunk[0] = static_cast<char>('a' + i % 26);
    client.send(kOutput, chunk);
  }
  std::this_thread::sleep_for(500ms);
  client.read_until([] { return false; }, 200ms);  // collect the acks so far
  size_t acked = 0;
  for (const auto& ack : client.acks_)
    acked += ack.contains("AcknowledgedMessageSequenceNumber") ? 1 : 0;
  EXPECT_LT(acked, kMessages) << "everything acked although the destination read nothing";
  // Now read slowly; the agent does not retransmit by itself, the test resends the rest.
  size_t received = 0;
  std::string first_bytes;
  char buffer[65536];
  auto until = std::chrono::steady_clock::now() + 20s;
  while (received < kMessages * 1024 && std::chrono::steady_clock::now() < until) {
    ssize_t n = recv(destination, buffer, sizeof buffer, MSG_DONTWAIT);
    if (n > 0) {
      for (ssize_t i = 0; i < n; ++i)
        if ((received + static_cast<size_t>(i)) % 1024 == 0) first_bytes += buffer[i];
      received += static_cast<size_t>(n);
      continue;
    }
    client.read_until([] { return false; }, 20ms);
    client.resend_unacked();
  }
  EXPECT_EQ(received, kMessages * 1024);
  std::string expected;
  for (size_t i = 0; i < kMessages; ++i)
    expected += static_cast<char>('a' + i % 26);
  EXPECT_EQ(first_bytes, expected);
  close(destination);
  close(listener);
}

// Not a check: how fast the agent's side alone moves a destination's output (basic mode,
// acked at once by this thread). Run with --gtest_also_run_disabled_tests.
TEST_F(AgentSessionTest, DISABLED_MeasureDownloadThroughput) {
  int listener = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  listen(listener, 1);
  socklen_t length = sizeof address;
  getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length);
  constexpr size_t kBytes = size_t{64} << 20;
  std::thread source([&] {
    int connection = accept(listener, nullptr, nullptr);
    std::string block(65536, 'z');
    for (size_t sent = 0; sent < kBytes;) {
      ssize_t n =
          send(connection, block.data(), std::min(block.size(), kBytes - sent), MSG_NOSIGNAL);
      if (n <= 0) break;
      sent += static_cast<size_t>(n);
    }
    close(connection);
  });
  AgentSession session(port_spec(ntohs(address.sin_port)));
  AgentClient client(session);
  shake_hands(client);
  auto start = std::chrono::steady_clock::now();
  size_t base = client.output_.size();
  EXPECT_TRUE(client.read_until([&] { return client.output_.size() - base >= kBytes; }, 120s));
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("download: %zu MiB in %.2f s = %.1f MiB/s\n", kBytes >> 20, seconds,
              static_cast<double>(kBytes >> 20) / seconds);
  source.join();
  close(listener);
}

}  // namespace
}  // namespace ssmlink::emulator::sessions
