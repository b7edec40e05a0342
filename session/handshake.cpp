#include "session/handshake.hpp"

#include <array>
#include <nlohmann/json.hpp>

#include "util/strings.hpp"

namespace ssmlink::session {

namespace {

using nlohmann::json;

constexpr std::array<std::pair<SessionType, std::string_view>, 4> kSessionTypeNames = {{
    {SessionType::StandardStream, "Standard_Stream"},
    {SessionType::InteractiveCommands, "InteractiveCommands"},
    {SessionType::NonInteractiveCommands, "NonInteractiveCommands"},
    {SessionType::Port, "Port"},
}};

struct ProcessedAction {
  ActionStatus status = ActionStatus::Success;
  std::string error;
};

std::string text_of(const json& value) {
  return value.is_string() ? value.get<std::string>()
                           : value.dump(-1, ' ', false, json::error_handler_t::replace);
}

ProcessedAction process_session_type(const json& parameters, HandshakeAnswer& answer) {
  std::string name;
  if (parameters.is_object()) {
    auto it = parameters.find("SessionType");
    if (it != parameters.end()) name = text_of(*it);
    auto properties = parameters.find("Properties");
    if (properties != parameters.end() && properties->is_object()) {
      for (const auto& [key, value] : properties->items())
        answer.properties[key] = text_of(value);
    }
  }
  answer.session_type = parse_session_type(name);
  if (!answer.session_type) {
    return {ActionStatus::Failed,
            "Failed to process action SessionType: Unknown session type " + in_quotes(name)};
  }
  return {};
}

ProcessedAction refuse_kms_encryption(const json& parameters) {
  std::string key = "(none given)";
  if (parameters.is_object() && parameters.contains("KMSKeyId")) {
    key = text_of(parameters["KMSKeyId"]);
  }
  return {ActionStatus::Failed,
          "Failed to process action KMSEncryption: the Session Manager preferences "
          "(document SSM-SessionManagerRunShell) ask to encrypt sessions with KMS key " +
              in_quotes(key) +
              ", and ssmlink does not support KMS-encrypted sessions; it refused the session "
              "rather than send anything unencrypted. Remove kmsKeyId from the Session Manager "
              "preferences, or connect with AWS's session-manager-plugin"};
}

}  // namespace

std::string_view session_type_name(SessionType type) {
  for (const auto& [known, name] : kSessionTypeNames) {
    if (known == type) return name;
  }
  return "unknown";
}

std::optional<SessionType> parse_session_type(std::string_view name) {
  for (const auto& [type, known] : kSessionTypeNames) {
    if (known == name) return type;
  }
  return std::nullopt;
}

Result<HandshakeAnswer> answer_handshake_request(std::string_view payload,
                                                 std::string_view client_version) {
  json request = json::parse(payload.begin(), payload.end(), nullptr, false);
  if (request.is_discarded() || !request.is_object()) {
    return fail("HandshakeRequest payload is not a JSON object: " + in_quotes(payload));
  }
  HandshakeAnswer answer;
  if (auto version = request.find("AgentVersion"); version != request.end()) {
    answer.agent_version = text_of(*version);
  }
  json processed = json::array();
  json errors = json::array();
  auto actions = request.find("RequestedClientActions");
  if (actions != request.end() && actions->is_array()) {
    for (const json& action : *actions) {
      std::string type;
      json parameters;
      if (action.is_object()) {
        if (auto it = action.find("ActionType"); it != action.end()) type = text_of(*it);
        if (auto it = action.find("ActionParameters"); it != action.end()) parameters = *it;
      }
      ProcessedAction result;
      if (type == "SessionType") {
        result = process_session_type(parameters, answer);
      } else if (type == "KMSEncryption") {
        result = refuse_kms_encryption(parameters);
      } else {
        result = {ActionStatus::Unsupported, "Unsupported action " + in_quotes(type)};
      }
      processed.push_back({{"ActionType", type},
                           {"ActionStatus", static_cast<int>(result.status)},
                           {"ActionResult", nullptr},
                           {"Error", result.error}});
      if (!result.error.empty()) {
        errors.push_back(result.error);
        answer.errors.push_back(result.error);
      }
    }
  }
  json response = {{"ClientVersion", std::string(client_version)},
                   {"ProcessedClientActions", processed},
                   {"Errors", errors.empty() ? json(nullptr) : errors}};
  answer.response_payload = response.dump(-1, ' ', false, json::error_handler_t::replace);
  return answer;
}

Result<HandshakeComplete> parse_handshake_complete(std::string_view payload) {
  json complete = json::parse(payload.begin(), payload.end(), nullptr, false);
  if (complete.is_discarded() || !complete.is_object()) {
    return fail("HandshakeComplete payload is not a JSON object: " + in_quotes(payload));
  }
  HandshakeComplete result;
  auto time = complete.find("HandshakeTimeToComplete");
  if (time != complete.end() && time->is_number_integer()) {
    result.time_to_complete_ns = time->get<int64_t>();
  }
  auto message = complete.find("CustomerMessage");
  if (message != complete.end() && message->is_string()) {
    result.customer_message = message->get<std::string>();
  }
  return result;
}

}  // namespace ssmlink::session
