// Checks a request's SigV4 signature the way AWS's front end does, in the same order and
// with the same messages, and maps each failure to the error every protocol answers with.
// The maths is util/sigv4 (verified against AWS's suites); this file is the judging.
#pragma once
#include <expected>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "emulator/envelopes.hpp"
#include "emulator/model.hpp"
#include "util/sigv4.hpp"

namespace ssmlink::emulator {

// What the verifier sees of an HTTP request: everything the signature covers.
struct SignedRequest {
  std::string_view method;
  std::string_view path;   // as sent, before '?'
  std::string_view query;  // as sent, after '?'
  const sigv4::Headers* headers = nullptr;
  std::string_view body;
};

// The value of the first header of that name (any case), if any.
std::optional<std::string_view> header_value(const sigv4::Headers& headers, std::string_view name);

// How far a request got; each protocol turns a kind into its own code and status.
enum class AuthProblem {
  missing_authentication,  // no Authorization, or not an AWS4- one
  incomplete_signature,    // a part of Authorization or the date is missing or malformed
  signature_expired,       // X-Amz-Date more than 5 minutes from now, either way
  signature_invalid,       // host or date not signed, or a wrong credential scope
  unknown_access_key,
  signature_mismatch,
  invalid_session_token,  // temporary key without its token, or a token that is not its
  expired_session_token,
};

struct AuthFailure {
  AuthProblem problem;
  std::string message;  // AWS's, for the problems whose message depends on the request
};

// A verified caller: the key that signed and the scope it signed for.
struct Caller {
  AccessKey key;
  sigv4::Scope scope;
};

using KeyLookup = std::function<std::optional<AccessKey>(const std::string& access_key_id)>;

// AWS accepts a request signed up to 5 minutes before or after its own clock.
inline constexpr std::chrono::minutes allowed_clock_skew{5};

std::expected<Caller, AuthFailure> verify_signature(const SignedRequest& request,
                                                    const KeyLookup& find_key, TimePoint now);

// The scope the Authorization header claims, read leniently so that even a request that
// fails verification is answered in its service's envelope; nullopt without one.
std::optional<sigv4::Scope> claimed_scope(const sigv4::Headers& headers);

// The error AWS answers a failure with, in the request's protocol.
ErrorReply auth_error(Protocol protocol, const AuthFailure& failure);

}  // namespace ssmlink::emulator
