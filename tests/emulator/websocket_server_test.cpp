// The data channel's WebSocket on the emulator's one port, judged by an independent
// client (Python's websockets library, Debian's python3-websockets) and by raw sockets for
// what a library would never send.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "tests/support/aws_client.hpp"
#include "tests/support/process.hpp"
#include "tests/support/running_emulator.hpp"
#include "tests/support/seed_ids.hpp"

namespace ssmlink::testing {
namespace {

using namespace std::chrono_literals;
using Json = nlohmann::json;

// argv: URL TOKEN MODE. Prints one JSON line of what it saw (and "ready" lines on the way).
constexpr const char* kClient = R"PY(
import asyncio, json, sys, uuid, websockets

async def main():
    url, token, mode = sys.argv[1], sys.argv[2], sys.argv[3]
    out = {}
    async with websockets.connect(url, ping_interval=None, max_size=2**22,
                                  compression=None) as ws:
        await ws.send(json.dumps({"MessageSchemaVersion": "1.0",
                                  "RequestId": str(uuid.uuid4()), "TokenValue": token,
                                  "ClientId": str(uuid.uuid4()), "ClientVersion": "1.2.677.0"}))
        try:
            if mode == "frames":
                # The agent speaks first (a shell's prompt as output_stream_data, section 5).
                first = await asyncio.wait_for(ws.recv(), 5)
                out["first_is_agent_message"] = isinstance(first, bytes) and len(first) >= 116
                out["first_type"] = first[4:36].strip(b"\x00 ").decode() if isinstance(first, bytes) else "text"
                await ws.send([b"frag", b"mented"])  # not an agent message: dropped, not fatal
                pong = await ws.ping(b"keepalive")
                await asyncio.wait_for(pong, 5)
                out["pong"] = True
                await ws.close()
                out["close_code"] = ws.close_code
            else:  # wait: say ready, then read until the server ends the connection
                await asyncio.wait_for(ws.recv(), 5)
                print(json.dumps({"ready": True}), flush=True)
                async def drain():
                    while True:
                        await ws.recv()  # retransmissions until the end
                await asyncio.wait_for(drain(), 15)
        except websockets.ConnectionClosed as e:
            out["closed"] = True
            out["close_code"] = e.rcvd.code if e.rcvd else None
            out["reason"] = e.rcvd.reason if e.rcvd else None
    print(json.dumps(out), flush=True)

asyncio.run(main())
)PY";

class WebSocketServer : public ::testing::Test {
 protected:
  void SetUp() override { emulator.load_scenario("endpoints-present"); }

  Json start_session() const {
    AwsReply reply = ssmlink::testing::send(
        emulator.port(),
        ssmlink::testing::ssm_call("StartSession", Json{{"Target", seed::kInstance}}.dump()));
    EXPECT_EQ(reply.status, 200) << reply.body;
    return Json::parse(reply.body, nullptr, false);
  }

  Json run_client(const std::string& url, const std::string& token, const std::string& mode) {
    ProcessResult result = run_process({"/usr/bin/python3", "-c", kClient, url, token, mode},
                                       {"PATH=/usr/bin:/bin"}, 30s);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    size_t last = result.out.rfind('{');
    if (last == std::string::npos) return Json();
    return Json::parse(result.out.substr(last), nullptr, false);
  }

  RunningEmulator emulator;
};

TEST_F(WebSocketServer, CarriesTheAgentsFramesWithPingFragmentsAndClose) {
  Json session = start_session();
  Json seen = run_client(session["StreamUrl"], session["TokenValue"], "frames");
  EXPECT_EQ(seen["first_is_agent_message"], true) << seen;
  EXPECT_EQ(seen["first_type"], "output_stream_data") << seen;
  EXPECT_EQ(seen["pong"], true);
  EXPECT_EQ(seen["close_code"], 1000);
}

TEST_F(WebSocketServer, ABadTokenClosesWithPolicyViolation) {
  Json session = start_session();
  Json seen = run_client(session["StreamUrl"], "not-the-token", "wait");
  EXPECT_EQ(seen["closed"], true) << seen;
  EXPECT_EQ(seen["close_code"], 1008);
  EXPECT_NE(seen["reason"].get<std::string>().find("TokenValue"), std::string::npos) << seen;

  std::string url = "ws://127.0.0.1:" + std::to_string(emulator.port()) +
                    "/v1/data-channel/nobody-0?role=publish_subscribe";
  Json unknown = run_client(url, "x", "wait");
  EXPECT_EQ(unknown["close_code"], 1008) << unknown;
}

TEST_F(WebSocketServer, AdminDropCutsTheConnectionAndResumeReconnects) {
  Json session = start_session();
  std::string id = session["SessionId"];
  ChildProcess client = ChildProcess::exec(
      {"/usr/bin/python3", "-c", kClient, session["StreamUrl"], session["TokenValue"], "wait"},
      {"PATH=/usr/bin:/bin"}, true);
  auto ready = client.read_line(10s);
  ASSERT_TRUE(ready) << client.read_error();
  EXPECT_EQ(emulator.admin_get("state")["sessions"][0]["connected"], true);
  Json dropped = emulator.admin_post("sessions/" + id + "/drop");
  EXPECT_EQ(dropped["status"], "dropped");
  auto last = client.read_line(10s);
  ASSERT_TRUE(last);
  Json seen = Json::parse(*last, nullptr, false);
  EXPECT_EQ(seen["closed"], true) << *last;
  EXPECT_TRUE(seen["close_code"].is_null()) << *last;  // no close frame: a lost network
  EXPECT_EQ(client.wait(10s), 0);

  AwsReply resumed = ssmlink::testing::send(
      emulator.port(), ssmlink::testing::ssm_call("ResumeSession", Json{{"SessionId", id}}.dump()));
  Json token = Json::parse(resumed.body, nullptr, false);
  Json again = run_client(session["StreamUrl"], token["TokenValue"], "frames");
  EXPECT_EQ(again["first_type"], "output_stream_data") << again;
}

TEST_F(WebSocketServer, TerminateSessionEndsTheDataChannel) {
  Json session = start_session();
  ChildProcess client = ChildProcess::exec(
      {"/usr/bin/python3", "-c", kClient, session["StreamUrl"], session["TokenValue"], "wait"},
      {"PATH=/usr/bin:/bin"}, true);
  ASSERT_TRUE(client.read_line(10s)) << client.read_error();
  ssmlink::testing::send(emulator.port(),
                         ssmlink::testing::ssm_call(
                             "TerminateSession", Json{{"SessionId", session["SessionId"]}}.dump()));
  auto last = client.read_line(10s);
  ASSERT_TRUE(last);
  Json seen = Json::parse(*last, nullptr, false);
  EXPECT_EQ(seen["close_code"], 1000) << *last;
}

// A connected raw socket on the emulator's port.
class RawSocket {
 public:
  explicit RawSocket(int port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  }
  ~RawSocket() { ::close(fd_); }
  bool connected() const { return connected_; }
  void write(const std::string& bytes) {
    (void)!::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
  }
  // Reads until `enough` bytes or the peer closes or 5 s pass.
  std::string read(size_t enough = 1 << 20) {
    std::string got;
    auto deadline = std::chrono::steady_clock::now() + 5s;
    while (got.size() < enough && std::chrono::steady_clock::now() < deadline) {
      pollfd poller{fd_, POLLIN, 0};
      if (::poll(&poller, 1, 200) <= 0) continue;
      char chunk[4096];
      ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
      if (n <= 0) break;
      got.append(chunk, static_cast<size_t>(n));
    }
    return got;
  }

 private:
  int fd_;
  bool connected_ = false;
};

std::string upgrade_head(const std::string& extra) {
  return "GET /v1/data-channel/s-1?role=publish_subscribe HTTP/1.1\r\nHost: 127.0.0.1\r\n"
         "Upgrade: websocket\r\nConnection: Upgrade\r\n" +
         extra + "\r\n";
}

TEST_F(WebSocketServer, BadHandshakesAreRefusedWithTheReason) {
  std::string no_key = raw_exchange(emulator.port(), upgrade_head("Sec-WebSocket-Version: 13\r\n"));
  EXPECT_TRUE(no_key.starts_with("HTTP/1.1 400")) << no_key;
  EXPECT_NE(no_key.find("Sec-WebSocket-Key"), std::string::npos) << no_key;

  std::string old_version = raw_exchange(
      emulator.port(),
      upgrade_head("Sec-WebSocket-Version: 8\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"));
  EXPECT_TRUE(old_version.starts_with("HTTP/1.1 426")) << old_version;
  EXPECT_NE(old_version.find("Sec-WebSocket-Version: 13"), std::string::npos);
}

TEST_F(WebSocketServer, AcceptKeyAndUnmaskedFramesClose1002) {
  RawSocket socket(emulator.port());
  ASSERT_TRUE(socket.connected());
  // RFC 6455 section 1.3's example key and its accept value.
  socket.write(
      upgrade_head("Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"));
  std::string answer = socket.read(129);
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 101 Switching Protocols\r\n")) << answer;
  EXPECT_NE(answer.find("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"),
            std::string::npos)
      << answer;
  socket.write(std::string("\x81\x02hi", 4));  // a text frame without a mask
  std::string close = socket.read();
  ASSERT_GE(close.size(), 4u) << close.size();
  EXPECT_EQ(static_cast<unsigned char>(close[0]), 0x88);
  EXPECT_EQ((static_cast<unsigned char>(close[2]) << 8) | static_cast<unsigned char>(close[3]),
            1002);
}

TEST_F(WebSocketServer, OversizedFrameClose1009) {
  RawSocket socket(emulator.port());
  ASSERT_TRUE(socket.connected());
  socket.write(
      upgrade_head("Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"));
  socket.read(129);
  // A masked binary frame that claims 2^62 bytes.
  socket.write(std::string("\x82\xff\x40\x00\x00\x00\x00\x00\x00\x00\x01\x02\x03\x04", 14));
  std::string close = socket.read();
  ASSERT_GE(close.size(), 4u);
  EXPECT_EQ((static_cast<unsigned char>(close[2]) << 8) | static_cast<unsigned char>(close[3]),
            1009);
}

}  // namespace
}  // namespace ssmlink::testing
