// Test helper: sends AWS requests to a server on 127.0.0.1, signed with SigV4 as botocore
// signs them (util/sigv4), or deliberately broken, and a raw HTTP exchange for what a
// client library would hide (connections cut short).
#pragma once
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ssmlink::testing {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct AwsCall {
  std::string service;  // the credential scope's: ec2, cloudformation, ssm, sts
  std::string region = "us-east-1";
  std::string access_key_id = "test";
  std::string secret_access_key = "test";
  std::string session_token;  // sent as X-Amz-Security-Token when set
  std::string method = "POST";
  std::string target = "/";  // path and query
  std::string body;
  std::string content_type = "application/x-www-form-urlencoded; charset=utf-8";
  HeaderList headers;  // more headers, signed too (X-Amz-Target, ...)
  std::optional<std::chrono::system_clock::time_point> time;  // X-Amz-Date; default now
  bool sign = true;
  // Changes the headers after signing (remove X-Amz-Date, replace Authorization, ...).
  std::function<void(HeaderList&)> tamper;
  // Sends this body instead of the one signed.
  std::optional<std::string> body_after_signing;
  // Signs only these (lower-case) headers instead of every header sent.
  std::optional<std::vector<std::string>> signed_headers;
};

struct AwsReply {
  int status = 0;  // 0 when the exchange failed
  std::string body;
  HeaderList headers;
  std::string transport_error;  // httplib's, when status is 0

  std::optional<std::string> header(const std::string& name) const;
};

// Action=...&Version=... with each value form-encoded.
std::string form(const std::vector<std::pair<std::string, std::string>>& params);

// The request as it would go out: its headers, Authorization included.
HeaderList signed_headers_for(int port, const AwsCall& call);

AwsReply send(int port, const AwsCall& call);

// Shorthands for the three protocols.
AwsCall query_call(const std::string& service, const std::string& action,
                   const std::string& version,
                   std::vector<std::pair<std::string, std::string>> params = {});
AwsCall ssm_call(const std::string& operation, const std::string& json_body = "{}");

// Writes `request` to 127.0.0.1:port as is and reads until the server closes the
// connection or `timeout` passes; returns what came back.
std::string raw_exchange(int port, const std::string& request,
                         std::chrono::milliseconds timeout = std::chrono::seconds(5));

// An error as a client reads it from any protocol: the code from <Code> (EC2, query) or
// from __type after its '#' (JSON), and the message.
struct AwsError {
  std::string code;
  std::optional<std::string> message;
};
AwsError error_of(const AwsReply& reply);

// The text of the first <name>...</name> in `xml`, entities decoded, if any.
std::optional<std::string> xml_text(const std::string& xml, const std::string& name);

}  // namespace ssmlink::testing
