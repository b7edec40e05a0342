// What the aws/ layer throws. Every message names what failed and, where there is one,
// the fix; none ever contains a secret.
#pragma once
#include <stdexcept>
#include <string>

namespace ssmlink::aws {

struct AwsError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The service answered with an error (or with an HTTP error that is not AWS's format).
struct ServiceError : AwsError {
  ServiceError(std::string service, std::string operation, int status, std::string code,
               std::string message, std::string request_id);
  std::string service;    // EC2, CloudFormation, SSM, STS, ...
  std::string operation;  // DescribeVpcs, ...
  int status;             // HTTP status
  std::string code;       // UnauthorizedOperation, ValidationError, Throttling, ...
  std::string message;    // AWS's own words
  std::string request_id;
};

// No usable answer: DNS, connection refused or reset, TLS, or a timeout.
struct TransportError : AwsError {
  TransportError(std::string url, const std::string& what, bool timed_out,
                 bool unreachable = false);
  std::string url;
  bool timed_out;
  // The endpoint could not be reached at all (no such host, connection refused, TLS
  // refused): more likely a wrong URL, proxy or certificate than a passing fault.
  bool unreachable;
};

// An answer that cannot be read: truncated, not XML/JSON, or missing what it must have.
struct ResponseError : AwsError {
  using AwsError::AwsError;
};

// Credentials could not be found or obtained from their source.
struct CredentialsError : AwsError {
  using AwsError::AwsError;
};

// A shared config or credentials file, or a setting in it, is malformed.
struct ConfigError : AwsError {
  using AwsError::AwsError;
};

}  // namespace ssmlink::aws
