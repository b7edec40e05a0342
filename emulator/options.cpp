#include "emulator/options.hpp"

#include <arpa/inet.h>

#include <charconv>
#include <cstring>
#include <functional>
#include <map>

#include "emulator/organizations/organization.hpp"
#include "util/strings.hpp"

namespace ssmlink::emulator {

namespace {

constexpr long long max_delay_ms = 3600000;  // an hour; more is a typo

template <typename Integer>
std::optional<Integer> parse_integer(std::string_view text) {
  Integer value{};
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) {
    return std::nullopt;
  }
  return value;
}

using Setter = std::function<std::optional<std::string>(EmulatorOptions&, const std::string&)>;

std::optional<std::chrono::milliseconds> parse_milliseconds(const std::string& value) {
  auto ms = parse_integer<long long>(value);
  if (!ms || *ms < 0 || *ms > max_delay_ms) return std::nullopt;
  return std::chrono::milliseconds(*ms);
}

std::string not_milliseconds(const std::string& flag, const std::string& value) {
  return flag + ": " + in_quotes(value) + " is not a number of milliseconds from 0 to " +
         std::to_string(max_delay_ms);
}

Setter milliseconds_of(std::optional<std::chrono::milliseconds> EmulatorOptions::*field,
                       const std::string& flag) {
  return [=](EmulatorOptions& options, const std::string& value) -> std::optional<std::string> {
    auto ms = parse_milliseconds(value);
    if (!ms) return not_milliseconds(flag, value);
    options.*field = *ms;
    return std::nullopt;
  };
}

Setter rate_of(double FaultSettings::*field, const std::string& flag) {
  return [=](EmulatorOptions& options, const std::string& value) -> std::optional<std::string> {
    auto rate = parse_probability(value);
    if (!rate) return flag + ": " + in_quotes(value) + " is not a probability from 0 to 1";
    options.faults.*field = *rate;
    return std::nullopt;
  };
}

Setter session_rate_of(double sessions::DataChannelFaults::*field, const std::string& flag) {
  return [=](EmulatorOptions& options, const std::string& value) -> std::optional<std::string> {
    auto rate = parse_probability(value);
    if (!rate) return flag + ": " + in_quotes(value) + " is not a probability from 0 to 1";
    options.session_faults.*field = *rate;
    return std::nullopt;
  };
}

// RATE or RATE:MS.
std::optional<std::string> set_session_delay(EmulatorOptions& options, const std::string& value) {
  std::string rate_text = value.substr(0, value.find(':'));
  auto rate = parse_probability(rate_text);
  if (!rate) {
    return "--fault-session-delay: " + in_quotes(rate_text) +
           " is not a probability from 0 to 1 (RATE or RATE:MS, e.g. 0.2:500)";
  }
  if (size_t colon = value.find(':'); colon != std::string::npos) {
    auto ms = parse_milliseconds(value.substr(colon + 1));
    if (!ms) return not_milliseconds("--fault-session-delay", value.substr(colon + 1));
    options.session_faults.delay_ms = *ms;
  }
  options.session_faults.delay = *rate;
  return std::nullopt;
}

const std::map<std::string, Setter>& value_flags() {
  static const std::map<std::string, Setter> flags = {
      {"--host",
       [](EmulatorOptions& options, const std::string& value) -> std::optional<std::string> {
         if (value.empty()) return "--host: the host is empty";
         options.host = value;
         return std::nullopt;
       }},
      {"--port",
       [](EmulatorOptions& options, const std::string& value) -> std::optional<std::string> {
         auto port = parse_integer<int>(value);
         if (!port || *port < 0 || *port > 65535) {
           return "--port: " + in_quotes(value) + " is not a port number from 0 to 65535";
         }
         options.port = *port;
         return std::nullopt;
       }},
      {"--scenario",
       [](EmulatorOptions& options, const std::string& value) -> std::optional<std::string> {
         if (value.empty()) return "--scenario: the file name is empty";
         options.scenario_path = value;
         return std::nullopt;
       }},
      {"--seed",
       [](EmulatorOptions& options, const std::string& value) -> std::optional<std::string> {
         auto seed = parse_integer<uint64_t>(value);
         if (!seed)
           return "--seed: " + in_quotes(value) + " is not a whole number from 0 to 2^64-1";
         options.seed = *seed;
         return std::nullopt;
       }},
      {"--accounts",
       [](EmulatorOptions& options, const std::string& value) -> std::optional<std::string> {
         auto accounts = parse_integer<int>(value);
         if (!accounts || *accounts < 0 || *accounts > kMaxMemberAccounts)
           return "--accounts: " + in_quotes(value) + " is not a whole number from 0 to " +
                  std::to_string(kMaxMemberAccounts);
         options.accounts = *accounts;
         return std::nullopt;
       }},
      {"--provision-ms", milliseconds_of(&EmulatorOptions::provision, "--provision-ms")},
      {"--online-delay-ms", milliseconds_of(&EmulatorOptions::online_delay, "--online-delay-ms")},
      {"--fault-throttle", rate_of(&FaultSettings::throttle, "--fault-throttle")},
      {"--fault-5xx", rate_of(&FaultSettings::server_error, "--fault-5xx")},
      {"--fault-reset", rate_of(&FaultSettings::reset, "--fault-reset")},
      {"--fault-html", rate_of(&FaultSettings::html, "--fault-html")},
      {"--fault-truncate", rate_of(&FaultSettings::truncate, "--fault-truncate")},
      {"--fault-op",
       [](EmulatorOptions& options, const std::string& value) -> std::optional<std::string> {
         auto entry = parse_operation_fault_entry(value);
         if (!entry) return "--fault-op: " + entry.error();
         auto [key, fault] = std::move(*entry);
         auto& operations = options.faults.operations;
         if (auto earlier = operations.find(key); earlier != operations.end()) {
           return "--fault-op: " + key + " is given twice (" +
                  in_quotes(operation_fault_spec(earlier->second)) + " and " +
                  in_quotes(operation_fault_spec(fault)) + "); keep one";
         }
         operations.emplace(key, fault);
         return std::nullopt;
       }},
      {"--fault-session-drop",
       session_rate_of(&sessions::DataChannelFaults::drop_connection, "--fault-session-drop")},
      {"--fault-session-duplicate",
       session_rate_of(&sessions::DataChannelFaults::duplicate, "--fault-session-duplicate")},
      {"--fault-session-reorder",
       session_rate_of(&sessions::DataChannelFaults::reorder, "--fault-session-reorder")},
      {"--fault-session-delay", set_session_delay},
      {"--session-shell",
       [](EmulatorOptions& options, const std::string& value) -> std::optional<std::string> {
         if (value.empty()) return "--session-shell: the program is empty";
         options.session_shell = value;
         return std::nullopt;
       }},
      {"--fault-latency-ms",
       [](EmulatorOptions& options, const std::string& value) -> std::optional<std::string> {
         auto ms = parse_milliseconds(value);
         if (!ms) return not_milliseconds("--fault-latency-ms", value);
         options.faults.latency = *ms;
         return std::nullopt;
       }},
  };
  return flags;
}

}  // namespace

std::expected<EmulatorOptions, std::string> parse_options(const std::vector<std::string>& args) {
  EmulatorOptions options;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string flag = args[i];
    std::optional<std::string> value;
    if (size_t equals = flag.find('='); flag.starts_with("--") && equals != std::string::npos) {
      value = flag.substr(equals + 1);
      flag = flag.substr(0, equals);
    }
    if (flag == "--help" || flag == "-h") {
      options.help = true;
      continue;
    }
    if (flag == "--allow-remote") {
      if (value) return std::unexpected("--allow-remote takes no value, got " + in_quotes(*value));
      options.allow_remote = true;
      continue;
    }
    auto setter = value_flags().find(flag);
    if (setter == value_flags().end()) {
      return std::unexpected("unknown option " + in_quotes(flag) + " (see --help)");
    }
    if (!value) {
      if (i + 1 >= args.size()) return std::unexpected(flag + " needs a value");
      value = args[++i];
    }
    if (auto problem = setter->second(options, *value)) return std::unexpected(*problem);
  }
  return options;
}

bool is_loopback_host(std::string_view host) {
  std::string name(host);
  if (name.size() > 2 && name.front() == '[' && name.back() == ']') {
    name = name.substr(1, name.size() - 2);
  }
  if (to_lower(name) == "localhost") return true;
  in_addr ipv4{};
  if (inet_pton(AF_INET, name.c_str(), &ipv4) == 1) {
    return (ntohl(ipv4.s_addr) >> 24) == 127;
  }
  in6_addr ipv6{};
  if (inet_pton(AF_INET6, name.c_str(), &ipv6) == 1) {
    return std::memcmp(&ipv6, &in6addr_loopback, sizeof ipv6) == 0;
  }
  return false;
}

std::optional<std::string> refuse_host(const EmulatorOptions& options) {
  if (options.allow_remote || is_loopback_host(options.host)) return std::nullopt;
  return "--host " + in_quotes(options.host) +
         " is not a loopback address (127.0.0.0/8, ::1, localhost): the emulator accepts "
         "anyone who signs with its test keys, so other machines must not reach it; add "
         "--allow-remote to serve it anyway";
}

std::string usage() {
  return R"(usage: ssmlink-emulator [options]

A loopback AWS (EC2, CloudFormation, SSM, STS, IAM) on one endpoint, for tests and
demos. Prints "listening on http://HOST:PORT" once it accepts connections and serves
until SIGINT or SIGTERM. Credentials: access key "test", secret "test" unless the scenario
names others; any region.

options:
  --host HOST               address to listen on (default 127.0.0.1; loopback only)
  --port N                  port to listen on; 0 picks a free one (default 0)
  --scenario FILE           the account to emulate, as JSON (default: the seed scenario)
  --seed N                  seed for IDs and faults (default 1)
  --accounts N              make the account the management account of an organization
                            with N generated member accounts (from --seed) in the OUs
                            of the scenario's "organization", or Production,
                            Development and Sandbox; each member gets networks and
                            instances (some broken) when a role is first assumed in it
  --provision-ms N          time to provision one CloudFormation resource
  --online-delay-ms N       delay before SSM reports an instance Online
  --fault-throttle RATE     share of AWS calls throttled (0..1)
  --fault-5xx RATE          share of AWS calls failing with 500/503 (0..1)
  --fault-latency-ms N      delay added to every AWS call
  --fault-reset RATE        share of AWS calls whose connection closes mid-response (0..1)
  --fault-html RATE         share of AWS calls answered by an HTML error page, 502 or 500,
                            as a proxy or a non-AWS emulator sends (0..1)
  --fault-truncate RATE     share of AWS calls whose answer is cut in half, with a
                            Content-Length that matches (0..1)
  --fault-op SERVICE:Operation=KIND[@RATE]
                            one operation's calls fail this way (every call, or RATE of
                            them), before the rates above; repeatable. SERVICE: ec2,
                            cloudformation, ssm, sts, iam, organizations. KIND: throttle,
                            5xx, reset, html, truncate, garbage (200, plain text), denied
                            (the service's access-denied error), unknown (an error code no
                            client knows),
                            hang[:MS] (the answer held MS ms, default 30000, at most
                            600000; cut short when the emulator stops). E.g.
                            --fault-op ssm:DescribeInstanceInformation=html
                            --fault-op cloudformation:DescribeStacks=throttle@0.5
  --fault-session-drop RATE
                            share of data-channel messages after which the agent cuts
                            the session's WebSocket (the client must ResumeSession)
  --fault-session-duplicate RATE
                            share of the agent's messages sent twice
  --fault-session-reorder RATE
                            share of the agent's messages held back behind the next one
  --fault-session-delay RATE[:MS]
                            share of the agent's messages delayed MS ms (default 200)
  --session-shell PROGRAM   what a shell session runs (default /bin/sh)
  --allow-remote            allow a --host that is not loopback
  --help                    show this help

admin API (unsigned): GET /_emulator/health, POST /_emulator/reset,
  POST /_emulator/scenario, GET /_emulator/state, GET|DELETE /_emulator/requests,
  GET|POST /_emulator/faults {"throttle":0.3,"5xx":0.1,"html":0,"truncate":0,
    "latency_ms":0,"reset":0,"seed":7,"operations":{"ssm:DescribeInstanceInformation":"html"}}
    (keys left out keep their value; "operations" replaces them all, {} clears them)
  GET|POST /_emulator/session-faults {"drop":0.1,"duplicate":0,"reorder":0,"delay":0,
    "delay_ms":200,"seed":1} (for sessions started from then on)
  POST /_emulator/sessions/SESSION-ID/drop (cut that session's WebSocket now)
  GET /_emulator/organization/plan (what each member account was made to be)
data channels: ws://HOST:PORT/v1/data-channel/SESSION-ID (the StreamUrl of StartSession)

exit status: 0 stopped by SIGINT or SIGTERM, 1 it could not listen, 2 a bad option or
scenario.

examples:
  ssmlink-emulator --port 4566
  aws --endpoint-url http://127.0.0.1:4566 ec2 describe-vpcs
  ssmlink-emulator --scenario builtin:role-without-ssm-policy --fault-throttle 0.2
)";
}

}  // namespace ssmlink::emulator
