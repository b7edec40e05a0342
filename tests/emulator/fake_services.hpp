// Test helper: small stand-ins for the EC2, CloudFormation and SSM handlers (the real ones
// belong to the world and cfn parts), next to the real STS, so that the server can be
// tested on its own. Each remembers what it was asked.
#pragma once
#include <mutex>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <vector>

#include "emulator/api.hpp"
#include "emulator/sts/sts_api.hpp"
#include "tests/support/aws_client.hpp"
#include "util/xml_writer.hpp"

namespace ssmlink::emulator {

// What the fake handlers saw, for the routing tests.
struct Seen {
  std::mutex mutex;
  std::vector<ApiRequest> requests;
};

inline ApiTable fake_api(Seen& seen) {
  ApiTable api;
  add_sts_api(api);
  auto remember = [&seen](const ApiRequest& request) {
    std::lock_guard lock(seen.mutex);
    seen.requests.push_back(request);
  };
  api["ec2"]["DescribeVpcs"] = [remember](World&, const ApiRequest& request) {
    remember(request);
    XmlWriter xml("DescribeVpcsResponse", "http://ec2.amazonaws.com/doc/2016-11-15/");
    xml.element("requestId", request.request_id).empty("vpcSet");
    return ApiResponse{200, "text/xml;charset=UTF-8", xml.finish()};
  };
  api["ec2"]["Fail"] = [](World&, const ApiRequest&) -> ApiResponse {
    throw ApiError(400, "InvalidVpcID.NotFound", "The vpc ID 'vpc-1' does not exist");
  };
  api["cloudformation"]["DescribeStacks"] = [remember](World&, const ApiRequest& request) {
    remember(request);
    XmlWriter xml("DescribeStacksResponse", "http://cloudformation.amazonaws.com/doc/2010-05-15/");
    xml.open("DescribeStacksResult").empty("Stacks").close();
    xml.open("ResponseMetadata").element("RequestId", request.request_id);
    return ApiResponse{200, "text/xml", xml.finish()};
  };
  api["cloudformation"]["Fail"] = [](World&, const ApiRequest&) -> ApiResponse {
    throw ApiError(400, "ValidationError", "Stack with id nope does not exist");
  };
  api["cloudformation"]["Crash"] = [](World&, const ApiRequest&) -> ApiResponse {
    throw std::runtime_error("boom");
  };
  api["ssm"]["DescribeInstanceInformation"] = [remember](World&, const ApiRequest& request) {
    remember(request);
    nlohmann::json body = {{"InstanceInformationList", nlohmann::json::array()},
                           {"Echo", request.body}};
    return ApiResponse{200, "application/x-amz-json-1.1", body.dump()};
  };
  api["ssm"]["Fail"] = [](World&, const ApiRequest&) -> ApiResponse {
    throw ApiError(400, "InvalidInstanceId", "Instance i-1 is not valid");
  };
  return api;
}

// One call per protocol that the fake API answers with 200.
inline ssmlink::testing::AwsCall ec2_call() {
  return ssmlink::testing::query_call("ec2", "DescribeVpcs", "2016-11-15");
}
inline ssmlink::testing::AwsCall cfn_call() {
  return ssmlink::testing::query_call("cloudformation", "DescribeStacks", "2010-05-15");
}
inline ssmlink::testing::AwsCall sts_call() {
  return ssmlink::testing::query_call("sts", "GetCallerIdentity", "2011-06-15");
}
inline ssmlink::testing::AwsCall json_call() {
  return ssmlink::testing::ssm_call("DescribeInstanceInformation");
}

}  // namespace ssmlink::emulator
