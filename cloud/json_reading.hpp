// Reading AWS JSON 1.1 responses (SSM) safely: every member is looked up by name and
// checked for its type, and anything missing or malformed becomes a ResponseError that
// names the service, the operation and the member's path, e.g.
//   SSM DescribeInstanceInformation response: InstanceInformationList[1].InstanceId is missing
// A member that is null counts as absent, as in the SDKs.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/clock.hpp"

namespace ssmlink::cloud {

// A JSON object of a response; it refers to the parsed body, which must outlive it.
class JsonObject {
 public:
  // The response body, which must be an object.
  static JsonObject response(const nlohmann::json& body, std::string_view service,
                             std::string_view operation);

  std::string required_string(const char* name) const;  // present and not empty
  std::optional<std::string> optional_string(const char* name) const;
  std::optional<bool> optional_bool(const char* name) const;
  std::optional<int> optional_int(const char* name) const;
  // Seconds since 1970 (a number, the protocol's default) or an ISO 8601 string.
  std::optional<Clock::TimePoint> optional_time(const char* name) const;

  // The object member `name`, which must be present.
  JsonObject required_object(const char* name) const;
  // The objects of the array member `name`; none when it is absent.
  std::vector<JsonObject> object_list(const char* name) const;
  std::vector<std::string> string_list(const char* name) const;

  [[noreturn]] void fail(std::string_view problem) const;

 private:
  JsonObject(const nlohmann::json& value, std::string label, std::string path);
  const nlohmann::json* member(const char* name) const;  // null when absent or null
  const nlohmann::json& typed_member(const char* name, nlohmann::json::value_t type,
                                     std::string_view type_name) const;
  std::string member_path(const char* name) const;
  [[noreturn]] void fail_member(const std::string& path, std::string_view problem) const;

  const nlohmann::json* value_;
  std::string label_;  // "SSM DescribeInstanceInformation"
  std::string path_;   // "InstanceInformationList[1]"; empty for the body
};

}  // namespace ssmlink::cloud
