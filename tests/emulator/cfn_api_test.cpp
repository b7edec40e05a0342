#include "emulator/cloudformation/cloudformation_api.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <pugixml.hpp>
#include <regex>
#include <set>

#include "tests/emulator/cfn_test_support.hpp"

namespace ssmlink::emulator::testing {
namespace {

using Json = nlohmann::json;
using Params = std::map<std::string, std::string>;

const char* kNamespace = "http://cloudformation.amazonaws.com/doc/2010-05-15/";

class CloudFormationApiTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    add_cloudformation_api(table, *engine);
  }

  ApiResponse call(const std::string& action, const Params& params) {
    ApiRequest request;
    request.service = "cloudformation";
    request.action = action;
    request.region = kRegion;
    request.params = params;
    request.params["Action"] = action;
    request.params["Version"] = "2010-05-15";
    request.request_id = "11111111-2222-4333-8444-" + std::to_string(100000000000 + ++requests);
    request.now = std::chrono::system_clock::now();
    std::lock_guard lock(world.mutex);
    return table.at("cloudformation").at(action)(world, request);
  }

  // The ApiError a call raises: "Code: message".
  std::string error_of(const std::string& action, const Params& params) {
    try {
      call(action, params);
    } catch (const ApiError& error) {
      EXPECT_EQ(error.status, 400);
      EXPECT_TRUE(error.sender);
      return error.code + ": " + error.what();
    }
    return "(no error)";
  }

  // The <OpResult> element, after checking the envelope.
  pugi::xml_node result_of(pugi::xml_document& document, const ApiResponse& response,
                           const std::string& action) {
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.content_type, "text/xml");
    EXPECT_TRUE(document.load_string(response.body.c_str())) << response.body;
    pugi::xml_node root = document.child((action + "Response").c_str());
    EXPECT_TRUE(root) << response.body;
    EXPECT_STREQ(root.attribute("xmlns").value(), kNamespace);
    EXPECT_FALSE(std::string(root.child("ResponseMetadata").child_value("RequestId")).empty());
    return root.child((action + "Result").c_str());
  }

  Params seed_create(const std::string& name) {
    return {{"StackName", name},
            {"TemplateBody", read_file("tests/data/seed/vpc-endpoints-for-session-managers.yml")},
            {"Parameters.member.1.ParameterKey", "AvailabilityZone"},
            {"Parameters.member.1.ParameterValue", "us-east-1a"},
            {"Parameters.member.2.ParameterKey", "VpcId"},
            {"Parameters.member.2.ParameterValue", kVpc},
            {"Parameters.member.3.ParameterKey", "SubnetId"},
            {"Parameters.member.3.ParameterValue", kSubnetA},
            {"Parameters.member.4.ParameterKey", "Ec2InstanceSg"},
            {"Parameters.member.4.ParameterValue", kInstanceSg},
            {"Tags.member.1.Key", "ssmlink:managed"},
            {"Tags.member.1.Value", "true"},
            {"ClientRequestToken", "create-" + name}};
  }

  std::string create_via_api(const Params& params) {
    pugi::xml_document document;
    auto result = result_of(document, call("CreateStack", params), "CreateStack");
    return result.child_value("StackId");
  }

  ApiTable table;
  int requests = 0;
};

TEST_F(CloudFormationApiTest, CreateStackAnswersWithTheStackId) {
  pugi::xml_document document;
  auto result = result_of(document, call("CreateStack", seed_create("api")), "CreateStack");
  std::string id = result.child_value("StackId");
  EXPECT_TRUE(id.starts_with("arn:aws:cloudformation:us-east-1:123456789012:stack/api/")) << id;
  // Same request again (a retry): same stack.
  EXPECT_EQ(create_via_api(seed_create("api")), id);
  Params other = seed_create("api");
  other["ClientRequestToken"] = "different";
  EXPECT_EQ(error_of("CreateStack", other), "AlreadyExistsException: Stack [api] already exists");
  EXPECT_EQ(settle(id), "CREATE_COMPLETE");
}

TEST_F(CloudFormationApiTest, CreateStackRequestValidation) {
  Params params = seed_create("v");
  params["OnFailure"] = "DELETE";
  params["DisableRollback"] = "true";
  EXPECT_EQ(error_of("CreateStack", params),
            "ValidationError: You can specify either OnFailure or DisableRollback, but not both.");
  params.erase("DisableRollback");
  params["OnFailure"] = "EXPLODE";
  EXPECT_EQ(error_of("CreateStack", params),
            "ValidationError: 1 validation error detected: Value 'EXPLODE' at 'onFailure' failed "
            "to satisfy constraint: Member must satisfy enum value set: [DO_NOTHING, ROLLBACK, "
            "DELETE]");
  params = seed_create("v");
  params["StackName"] = "bad_name";
  EXPECT_EQ(error_of("CreateStack", params),
            "ValidationError: 1 validation error detected: Value 'bad_name' at 'stackName' failed "
            "to satisfy constraint: Member must satisfy regular expression pattern: "
            "[a-zA-Z][-a-zA-Z0-9]*");
  params = seed_create("v");
  params.erase("TemplateBody");
  EXPECT_EQ(error_of("CreateStack", params),
            "ValidationError: Either Template URL or Template Body must be specified.");
  params["TemplateBody"] = "Description: '" + std::string(51200, 'x') + "'\n";
  std::string too_long = error_of("CreateStack", params);
  EXPECT_TRUE(too_long.ends_with(
      "' at 'templateBody' failed to satisfy constraint: Member must have length less than or "
      "equal to 51200"));
  EXPECT_TRUE(too_long.starts_with("ValidationError: 1 validation error detected: Value '"));
  params = seed_create("v");
  params["TimeoutInMinutes"] = "0";
  EXPECT_EQ(error_of("CreateStack", params),
            "ValidationError: 1 validation error detected: Value '0' at 'timeoutInMinutes' "
            "failed to satisfy constraint: Member must have value greater than or equal to 1");
  params = seed_create("v");
  params["Parameters.member.5.ParameterKey"] = "Unknown";
  params["Parameters.member.5.ParameterValue"] = "x";
  EXPECT_EQ(error_of("CreateStack", params),
            "ValidationError: Parameters: [Unknown] do not exist in the template");
  params = seed_create("v");
  params["TemplateBody"] = "Resources:\n  B:\n    Type: AWS::S3::Bucket\n";
  EXPECT_EQ(
      error_of("CreateStack", params),
      "ValidationError: Template format error: Unrecognized resource types: [AWS::S3::Bucket]");
}

TEST_F(CloudFormationApiTest, DescribeStacksXml) {
  Params params = seed_create("described");
  params["TemplateBody"] =
      "Description: shown\nParameters:\n  Secret: {Type: String, NoEcho: true}\n"
      "Resources:\n  G:\n    Type: AWS::EC2::SecurityGroup\n    Properties: {GroupDescription: x}\n"
      "Outputs:\n  GroupId:\n    Description: the group\n    Value: !Ref G\n";
  params = {{"StackName", "described"},
            {"TemplateBody", params["TemplateBody"]},
            {"Parameters.member.1.ParameterKey", "Secret"},
            {"Parameters.member.1.ParameterValue", "hunter2"},
            {"Tags.member.1.Key", "team"},
            {"Tags.member.1.Value", "ops"},
            {"DisableRollback", "true"},
            {"TimeoutInMinutes", "30"}};
  std::string id = create_via_api(params);
  ASSERT_EQ(settle(id), "CREATE_COMPLETE");
  pugi::xml_document document;
  auto result =
      result_of(document, call("DescribeStacks", {{"StackName", "described"}}), "DescribeStacks");
  auto stack = result.child("Stacks").child("member");
  EXPECT_STREQ(stack.child_value("StackId"), id.c_str());
  EXPECT_STREQ(stack.child_value("StackName"), "described");
  EXPECT_STREQ(stack.child_value("Description"), "shown");
  EXPECT_STREQ(stack.child_value("StackStatus"), "CREATE_COMPLETE");
  EXPECT_STREQ(stack.child_value("DisableRollback"), "true");
  EXPECT_STREQ(stack.child_value("TimeoutInMinutes"), "30");
  EXPECT_STREQ(stack.child("Parameters").child("member").child_value("ParameterValue"), "****");
  auto output = stack.child("Outputs").child("member");
  EXPECT_STREQ(output.child_value("OutputKey"), "GroupId");
  EXPECT_TRUE(std::string(output.child_value("OutputValue")).starts_with("sg-"));
  EXPECT_STREQ(stack.child("Tags").child("member").child_value("Key"), "team");
  EXPECT_TRUE(std::regex_match(stack.child_value("CreationTime"),
                               std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)")));
  EXPECT_FALSE(stack.child("DeletionTime"));
  EXPECT_FALSE(stack.child("StackStatusReason"));
  // All live stacks without a name.
  pugi::xml_document all;
  auto listed = result_of(all, call("DescribeStacks", {}), "DescribeStacks");
  EXPECT_EQ(std::distance(listed.child("Stacks").children("member").begin(),
                          listed.child("Stacks").children("member").end()),
            1);
}

TEST_F(CloudFormationApiTest, DeletedStacksAreDescribableByIdOnly) {
  std::string id = create_via_api(seed_create("deleted"));
  ASSERT_EQ(settle(id), "CREATE_COMPLETE");
  pugi::xml_document deleted;
  auto response = call("DeleteStack", {{"StackName", "deleted"}, {"ClientRequestToken", "del-1"}});
  ASSERT_TRUE(deleted.load_string(response.body.c_str()));
  EXPECT_TRUE(deleted.child("DeleteStackResponse").child("ResponseMetadata"));
  EXPECT_FALSE(deleted.child("DeleteStackResponse").child("DeleteStackResult"));
  ASSERT_EQ(settle(id), "DELETE_COMPLETE");
  EXPECT_EQ(error_of("DescribeStacks", {{"StackName", "deleted"}}),
            "ValidationError: Stack with id deleted does not exist");
  EXPECT_EQ(error_of("DescribeStackEvents", {{"StackName", "deleted"}}),
            "ValidationError: Stack with id deleted does not exist");
  pugi::xml_document document;
  auto result = result_of(document, call("DescribeStacks", {{"StackName", id}}), "DescribeStacks");
  EXPECT_STREQ(result.child("Stacks").child("member").child_value("StackStatus"),
               "DELETE_COMPLETE");
  EXPECT_TRUE(result.child("Stacks").child("member").child("DeletionTime"));
  pugi::xml_document resources;
  auto listed = result_of(resources, call("DescribeStackResources", {{"StackName", id}}),
                          "DescribeStackResources");
  for (auto member : listed.child("StackResources").children("member")) {
    EXPECT_STREQ(member.child_value("ResourceStatus"), "DELETE_COMPLETE");
  }
  // Gone from DescribeStacks without a name, but listed by ListStacks.
  pugi::xml_document all;
  auto none = result_of(all, call("DescribeStacks", {}), "DescribeStacks");
  EXPECT_FALSE(none.child("Stacks").child("member"));
  pugi::xml_document summaries;
  auto list =
      result_of(summaries, call("ListStacks", {{"StackStatusFilter.member.1", "DELETE_COMPLETE"}}),
                "ListStacks");
  EXPECT_STREQ(list.child("StackSummaries").child("member").child_value("StackId"), id.c_str());
  // Deleting again, by name or ID, is a quiet success.
  EXPECT_EQ(call("DeleteStack", {{"StackName", "deleted"}}).status, 200);
  EXPECT_EQ(call("DeleteStack", {{"StackName", id}}).status, 200);
}

TEST_F(CloudFormationApiTest, StackEventsAreNewestFirstAndPaginated) {
  // One group and 40 rules: 1 + 3 + 120 + 1 = 125 events, more than a page.
  std::string body =
      "Resources:\n  Group:\n    Type: AWS::EC2::SecurityGroup\n"
      "    Properties: {GroupDescription: many}\n";
  for (int i = 0; i < 40; ++i) {
    body += "  Rule" + std::to_string(i) +
            ":\n    Type: AWS::EC2::SecurityGroupIngress\n    Properties: {GroupId: !Ref Group, "
            "IpProtocol: tcp, FromPort: " +
            std::to_string(1000 + i) + ", ToPort: " + std::to_string(1000 + i) +
            ", CidrIp: 10.0.0.0/8, Description: rule" + std::to_string(i) + "}\n";
  }
  std::string id = create_via_api({{"StackName", "many"}, {"TemplateBody", body}});
  ASSERT_EQ(settle(id), "CREATE_COMPLETE");
  std::vector<std::string> event_ids;
  std::vector<std::string> timestamps;
  std::string token;
  int pages = 0;
  do {
    Params params{{"StackName", "many"}};
    if (!token.empty()) params["NextToken"] = token;
    pugi::xml_document document;
    auto result = result_of(document, call("DescribeStackEvents", params), "DescribeStackEvents");
    for (auto member : result.child("StackEvents").children("member")) {
      event_ids.push_back(member.child_value("EventId"));
      timestamps.push_back(member.child_value("Timestamp"));
      EXPECT_STREQ(member.child_value("StackName"), "many");
      EXPECT_STREQ(member.child_value("StackId"), id.c_str());
    }
    token = result.child_value("NextToken");
    ++pages;
  } while (!token.empty() && pages < 10);
  EXPECT_EQ(pages, 2);
  EXPECT_EQ(event_ids.size(), 125u);
  EXPECT_EQ(std::set<std::string>(event_ids.begin(), event_ids.end()).size(), 125u);
  EXPECT_TRUE(std::is_sorted(timestamps.rbegin(), timestamps.rend()));  // newest first
  Stack stack = snapshot(id);
  EXPECT_EQ(event_ids.front(), stack.events.back().event_id);
  EXPECT_EQ(event_ids.back(), stack.events.front().event_id);
}

TEST_F(CloudFormationApiTest, StackResourcesAndTemplate) {
  Params params = seed_create("resources");
  std::string id = create_via_api(params);
  ASSERT_EQ(settle(id), "CREATE_COMPLETE");
  pugi::xml_document document;
  auto result = result_of(document, call("DescribeStackResources", {{"StackName", "resources"}}),
                          "DescribeStackResources");
  std::map<std::string, std::string> physical;
  for (auto member : result.child("StackResources").children("member")) {
    EXPECT_STREQ(member.child_value("ResourceStatus"), "CREATE_COMPLETE");
    EXPECT_STREQ(member.child("DriftInformation").child_value("StackResourceDriftStatus"),
                 "NOT_CHECKED");
    physical[member.child_value("LogicalResourceId")] = member.child_value("PhysicalResourceId");
  }
  EXPECT_EQ(physical.size(), 4u);
  EXPECT_TRUE(physical["SsmVpcEndpoint"].starts_with("vpce-"));
  // By physical ID, filtered by logical ID.
  pugi::xml_document by_physical;
  auto one =
      result_of(by_physical,
                call("DescribeStackResources", {{"PhysicalResourceId", physical["SsmVpcEndpoint"]},
                                                {"LogicalResourceId", "SsmVpcEndpoint"}}),
                "DescribeStackResources");
  EXPECT_STREQ(one.child("StackResources").child("member").child_value("StackId"), id.c_str());
  EXPECT_FALSE(one.child("StackResources").child("member").next_sibling("member"));
  // GetTemplate returns the body exactly as submitted (the seed's tab included).
  pugi::xml_document tmpl;
  auto got = result_of(tmpl, call("GetTemplate", {{"StackName", "resources"}}), "GetTemplate");
  EXPECT_EQ(std::string(got.child_value("TemplateBody")), params["TemplateBody"]);
}

// --- A real client reads it: Debian's botocore (bundled with awscli) parses the responses.

// Runs /usr/bin/python3 with botocore's query parser on each response body, using the
// cloudformation service model's output shapes; returns {file name: parsed output}.
Json parse_with_botocore(const std::vector<std::pair<std::string, std::string>>& responses) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("cfn-botocore-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  int n = 0;
  for (const auto& [operation, body] : responses) {
    std::ofstream(dir / (operation + "." + std::to_string(n++) + ".xml")) << body;
  }
  std::ofstream(dir / "parse.py") << R"(
import json, os, sys
try:
    from botocore import session, parsers
except ImportError:  # Debian's awscli bundles its own botocore
    from awscli.botocore import session, parsers
model = session.get_session().get_service_model('cloudformation')
out = {}
for name in sorted(os.listdir(sys.argv[1])):
    if not name.endswith('.xml'):
        continue
    with open(os.path.join(sys.argv[1], name), 'rb') as f:
        body = f.read()
    shape = model.operation_model(name.split('.')[0]).output_shape
    parser = parsers.create_parser('query')
    out[name] = parser.parse({'body': body, 'headers': {}, 'status_code': 200}, shape)
print(json.dumps(out, default=str))
)";
  std::string command =
      "TZ=UTC /usr/bin/python3 " + (dir / "parse.py").string() + " " + dir.string();
  std::string output;
  if (FILE* pipe = ::popen(command.c_str(), "r")) {
    char buffer[4096];
    size_t read;
    while ((read = std::fread(buffer, 1, sizeof buffer, pipe)) > 0)
      output.append(buffer, read);
    ::pclose(pipe);
  }
  fs::remove_all(dir);
  Json parsed = Json::parse(output, nullptr, false);
  EXPECT_FALSE(parsed.is_discarded()) << output;
  return parsed;
}

TEST_F(CloudFormationApiTest, BotocoreParsesTheResponses) {
  ASSERT_TRUE(std::filesystem::exists("/usr/bin/python3")) << "no /usr/bin/python3";
  Params create = seed_create("boto");
  create["TemplateBody"] = read_file("tests/data/emulator/ssmlink-template.yaml");
  create.erase("Parameters.member.4.ParameterKey");
  create.erase("Parameters.member.4.ParameterValue");
  create["Parameters.member.1.ParameterKey"] = "InstanceSecurityGroupId";
  create["Parameters.member.1.ParameterValue"] = kInstanceSg;
  create["Parameters.member.3.ParameterKey"] = "SubnetIds";
  create["Parameters.member.3.ParameterValue"] = std::string(kSubnetA) + "," + kSubnetB;
  ApiResponse created = call("CreateStack", create);
  std::string id;
  {
    pugi::xml_document document;
    id = result_of(document, created, "CreateStack").child_value("StackId");
  }
  ASSERT_EQ(settle(id), "CREATE_COMPLETE");
  Json parsed = parse_with_botocore({
      {"CreateStack", created.body},
      {"DescribeStacks", call("DescribeStacks", {{"StackName", "boto"}}).body},
      {"DescribeStackEvents", call("DescribeStackEvents", {{"StackName", "boto"}}).body},
      {"DescribeStackResources", call("DescribeStackResources", {{"StackName", "boto"}}).body},
      {"ListStacks", call("ListStacks", {}).body},
      {"GetTemplate", call("GetTemplate", {{"StackName", "boto"}}).body},
  });
  ASSERT_TRUE(parsed.is_object());
  EXPECT_EQ(parsed["CreateStack.0.xml"]["StackId"], Json(id));
  EXPECT_TRUE(parsed["CreateStack.0.xml"]["ResponseMetadata"]["RequestId"].is_string());

  const Json& stack = parsed["DescribeStacks.1.xml"]["Stacks"][0];
  EXPECT_EQ(stack["StackName"], Json("boto"));
  EXPECT_EQ(stack["StackStatus"], Json("CREATE_COMPLETE"));
  EXPECT_EQ(stack["DisableRollback"], Json(false));
  EXPECT_EQ(stack["Tags"], Json::parse(R"([{"Key":"ssmlink:managed","Value":"true"}])"));
  EXPECT_EQ(stack["Outputs"].size(), 4u);
  EXPECT_EQ(stack["DriftInformation"]["StackDriftStatus"], Json("NOT_CHECKED"));
  EXPECT_TRUE(stack["CreationTime"].get<std::string>().ends_with("+00:00"))
      << stack["CreationTime"];
  bool subnets_seen = false;
  for (const auto& parameter : stack["Parameters"]) {
    if (parameter["ParameterKey"] == "SubnetIds") {
      subnets_seen = true;
      EXPECT_EQ(parameter["ParameterValue"], Json(std::string(kSubnetA) + "," + kSubnetB));
    }
  }
  EXPECT_TRUE(subnets_seen);

  const Json& events = parsed["DescribeStackEvents.2.xml"]["StackEvents"];
  Stack snap = snapshot(id);
  ASSERT_EQ(events.size(), snap.events.size());
  EXPECT_EQ(events[0]["ResourceStatus"], Json("CREATE_COMPLETE"));
  EXPECT_EQ(events[0]["LogicalResourceId"], Json("boto"));
  EXPECT_EQ(events.back()["ResourceStatusReason"], Json("User Initiated"));
  EXPECT_EQ(events.back()["ClientRequestToken"], Json("create-boto"));
  for (const auto& event : events) {
    if (event["ResourceStatus"] == "CREATE_IN_PROGRESS" &&
        !event.contains("ResourceStatusReason")) {
      EXPECT_EQ(event["PhysicalResourceId"], Json(""));  // as AWS shows the first event
      EXPECT_TRUE(Json::parse(event["ResourceProperties"].get<std::string>()).is_object());
    }
  }

  const Json& resources = parsed["DescribeStackResources.3.xml"]["StackResources"];
  EXPECT_EQ(resources.size(), 4u);
  EXPECT_EQ(resources[0]["ResourceStatus"], Json("CREATE_COMPLETE"));

  const Json& summaries = parsed["ListStacks.4.xml"]["StackSummaries"];
  ASSERT_EQ(summaries.size(), 1u);
  EXPECT_EQ(summaries[0]["StackId"], Json(id));
  EXPECT_EQ(summaries[0]["TemplateDescription"],
            Json("VPC endpoints for Session Manager (ssm, ssmmessages, ec2messages), made by "
                 "ssmlink 0.1.0"));

  EXPECT_EQ(parsed["GetTemplate.5.xml"]["TemplateBody"], Json(create["TemplateBody"]));
  EXPECT_EQ(parsed["GetTemplate.5.xml"]["StagesAvailable"],
            Json::parse(R"(["Original","Processed"])"));
}

TEST_F(CloudFormationApiTest, BotocoreReadsAFailedStacksEvents) {
  ASSERT_TRUE(std::filesystem::exists("/usr/bin/python3")) << "no /usr/bin/python3";
  {
    std::lock_guard lock(world.mutex);
    provisioner.fail_create["SsmVpcEndpoint"] =
        Ec2Failure{"InvalidParameter",
                   "Enabling private DNS requires both enableDnsSupport and enableDnsHostnames VPC "
                   "attributes set to true for vpc-0f00d1e2c3b4a5968",
                   400};
  }
  std::string id = create_via_api(seed_create("dnsoff"));
  ASSERT_EQ(settle(id), "ROLLBACK_COMPLETE");
  Json parsed = parse_with_botocore({
      {"DescribeStackEvents", call("DescribeStackEvents", {{"StackName", "dnsoff"}}).body},
      {"DescribeStacks", call("DescribeStacks", {{"StackName", "dnsoff"}}).body},
  });
  bool found = false;
  for (const auto& event : parsed["DescribeStackEvents.0.xml"]["StackEvents"]) {
    if (event["LogicalResourceId"] == "SsmVpcEndpoint" &&
        event["ResourceStatus"] == "CREATE_FAILED") {
      found = true;
      EXPECT_TRUE(
          event["ResourceStatusReason"].get<std::string>().find(
              "Enabling private DNS requires both enableDnsSupport and enableDnsHostnames") !=
          std::string::npos);
    }
  }
  EXPECT_TRUE(found);
  EXPECT_EQ(parsed["DescribeStacks.1.xml"]["Stacks"][0]["StackStatus"], Json("ROLLBACK_COMPLETE"));
  EXPECT_TRUE(parsed["DescribeStacks.1.xml"]["Stacks"][0].contains("DeletionTime"));
}

}  // namespace
}  // namespace ssmlink::emulator::testing
