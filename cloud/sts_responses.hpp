// STS responses parsed from XML (query protocol): `result` is the <OpResult> element.
// Credentials must carry all four members the model requires (AccessKeyId,
// SecretAccessKey, SessionToken, Expiration); messages never include their values.
#pragma once
#include <pugixml.hpp>

#include "cloud/sts.hpp"

namespace ssmlink::cloud {

CallerIdentity parse_get_caller_identity(pugi::xml_node result);
AssumedRole parse_assume_role(pugi::xml_node result);
AssumedRole parse_assume_role_with_web_identity(pugi::xml_node result);

}  // namespace ssmlink::cloud
