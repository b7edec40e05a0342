#include "session/handshake.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace ssmlink::session {
namespace {

using nlohmann::json;

TEST(Handshake, AcceptsAPortSessionWithItsProperties) {
  // The example of section 8.2.
  auto answer = answer_handshake_request(
      R"({"AgentVersion":"3.3.987.0","RequestedClientActions":[{"ActionType":"SessionType",
          "ActionParameters":{"SessionType":"Port","Properties":{"localPortNumber":"0",
          "portNumber":"80","type":"LocalPortForwarding"}}}]})",
      "1.2.677.0");
  ASSERT_TRUE(answer) << answer.error().message;
  EXPECT_EQ(answer->agent_version, "3.3.987.0");
  EXPECT_EQ(answer->session_type, SessionType::Port);
  EXPECT_EQ(answer->properties.at("portNumber"), "80");
  EXPECT_EQ(answer->properties.at("type"), "LocalPortForwarding");
  EXPECT_TRUE(answer->errors.empty());
  // The example of section 8.3.
  EXPECT_EQ(json::parse(answer->response_payload),
            json::parse(R"({"ClientVersion":"1.2.677.0","ProcessedClientActions":[{"ActionType":
                "SessionType","ActionStatus":1,"ActionResult":null,"Error":""}],"Errors":null})"));
}

TEST(Handshake, KnowsTheFourSessionTypes) {
  for (auto type : {SessionType::StandardStream, SessionType::InteractiveCommands,
                    SessionType::NonInteractiveCommands, SessionType::Port}) {
    json request = {{"AgentVersion", "3.3.987.0"},
                    {"RequestedClientActions",
                     {{{"ActionType", "SessionType"},
                       {"ActionParameters",
                        {{"SessionType", session_type_name(type)}, {"Properties", nullptr}}}}}}};
    auto answer = answer_handshake_request(request.dump(), "1.2.677.0");
    ASSERT_TRUE(answer);
    EXPECT_EQ(answer->session_type, type);
    EXPECT_TRUE(answer->errors.empty());
  }
}

TEST(Handshake, RefusesKmsEncryptionNamingTheKeyAndThePreference) {
  auto answer = answer_handshake_request(
      R"({"AgentVersion":"3.3.987.0","RequestedClientActions":[
          {"ActionType":"SessionType","ActionParameters":{"SessionType":"Standard_Stream","Properties":null}},
          {"ActionType":"KMSEncryption","ActionParameters":{"KMSKeyId":"alias/ssm-sessions","Challenge":"AAAA"}}]})",
      "1.2.677.0");
  ASSERT_TRUE(answer);
  ASSERT_EQ(answer->errors.size(), 1u);
  const std::string& error = answer->errors[0];
  EXPECT_NE(error.find("Failed to process action KMSEncryption"), std::string::npos);
  EXPECT_NE(error.find("'alias/ssm-sessions'"), std::string::npos);
  EXPECT_NE(error.find("Session Manager preferences"), std::string::npos);
  EXPECT_NE(error.find("Remove kmsKeyId"), std::string::npos);
  json response = json::parse(answer->response_payload);
  EXPECT_EQ(response["ProcessedClientActions"][0]["ActionStatus"], 1);
  EXPECT_EQ(response["ProcessedClientActions"][1]["ActionType"], "KMSEncryption");
  EXPECT_EQ(response["ProcessedClientActions"][1]["ActionStatus"], 2);
  EXPECT_EQ(response["ProcessedClientActions"][1]["Error"], error);
  EXPECT_EQ(response["Errors"], json::array({error}));
}

TEST(Handshake, UnknownSessionTypeFailsAndUnknownActionIsUnsupported) {
  auto answer = answer_handshake_request(
      R"({"RequestedClientActions":[{"ActionType":"SessionType","ActionParameters":{"SessionType":"Telnet"}},
          {"ActionType":"Teleport","ActionParameters":{}}]})",
      "1.2.677.0");
  ASSERT_TRUE(answer);
  EXPECT_FALSE(answer->session_type);
  json response = json::parse(answer->response_payload);
  EXPECT_EQ(response["ProcessedClientActions"][0]["ActionStatus"], 2);
  EXPECT_EQ(response["ProcessedClientActions"][0]["Error"],
            "Failed to process action SessionType: Unknown session type 'Telnet'");
  EXPECT_EQ(response["ProcessedClientActions"][1]["ActionStatus"], 3);
  EXPECT_EQ(answer->errors.size(), 2u);
}

TEST(Handshake, NoActionsGiveAnEmptyList) {
  auto answer = answer_handshake_request(R"({"AgentVersion":"3.3.987.0"})", "1.2.677.0");
  ASSERT_TRUE(answer);
  EXPECT_EQ(json::parse(answer->response_payload)["ProcessedClientActions"], json::array());
}

TEST(Handshake, HostileRequestsAreErrorsOrRefusals) {
  for (const char* bad : {"", "[]", "{", "\xff"})
    EXPECT_FALSE(answer_handshake_request(bad, "1"));
  for (
      const char* odd :
      {R"({"RequestedClientActions":5})", R"({"RequestedClientActions":[5,null]})",
       R"({"RequestedClientActions":[{"ActionType":7,"ActionParameters":[]}]})",
       R"({"AgentVersion":{"x":1},"RequestedClientActions":[{"ActionType":"SessionType","ActionParameters":"x"}]})",
       R"({"RequestedClientActions":[{"ActionType":"KMSEncryption"}]})"}) {
    EXPECT_TRUE(answer_handshake_request(odd, "1")) << odd;
  }
}

TEST(Handshake, CompleteCarriesTheCustomerMessage) {
  auto complete = parse_handshake_complete(
      R"({"HandshakeTimeToComplete":1500000000,"CustomerMessage":"Hello"})");
  ASSERT_TRUE(complete);
  EXPECT_EQ(complete->time_to_complete_ns, 1500000000);
  EXPECT_EQ(complete->customer_message, "Hello");
  EXPECT_EQ(parse_handshake_complete("{}")->customer_message, "");
  EXPECT_FALSE(parse_handshake_complete("oops"));
}

}  // namespace
}  // namespace ssmlink::session
