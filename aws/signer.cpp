#include "aws/signer.hpp"

#include <algorithm>
#include <array>

#include "aws/errors.hpp"
#include "util/crypto.hpp"
#include "util/sigv4.hpp"
#include "util/strings.hpp"

namespace ssmlink::aws {

namespace {

bool is_named(const Header& header, std::string_view lower_case_name) {
  return header.name.size() == lower_case_name.size() && to_lower(header.name) == lower_case_name;
}

void remove_header(std::vector<Header>& headers, std::string_view lower_case_name) {
  std::erase_if(headers, [&](const Header& header) { return is_named(header, lower_case_name); });
}

// botocore's SIGNED_HEADERS_BLACKLIST: headers that may change on the way.
bool is_signed(std::string_view lower_case_name) {
  static constexpr std::array<std::string_view, 4> unsigned_headers = {
      "expect", "user-agent", "x-amzn-trace-id", "authorization"};
  return std::find(unsigned_headers.begin(), unsigned_headers.end(), lower_case_name) ==
         unsigned_headers.end();
}

sigv4::Headers wire_headers(const std::vector<Header>& headers) {
  sigv4::Headers out;
  out.reserve(headers.size());
  for (const auto& header : headers) {
    out.emplace_back(header.name, header.value);
  }
  return out;
}

}  // namespace

void sign_request(HttpRequest& request, const Credentials& credentials, std::string_view region,
                  std::string_view service, Clock::TimePoint now) {
  std::optional<Url> url = parse_url(request.url);
  if (!url) {
    throw AwsError("cannot sign a request to \"" + printable(request.url) +
                   "\": not an http(s) URL");
  }
  std::string date = sigv4::amz_date(now);
  set_header(request.headers, "Host", url->authority());
  set_header(request.headers, "X-Amz-Date", date);
  if (credentials.session_token.empty()) {
    remove_header(request.headers, "x-amz-security-token");
  } else {
    set_header(request.headers, "X-Amz-Security-Token", credentials.session_token);
  }
  remove_header(request.headers, "authorization");

  sigv4::Request wire{request.method, url->path, url->query, wire_headers(request.headers),
                      sha256_hex(request.body)};
  sigv4::SigningInput input{credentials.access_key_id,
                            credentials.secret_access_key,
                            date,
                            {date.substr(0, 8), std::string(region), std::string(service)},
                            sigv4::signed_header_names(wire.headers, is_signed)};
  request.headers.push_back({"Authorization", sigv4::sign(wire, input).authorization});
}

}  // namespace ssmlink::aws
