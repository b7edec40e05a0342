// StartSession on an instance whose session preferences name a KMS key its role may not
// kms:Decrypt with (scenario kms-preferences): SSM lets the session start, and the agent
// ends it at once naming kms:Decrypt, read by an independent client (Python's websockets).
#include <gtest/gtest.h>

#include "tests/support/aws_client.hpp"
#include "tests/support/process.hpp"
#include "tests/support/running_emulator.hpp"
#include "tests/support/seed_ids.hpp"

namespace ssmlink::testing {
namespace {

using namespace std::chrono_literals;
using Json = nlohmann::json;

// argv: URL TOKEN. Prints the Output of the agent's channel_closed message as JSON.
constexpr const char* kClosedReader = R"PY(
import asyncio, json, sys, uuid, websockets

async def main():
    url, token = sys.argv[1], sys.argv[2]
    async with websockets.connect(url, ping_interval=None, compression=None) as ws:
        await ws.send(json.dumps({"MessageSchemaVersion": "1.0",
                                  "RequestId": str(uuid.uuid4()), "TokenValue": token,
                                  "ClientId": str(uuid.uuid4()), "ClientVersion": "1.2.677.0"}))
        while True:
            frame = await asyncio.wait_for(ws.recv(), 10)
            kind = frame[4:36].strip(b"\x00 ").decode()
            if kind == "channel_closed":
                length = int.from_bytes(frame[116:120], "big")
                print(json.dumps(json.loads(frame[120:120 + length])), flush=True)
                return

asyncio.run(main())
)PY";

TEST(KmsSession, TheAgentEndsTheSessionNamingKmsDecrypt) {
  RunningEmulator emulator{{"--scenario", "builtin:kms-preferences"}};
  AwsReply reply =
      send(emulator.port(), ssm_call("StartSession", Json{{"Target", seed::kInstance}}.dump()));
  ASSERT_EQ(reply.status, 200) << reply.body;
  Json session = Json::parse(reply.body);
  ProcessResult result = run_process(
      {"/usr/bin/python3", "-c", kClosedReader, session["StreamUrl"], session["TokenValue"]},
      {"PATH=/usr/bin:/bin"}, 30s);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  Json closed = Json::parse(result.out, nullptr, false);
  std::string output = closed.value("Output", "");
  EXPECT_NE(output.find("kms:Decrypt"), std::string::npos) << result.out;
  EXPECT_NE(output.find("SSMInstanceRole"), std::string::npos) << result.out;
}

}  // namespace
}  // namespace ssmlink::testing
