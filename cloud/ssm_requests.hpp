// SSM requests as JSON 1.1 input documents: members by their model names, absent
// optional members left out.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "cloud/ssm.hpp"

namespace ssmlink::cloud {

nlohmann::json describe_instance_information_input(
    const DescribeInstanceInformationRequest& request,
    const std::optional<std::string>& next_token);
nlohmann::json get_document_input(const GetDocumentRequest& request);
nlohmann::json start_session_input(const StartSessionRequest& request);

}  // namespace ssmlink::cloud
