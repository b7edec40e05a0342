// Reading AWS XML responses (EC2 and query protocols) safely: every value is looked up by
// name, converted with a check, and anything missing or malformed becomes a ResponseError
// that names the service, the operation and the element's path, e.g.
//   EC2 DescribeVpcs response: vpcSet/item[2]/vpcId is missing
#pragma once
#include <optional>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "util/clock.hpp"

namespace ssmlink::cloud {

class XmlElement {
 public:
  // EC2: the result is <OpResponse> itself and list entries are <item>.
  static XmlElement ec2_result(pugi::xml_node result, std::string_view operation);
  // Query protocol (CloudFormation, STS): the result is <OpResult> and list entries are
  // <member>. `service` names the service in messages.
  static XmlElement query_result(pugi::xml_node result, std::string_view service,
                                 std::string_view operation);

  // Text of the child element `name`: required ones must be present and not empty;
  // optional ones are empty when absent, and may be empty ("") when present.
  std::string required_string(const char* name) const;
  std::optional<std::string> optional_string(const char* name) const;

  // "true" or "false"; integers in decimal; timestamps in ISO 8601.
  bool required_bool(const char* name) const;
  std::optional<bool> optional_bool(const char* name) const;
  int required_int(const char* name) const;
  std::optional<int> optional_int(const char* name) const;
  Clock::TimePoint required_time(const char* name) const;
  std::optional<Clock::TimePoint> optional_time(const char* name) const;

  XmlElement required_child(const char* name) const;
  std::optional<XmlElement> optional_child(const char* name) const;

  // The entries (<item> or <member>) of the list element `name`; none when it is absent.
  std::vector<XmlElement> list(const char* name) const;
  std::vector<std::string> string_list(const char* name) const;
  // read(entry) of each entry, in order.
  template <typename Read>
  auto read_list(const char* name, Read read) const {
    std::vector<std::invoke_result_t<Read, const XmlElement&>> values;
    for (const XmlElement& entry : list(name))
      values.push_back(read(entry));
    return values;
  }

  // Throws ResponseError "<Service> <Operation> response: <path>: <problem>".
  [[noreturn]] void fail(std::string_view problem) const;
  [[noreturn]] void fail_child(const char* name, std::string_view problem) const;

  const std::string& path() const { return path_; }

 private:
  XmlElement(pugi::xml_node node, std::string label, std::string path, const char* entry_name);
  static XmlElement result(pugi::xml_node node, std::string label, std::string_view expected_name,
                           const char* entry_name);
  XmlElement child_element(pugi::xml_node child, std::string path) const;
  std::string child_path(const char* name) const;

  pugi::xml_node node_;
  std::string label_;  // "EC2 DescribeVpcs"
  std::string path_;   // "vpcSet/item[2]"; empty for the result element
  const char* entry_name_;
};

}  // namespace ssmlink::cloud
