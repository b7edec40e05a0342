// IAM responses parsed from XML (query protocol): `result` is the <OpResult> element.
// Policy documents are URL-decoded. Paginated calls give the next Marker only while
// IsTruncated is true; a truncated page without a Marker is a ResponseError.
#pragma once
#include <pugixml.hpp>
#include <string>

#include "cloud/iam.hpp"
#include "cloud/paging.hpp"

namespace ssmlink::cloud {

InstanceProfileInfo parse_get_instance_profile(pugi::xml_node result);
IamRole parse_get_role(pugi::xml_node result);
Page<AttachedPolicy> parse_list_attached_role_policies(pugi::xml_node result);
Page<std::string> parse_list_role_policies(pugi::xml_node result);
std::string parse_get_role_policy(pugi::xml_node result);  // the decoded PolicyDocument
ManagedPolicyInfo parse_get_policy(pugi::xml_node result);
std::string parse_get_policy_version(pugi::xml_node result);  // the decoded Document
Page<SimulationResult> parse_simulate_principal_policy(pugi::xml_node result);

}  // namespace ssmlink::cloud
