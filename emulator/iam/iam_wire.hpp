// What the IAM API's read and write handlers share: request parameters, IAM's errors, the
// response envelope and the XML shapes of roles and instance profiles
// (reference/aws-models/iam/2010-05-08/service-2.json).
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "emulator/api.hpp"
#include "emulator/world.hpp"
#include "util/xml_writer.hpp"

namespace ssmlink::emulator::iam_wire {

inline constexpr std::string_view kNamespace = "https://iam.amazonaws.com/doc/2010-05-08/";

std::optional<std::string> param(const ApiRequest& request, const std::string& name);
// A required member: ValidationError "Value null at 'roleName' ..." when missing.
std::string required(const ApiRequest& request, const std::string& name);
// Query lists: Name.member.1, Name.member.2, ...
std::vector<std::string> member_list(const ApiRequest& request, const std::string& name);

[[noreturn]] void no_such_entity(const std::string& message);
[[noreturn]] void validation_error(const std::string& message);

const IamRole& role_named(const World& world, const std::string& name);

// <ActionResponse><ActionResult>...</ActionResult><ResponseMetadata/></ActionResponse>;
// without `result`, no Result element (the write calls that return nothing).
ApiResponse respond(const ApiRequest& request, const std::function<void(XmlWriter&)>& result = {});

// IAM's timestamps: 2024-06-01T00:00:00Z.
std::string iam_time(TimePoint time);

// A Role's members (in a <member> or <Role> the caller opened).
void write_role(XmlWriter& xml, const IamRole& role, bool with_boundary);
void write_instance_profile(XmlWriter& xml, const World& world, const IamInstanceProfile& profile);

// The page of `names` after `Marker` with at most MaxItems (1..1000, default 100); writes
// IsTruncated and Marker after the caller has written the items.
struct Page {
  size_t first = 0;
  size_t count = 0;
  std::string next_marker;  // empty: the last page
  void write_tail(XmlWriter& xml) const;
};
Page page_of(const ApiRequest& request, const std::vector<std::string>& names);

}  // namespace ssmlink::emulator::iam_wire
