#include "emulator/sts/sts_api.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <functional>
#include <optional>
#include <regex>
#include <vector>

#include "emulator/iam/iam_lookup.hpp"
#include "emulator/iam/policy_eval.hpp"
#include "emulator/organizations/member_accounts.hpp"
#include "emulator/world.hpp"
#include "util/clock.hpp"
#include "util/crypto.hpp"
#include "util/strings.hpp"
#include "util/xml_writer.hpp"

namespace ssmlink::emulator {

namespace {

constexpr std::string_view sts_namespace = "https://sts.amazonaws.com/doc/2011-06-15/";

// The messages below are real STS's, as a third-party probe of sts.amazonaws.com records
// them (an "STS Query protocol oracle" in an S3-compatible server's test suite):
// ValidationError 400 "1 validation error detected: Value 'x' at 'roleArn' failed to
// satisfy constraint: ...", "<arn> is invalid", MalformedInput for a DurationSeconds that
// is no integer.

// Smithy-style validation: every failed constraint of the request, then one error.
class Validation {
 public:
  void null(std::string_view member) {
    add("Value null at '" + std::string(member) +
        "' failed to satisfy constraint: Member must "
        "not be null");
  }
  void constraint(std::string_view value, std::string_view member, const std::string& rule) {
    add("Value '" + std::string(value) + "' at '" + std::string(member) +
        "' failed to satisfy constraint: Member must " + rule);
  }
  // A string member: its pattern first, then its length bounds, as STS lists them.
  void string(const std::optional<std::string>& value, std::string_view member, bool required,
              size_t min_length, size_t max_length, const std::string& pattern_text = {},
              bool (*matches)(std::string_view) = nullptr) {
    if (!value) {
      if (required) null(member);
      return;
    }
    if (matches && !matches(*value)) {
      constraint(*value, member, "satisfy regular expression pattern: " + pattern_text);
    }
    size_t length = utf8_length(*value);
    if (length < min_length) {
      constraint(*value, member,
                 "have length greater than or equal to " + std::to_string(min_length));
    }
    if (length > max_length) {
      constraint(*value, member, "have length less than or equal to " + std::to_string(max_length));
    }
  }
  void throw_if_failed() const {
    if (errors_.empty()) return;
    std::string message =
        std::to_string(errors_.size()) +
        (errors_.size() == 1 ? " validation error detected: " : " validation errors detected: ") +
        join(errors_, "; ");
    throw ApiError(400, "ValidationError", message);
  }

 private:
  void add(std::string error) { errors_.push_back(std::move(error)); }
  std::vector<std::string> errors_;
};

std::optional<std::string> param(const ApiRequest& request, const std::string& name) {
  auto found = request.params.find(name);
  if (found == request.params.end()) return std::nullopt;
  return found->second;
}

// arnType: one or more characters of the pattern in the model (no control characters).
bool is_arn_text(std::string_view text) {
  return !text.empty() && std::none_of(text.begin(), text.end(), [](char c) {
    auto byte = static_cast<unsigned char>(c);
    return byte < 0x20 && c != '\t' && c != '\n' && c != '\r';
  });
}

// roleSessionNameType: [\w+=,.@-]*
bool is_session_name(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) ||
           std::string_view("_+=,.@-").find(c) != std::string_view::npos;
  });
}

struct Role {
  std::string partition;
  std::string account;
  std::string name;  // the last segment of the path
};

// arn:<partition>:iam::<12 digits>:role/[path/]name
std::optional<Role> parse_role_arn(const std::string& arn) {
  static const std::regex pattern(
      R"(arn:(aws|aws-cn|aws-us-gov):iam::(\d{12}):role/(.+/)?([\w+=,.@-]+))");
  std::smatch match;
  if (!std::regex_match(arn, match, pattern)) return std::nullopt;
  return Role{match[1], match[2], match[4]};
}

// DurationSeconds: an int32, "+900" and "0900" included; nullopt for MalformedInput.
std::optional<long long> parse_duration(const std::string& text) {
  std::string_view digits = text;
  if (digits.starts_with('+')) digits.remove_prefix(1);
  long long value = 0;
  auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (error != std::errc() || end != digits.data() + digits.size() || digits.empty() ||
      digits.starts_with('+') || value < INT32_MIN || value > INT32_MAX) {
    return std::nullopt;
  }
  return value;
}

long long duration_seconds(const ApiRequest& request, Validation& validation) {
  auto text = param(request, "DurationSeconds");
  if (!text) return 3600;
  if (text->empty()) throw ApiError(400, "MalformedInput", "missing value for decimal type");
  auto value = parse_duration(*text);
  if (!value) throw ApiError(400, "MalformedInput", "");
  if (*value < 900) {
    validation.constraint(*text, "durationSeconds", "have value greater than or equal to 900");
  } else if (*value > 43200) {
    validation.constraint(*text, "durationSeconds", "have value less than or equal to 43200");
  }
  return *value;
}

std::string random_text(World& world, std::string_view alphabet, size_t length) {
  std::string text;
  text.reserve(length);
  for (size_t i = 0; i < length; ++i)
    text += alphabet[world.random() % alphabet.size()];
  return text;
}

constexpr std::string_view base32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
constexpr std::string_view base64 =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// A role's unique ID is fixed for the role: AROA and 17 characters from its ARN.
std::string role_id(const std::string& role_arn) {
  std::string digest = sha256(role_arn);
  std::string id = "AROA";
  for (size_t i = 0; i < 17; ++i) {
    id += base32[static_cast<unsigned char>(digest[i]) % base32.size()];
  }
  return id;
}

std::string account_of(const AccessKey& key, const World& world) {
  std::vector<std::string> fields = split(key.arn, ':');
  return fields.size() > 4 && !fields[4].empty() ? fields[4] : world.account_id;
}

void write_response_metadata(XmlWriter& xml, const ApiRequest& request) {
  xml.close().open("ResponseMetadata").element("RequestId", request.request_id);
}

ApiResponse xml_response(std::string body) {
  return {200, "text/xml", std::move(body)};
}

// Temporary credentials for `role` and session, kept in the world until they expire.
struct Session {
  std::string role_arn;
  std::string assumed_role_id;
  std::string assumed_role_arn;
  AccessKey key;
};

// What both AssumeRole calls ask for, once checked.
struct SessionRequest {
  std::string role_arn;
  Role role;
  std::string session_name;
  long long seconds = 3600;
};

Session start_session(World& world, const ApiRequest& request, const SessionRequest& asked) {
  Session session;
  session.role_arn = asked.role_arn;
  session.assumed_role_id = role_id(asked.role_arn) + ":" + asked.session_name;
  session.assumed_role_arn = "arn:" + asked.role.partition + ":sts::" + asked.role.account +
                             ":assumed-role/" + asked.role.name + "/" + asked.session_name;
  session.key.access_key_id = "ASIA" + random_text(world, base32, 16);
  session.key.secret_access_key = random_text(world, base64, 40);
  session.key.session_token = "IQoJb3JpZ2luX2VjE" + random_text(world, base64, 340);
  session.key.arn = session.assumed_role_arn;
  session.key.user_id = session.assumed_role_id;
  session.key.expiration = std::chrono::time_point_cast<std::chrono::seconds>(request.now) +
                           std::chrono::seconds(asked.seconds);
  world.keyring().push_back(session.key);
  return session;
}

void write_session(XmlWriter& xml, const Session& session) {
  xml.open("AssumedRoleUser")
      .element("AssumedRoleId", session.assumed_role_id)
      .element("Arn", session.assumed_role_arn)
      .close()
      .open("Credentials")
      .element("AccessKeyId", session.key.access_key_id)
      .element("SecretAccessKey", session.key.secret_access_key)
      .element("SessionToken", session.key.session_token)
      .element("Expiration", format_iso8601(*session.key.expiration))
      .close();
}

// The role ARN once its constraints hold: anything shaped like an IAM role, in any account
// (the emulator trusts every caller).
Role checked_role(const std::string& role_arn) {
  auto role = parse_role_arn(role_arn);
  if (!role) throw ApiError(400, "ValidationError", role_arn + " is invalid");
  return *role;
}

// RoleArn and RoleSessionName, then the members `more` checks, then DurationSeconds: the
// order in which STS lists what fails.
SessionRequest session_request(const ApiRequest& request,
                               const std::function<void(Validation&)>& more = {}) {
  auto role_arn = param(request, "RoleArn");
  auto session_name = param(request, "RoleSessionName");
  Validation validation;
  validation.string(
      role_arn, "roleArn", true, 20, 2048,
      R"([\u0009\u000A\u000D\u0020-\u007E\u0085\u00A0-\uD7FF\uE000-\uFFFD\u10000-\u10FFFF]+)",
      is_arn_text);
  validation.string(session_name, "roleSessionName", true, 2, 64, R"([\w+=,.@-]*)",
                    is_session_name);
  if (more) more(validation);
  long long seconds = duration_seconds(request, validation);
  validation.throw_if_failed();
  return {*role_arn, checked_role(*role_arn), *session_name, seconds};
}

ApiResponse get_caller_identity(World& world, const ApiRequest& request) {
  const AccessKey* key = world.find_key(request.access_key_id);
  if (!key) {
    throw ApiError(403, "InvalidClientTokenId",
                   "The security token included in the request is invalid.");
  }
  XmlWriter xml("GetCallerIdentityResponse", sts_namespace);
  xml.open("GetCallerIdentityResult")
      .element("Arn", key->arn)
      .element("UserId", key->user_id)
      .element("Account", account_of(*key, world));
  write_response_metadata(xml, request);
  return xml_response(xml.finish());
}

// A role in a member account of the organization must exist there and trust the caller,
// as OrganizationAccountAccessRole trusts the management account. Roles elsewhere are
// taken on trust: the emulator models one account besides its organization.
void check_member_role(World& world, const ApiRequest& request, const SessionRequest& asked) {
  World& root = world.home ? *world.home : world;
  World* member = member_world(root, asked.role.account, request.now);
  if (!member) return;
  const AccessKey* key = world.find_key(request.access_key_id);
  std::string caller = key ? key->arn : "arn:aws:iam::" + world.account_id + ":user/emulator";
  const IamRole* role = find_role_by_arn(*member, asked.role_arn);
  std::string account = key ? account_of(*key, world) : world.account_id;
  if (!role || !trust_allows_caller(role->trust_policy, caller, account)) {
    throw ApiError(403, "AccessDenied",
                   "User: " + caller +
                       " is not authorized to perform: sts:AssumeRole on "
                       "resource: " +
                       asked.role_arn);
  }
}

ApiResponse assume_role(World& world, const ApiRequest& request) {
  SessionRequest asked = session_request(request);
  check_member_role(world, request, asked);
  Session session = start_session(world, request, asked);
  XmlWriter xml("AssumeRoleResponse", sts_namespace);
  xml.open("AssumeRoleResult");
  write_session(xml, session);
  write_response_metadata(xml, request);
  return xml_response(xml.finish());
}

// Any token is accepted but "invalid", which gets the error AWS gives a token that is no
// JWT (as EKS and Cognito users report it).
ApiResponse assume_role_with_web_identity(World& world, const ApiRequest& request) {
  auto token = param(request, "WebIdentityToken");
  SessionRequest asked = session_request(request, [&](Validation& validation) {
    validation.string(token, "webIdentityToken", true, 4, 20000);
  });
  if (*token == "invalid") {
    throw ApiError(400, "InvalidIdentityToken",
                   "The ID Token provided is not a valid JWT. (You may see this error if you "
                   "sent an Access Token)");
  }
  Session session = start_session(world, request, asked);

  XmlWriter xml("AssumeRoleWithWebIdentityResponse", sts_namespace);
  xml.open("AssumeRoleWithWebIdentityResult")
      .element("SubjectFromWebIdentityToken", "emulator-subject")
      .element("Audience", "sts.amazonaws.com");
  write_session(xml, session);
  xml.element("Provider", "emulator.local");
  write_response_metadata(xml, request);
  return xml_response(xml.finish());
}

}  // namespace

void add_sts_api(ApiTable& table) {
  auto& sts = table["sts"];
  sts["GetCallerIdentity"] = get_caller_identity;
  sts["AssumeRole"] = assume_role;
  sts["AssumeRoleWithWebIdentity"] = assume_role_with_web_identity;
}

void ensure_default_access_key(World& world) {
  if (!world.access_keys.empty()) return;
  AccessKey key;
  key.access_key_id = std::string(default_access_key_id);
  key.secret_access_key = std::string(default_secret_access_key);
  key.arn = "arn:aws:iam::" + world.account_id + ":user/emulator";
  key.user_id = "AIDAEMULATORDEFAULT01";
  world.access_keys.push_back(std::move(key));
}

}  // namespace ssmlink::emulator
