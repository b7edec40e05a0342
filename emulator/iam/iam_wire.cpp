#include "emulator/iam/iam_wire.hpp"

#include <charconv>

#include "emulator/iam/iam_lookup.hpp"
#include "util/clock.hpp"
#include "util/crypto.hpp"

namespace ssmlink::emulator::iam_wire {

std::optional<std::string> param(const ApiRequest& request, const std::string& name) {
  auto found = request.params.find(name);
  if (found == request.params.end()) return std::nullopt;
  return found->second;
}

std::string required(const ApiRequest& request, const std::string& name) {
  auto value = param(request, name);
  if (!value) {
    std::string member = name;
    member[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(member[0])));
    validation_error("1 validation error detected: Value null at '" + member +
                     "' failed to satisfy constraint: Member must not be null");
  }
  return *value;
}

std::vector<std::string> member_list(const ApiRequest& request, const std::string& name) {
  std::vector<std::string> out;
  for (int i = 1;; ++i) {
    auto value = param(request, name + ".member." + std::to_string(i));
    if (!value) break;
    out.push_back(*value);
  }
  return out;
}

void no_such_entity(const std::string& message) {
  throw ApiError(404, "NoSuchEntity", message);
}

void validation_error(const std::string& message) {
  throw ApiError(400, "ValidationError", message);
}

const IamRole& role_named(const World& world, const std::string& name) {
  auto found = world.iam.roles.find(name);
  // "The role with name X cannot be found." (aws iam get-role on a missing role)
  if (found == world.iam.roles.end())
    no_such_entity("The role with name " + name + " cannot be found.");
  return found->second;
}

ApiResponse respond(const ApiRequest& request, const std::function<void(XmlWriter&)>& result) {
  XmlWriter xml(request.action + "Response", kNamespace);
  if (result) {
    xml.open(request.action + "Result");
    result(xml);
    xml.close();
  }
  xml.open("ResponseMetadata").element("RequestId", request.request_id).close();
  return {200, "text/xml", xml.finish()};
}

std::string iam_time(TimePoint time) {
  return format_iso8601(std::chrono::time_point_cast<std::chrono::seconds>(time));
}

void write_role(XmlWriter& xml, const IamRole& role, bool with_boundary) {
  xml.element("Path", role.path)
      .element("RoleName", role.name)
      .element("RoleId", role.id)
      .element("Arn", role.arn)
      .element("CreateDate", iam_time(role.created))
      .element("AssumeRolePolicyDocument", uri_encode(role.trust_policy));
  if (!role.description.empty()) xml.element("Description", role.description);
  xml.element("MaxSessionDuration", 3600);
  if (with_boundary && !role.permissions_boundary_arn.empty()) {
    xml.open("PermissionsBoundary")
        .element("PermissionsBoundaryType", "Policy")
        .element("PermissionsBoundaryArn", role.permissions_boundary_arn)
        .close();
  }
}

void write_instance_profile(XmlWriter& xml, const World& world, const IamInstanceProfile& profile) {
  xml.element("Path", profile.path)
      .element("InstanceProfileName", profile.name)
      .element("InstanceProfileId", profile.id)
      .element("Arn", profile.arn)
      .element("CreateDate", iam_time(profile.created))
      .open("Roles");
  for (const auto& name : profile.roles) {
    auto role = world.iam.roles.find(name);
    if (role == world.iam.roles.end()) continue;
    xml.open("member");
    write_role(xml, role->second, false);
    xml.close();
  }
  xml.close();
}

void Page::write_tail(XmlWriter& xml) const {
  xml.element("IsTruncated", !next_marker.empty());
  if (!next_marker.empty()) xml.element("Marker", next_marker);
}

Page page_of(const ApiRequest& request, const std::vector<std::string>& names) {
  size_t limit = 100;
  if (auto text = param(request, "MaxItems")) {
    long long value = 0;
    auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (error != std::errc() || end != text->data() + text->size()) {
      throw ApiError(400, "MalformedInput", "");
    }
    if (value < 1 || value > 1000) {
      validation_error("1 validation error detected: Value '" + *text +
                       "' at 'maxItems' failed to satisfy constraint: Member must have value " +
                       (value < 1 ? "greater than or equal to 1" : "less than or equal to 1000"));
    }
    limit = static_cast<size_t>(value);
  }
  Page page;
  if (auto marker = param(request, "Marker")) {
    size_t at = 0;
    while (at < names.size() && hex_encode(names[at]) != *marker)
      ++at;
    if (at == names.size()) validation_error("Invalid Marker.");
    page.first = at;
  }
  page.count = std::min(limit, names.size() - page.first);
  if (page.first + page.count < names.size())
    page.next_marker = hex_encode(names[page.first + page.count]);
  return page;
}

}  // namespace ssmlink::emulator::iam_wire
