#include "aws/debug_log.hpp"

#include <ostream>
#include <regex>

#include "util/strings.hpp"

namespace ssmlink::aws {

namespace {

constexpr size_t kBodyLimit = 4000;

bool is_secret_header(const std::string& name) {
  std::string lower = to_lower(name);
  return lower == "authorization" || lower == "x-amz-security-token" ||
         lower == "x-amz-sso_bearer_token" || lower == "x-aws-ec2-metadata-token" ||
         lower == "cookie" || lower == "proxy-authorization";
}

}  // namespace

std::string redact_header(const std::string& name, const std::string& value) {
  if (!is_secret_header(name)) return value;
  // The signature's scope (date/region/service) helps debugging and is not secret.
  static const std::regex scope(R"(Credential=[^/,]+/([^,]+))");
  std::smatch match;
  if (to_lower(name) == "authorization" && std::regex_search(value, match, scope)) {
    return "<redacted> (scope " + match[1].str() + ")";
  }
  return "<redacted>";
}

std::string redact_body(const std::string& body) {
  // Element, JSON member and form field names that carry secrets in the calls ssmlink
  // makes (STS, SSO portal, container and instance metadata credentials).
  static const std::string names =
      "SecretAccessKey|secretAccessKey|SessionToken|sessionToken|Token|accessToken|"
      "WebIdentityToken|SAMLAssertion|AccessKeyId|accessKeyId";
  static const std::regex xml("<(" + names + ")>[^<]*</(" + names + ")>");
  static const std::regex json("\"(" + names + ")\"\\s*:\\s*\"(\\\\.|[^\"\\\\])*\"");
  static const std::regex form("(^|&)(" + names + ")=[^&]*");
  std::string text = body.size() > kBodyLimit ? body.substr(0, kBodyLimit) : body;
  text = std::regex_replace(text, xml, "<$1><redacted></$1>");
  text = std::regex_replace(text, json, "\"$1\": \"<redacted>\"");
  text = std::regex_replace(text, form, "$1$2=<redacted>");
  if (body.size() > kBodyLimit) text += "... (" + std::to_string(body.size()) + " bytes)";
  return text;
}

void DebugLog::write(const std::string& text) {
  std::lock_guard lock(mutex_);
  out_ << text << std::flush;
}

void DebugLog::request(const std::string& operation, const HttpRequest& request, int attempt,
                       int max_attempts) {
  std::string text = "[debug] -> " + operation + " " + request.method + " " + request.url +
                     " (attempt " + std::to_string(attempt) + "/" + std::to_string(max_attempts) +
                     ")\n";
  for (const auto& header : request.headers) {
    text += "[debug]    " + header.name + ": " + redact_header(header.name, header.value) + "\n";
  }
  if (!request.body.empty())
    text += "[debug]    " + printable(redact_body(request.body), 8000) + "\n";
  write(text);
}

void DebugLog::response(const HttpResponse& response, std::chrono::milliseconds elapsed) {
  std::string text = "[debug] <- HTTP " + std::to_string(response.status) + " in " +
                     std::to_string(elapsed.count()) + " ms\n";
  for (const auto& header : response.headers) {
    text += "[debug]    " + header.name + ": " + redact_header(header.name, header.value) + "\n";
  }
  if (!response.body.empty()) {
    text += "[debug]    " + printable(redact_body(response.body), 8000) + "\n";
  }
  write(text);
}

void DebugLog::failure(const std::string& what, std::chrono::milliseconds elapsed) {
  write("[debug] <- failed after " + std::to_string(elapsed.count()) + " ms: " + what + "\n");
}

void DebugLog::retry(const std::string& reason, std::chrono::milliseconds delay) {
  write("[debug] retrying in " + std::to_string(delay.count()) + " ms: " + reason + "\n");
}

void DebugLog::note(const std::string& text) {
  write("[debug] " + text + "\n");
}

}  // namespace ssmlink::aws
