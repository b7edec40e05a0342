#include "emulator/ssm/session_api.hpp"

#include "emulator/ssm/agent_identity.hpp"

#include <algorithm>
#include <regex>

#include "emulator/ssm/agent_tracking.hpp"
#include "emulator/world.hpp"
#include "util/crypto.hpp"

namespace ssmlink::emulator {

namespace {

using nlohmann::json;
using sessions::SessionRecord;
using sessions::SessionRegistry;

constexpr const char* kJsonType = "application/x-amz-json-1.1";
constexpr const char* kRunShell = "SSM-SessionManagerRunShell";

[[noreturn]] void session_error(const std::string& code, const std::string& message) {
  throw ApiError(400, code, message);
}

// AWS's request validation wording (as in ssm_api.cpp).
[[noreturn]] void session_invalid(const std::string& value, const std::string& member,
                                  const std::string& constraint) {
  session_error("ValidationException", "1 validation error detected: Value " + value + " at '" +
                                           member +
                                           "' failed to satisfy constraint: " + constraint);
}

const json& object_body(const ApiRequest& request) {
  static const json empty = json::object();
  return request.body.is_object() ? request.body : empty;
}

// A string member: nullopt when absent; its length checked against the model.
std::optional<std::string> string_member(const json& body, const char* name, const char* member,
                                         size_t min, size_t max, bool required) {
  if (!body.contains(name) || body[name].is_null()) {
    if (required) session_invalid("null", member, "Member must not be null");
    return std::nullopt;
  }
  if (!body[name].is_string()) {
    session_error("SerializationException", std::string(name) + " must be a string.");
  }
  std::string value = body[name].get<std::string>();
  if (value.size() < min) {
    session_invalid("'" + value + "'", member,
                    "Member must have length greater than or equal to " + std::to_string(min));
  }
  if (value.size() > max) {
    session_invalid("'" + value.substr(0, 60) + "...'", member,
                    "Member must have length less than or equal to " + std::to_string(max));
  }
  return value;
}

std::string random_hex(World& world, size_t digits) {
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < digits; ++i)
    out += hex[world.random() & 15];
  return out;
}

// Opaque to the client (it only sends it back); long and base64-like as AWS's are.
std::string random_token(World& world, size_t length) {
  static constexpr char alphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (size_t i = 0; i < length; ++i)
    out += alphabet[world.random() % 64];
  return out;
}

// The caller's name, as SessionIds start with it: the user of an IAM user ARN, the
// session name of an assumed role.
std::string caller_name(const std::string& arn) {
  std::string name =
      arn.substr(arn.rfind('/') == std::string::npos ? arn.rfind(':') + 1 : arn.rfind('/') + 1);
  name.erase(std::remove_if(name.begin(), name.end(),
                            [](char c) {
                              return !std::isalnum(static_cast<unsigned char>(c)) && c != '-' &&
                                     c != '_' && c != '.' && c != '@';
                            }),
             name.end());
  return name.empty() ? "emulator" : name.substr(0, 60);
}

std::string signer_arn(World& world, const ApiRequest& request) {
  const AccessKey* key = world.find_key(request.access_key_id);
  return key ? key->arn : "arn:aws:iam::" + world.account_id + ":user/emulator";
}

std::string stream_url(const std::string& host, const std::string& session_id,
                       const std::string& cell) {
  return "ws://" + (host.empty() ? std::string("127.0.0.1") : host) + "/v1/data-channel/" +
         session_id + "?role=publish_subscribe&cell-number=" + cell;
}

std::map<std::string, std::vector<std::string>> read_parameters(const json& body) {
  std::map<std::string, std::vector<std::string>> parameters;
  if (!body.contains("Parameters") || body["Parameters"].is_null()) return parameters;
  const json& value = body["Parameters"];
  if (!value.is_object()) session_error("SerializationException", "Parameters must be a map.");
  for (const auto& [name, list] : value.items()) {
    if (name.empty() || name.size() > 255) {
      session_invalid("'" + name.substr(0, 60) + "'", "parameters",
                      "Map keys must have length between 1 and 255");
    }
    if (!list.is_array()) {
      session_error("SerializationException", "Parameters." + name + " must be a list of strings.");
    }
    for (const auto& item : list) {
      if (!item.is_string() || item.get<std::string>().empty() ||
          item.get<std::string>().size() > 65535) {
        session_error(
            "SerializationException",
            "Parameters." + name + " must be a list of strings of 1 to 65535 characters.");
      }
      parameters[name].push_back(item.get<std::string>());
    }
  }
  return parameters;
}

// SSM answers TargetNotConnected for an instance whose agent it does not see Online.
void check_connected(World& world, const ApiRequest& request, const std::string& target) {
  settle_world(world, request.now);
  RegionState& region = world.region(request.region);
  auto instance = region.instances.find(target);
  auto tracking = region.agents.find(target);
  bool online = false;
  if (instance != region.instances.end() && instance->second.state == "running" &&
      tracking != region.agents.end()) {
    auto status = agent_status(tracking->second, world.timings, request.now);
    online = status && status->ping_status == "Online";
  }
  // "An error occurred (TargetNotConnected) when calling the StartSession operation:
  // i-0123456789abcdef0 is not connected." (as the AWS CLI shows it)
  if (!online) session_error("TargetNotConnected", target + " is not connected.");
}

ApiResponse start_session(SessionRegistry& registry, World& world, const ApiRequest& request) {
  const json& body = object_body(request);
  std::string target = *string_member(body, "Target", "target", 1, 400, true);
  auto document = string_member(body, "DocumentName", "documentName", 0, 128, false);
  auto reason = string_member(body, "Reason", "reason", 1, 256, false);
  static const std::regex document_pattern("^[a-zA-Z0-9_\\-.:/]{3,128}$");
  if (document && !std::regex_match(*document, document_pattern)) {
    session_invalid("'" + *document + "'", "documentName",
                    "Member must satisfy regular expression pattern: ^[a-zA-Z0-9_\\-.:/]{3,128}$");
  }
  auto parameters = read_parameters(body);
  auto type = session_type_of(document.value_or(""));
  if (!type)
    session_error("InvalidDocument", "Document with name " + *document + " does not exist.");
  check_connected(world, request, target);

  std::string arn = signer_arn(world, request);
  sessions::SessionSpec spec;
  spec.session_id = caller_name(arn) + "-" + random_hex(world, 17);
  spec.target = target;
  spec.document_name = document.value_or("");
  spec.session_type = *type;
  spec.parameters = std::move(parameters);
  const Instance& instance = world.region(request.region).instances.at(target);
  if (!instance.agent.version.empty()) spec.agent_version = instance.agent.version;
  spec.hosts = instance.reachable_hosts;
  // The agent's role must decrypt with the preferences' KMS key (agent_identity.hpp).
  if (auto problem = session_problem(world, world.region(request.region), instance)) {
    spec.startup_failure = "Failed to initialize KMS encryption: " + *problem;
  }
  SessionRecord record;
  record.region = request.region;
  record.target = target;
  record.document_name = document.value_or(kRunShell);
  record.owner = arn;
  record.reason = reason.value_or("");
  record.start = request.now;
  std::string token = random_token(world, 172);
  std::string url = stream_url(request.host, spec.session_id, random_token(world, 24));
  std::string session_id = spec.session_id;
  registry.start(std::move(spec), std::move(record), token);
  json response = {{"SessionId", session_id}, {"TokenValue", token}, {"StreamUrl", url}};
  return ApiResponse{200, kJsonType, response.dump()};
}

ApiResponse resume_session(SessionRegistry& registry, World& world, const ApiRequest& request) {
  const json& body = object_body(request);
  std::string id = *string_member(body, "SessionId", "sessionId", 1, 96, true);
  std::string token = random_token(world, 172);
  bool ended = false;
  if (!registry.resume(request.region, id, token, ended)) {
    session_error("DoesNotExistException", "Session with id " + id + " does not exist.");
  }
  // A session that has ended cannot be resumed: no token, which the plugin reports as
  // "Session: <id> timed out." (reference 4.3).
  json response = {{"SessionId", id}};
  if (!ended) {
    response["TokenValue"] = token;
    response["StreamUrl"] = stream_url(request.host, id, random_token(world, 24));
  }
  return ApiResponse{200, kJsonType, response.dump()};
}

// Terminating a session that does not exist (or no longer) succeeds: the operation models
// no error but InternalServerError.
ApiResponse terminate_session(SessionRegistry& registry, World&, const ApiRequest& request) {
  const json& body = object_body(request);
  std::string id = *string_member(body, "SessionId", "sessionId", 1, 96, true);
  registry.terminate(request.region, id);
  return ApiResponse{200, kJsonType, json{{"SessionId", id}}.dump()};
}

struct SessionFilter {
  std::string key;
  std::string value;
};

std::vector<SessionFilter> session_filters(const json& body) {
  std::vector<SessionFilter> filters;
  if (!body.contains("Filters") || body["Filters"].is_null()) return filters;
  const json& list = body["Filters"];
  if (!list.is_array()) session_error("SerializationException", "Filters must be a list.");
  if (list.empty() || list.size() > 6) {
    session_invalid("[...]", "filters",
                    list.empty() ? "Member must have length greater than or equal to 1"
                                 : "Member must have length less than or equal to 6");
  }
  static const std::vector<std::string> keys = {
      "InvokedAfter", "InvokedBefore", "Target", "Owner", "Status", "SessionId", "AccessType"};
  for (size_t i = 0; i < list.size(); ++i) {
    const json& item = list[i];
    std::string where = "filters." + std::to_string(i + 1) + ".member.";
    if (!item.is_object() || !item.contains("key") || !item["key"].is_string()) {
      session_invalid("null", where + "key", "Member must not be null");
    }
    if (!item.contains("value") || !item["value"].is_string()) {
      session_invalid("null", where + "value", "Member must not be null");
    }
    std::string key = item["key"].get<std::string>();
    std::string value = item["value"].get<std::string>();
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
      session_invalid(
          "'" + key + "'", where + "key",
          "Member must satisfy enum value set: [InvokedAfter, InvokedBefore, Target, Owner, "
          "Status, SessionId, AccessType]");
    }
    if (value.empty() || value.size() > 400) {
      session_invalid("'" + value.substr(0, 60) + "'", where + "value",
                      "Member must have length between 1 and 400");
    }
    filters.push_back({key, value});
  }
  return filters;
}

// "2024-01-31T10:00:00Z" or a date; InvokedAfter/InvokedBefore values.
std::optional<sessions::SessionClock::time_point> filter_time(const std::string& value) {
  std::tm tm{};
  const char* end = strptime(value.c_str(), "%Y-%m-%dT%H:%M:%S", &tm);
  if (!end) end = strptime(value.c_str(), "%Y-%m-%d", &tm);
  if (!end) return std::nullopt;
  return sessions::SessionClock::from_time_t(timegm(&tm));
}

bool session_matches(const SessionRecord& record, const SessionFilter& filter) {
  if (filter.key == "Target") return record.target == filter.value;
  if (filter.key == "Owner") return record.owner == filter.value;
  if (filter.key == "Status") return record.status == filter.value;
  if (filter.key == "SessionId") return record.session_id == filter.value;
  if (filter.key == "AccessType") return filter.value == "Standard";
  auto time = filter_time(filter.value);
  if (!time) {
    session_error("ValidationException", "The filter value " + filter.value + " for " + filter.key +
                                             " is not a valid date and time.");
  }
  return filter.key == "InvokedAfter" ? record.start >= *time : record.start <= *time;
}

double seconds_of(sessions::SessionClock::time_point time) {
  return std::chrono::duration<double>(time.time_since_epoch()).count();
}

json session_json(const SessionRecord& record) {
  json item = {{"SessionId", record.session_id},
               {"Target", record.target},
               {"Status", record.status},
               {"StartDate", seconds_of(record.start)},
               {"DocumentName", record.document_name},
               {"Owner", record.owner},
               {"AccessType", "Standard"}};
  if (record.end) item["EndDate"] = seconds_of(*record.end);
  if (!record.reason.empty()) item["Reason"] = record.reason;
  return item;
}

ApiResponse describe_sessions(SessionRegistry& registry, World&, const ApiRequest& request) {
  const json& body = object_body(request);
  std::string state = *string_member(body, "State", "state", 0, 100, true);
  if (state != "Active" && state != "History") {
    session_invalid("'" + state + "'", "state",
                    "Member must satisfy enum value set: [Active, History]");
  }
  int limit = 20;
  if (body.contains("MaxResults") && !body["MaxResults"].is_null()) {
    if (!body["MaxResults"].is_number_integer()) {
      session_error("SerializationException", "MaxResults must be an integer.");
    }
    long long n = body["MaxResults"].get<long long>();
    if (n < 1)
      session_invalid("'" + std::to_string(n) + "'", "maxResults",
                      "Member must have value greater than or equal to 1");
    if (n > 200)
      session_invalid("'" + std::to_string(n) + "'", "maxResults",
                      "Member must have value less than or equal to 200");
    limit = static_cast<int>(n);
  }
  auto filters = session_filters(body);
  std::vector<SessionRecord> selected;
  for (auto& record : registry.list(request.region)) {
    if (record.active != (state == "Active")) continue;
    bool all = std::all_of(filters.begin(), filters.end(),
                           [&](const SessionFilter& f) { return session_matches(record, f); });
    if (all) selected.push_back(std::move(record));
  }
  // Newest first, as the console lists them.
  std::stable_sort(selected.begin(), selected.end(),
                   [](const auto& a, const auto& b) { return a.start > b.start; });
  size_t first = 0;
  if (body.contains("NextToken") && !body["NextToken"].is_null()) {
    std::string token = body["NextToken"].is_string() ? body["NextToken"].get<std::string>() : "";
    auto at = std::find_if(selected.begin(), selected.end(), [&](const SessionRecord& r) {
      return hex_encode("DescribeSessions|" + r.session_id) == token;
    });
    if (at == selected.end())
      session_error("InvalidNextToken", "The specified token is not valid.");
    first = static_cast<size_t>(at - selected.begin()) + 1;
  }
  size_t count = std::min(static_cast<size_t>(limit), selected.size() - first);
  json list = json::array();
  for (size_t i = first; i < first + count; ++i)
    list.push_back(session_json(selected[i]));
  json response = {{"Sessions", list}};
  if (first + count < selected.size()) {
    response["NextToken"] =
        hex_encode("DescribeSessions|" + selected[first + count - 1].session_id);
  }
  return ApiResponse{200, kJsonType, response.dump()};
}

}  // namespace

std::optional<std::string> session_type_of(const std::string& document_name) {
  static const std::map<std::string, std::string> types = {
      {"", "Standard_Stream"},
      {kRunShell, "Standard_Stream"},
      {"AWS-StartInteractiveCommand", "InteractiveCommands"},
      {"AWS-StartNonInteractiveCommand", "NonInteractiveCommands"},
      {"AWS-StartPortForwardingSession", "Port"},
      {"AWS-StartPortForwardingSessionToRemoteHost", "Port"},
      {"AWS-StartPortForwardingSessionToSocket", "Port"},
      {"AWS-StartSSHSession", "Port"},
  };
  auto found = types.find(document_name);
  if (found == types.end()) return std::nullopt;
  return found->second;
}

void add_session_api(ApiTable& table, std::shared_ptr<SessionRegistry> registry) {
  auto bind = [registry](auto handler) {
    return [registry, handler](World& world, const ApiRequest& request) {
      return handler(*registry, world, request);
    };
  };
  table["ssm"]["StartSession"] = bind(start_session);
  table["ssm"]["ResumeSession"] = bind(resume_session);
  table["ssm"]["TerminateSession"] = bind(terminate_session);
  table["ssm"]["DescribeSessions"] = bind(describe_sessions);
}

}  // namespace ssmlink::emulator
