#include "util/sigv4.hpp"

#include <algorithm>
#include <ctime>

#include "util/crypto.hpp"
#include "util/strings.hpp"

namespace ssmlink::sigv4 {

namespace {

bool is_unreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.' || c == '~';
}

bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

void append_encoded(std::string& out, std::string_view bytes, bool keep_slashes) {
  static constexpr char digits[] = "0123456789ABCDEF";
  for (unsigned char c : bytes) {
    if (is_unreserved(c) || (keep_slashes && c == '/')) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += digits[c >> 4];
      out += digits[c & 0x0F];
    }
  }
}

std::string encoded(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  append_encoded(out, bytes, false);
  return out;
}

// The segments that remain once empty ones and "." are dropped and each ".." has taken
// away the segment before it.
std::vector<std::string_view> normalized_segments(std::string_view path) {
  std::vector<std::string_view> segments;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = std::min(path.find('/', start), path.size());
    std::string_view segment = path.substr(start, end - start);
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.push_back(segment);
    }
    start = end + 1;
  }
  return segments;
}

std::string normalized_path(std::string_view path) {
  std::vector<std::string_view> segments = normalized_segments(path);
  std::string out = "/";
  for (size_t i = 0; i < segments.size(); ++i) {
    if (i > 0) out += '/';
    out += segments[i];
  }
  if (!segments.empty() && path.ends_with('/')) out += '/';
  return out;
}

void append_canonical_header_value(std::string& out, std::string_view value) {
  bool pending_space = false;
  bool started = false;
  for (char c : value) {
    if (is_blank(c)) {
      pending_space = started;
      continue;
    }
    if (pending_space) out += ' ';
    out += c;
    pending_space = false;
    started = true;
  }
}

// The values of every header named `lower_case_name`, canonical and joined with ','.
void append_header_values(std::string& out, const Headers& headers,
                          const std::vector<std::string>& lower_case_names,
                          std::string_view lower_case_name) {
  bool first = true;
  for (size_t i = 0; i < headers.size(); ++i) {
    if (lower_case_names[i] != lower_case_name) continue;
    if (!first) out += ',';
    append_canonical_header_value(out, headers[i].second);
    first = false;
  }
}

bool is_lower_hex(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

bool is_date(std::string_view text) {
  return text.size() == 8 &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A header name as SignedHeaders lists it: lower case, no blanks or separators.
bool is_signed_header_name(std::string_view name) {
  return !name.empty() && std::none_of(name.begin(), name.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || is_blank(c) || c == ',' || c == ';' || c == '=';
  });
}

// AKID/date/region/service/aws4_request
std::optional<std::pair<std::string, Scope>> parse_credential(std::string_view credential) {
  std::vector<std::string> parts = split(credential, '/');
  if (parts.size() != 5 || parts[4] != "aws4_request" || !is_date(parts[1])) return std::nullopt;
  if (std::any_of(parts.begin(), parts.end(), [](const auto& part) { return part.empty(); })) {
    return std::nullopt;
  }
  return std::pair{parts[0], Scope{parts[1], parts[2], parts[3]}};
}

std::optional<std::vector<std::string>> parse_signed_headers(std::string_view list) {
  std::vector<std::string> names = split(list, ';');
  if (!std::all_of(names.begin(), names.end(), is_signed_header_name)) return std::nullopt;
  return names;
}

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && is_blank(text.front()))
    text.remove_prefix(1);
  while (!text.empty() && is_blank(text.back()))
    text.remove_suffix(1);
  return text;
}

}  // namespace

std::string Scope::string() const {
  return date + "/" + region + "/" + service + "/aws4_request";
}

std::string amz_date(std::chrono::system_clock::time_point time) {
  std::time_t seconds = std::chrono::system_clock::to_time_t(time);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y%m%dT%H%M%SZ", &utc);
  return buffer;
}

std::string canonical_path(std::string_view path, bool normalize) {
  std::string source = normalize ? normalized_path(path) : std::string(path.empty() ? "/" : path);
  std::string out;
  out.reserve(source.size() + 8);
  append_encoded(out, source, true);
  return out;
}

std::string canonical_query(std::string_view query) {
  std::vector<std::pair<std::string, std::string>> parameters;
  for (std::string_view rest = query; !rest.empty();) {
    size_t end = std::min(rest.find('&'), rest.size());
    std::string_view parameter = rest.substr(0, end);
    rest.remove_prefix(std::min(end + 1, rest.size()));
    if (parameter.empty()) continue;
    size_t equals = std::min(parameter.find('='), parameter.size());
    std::string_view value = parameter.substr(std::min(equals + 1, parameter.size()));
    parameters.emplace_back(encoded(percent_decode(parameter.substr(0, equals))),
                            encoded(percent_decode(value)));
  }
  std::sort(parameters.begin(), parameters.end());
  std::string out;
  for (const auto& [name, value] : parameters) {
    if (!out.empty()) out += '&';
    out += name;
    out += '=';
    out += value;
  }
  return out;
}

std::string canonical_header_value(std::string_view value) {
  std::string out;
  append_canonical_header_value(out, value);
  return out;
}

std::vector<std::string> signed_header_names(
    const Headers& headers, const std::function<bool(std::string_view)>& should_sign) {
  std::vector<std::string> names;
  for (const auto& header : headers) {
    std::string name = to_lower(header.first);
    if (should_sign(name)) names.push_back(std::move(name));
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

std::string canonical_request(const Request& request,
                              const std::vector<std::string>& signed_headers, bool normalize_path) {
  std::vector<std::string> lower_case_names;
  lower_case_names.reserve(request.headers.size());
  size_t header_bytes = 0;
  for (const auto& [name, value] : request.headers) {
    lower_case_names.push_back(to_lower(name));
    header_bytes += name.size() + value.size() + 2;
  }
  std::string out;
  out.reserve(request.method.size() + request.path.size() * 3 + request.query.size() * 3 +
              header_bytes * 2 + request.payload_hash.size() + 8);
  out += request.method;
  out += '\n';
  out += canonical_path(request.path, normalize_path);
  out += '\n';
  out += canonical_query(request.query);
  out += '\n';
  for (const auto& name : signed_headers) {
    out += name;
    out += ':';
    append_header_values(out, request.headers, lower_case_names, name);
    out += '\n';
  }
  out += '\n';
  out += join(signed_headers, ";");
  out += '\n';
  out += request.payload_hash;
  return out;
}

std::string string_to_sign(std::string_view amz_date, const Scope& scope,
                           std::string_view canonical_request) {
  std::string out(algorithm);
  out += '\n';
  out += amz_date;
  out += '\n';
  out += scope.string();
  out += '\n';
  out += sha256_hex(canonical_request);
  return out;
}

std::string signing_key(std::string_view secret_access_key, const Scope& scope) {
  std::string key = "AWS4";
  key += secret_access_key;
  std::string date_key = hmac_sha256(key, scope.date);
  std::string region_key = hmac_sha256(date_key, scope.region);
  std::string service_key = hmac_sha256(region_key, scope.service);
  return hmac_sha256(service_key, "aws4_request");
}

std::string signature(std::string_view signing_key, std::string_view string_to_sign) {
  return hex_encode(hmac_sha256(signing_key, string_to_sign));
}

std::string authorization_header(std::string_view access_key_id, const Scope& scope,
                                 const std::vector<std::string>& signed_headers,
                                 std::string_view signature) {
  std::string out(algorithm);
  out += " Credential=";
  out += access_key_id;
  out += '/';
  out += scope.string();
  out += ", SignedHeaders=";
  out += join(signed_headers, ";");
  out += ", Signature=";
  out += signature;
  return out;
}

SigningResult sign(const Request& request, const SigningInput& input) {
  SigningResult result;
  result.canonical_request = canonical_request(request, input.signed_headers, input.normalize_path);
  result.string_to_sign = string_to_sign(input.amz_date, input.scope, result.canonical_request);
  result.signature =
      signature(signing_key(input.secret_access_key, input.scope), result.string_to_sign);
  result.authorization = authorization_header(input.access_key_id, input.scope,
                                              input.signed_headers, result.signature);
  return result;
}

std::optional<Authorization> parse_authorization(std::string_view header) {
  header = trimmed(header);
  if (!header.starts_with(algorithm) || header.size() == algorithm.size() ||
      header[algorithm.size()] != ' ') {
    return std::nullopt;
  }
  std::optional<std::pair<std::string, Scope>> credential;
  std::optional<std::vector<std::string>> signed_headers;
  std::optional<std::string> signature;
  for (const std::string& part : split(header.substr(algorithm.size() + 1), ',')) {
    std::string_view field = trimmed(part);
    size_t equals = field.find('=');
    if (equals == std::string_view::npos) return std::nullopt;
    std::string_view key = field.substr(0, equals);
    std::string_view value = field.substr(equals + 1);
    if (key == "Credential" && !credential) {
      credential = parse_credential(value);
      if (!credential) return std::nullopt;
    } else if (key == "SignedHeaders" && !signed_headers) {
      signed_headers = parse_signed_headers(value);
      if (!signed_headers) return std::nullopt;
    } else if (key == "Signature" && !signature && value.size() == 64 && is_lower_hex(value)) {
      signature = std::string(value);
    } else {
      return std::nullopt;  // unknown, repeated or malformed
    }
  }
  if (!credential || !signed_headers || !signature) return std::nullopt;
  return Authorization{std::move(credential->first), std::move(credential->second),
                       std::move(*signed_headers), std::move(*signature)};
}

}  // namespace ssmlink::sigv4
