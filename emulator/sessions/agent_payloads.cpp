#include "emulator/sessions/agent_payloads.hpp"

#include <nlohmann/json.hpp>

#include "emulator/sessions/agent_session.hpp"

namespace ssmlink::emulator::sessions {

namespace {

using nlohmann::json;

// Section 2.4: Port documents pass their parameters through as Properties.
json port_properties(const SessionSpec& spec) {
  json properties = json::object();
  for (const auto& [name, values] : spec.parameters) {
    if (!values.empty()) properties[name] = values.front();
  }
  if (is_local_port_forwarding(spec)) properties["type"] = "LocalPortForwarding";
  return properties;
}

std::expected<json, std::string> parsed_object(const std::string& text, const char* what) {
  json value = json::parse(text, nullptr, false);
  if (value.is_discarded() || !value.is_object()) {
    return std::unexpected(std::string(what) + " is not a JSON object");
  }
  return value;
}

}  // namespace

bool is_local_port_forwarding(const SessionSpec& spec) {
  // AWS-StartSSHSession's properties have no "type": standard-stream forwarding (10.1).
  return spec.session_type == "Port" && spec.document_name != "AWS-StartSSHSession";
}

std::string handshake_request_json(const SessionSpec& spec) {
  json parameters = {{"SessionType", spec.session_type},
                     {"Properties", spec.session_type == "Port" ? port_properties(spec) : json()}};
  json request = {
      {"AgentVersion", spec.agent_version},
      {"RequestedClientActions",
       json::array({{{"ActionType", "SessionType"}, {"ActionParameters", parameters}}})}};
  return request.dump();
}

std::string handshake_complete_json(std::chrono::nanoseconds took,
                                    const std::string& customer_message) {
  return json{{"HandshakeTimeToComplete", took.count()}, {"CustomerMessage", customer_message}}
      .dump();
}

std::expected<HandshakeResponse, std::string> parse_handshake_response(const std::string& text) {
  auto value = parsed_object(text, "HandshakeResponse");
  if (!value) return std::unexpected(value.error());
  HandshakeResponse response;
  if (auto version = value->find("ClientVersion");
      version != value->end() && version->is_string()) {
    response.client_version = version->get<std::string>();
  }
  auto actions = value->find("ProcessedClientActions");
  if (actions == value->end() || !actions->is_array()) return response;
  for (const auto& action : *actions) {
    if (!action.is_object()) continue;
    auto status = action.value("ActionStatus", json());
    if (status.is_number_integer() && status.get<int64_t>() == 1) continue;
    std::string error =
        action.value("Error", json()).is_string() ? action["Error"].get<std::string>() : "";
    std::string type = action.value("ActionType", json()).is_string()
                           ? action["ActionType"].get<std::string>()
                           : "?";
    response.failure = "the client did not process action " + type +
                       (error.empty() ? std::string() : ": " + error);
    break;
  }
  return response;
}

std::string acknowledge_json(const AgentMessage& acked) {
  return json{{"AcknowledgedMessageType", acked.message_type},
              {"AcknowledgedMessageId", acked.message_id},
              {"AcknowledgedMessageSequenceNumber", acked.sequence_number},
              {"IsSequentialMessage", true}}
      .dump();
}

std::expected<int64_t, std::string> acknowledged_sequence(const std::string& text) {
  auto value = parsed_object(text, "acknowledge payload");
  if (!value) return std::unexpected(value.error());
  auto sequence = value->find("AcknowledgedMessageSequenceNumber");
  if (sequence == value->end() || !sequence->is_number_integer()) {
    return std::unexpected("acknowledge payload has no AcknowledgedMessageSequenceNumber");
  }
  return sequence->get<int64_t>();
}

std::string channel_closed_json(const SessionSpec& spec, const std::string& message_id,
                                uint64_t created_ms, const std::string& output) {
  return json{{"MessageId", message_id},
              {"CreatedDate", std::to_string(created_ms)},
              {"DestinationId", spec.target},
              {"SessionId", spec.session_id},
              {"MessageType", "channel_closed"},
              {"SchemaVersion", 1},
              {"Output", output}}
      .dump(-1, ' ', false, json::error_handler_t::replace);
}

std::expected<TerminalSize, std::string> parse_terminal_size(const std::string& text) {
  auto value = parsed_object(text, "Size payload");
  if (!value) return std::unexpected(value.error());
  auto dimension = [&](const char* key) -> std::optional<uint16_t> {
    auto found = value->find(key);
    if (found == value->end() || !found->is_number_unsigned()) return std::nullopt;
    return static_cast<uint16_t>(std::min<uint64_t>(found->get<uint64_t>(), 0xffff));
  };
  auto cols = dimension("cols"), rows = dimension("rows");
  if (!cols || !rows) return std::unexpected("Size payload needs unsigned cols and rows");
  return TerminalSize{*cols, *rows};
}

}  // namespace ssmlink::emulator::sessions
