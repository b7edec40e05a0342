// AWS Signature Version 4 (AWS4-HMAC-SHA256), computed from a request as it is sent on the
// wire, so that the same maths signs requests (aws/signer) and verifies them (the emulator).
// The rules are the ones that pass every case of AWS's test suite
// (reference/sigv4-test-suite/, run by tests/util/sigv4_test.cpp).
#pragma once
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ssmlink::sigv4 {

inline constexpr std::string_view algorithm = "AWS4-HMAC-SHA256";

// Name and value as sent; names in any case. A name may repeat, and a value may hold
// folded lines (a line break followed by blanks).
using Headers = std::vector<std::pair<std::string, std::string>>;

struct Request {
  std::string method;  // GET, POST, ...
  std::string path;    // as sent, percent-encoded or not: "/", "/a%20b"
  std::string query;   // as sent, after '?' (without it); empty when there is none
  Headers headers;
  std::string payload_hash;  // sha256_hex of the body
};

// The credential scope, date/region/service/aws4_request.
struct Scope {
  std::string date;  // YYYYMMDD, the first 8 characters of X-Amz-Date
  std::string region;
  std::string service;
  std::string string() const;
};

// YYYYMMDDTHHMMSSZ in UTC: the X-Amz-Date header's format.
std::string amz_date(std::chrono::system_clock::time_point time);

// The canonical request, piece by piece.

// The path percent-encoded once more (every byte but A-Za-z0-9-_.~ and '/'), so "%20" as
// sent becomes "%2520": every service but S3 checks that double encoding. With
// `normalize`, "." and ".." segments and empty segments (repeated slashes) go first, as
// every service but S3 expects; aws-c-auth's vectors with "normalize": false skip that.
// S3 (normalisation off and no second encoding) is not supported: ssmlink never calls it.
std::string canonical_path(std::string_view path, bool normalize);

// Each name and value percent-decoded as sent, then encoded (RFC 3986: every byte but
// A-Za-z0-9-_.~ as upper-case %XX), sorted by name, then value. A parameter without '='
// gets an empty value. '+' is a plus sign, not a space (RFC 3986; aws-c-auth and
// smithy-rs agree). A '%' not followed by two hex digits stays a literal '%'.
std::string canonical_query(std::string_view query);

// Blanks around the value removed and every run of blanks inside it (line folds
// included) made one space.
std::string canonical_header_value(std::string_view value);

// The lower-case names of the headers that `should_sign` accepts (it sees lower-case
// names), sorted and without repeats: the SignedHeaders list.
std::vector<std::string> signed_header_names(
    const Headers& headers, const std::function<bool(std::string_view)>& should_sign);

// `signed_headers` are lower-case and sorted, as from signed_header_names or
// parse_authorization. Repeated headers join their values with ','; a signed name that
// no header has gets an empty value.
std::string canonical_request(const Request& request,
                              const std::vector<std::string>& signed_headers,
                              bool normalize_path = true);

std::string string_to_sign(std::string_view amz_date, const Scope& scope,
                           std::string_view canonical_request);

// HMAC-SHA256 chain from "AWS4" + secret through date, region, service and "aws4_request":
// 32 raw bytes.
std::string signing_key(std::string_view secret_access_key, const Scope& scope);

// Lower-case hex HMAC-SHA256 of the string to sign.
std::string signature(std::string_view signing_key, std::string_view string_to_sign);

// AWS4-HMAC-SHA256 Credential=AKID/scope, SignedHeaders=a;b, Signature=hex
std::string authorization_header(std::string_view access_key_id, const Scope& scope,
                                 const std::vector<std::string>& signed_headers,
                                 std::string_view signature);

// All the steps at once.

struct SigningInput {
  std::string access_key_id;
  std::string secret_access_key;
  std::string amz_date;  // the request's X-Amz-Date
  Scope scope;
  std::vector<std::string> signed_headers;  // lower-case and sorted
  bool normalize_path = true;
};

// Every step's result, so that a mismatch shows where two signers part.
struct SigningResult {
  std::string canonical_request;
  std::string string_to_sign;
  std::string signature;      // lower-case hex
  std::string authorization;  // the Authorization header's value
};

SigningResult sign(const Request& request, const SigningInput& input);

// An Authorization header taken apart, for a server that verifies signatures.
struct Authorization {
  std::string access_key_id;
  Scope scope;
  std::vector<std::string> signed_headers;  // as listed
  std::string signature;                    // 64 lower-case hex digits
};

// Nullopt unless it is AWS4-HMAC-SHA256 with exactly one well-formed Credential,
// SignedHeaders (lower-case names) and Signature, in any order.
std::optional<Authorization> parse_authorization(std::string_view header);

}  // namespace ssmlink::sigv4
