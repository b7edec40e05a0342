// Shared by the IAM tests: IAM requests built as the router builds them, answered by the
// handlers directly, and their XML read back.
#pragma once
#include <map>
#include <string>

#include "emulator/iam/iam_api.hpp"
#include "world_fixture.hpp"

namespace ssmlink::emulator::testing {

inline ApiRequest iam_request(const std::string& action,
                              std::map<std::string, std::string> params = {}, TimePoint now = kT0) {
  ApiRequest request = ec2_request(action, {}, now);
  request.service = "iam";
  params["Action"] = action;
  params["Version"] = "2010-05-08";
  request.params = std::move(params);
  return request;
}

inline ApiResponse iam_call(World& world, const ApiRequest& request) {
  static const ApiTable table = [] {
    ApiTable api;
    add_iam_api(api);
    return api;
  }();
  return table.at("iam").at(request.action)(world, request);
}

// The answer's <ActionResult> (or the error as "Code: message" in `error`).
struct IamAnswer {
  std::unique_ptr<Xml> xml;
  pugi::xml_node result;
  std::string error;
};

inline IamAnswer iam_ask(World& world, const std::string& action,
                         std::map<std::string, std::string> params = {}, TimePoint now = kT0) {
  IamAnswer answer;
  try {
    ApiResponse response = iam_call(world, iam_request(action, std::move(params), now));
    answer.xml = parse_xml(response.body);
    answer.result = answer.xml->root().child((action + "Result").c_str());
  } catch (const ApiError& error) {
    answer.error = error.code + ": " + error.what();
  }
  return answer;
}

}  // namespace ssmlink::emulator::testing
