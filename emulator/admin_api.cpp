#include "emulator/admin_api.hpp"

#include <expected>
#include <mutex>
#include <optional>

#include "emulator/organizations/member_accounts.hpp"
#include "emulator/sessions/session_registry.hpp"
#include "emulator/sts/sts_api.hpp"
#include "emulator/world.hpp"
#include "util/clock.hpp"
#include "util/strings.hpp"

namespace ssmlink::emulator {

namespace {

constexpr std::chrono::milliseconds max_latency{600000};

HttpReply json_reply(int status, const nlohmann::json& body) {
  return {status, "application/json", body.dump() + "\n", {}, {}, false};
}

HttpReply error_reply(int status, const std::string& message) {
  return json_reply(status, {{"error", message}});
}

std::string shown(const nlohmann::json& value) {
  return printable(value.dump(), 60);
}

// A rate from 0 to 1 for `key`, or why not; `what` names the endpoint.
std::expected<double, std::string> probability_value(const std::string& what,
                                                     const std::string& key,
                                                     const nlohmann::json& value) {
  if (!value.is_number() || value.get<double>() < 0 || value.get<double>() > 1) {
    return std::unexpected(what + ": \"" + key + "\" must be a probability from 0 to 1, got " +
                           shown(value));
  }
  return value.get<double>();
}

std::expected<std::chrono::milliseconds, std::string> milliseconds_value(
    const std::string& what, const std::string& key, const nlohmann::json& value) {
  if (!value.is_number_integer() || value.get<long long>() < 0 ||
      value.get<long long>() > max_latency.count()) {
    return std::unexpected(what + ": \"" + key +
                           "\" must be a whole number of milliseconds from 0 to " +
                           std::to_string(max_latency.count()) + ", got " + shown(value));
  }
  return std::chrono::milliseconds(value.get<long long>());
}

// {"throttle":0.3,"5xx":0.1,"html":0,"truncate":0,"latency_ms":0,"reset":0,"seed":7,
//  "operations":{"ssm:DescribeInstanceInformation":"html"}}; keys left out keep their value,
// "operations" replaces every operation's fault. Nothing changes unless every key is valid.
struct FaultUpdate {
  FaultSettings settings;
  std::optional<uint64_t> seed;
};

double* rate_field(FaultSettings& settings, const std::string& key) {
  if (key == "throttle") return &settings.throttle;
  if (key == "5xx") return &settings.server_error;
  if (key == "reset") return &settings.reset;
  if (key == "html") return &settings.html;
  if (key == "truncate") return &settings.truncate;
  return nullptr;
}

std::expected<OperationFaults, std::string> parse_operations(const nlohmann::json& value,
                                                             const ApiTable& api) {
  constexpr const char* example = "{\"ssm:DescribeInstanceInformation\": \"html\"}";
  if (!value.is_object()) {
    return std::unexpected(std::string("faults: \"operations\" must be an object such as ") +
                           example + ", got " + shown(value));
  }
  OperationFaults operations;
  for (const auto& [key, spec] : value.items()) {
    std::string where = "faults: \"operations\": \"" + printable(key, 60) + "\": ";
    if (auto problem = check_operation_key(key)) return std::unexpected(where + *problem);
    if (!spec.is_string()) {
      return std::unexpected(where + "the fault must be a string such as \"html\", " +
                             "\"throttle@0.5\" or \"hang:2000\", got " + shown(spec));
    }
    auto fault = parse_operation_fault(spec.get<std::string>());
    if (!fault) return std::unexpected(where + fault.error());
    operations.emplace(key, *fault);
  }
  if (auto unserved = unserved_operation(operations, api)) {
    return std::unexpected("faults: \"operations\": " + *unserved);
  }
  return operations;
}

std::expected<FaultUpdate, std::string> parse_fault_update(std::string_view text,
                                                           FaultSettings settings,
                                                           const ApiTable& api) {
  nlohmann::json body = nlohmann::json::parse(text, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    return std::unexpected(
        "faults must be a JSON object such as {\"throttle\": 0.3, \"5xx\": "
        "0.1, \"latency_ms\": 0, \"reset\": 0, \"seed\": 7}, got '" +
        printable(text, 60) + "'");
  }
  FaultUpdate update{std::move(settings), std::nullopt};
  for (const auto& [key, value] : body.items()) {
    if (double* rate = rate_field(update.settings, key)) {
      auto checked = probability_value("faults", key, value);
      if (!checked) return std::unexpected(checked.error());
      *rate = *checked;
    } else if (key == "latency_ms") {
      auto checked = milliseconds_value("faults", key, value);
      if (!checked) return std::unexpected(checked.error());
      update.settings.latency = *checked;
    } else if (key == "seed") {
      if (!value.is_number_unsigned()) {
        return std::unexpected("faults: \"seed\" must be a whole number from 0 to 2^64-1, got " +
                               shown(value));
      }
      update.seed = value.get<uint64_t>();
    } else if (key == "operations") {
      auto operations = parse_operations(value, api);
      if (!operations) return std::unexpected(operations.error());
      update.settings.operations = std::move(*operations);
    } else {
      return std::unexpected("faults: unknown key \"" + printable(key, 40) +
                             "\" (known: throttle, 5xx, html, truncate, latency_ms, reset, "
                             "operations, seed)");
    }
  }
  return update;
}

HttpReply set_faults(AdminContext& context, std::string_view body) {
  auto update = parse_fault_update(body, context.faults.settings(), context.api);
  if (!update) return error_reply(400, update.error());
  context.faults.configure(update->settings);
  if (update->seed) context.faults.reseed(*update->seed);
  return json_reply(200, faults_json(context.faults));
}

void empty_world(World& world) {
  world.regions.clear();
  world.access_keys.clear();
}

HttpReply reset(AdminContext& context) {
  std::lock_guard lock(context.world.mutex);
  try {
    if (context.hooks.reset_world) {
      context.hooks.reset_world(context.world);
    } else {
      empty_world(context.world);
    }
  } catch (const std::exception& error) {
    ensure_default_access_key(context.world);
    return error_reply(500, std::string("reset failed: ") + error.what());
  }
  ensure_default_access_key(context.world);
  return json_reply(200, {{"status", "reset"}});
}

HttpReply load_scenario(AdminContext& context, std::string_view body) {
  if (!context.hooks.load_scenario) {
    return error_reply(501, "this emulator cannot load scenarios (no scenario loader)");
  }
  nlohmann::json scenario = nlohmann::json::parse(body, nullptr, false);
  if (scenario.is_discarded() || !scenario.is_object()) {
    return error_reply(400,
                       "the scenario must be a JSON object, got '" + printable(body, 60) + "'");
  }
  std::lock_guard lock(context.world.mutex);
  try {
    context.hooks.load_scenario(context.world, scenario);
  } catch (const std::exception& error) {
    ensure_default_access_key(context.world);
    return error_reply(400, std::string("bad scenario: ") + error.what());
  }
  ensure_default_access_key(context.world);
  return json_reply(200, {{"status", "loaded"}});
}

HttpReply state(AdminContext& context) {
  std::lock_guard lock(context.world.mutex);
  nlohmann::json dump = context.hooks.dump_world ? context.hooks.dump_world(context.world)
                                                 : minimal_world_dump(context.world);
  if (context.sessions && dump.is_object()) dump["sessions"] = context.sessions->dump();
  return json_reply(200, dump);
}

nlohmann::json session_faults_json(const sessions::DataChannelFaults& faults) {
  return {{"drop", faults.drop_connection},      {"duplicate", faults.duplicate},
          {"reorder", faults.reorder},           {"delay", faults.delay},
          {"delay_ms", faults.delay_ms.count()}, {"seed", faults.seed}};
}

double* session_rate_field(sessions::DataChannelFaults& faults, const std::string& key) {
  if (key == "drop") return &faults.drop_connection;
  if (key == "duplicate") return &faults.duplicate;
  if (key == "reorder") return &faults.reorder;
  if (key == "delay") return &faults.delay;
  return nullptr;
}

// {"drop":0.1,"duplicate":0,"reorder":0,"delay":0.2,"delay_ms":200,"seed":1}; keys left
// out keep their value; nothing changes unless every key is valid.
std::expected<sessions::DataChannelFaults, std::string> parse_session_faults(
    std::string_view text, sessions::DataChannelFaults faults) {
  nlohmann::json body = nlohmann::json::parse(text, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    return std::unexpected(
        "session faults must be a JSON object such as {\"drop\": 0.1, \"duplicate\": 0, "
        "\"reorder\": 0, \"delay\": 0.2, \"delay_ms\": 200, \"seed\": 1}, got '" +
        printable(text, 60) + "'");
  }
  for (const auto& [key, value] : body.items()) {
    if (double* rate = session_rate_field(faults, key)) {
      auto checked = probability_value("session faults", key, value);
      if (!checked) return std::unexpected(checked.error());
      *rate = *checked;
    } else if (key == "delay_ms") {
      auto checked = milliseconds_value("session faults", key, value);
      if (!checked) return std::unexpected(checked.error());
      faults.delay_ms = *checked;
    } else if (key == "seed") {
      if (!value.is_number_unsigned()) {
        return std::unexpected(
            "session faults: \"seed\" must be a whole number from 0 to 2^64-1, got " +
            shown(value));
      }
      faults.seed = value.get<uint64_t>();
    } else {
      return std::unexpected("session faults: unknown key \"" + printable(key, 40) +
                             "\" (known: drop, duplicate, reorder, delay, delay_ms, seed)");
    }
  }
  return faults;
}

HttpReply no_sessions() {
  return error_reply(501, "this emulator serves no Session Manager sessions");
}

HttpReply set_session_faults(AdminContext& context, std::string_view body) {
  if (!context.sessions) return no_sessions();
  sessions::SessionDefaults defaults = context.sessions->defaults();
  auto faults = parse_session_faults(body, defaults.faults);
  if (!faults) return error_reply(400, faults.error());
  defaults.faults = *faults;
  context.sessions->set_defaults(defaults);
  return json_reply(200, session_faults_json(*faults));
}

// POST /_emulator/sessions/<session-id>/drop
std::optional<HttpReply> session_action(AdminContext& context, std::string_view method,
                                        std::string_view path) {
  constexpr std::string_view prefix = "/_emulator/sessions/", suffix = "/drop";
  if (!path.starts_with(prefix) || !path.ends_with(suffix) ||
      path.size() <= prefix.size() + suffix.size()) {
    return std::nullopt;
  }
  if (method != "POST")
    return error_reply(
        405, std::string(method) + " " + printable(path, 80) + " is not allowed; use POST");
  if (!context.sessions) return no_sessions();
  std::string id(path.substr(prefix.size(), path.size() - prefix.size() - suffix.size()));
  if (!context.sessions->drop(id)) {
    return error_reply(404, "session " + in_quotes(id) + " has no data channel open");
  }
  return json_reply(200, {{"status", "dropped"}, {"session_id", id}});
}

template <typename Map>
nlohmann::json ids(const Map& map) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& [id, value] : map)
    list.push_back(id);
  return list;
}

}  // namespace

nlohmann::json faults_json(const Faults& faults) {
  FaultSettings settings = faults.settings();
  nlohmann::json operations = nlohmann::json::object();
  for (const auto& [key, fault] : settings.operations)
    operations[key] = operation_fault_spec(fault);
  return {{"throttle", settings.throttle},
          {"5xx", settings.server_error},
          {"html", settings.html},
          {"truncate", settings.truncate},
          {"latency_ms", settings.latency.count()},
          {"reset", settings.reset},
          {"operations", std::move(operations)},
          {"seed", faults.seed()}};
}

nlohmann::json minimal_world_dump(const World& world) {
  nlohmann::json keys = nlohmann::json::array();
  for (const auto& key : world.access_keys) {
    nlohmann::json entry = {{"access_key_id", key.access_key_id},
                            {"arn", key.arn},
                            {"user_id", key.user_id},
                            {"temporary", !key.session_token.empty()}};
    if (key.expiration) entry["expiration"] = format_iso8601(*key.expiration);
    keys.push_back(std::move(entry));
  }
  nlohmann::json regions = nlohmann::json::object();
  for (const auto& [name, region] : world.regions) {
    regions[name] = {{"vpcs", ids(region.vpcs)},
                     {"subnets", ids(region.subnets)},
                     {"security_groups", ids(region.security_groups)},
                     {"network_acls", ids(region.network_acls)},
                     {"route_tables", ids(region.route_tables)},
                     {"vpc_endpoints", ids(region.vpc_endpoints)},
                     {"instances", ids(region.instances)}};
  }
  return {{"account_id", world.account_id},
          {"access_keys", std::move(keys)},
          {"regions", std::move(regions)},
          {"timings",
           {{"provision_ms", world.timings.provision.count()},
            {"online_delay_ms", world.timings.online_delay.count()},
            {"connection_lost_delay_ms", world.timings.connection_lost_delay.count()}}}};
}

// What each member account was made to be (member_accounts.hpp): the known answer of an
// organization-wide audit. Computed from the plan, without making the members' worlds.
HttpReply organization_plan(AdminContext& context) {
  std::lock_guard lock(context.world.mutex);
  if (!context.world.organization) {
    return json_reply(404,
                      {{"error", "the emulated account is in no organization (--accounts N)"}});
  }
  const Organization& organization = *context.world.organization;
  nlohmann::json members = nlohmann::json::array();
  for (size_t i = 1; i < organization.accounts.size(); ++i) {
    MemberPlan plan = plan_member(organization, i);
    nlohmann::json instances = nlohmann::json::array();
    for (const auto& instance : plan.instances) {
      instances.push_back(
          {{"id", instance.id}, {"region", instance.region}, {"blocker", instance.blocker}});
    }
    members.push_back({{"account", plan.account_id},
                       {"name", organization.accounts[i].name},
                       {"roleMissing", plan.role_missing},
                       {"throttleRate", plan.throttle_rate},
                       {"optedIn", plan.opted_in},
                       {"instances", instances}});
  }
  return json_reply(200, {{"memberRegions", organization.member_regions}, {"members", members}});
}

HttpReply handle_admin(AdminContext& context, std::string_view method, std::string_view path,
                       std::string_view body) {
  struct Endpoint {
    std::string_view method;
    std::string_view path;
  };
  static constexpr Endpoint endpoints[] = {
      {"GET", "/_emulator/health"},
      {"POST", "/_emulator/reset"},
      {"POST", "/_emulator/scenario"},
      {"GET", "/_emulator/state"},
      {"GET", "/_emulator/requests"},
      {"DELETE", "/_emulator/requests"},
      {"GET", "/_emulator/faults"},
      {"POST", "/_emulator/faults"},
      {"GET", "/_emulator/session-faults"},
      {"POST", "/_emulator/session-faults"},
      {"POST", "/_emulator/sessions/<session-id>/drop"},
      {"GET", "/_emulator/organization/plan"},
  };
  auto is = [&](std::string_view m, std::string_view p) { return method == m && path == p; };

  if (is("GET", "/_emulator/health")) return json_reply(200, {{"status", "ok"}});
  if (is("POST", "/_emulator/reset")) return reset(context);
  if (is("POST", "/_emulator/scenario")) return load_scenario(context, body);
  if (is("GET", "/_emulator/state")) return state(context);
  if (is("GET", "/_emulator/requests")) {
    return {200, "application/x-ndjson", context.requests.json_lines(), {}, {}, false};
  }
  if (is("DELETE", "/_emulator/requests")) {
    context.requests.clear();
    return json_reply(200, {{"status", "cleared"}});
  }
  if (is("GET", "/_emulator/organization/plan")) return organization_plan(context);
  if (is("GET", "/_emulator/faults")) return json_reply(200, faults_json(context.faults));
  if (is("POST", "/_emulator/faults")) return set_faults(context, body);
  if (is("GET", "/_emulator/session-faults")) {
    if (!context.sessions) return no_sessions();
    return json_reply(200, session_faults_json(context.sessions->defaults().faults));
  }
  if (is("POST", "/_emulator/session-faults")) return set_session_faults(context, body);
  if (auto reply = session_action(context, method, path)) return *reply;

  std::vector<std::string> known;
  std::vector<std::string> methods;
  for (const auto& endpoint : endpoints) {
    known.push_back(std::string(endpoint.method) + " " + std::string(endpoint.path));
    if (endpoint.path == path) methods.emplace_back(endpoint.method);
  }
  std::string what = std::string(method) + " " + printable(path, 80);
  if (!methods.empty()) {
    return error_reply(405, what + " is not allowed; use " + join(methods, " or "));
  }
  return error_reply(404, "no admin endpoint " + what + "; there are: " + join(known, ", "));
}

}  // namespace ssmlink::emulator
