// The admin API under /_emulator/, over HTTP: reset, scenarios through the world part's
// hook (a fake here), state, the request log, faults at run time, and bad input.
#include "emulator/admin_api.hpp"

#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "emulator/server.hpp"
#include "emulator/world.hpp"
#include "tests/emulator/fake_services.hpp"
#include "tests/support/aws_client.hpp"

namespace ssmlink::emulator {
namespace {

using ssmlink::testing::query_call;

struct Answer {
  int status = 0;
  std::string content_type;
  std::string body;
  nlohmann::json json() const { return nlohmann::json::parse(body, nullptr, false); }
};

// A scenario loader standing in for the world part's: {"account_id": ..., "vpcs": [...]}.
void fake_load_scenario(World& world, const nlohmann::json& scenario) {
  if (!scenario.contains("account_id")) throw std::runtime_error("account_id is missing");
  world.regions.clear();
  world.access_keys.clear();
  world.account_id = scenario["account_id"].get<std::string>();
  for (const auto& id : scenario.value("vpcs", nlohmann::json::array())) {
    Vpc vpc;
    vpc.id = id.get<std::string>();
    world.region("us-east-1").vpcs[vpc.id] = vpc;
  }
}

class AdminTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ServerOptions options;
    options.hooks.load_scenario = fake_load_scenario;
    options.hooks.reset_world = [](World& world) {
      fake_load_scenario(world, {{"account_id", "123456789012"}, {"vpcs", {"vpc-start"}}});
    };
    server_ = std::make_unique<Server>(world_, fake_api(seen_), options);
    port_ = server_->start();
    client_ = std::make_unique<httplib::Client>("127.0.0.1", port_);
  }

  Answer get(const std::string& path) { return answer(client_->Get(path)); }
  Answer post(const std::string& path, const std::string& body) {
    return answer(client_->Post(path, body, "application/json"));
  }
  Answer del(const std::string& path) { return answer(client_->Delete(path)); }

  static Answer answer(const httplib::Result& result) {
    if (!result) return {};
    return {result->status, result->get_header_value("Content-Type"), result->body};
  }

  int aws_status() {
    return ssmlink::testing::send(port_, query_call("sts", "GetCallerIdentity", "2011-06-15"))
        .status;
  }

  World world_;
  Seen seen_;
  std::unique_ptr<Server> server_;
  int port_ = 0;
  std::unique_ptr<httplib::Client> client_;
};

TEST_F(AdminTest, HealthIsOk) {
  Answer health = get("/_emulator/health");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.content_type, "application/json");
  EXPECT_EQ(health.json(), (nlohmann::json{{"status", "ok"}}));
}

TEST_F(AdminTest, FaultsAreReadAndChangedKeyByKey) {
  EXPECT_EQ(get("/_emulator/faults").json(),
            (nlohmann::json{{"throttle", 0.0},
                            {"5xx", 0.0},
                            {"html", 0.0},
                            {"truncate", 0.0},
                            {"latency_ms", 0},
                            {"reset", 0.0},
                            {"operations", nlohmann::json::object()},
                            {"seed", 1}}));
  Answer changed = post("/_emulator/faults", R"({"throttle": 1, "seed": 7})");
  EXPECT_EQ(changed.status, 200);
  EXPECT_EQ(changed.json()["throttle"], 1.0);
  EXPECT_EQ(changed.json()["seed"], 7);
  EXPECT_EQ(aws_status(), 400);  // throttled

  post("/_emulator/faults", R"({"5xx": 0.5, "latency_ms": 5})");
  nlohmann::json now = get("/_emulator/faults").json();
  EXPECT_EQ(now["throttle"], 1.0);  // left as it was
  EXPECT_EQ(now["5xx"], 0.5);
  EXPECT_EQ(now["latency_ms"], 5);

  post("/_emulator/faults", R"({"throttle": 0, "5xx": 0, "latency_ms": 0})");
  EXPECT_EQ(aws_status(), 200);
}

TEST_F(AdminTest, FaultsSetAtRunTimeAreSeededToo) {
  auto run = [&] {
    post("/_emulator/faults", R"({"throttle": 0.3, "seed": 11})");
    std::vector<int> statuses;
    for (int i = 0; i < 20; ++i)
      statuses.push_back(aws_status());
    return statuses;
  };
  EXPECT_EQ(run(), run());
}

TEST_F(AdminTest, BadFaultsAreRefusedNamingTheValueAndChangeNothing) {
  struct Case {
    std::string body;
    std::string says;
  };
  for (const Case& bad : std::vector<Case>{
           {R"({"throttle": 1.5})", "\"throttle\" must be a probability from 0 to 1, got 1.5"},
           {R"({"reset": "often"})", "\"reset\" must be a probability from 0 to 1, got \"often\""},
           {R"({"5xx": -0.1})", "\"5xx\" must be a probability from 0 to 1, got -0.1"},
           {R"({"latency_ms": 2.5})", "\"latency_ms\" must be a whole number"},
           {R"({"latency_ms": -1})", "got -1"},
           {R"({"seed": -7})", "\"seed\" must be a whole number"},
           {R"({"throttle": 0.5, "jitter": 1})", "unknown key \"jitter\""},
           {R"([0.3])", "faults must be a JSON object"},
           {"throttle=0.3", "got 'throttle=0.3'"},
       }) {
    Answer answer = post("/_emulator/faults", bad.body);
    EXPECT_EQ(answer.status, 400) << bad.body;
    std::string error = answer.json().value("error", "");
    EXPECT_NE(error.find(bad.says), std::string::npos) << bad.body << " -> " << error;
  }
  EXPECT_EQ(get("/_emulator/faults").json()["throttle"], 0.0);
}

TEST_F(AdminTest, HtmlAndTruncateRatesAreSetLikeTheOthers) {
  Answer changed = post("/_emulator/faults", R"({"html": 1, "truncate": 0.25})");
  EXPECT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.json()["html"], 1.0);
  EXPECT_EQ(changed.json()["truncate"], 0.25);
  int status = aws_status();
  EXPECT_TRUE(status == 500 || status == 502) << status;
  post("/_emulator/faults", R"({"html": 0})");
  EXPECT_EQ(aws_status(), 200);
}

TEST_F(AdminTest, OperationFaultsAreSetShownAndCleared) {
  Answer set = post("/_emulator/faults", R"({"operations": {
      "sts:GetCallerIdentity": "denied",
      "ssm:DescribeInstanceInformation": "html",
      "cloudformation:DescribeStacks": "throttle@0.5",
      "ec2:DescribeVpcs": "hang:2000@0.25"}})");
  EXPECT_EQ(set.status, 200) << set.body;
  nlohmann::json shown = {{"sts:GetCallerIdentity", "denied"},
                          {"ssm:DescribeInstanceInformation", "html"},
                          {"cloudformation:DescribeStacks", "throttle@0.5"},
                          {"ec2:DescribeVpcs", "hang:2000@0.25"}};
  EXPECT_EQ(set.json()["operations"], shown);
  EXPECT_EQ(get("/_emulator/faults").json()["operations"], shown);
  EXPECT_EQ(aws_status(), 403);

  post("/_emulator/faults", R"({"throttle": 0})");  // other keys leave them as they are
  EXPECT_EQ(get("/_emulator/faults").json()["operations"], shown);

  post("/_emulator/faults", R"({"operations": {"ssm:DescribeInstanceInformation": "garbage"}})");
  EXPECT_EQ(get("/_emulator/faults").json()["operations"],
            (nlohmann::json{{"ssm:DescribeInstanceInformation", "garbage"}}));
  EXPECT_EQ(aws_status(), 200);  // replaced, not merged

  Answer cleared = post("/_emulator/faults", R"({"operations": {}})");
  EXPECT_EQ(cleared.json()["operations"], nlohmann::json::object());
}

TEST_F(AdminTest, BadOperationFaultsAreRefusedNamingTheValueAndChangeNothing) {
  post("/_emulator/faults", R"({"operations": {"sts:GetCallerIdentity": "denied"}})");
  struct Case {
    std::string body;
    std::string error;
  };
  for (const Case& bad : std::vector<Case>{
           {R"({"operations": ["sts:GetCallerIdentity=html"]})",
            R"(faults: "operations" must be an object such as )"
            R"({"ssm:DescribeInstanceInformation": "html"}, got ["sts:GetCallerIdentity=html"])"},
           {R"({"operations": {"s3:GetObject": "html"}})",
            R"(faults: "operations": "s3:GetObject": 's3:GetObject': unknown service 's3' )"
            R"((known: ec2, cloudformation, sts, ssm, iam, organizations))"},
           {R"({"operations": {"GetCallerIdentity": "html"}})",
            R"(faults: "operations": "GetCallerIdentity": 'GetCallerIdentity' is not )"
            R"(SERVICE:Operation, e.g. ssm:DescribeInstanceInformation)"},
           {R"({"operations": {"sts:GetCallerIdentity": "flaky"}})",
            R"(faults: "operations": "sts:GetCallerIdentity": unknown fault 'flaky' (known: )"
            R"(throttle, 5xx, reset, html, truncate, garbage, denied, unknown, hang; e.g. html, )"
            R"(throttle@0.5, hang:2000))"},
           {R"({"operations": {"sts:GetCallerIdentity": "throttle@1.5"}})",
            R"(faults: "operations": "sts:GetCallerIdentity": the rate '1.5' after '@' is not )"
            R"(a probability from 0 to 1)"},
           {R"({"operations": {"sts:GetCallerIdentity": "hang:forever"}})",
            R"(faults: "operations": "sts:GetCallerIdentity": hang:forever is not a number of )"
            R"(milliseconds from 0 to 600000)"},
           {R"({"operations": {"sts:GetCallerIdentity": 1}})",
            R"(faults: "operations": "sts:GetCallerIdentity": the fault must be a string such )"
            R"(as "html", "throttle@0.5" or "hang:2000", got 1)"},
           {R"({"operations": {"sts:GetCallerIdentityy": "html"}})",
            R"(faults: "operations": 'sts:GetCallerIdentityy': this emulator does not serve sts )"
            R"(GetCallerIdentityy (it serves )"},
           {R"({"html": 2})", R"(faults: "html" must be a probability from 0 to 1, got 2)"},
           {R"({"truncate": "half"})",
            R"(faults: "truncate" must be a probability from 0 to 1, got "half")"},
       }) {
    Answer answer = post("/_emulator/faults", bad.body);
    EXPECT_EQ(answer.status, 400) << bad.body;
    EXPECT_EQ(answer.content_type, "application/json");
    std::string error = answer.json().value("error", "");
    EXPECT_TRUE(error.starts_with(bad.error)) << bad.body << "\n -> " << error;
  }
  EXPECT_EQ(get("/_emulator/faults").json()["operations"],
            (nlohmann::json{{"sts:GetCallerIdentity", "denied"}}));
}

TEST_F(AdminTest, TheAdminApiIsNeverFaultedNorLogged) {
  post("/_emulator/faults", R"({"throttle": 1, "5xx": 1, "reset": 1, "html": 1, "truncate": 1})");
  for (int i = 0; i < 10; ++i)
    EXPECT_EQ(get("/_emulator/health").status, 200);
  EXPECT_EQ(get("/_emulator/requests").body, "");
}

TEST_F(AdminTest, TheRequestLogHasOneJsonLinePerAwsCall) {
  aws_status();
  ssmlink::testing::AwsCall unknown = query_call("sts", "GetCallerIdentity", "2011-06-15");
  unknown.access_key_id = "test-nobody";
  ssmlink::testing::send(port_, unknown);
  ssmlink::testing::send(port_, ssmlink::testing::ssm_call("DescribeInstanceInformation"));

  Answer log = get("/_emulator/requests");
  EXPECT_EQ(log.status, 200);
  EXPECT_EQ(log.content_type, "application/x-ndjson");
  std::vector<nlohmann::json> lines;
  std::istringstream text(log.body);
  for (std::string line; std::getline(text, line);)
    lines.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0]["service"], "sts");
  EXPECT_EQ(lines[0]["action"], "GetCallerIdentity");
  EXPECT_EQ(lines[0]["region"], "us-east-1");
  EXPECT_EQ(lines[0]["status"], 200);
  EXPECT_TRUE(lines[0]["latency_ms"].is_number());
  EXPECT_FALSE(lines[0].contains("error"));
  EXPECT_TRUE(std::regex_match(lines[0]["time"].get<std::string>(),
                               std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)")));
  EXPECT_EQ(lines[0]["request_id"].get<std::string>().size(), 36u);
  EXPECT_EQ(lines[1]["status"], 403);
  EXPECT_EQ(lines[1]["error"], "InvalidClientTokenId");
  EXPECT_EQ(lines[2]["service"], "ssm");
  EXPECT_EQ(lines[2]["action"], "DescribeInstanceInformation");

  EXPECT_EQ(del("/_emulator/requests").status, 200);
  EXPECT_EQ(get("/_emulator/requests").body, "");
}

TEST_F(AdminTest, AScenarioReplacesTheWorldAndResetBringsBackTheFirst) {
  Answer loaded =
      post("/_emulator/scenario", R"({"account_id": "210987654321", "vpcs": ["vpc-a", "vpc-b"]})");
  EXPECT_EQ(loaded.status, 200) << loaded.body;
  nlohmann::json state = get("/_emulator/state").json();
  EXPECT_EQ(state["account_id"], "210987654321");
  EXPECT_EQ(state["regions"]["us-east-1"]["vpcs"], (nlohmann::json{"vpc-a", "vpc-b"}));
  // The scenario had no keys: the default one is back, in the new account.
  EXPECT_EQ(state["access_keys"][0]["access_key_id"], "test");
  EXPECT_EQ(state["access_keys"][0]["arn"], "arn:aws:iam::210987654321:user/emulator");
  EXPECT_EQ(aws_status(), 200);

  EXPECT_EQ(post("/_emulator/reset", "").status, 200);
  state = get("/_emulator/state").json();
  EXPECT_EQ(state["account_id"], "123456789012");
  EXPECT_EQ(state["regions"]["us-east-1"]["vpcs"], (nlohmann::json{"vpc-start"}));
}

TEST_F(AdminTest, ABadScenarioIsRefusedWithTheLoadersMessage) {
  Answer not_json = post("/_emulator/scenario", "{vpcs: }");
  EXPECT_EQ(not_json.status, 400);
  EXPECT_NE(not_json.json()["error"].get<std::string>().find("must be a JSON object"),
            std::string::npos);
  Answer refused = post("/_emulator/scenario", R"({"vpcs": []})");
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(refused.json()["error"], "bad scenario: account_id is missing");
  EXPECT_EQ(aws_status(), 200);  // still serving, with a key
}

TEST_F(AdminTest, TheStateDumpShowsTemporaryKeysWithoutSecrets) {
  ssmlink::testing::send(port_, query_call("sts", "AssumeRole", "2011-06-15",
                                           {{"RoleArn", "arn:aws:iam::123456789012:role/r"},
                                            {"RoleSessionName", "s1"}}));
  Answer state = get("/_emulator/state");
  EXPECT_EQ(state.body.find("SecretAccessKey"), std::string::npos);
  EXPECT_EQ(state.body.find("secret"), std::string::npos);
  nlohmann::json keys = state.json()["access_keys"];
  ASSERT_EQ(keys.size(), 2u);
  EXPECT_EQ(keys[1]["temporary"], true);
  EXPECT_TRUE(keys[1]["expiration"].is_string());
  EXPECT_EQ(state.json()["timings"]["provision_ms"], 300);
}

TEST_F(AdminTest, UnknownEndpointsAndMethodsAreNamed) {
  Answer unknown = get("/_emulator/nothing");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_NE(unknown.json()["error"].get<std::string>().find("GET /_emulator/nothing"),
            std::string::npos);
  Answer wrong_method = get("/_emulator/reset");
  EXPECT_EQ(wrong_method.status, 405);
  EXPECT_EQ(wrong_method.json()["error"], "GET /_emulator/reset is not allowed; use POST");
}

TEST(AdminWithoutHooks, ResetEmptiesTheWorldAndScenariosAreNotAvailable) {
  World world;
  world.region("eu-west-1");
  Server server(world, {});
  int port = server.start();
  httplib::Client client("127.0.0.1", port);
  EXPECT_EQ(client.Post("/_emulator/scenario", "{}", "application/json")->status, 501);
  EXPECT_EQ(client.Post("/_emulator/reset", "", "application/json")->status, 200);
  nlohmann::json state = nlohmann::json::parse(client.Get("/_emulator/state")->body);
  EXPECT_TRUE(state["regions"].empty());
  EXPECT_EQ(state["access_keys"].size(), 1u);
}

}  // namespace
}  // namespace ssmlink::emulator
