#include "cli/failure.hpp"

#include <map>

#include "aws/errors.hpp"
#include "cli/exit_codes.hpp"
#include "util/files.hpp"
#include "workflows/errors.hpp"

namespace ssmlink::cli {

std::string hint_for_error_code(const std::string& code) {
  static const std::map<std::string, std::string> hints = {
      {"ExpiredToken",
       "the temporary credentials have expired: renew them (aws sso login, or "
       "new session credentials) and run again"},
      {"ExpiredTokenException", "the temporary credentials have expired: renew them and run again"},
      {"RequestExpired", "the request's time is too far from AWS's: check this machine's clock"},
      {"SignatureDoesNotMatch",
       "the secret key does not match the access key (or the clock is "
       "off): check the credentials of the profile or environment"},
      {"InvalidSignatureException",
       "the secret key does not match the access key (or the clock "
       "is off): check the credentials"},
      {"InvalidClientTokenId", "AWS does not know this access key: check the credentials"},
      {"UnrecognizedClientException", "AWS does not know this access key: check the credentials"},
      {"AuthFailure", "AWS could not validate the credentials: check them and the clock"},
      {"UnauthorizedOperation",
       "the caller lacks the IAM permission for this call: add it to "
       "the role or user (ssmlink whoami shows which one is used)"},
      {"AccessDenied",
       "the caller lacks the IAM permission for this call (ssmlink whoami shows "
       "who the caller is)"},
      {"AccessDeniedException",
       "the caller lacks the IAM permission for this call (ssmlink "
       "whoami shows who the caller is)"},
      {"OptInRequired",
       "the account is not subscribed to this service in this region, or the "
       "region is not enabled: enable it or pick another region"},
  };
  auto it = hints.find(code);
  return it == hints.end() ? "" : it->second;
}

Failure describe_failure(const std::exception& error) {
  if (dynamic_cast<const workflows::Interrupted*>(&error)) return {error.what(), kInterrupted};
  if (dynamic_cast<const workflows::UsageError*>(&error) ||
      dynamic_cast<const aws::ConfigError*>(&error)) {
    return {error.what(), kUsage};
  }
  if (auto* service = dynamic_cast<const aws::ServiceError*>(&error)) {
    std::string hint = hint_for_error_code(service->code);
    return {std::string(error.what()) + (hint.empty() ? "" : "; " + hint), kCloudFailed};
  }
  if (dynamic_cast<const aws::TransportError*>(&error)) {
    return {std::string(error.what()) +
                "; check the network, proxy settings (HTTPS_PROXY) and --endpoint-url",
            kCloudFailed};
  }
  if (dynamic_cast<const aws::AwsError*>(&error)) return {error.what(), kCloudFailed};
  if (dynamic_cast<const FileError*>(&error)) return {error.what(), kUsage};
  return {std::string("unexpected failure: ") + error.what() +
              " (please report it with the command you ran)",
          kCloudFailed};
}

}  // namespace ssmlink::cli
