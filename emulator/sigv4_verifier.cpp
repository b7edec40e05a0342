#include "emulator/sigv4_verifier.hpp"

#include <algorithm>
#include <cctype>
#include <ctime>
#include <vector>

#include "emulator/region_name.hpp"
#include "util/crypto.hpp"
#include "util/strings.hpp"

namespace ssmlink::emulator {

namespace {

// The order of the checks and their messages are AWS's front end's, as recorded from real
// services by mhart/dynalite (index.js, the comments before its signature checks) and
// dacut/scratchstack-aws-signature (constants.rs); the codes per protocol are in
// auth_error() below.

constexpr std::string_view signature_mismatch_text =
    "The request signature we calculated does not match the signature you provided. Check "
    "your AWS Secret Access Key and signing method. Consult the service documentation for "
    "details.";

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// Credential=..., SignedHeaders=..., Signature=... as AWS splits them: on commas and blanks.
struct AuthorizationParts {
  std::string algorithm;
  std::optional<std::string> credential;
  std::optional<std::string> signed_headers;
  std::optional<std::string> signature;
};

std::expected<AuthorizationParts, std::string> split_authorization(std::string_view header) {
  AuthorizationParts parts;
  size_t position = 0;
  while (position < header.size() && is_blank(header[position]))
    ++position;
  size_t algorithm_end = position;
  while (algorithm_end < header.size() && !is_blank(header[algorithm_end]))
    ++algorithm_end;
  parts.algorithm = std::string(header.substr(position, algorithm_end - position));
  position = algorithm_end;
  while (position < header.size()) {
    while (position < header.size() && (is_blank(header[position]) || header[position] == ',')) {
      ++position;
    }
    size_t end = position;
    while (end < header.size() && !is_blank(header[end]) && header[end] != ',')
      ++end;
    if (end == position) break;
    std::string_view component = header.substr(position, end - position);
    position = end;
    size_t equals = component.find('=');
    if (equals == std::string_view::npos) {
      return std::unexpected("'" + std::string(component) +
                             "' not a valid key=value pair (missing equal-sign) in "
                             "Authorization header: '" +
                             std::string(header) + "'.");
    }
    std::string key(component.substr(0, equals));
    std::string value(component.substr(equals + 1));
    if (key == "Credential" && !parts.credential) parts.credential = value;
    if (key == "SignedHeaders" && !parts.signed_headers) parts.signed_headers = value;
    if (key == "Signature" && !parts.signature) parts.signature = value;
  }
  return parts;
}

bool is_amz_date(std::string_view text) {
  if (text.size() != 16 || text[8] != 'T' || text[15] != 'Z') return false;
  for (size_t i = 0; i < 15; ++i) {
    if (i != 8 && !std::isdigit(static_cast<unsigned char>(text[i]))) return false;
  }
  return true;
}

std::optional<TimePoint> parse_amz_date(std::string_view text) {
  if (!is_amz_date(text)) return std::nullopt;
  std::tm utc{};
  std::string value(text);
  if (!strptime(value.c_str(), "%Y%m%dT%H%M%SZ", &utc)) return std::nullopt;
  return std::chrono::system_clock::from_time_t(timegm(&utc));
}

// The Date header (RFC 7231 IMF-fixdate), which AWS accepts in place of X-Amz-Date.
std::optional<TimePoint> parse_http_date(std::string_view text) {
  std::tm utc{};
  std::string value(text);
  const char* end = strptime(value.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &utc);
  if (!end || *end != '\0') return std::nullopt;
  return std::chrono::system_clock::from_time_t(timegm(&utc));
}

// The request's time and the X-Amz-Date form of it that the string to sign carries.
struct RequestDate {
  TimePoint time;
  std::string amz_date;
  bool from_x_amz_date = true;
};

std::expected<RequestDate, AuthFailure> request_date(const sigv4::Headers& headers) {
  if (auto amz = header_value(headers, "x-amz-date")) {
    if (auto time = parse_amz_date(*amz)) return RequestDate{*time, std::string(*amz), true};
    return std::unexpected(AuthFailure{AuthProblem::incomplete_signature,
                                       "Date must be in ISO-8601 'basic format'. Got '" +
                                           std::string(*amz) +
                                           "'. See http://en.wikipedia.org/wiki/ISO_8601"});
  }
  auto date = header_value(headers, "date");
  auto time = date ? parse_http_date(*date) : std::nullopt;
  if (!time) {
    return std::unexpected(AuthFailure{AuthProblem::incomplete_signature,
                                       "Date must be in ISO-8601 'basic format'. Got '" +
                                           std::string(date.value_or("")) +
                                           "'. See http://en.wikipedia.org/wiki/ISO_8601"});
  }
  return RequestDate{*time, sigv4::amz_date(*time), false};
}

// "Signature expired: 20261128T000000Z is now earlier than 20261128T000500Z
// (20261128T001000Z - 5 min.)" and its mirror for a clock ahead, as query services and
// Elastic Beanstalk/CloudFormation users report them.
std::optional<AuthFailure> check_clock_skew(const RequestDate& date, TimePoint now) {
  using std::chrono::floor;
  using std::chrono::seconds;
  TimePoint earliest = floor<seconds>(now) - allowed_clock_skew;
  TimePoint latest = floor<seconds>(now) + allowed_clock_skew;
  std::string minutes = std::to_string(allowed_clock_skew.count()) + " min.)";
  if (date.time < earliest) {
    return AuthFailure{AuthProblem::signature_expired, "Signature expired: " + date.amz_date +
                                                           " is now earlier than " +
                                                           sigv4::amz_date(earliest) + " (" +
                                                           sigv4::amz_date(now) + " - " + minutes};
  }
  if (date.time > latest) {
    return AuthFailure{AuthProblem::signature_expired,
                       "Signature not yet current: " + date.amz_date + " is still later than " +
                           sigv4::amz_date(latest) + " (" + sigv4::amz_date(now) + " + " + minutes};
  }
  return std::nullopt;
}

std::string scope_problems(const std::vector<std::string>& credential, const RequestDate& date) {
  std::string message;
  if (!is_region_name(credential[2])) {
    message += "Credential should be scoped to a valid region, not '" + credential[2] + "'. ";
  }
  if (credential[4] != "aws4_request") {
    message += "Credential should be scoped with a valid terminator: 'aws4_request', not '" +
               credential[4] + "'. ";
  }
  std::string day = date.amz_date.substr(0, 8);
  if (credential[1] != day) {
    message +=
        "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date "
        "from HTTP: '" +
        credential[1] + "' != '" + day + "', from '" + date.amz_date + "'.";
  }
  return message;
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char difference = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    difference |= static_cast<unsigned char>(a[i] ^ b[i]);
  }
  return difference == 0;
}

std::optional<AuthFailure> check_session_token(const AccessKey& key, const sigv4::Headers& headers,
                                               TimePoint now) {
  auto token = header_value(headers, "x-amz-security-token");
  bool temporary = !key.session_token.empty();
  if (temporary != token.has_value() ||
      (temporary && !constant_time_equal(*token, key.session_token))) {
    return AuthFailure{AuthProblem::invalid_session_token, ""};
  }
  if (key.expiration && now >= *key.expiration) {
    return AuthFailure{AuthProblem::expired_session_token, ""};
  }
  return std::nullopt;
}

AuthFailure failure(AuthProblem problem, std::string message = {}) {
  return AuthFailure{problem, std::move(message)};
}

}  // namespace

std::optional<std::string_view> header_value(const sigv4::Headers& headers, std::string_view name) {
  for (const auto& [header, value] : headers) {
    if (equals_ignoring_case(header, name)) return std::string_view(value);
  }
  return std::nullopt;
}

std::optional<sigv4::Scope> claimed_scope(const sigv4::Headers& headers) {
  auto authorization = header_value(headers, "authorization");
  if (!authorization) return std::nullopt;
  size_t start = authorization->find("Credential=");
  if (start == std::string_view::npos) return std::nullopt;
  start += std::string_view("Credential=").size();
  size_t end = start;
  while (end < authorization->size() && (*authorization)[end] != ',' &&
         !is_blank((*authorization)[end])) {
    ++end;
  }
  std::vector<std::string> parts = split(authorization->substr(start, end - start), '/');
  if (parts.size() != 5) return std::nullopt;
  return sigv4::Scope{parts[1], parts[2], parts[3]};
}

std::expected<Caller, AuthFailure> verify_signature(const SignedRequest& request,
                                                    const KeyLookup& find_key, TimePoint now) {
  const sigv4::Headers& headers = *request.headers;
  auto authorization = header_value(headers, "authorization");
  if (!authorization || !trim(*authorization).starts_with("AWS4-")) {
    return std::unexpected(failure(AuthProblem::missing_authentication));
  }
  auto parts = split_authorization(*authorization);
  if (!parts) return std::unexpected(failure(AuthProblem::incomplete_signature, parts.error()));

  // Every missing piece at once, then the header as sent.
  std::string missing;
  for (const auto& [name, value] :
       {std::pair{"Credential", &parts->credential}, std::pair{"Signature", &parts->signature},
        std::pair{"SignedHeaders", &parts->signed_headers}}) {
    if (!*value || (*value)->empty()) {
      missing += "Authorization header requires '" + std::string(name) + "' parameter. ";
    }
  }
  if (!header_value(headers, "x-amz-date") && !header_value(headers, "date")) {
    missing +=
        "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' "
        "header. ";
  }
  if (!missing.empty()) {
    return std::unexpected(failure(AuthProblem::incomplete_signature,
                                   missing + "Authorization=" + std::string(*authorization)));
  }

  auto date = request_date(headers);
  if (!date) return std::unexpected(date.error());
  if (auto skew = check_clock_skew(*date, now)) return std::unexpected(*skew);

  std::vector<std::string> signed_headers = split(*parts->signed_headers, ';');
  auto is_signed = [&](std::string_view name) {
    return std::any_of(
        signed_headers.begin(), signed_headers.end(),
        [&](const std::string& signed_name) { return equals_ignoring_case(signed_name, name); });
  };
  if (!is_signed("host")) {
    return std::unexpected(
        failure(AuthProblem::signature_invalid,
                "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."));
  }
  // The same rule for the date: AWS's message pattern, as for Host and Content-Type.
  if (!is_signed(date->from_x_amz_date ? "x-amz-date" : "date")) {
    return std::unexpected(failure(AuthProblem::signature_invalid,
                                   std::string(date->from_x_amz_date ? "'X-Amz-Date'" : "'Date'") +
                                       " must be a 'SignedHeader' in the AWS Authorization."));
  }

  if (parts->algorithm != sigv4::algorithm) {
    return std::unexpected(failure(AuthProblem::incomplete_signature,
                                   "Unsupported AWS 'algorithm': '" + parts->algorithm +
                                       "' (only AWS4-HMAC-SHA256 for now). "));
  }

  std::vector<std::string> credential = split(*parts->credential, '/');
  if (credential.size() != 5) {
    return std::unexpected(failure(AuthProblem::incomplete_signature,
                                   "Credential must have exactly 5 slash-delimited elements, "
                                   "e.g. keyid/date/region/service/term, got '" +
                                       *parts->credential + "'"));
  }
  if (std::string problems = scope_problems(credential, *date); !problems.empty()) {
    return std::unexpected(failure(AuthProblem::signature_invalid, problems));
  }

  std::optional<AccessKey> key = find_key(credential[0]);
  if (!key) return std::unexpected(failure(AuthProblem::unknown_access_key));

  sigv4::Request canonical{std::string(request.method), std::string(request.path),
                           std::string(request.query), headers, sha256_hex(request.body)};
  sigv4::Scope scope{credential[1], credential[2], credential[3]};
  sigv4::SigningResult expected = sigv4::sign(
      canonical,
      {key->access_key_id, key->secret_access_key, date->amz_date, scope, signed_headers, true});
  if (!constant_time_equal(expected.signature, *parts->signature)) {
    return std::unexpected(
        failure(AuthProblem::signature_mismatch,
                std::string(signature_mismatch_text) +
                    "\n\nThe Canonical String for this request should have been\n'" +
                    expected.canonical_request + "'\n\nThe String-to-Sign should have been\n'" +
                    expected.string_to_sign + "'\n"));
  }
  if (auto token = check_session_token(*key, headers, now)) return std::unexpected(*token);
  return Caller{std::move(*key), std::move(scope)};
}

// Per protocol, the codes and statuses AWS answers with:
// - JSON (SSM): MissingAuthenticationTokenException, IncompleteSignatureException,
//   InvalidSignatureException, UnrecognizedClientException, all 400 (dynalite's record of
//   DynamoDB, the same Coral JSON front end), ExpiredTokenException 400.
// - Query (STS, CloudFormation): MissingAuthenticationToken 403 (STS), IncompleteSignature
//   400, SignatureDoesNotMatch 403 (also for "Signature expired", as CloudFormation and
//   Elastic Beanstalk users report it), InvalidClientTokenId 403, ExpiredToken 403 ("The
//   security token included in the request is expired").
// - EC2: MissingParameter 400 "The request must contain the parameter AWSAccessKeyId" for
//   an unsigned request, AuthFailure 401 for an unknown key, RequestExpired 400 "Request
//   has expired." for a skewed clock and for expired temporary credentials,
//   SignatureDoesNotMatch 403 without the canonical request. IncompleteSignature for
//   EC2 is assumed to be the query one (not confirmed for EC2).
ErrorReply auth_error(Protocol protocol, const AuthFailure& failure) {
  const bool json = protocol == Protocol::json;
  const bool ec2 = protocol == Protocol::ec2;
  const std::string coral = json ? "com.amazon.coral.service#" : "";
  auto reply = [&](int status, const char* code, const std::string& message) {
    return make_error(status, code, message, true, coral);
  };
  switch (failure.problem) {
    case AuthProblem::missing_authentication:
      if (ec2) {
        return reply(400, "MissingParameter",
                     "The request must contain the parameter AWSAccessKeyId");
      }
      if (json) {
        return reply(400, "MissingAuthenticationTokenException",
                     "Request is missing Authentication Token");
      }
      return reply(403, "MissingAuthenticationToken", "Request is missing Authentication Token");
    case AuthProblem::incomplete_signature:
      return reply(400, json ? "IncompleteSignatureException" : "IncompleteSignature",
                   failure.message);
    case AuthProblem::signature_expired:
      if (ec2) return reply(400, "RequestExpired", "Request has expired.");
      if (json) return reply(400, "InvalidSignatureException", failure.message);
      return reply(403, "SignatureDoesNotMatch", failure.message);
    case AuthProblem::signature_invalid:
      if (json) return reply(400, "InvalidSignatureException", failure.message);
      return reply(403, "SignatureDoesNotMatch", failure.message);
    case AuthProblem::unknown_access_key:
      if (ec2) {
        return reply(401, "AuthFailure",
                     "AWS was not able to validate the provided access credentials");
      }
      if (json) {
        return reply(400, "UnrecognizedClientException",
                     "The security token included in the request is invalid.");
      }
      return reply(403, "InvalidClientTokenId",
                   "The security token included in the request is invalid.");
    case AuthProblem::signature_mismatch:
      if (ec2) return reply(403, "SignatureDoesNotMatch", std::string(signature_mismatch_text));
      if (json) return reply(400, "InvalidSignatureException", failure.message);
      return reply(403, "SignatureDoesNotMatch", failure.message);
    case AuthProblem::invalid_session_token:
      if (ec2) {
        return reply(401, "AuthFailure",
                     "AWS was not able to validate the provided access credentials");
      }
      // dynalite records DynamoDB's token message without the final period.
      if (json) {
        return reply(400, "UnrecognizedClientException",
                     "The security token included in the request is invalid");
      }
      return reply(403, "InvalidClientTokenId",
                   "The security token included in the request is invalid.");
    case AuthProblem::expired_session_token:
      if (ec2) return reply(400, "RequestExpired", "Request has expired.");
      if (json) {
        return reply(400, "ExpiredTokenException",
                     "The security token included in the request is expired");
      }
      return reply(403, "ExpiredToken", "The security token included in the request is expired");
  }
  return reply(400, "IncompleteSignature", failure.message);
}

}  // namespace ssmlink::emulator
