#include "tests/support/aws_client.hpp"

#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "util/crypto.hpp"
#include "util/sigv4.hpp"
#include "util/strings.hpp"

namespace ssmlink::testing {

namespace {}  // namespace

std::optional<std::string> AwsReply::header(const std::string& name) const {
  for (const auto& [key, value] : headers) {
    if (to_lower(key) == to_lower(name)) return value;
  }
  return std::nullopt;
}

std::string form(const std::vector<std::pair<std::string, std::string>>& params) {
  std::string out;
  for (const auto& [name, value] : params) {
    if (!out.empty()) out += '&';
    out += httplib::detail::encode_query_param(name) + "=" +
           httplib::detail::encode_query_param(value);
  }
  return out;
}

HeaderList signed_headers_for(int port, const AwsCall& call) {
  auto time = call.time.value_or(std::chrono::system_clock::now());
  std::string amz_date = sigv4::amz_date(time);
  HeaderList headers = {{"Host", "127.0.0.1:" + std::to_string(port)}, {"X-Amz-Date", amz_date}};
  if (!call.content_type.empty()) headers.emplace_back("Content-Type", call.content_type);
  for (const auto& header : call.headers)
    headers.push_back(header);
  if (!call.session_token.empty()) headers.emplace_back("X-Amz-Security-Token", call.session_token);
  if (call.sign) {
    size_t question = call.target.find('?');
    sigv4::Request request{call.method, call.target.substr(0, question),
                           question == std::string::npos ? "" : call.target.substr(question + 1),
                           headers, sha256_hex(call.body)};
    std::vector<std::string> names =
        call.signed_headers
            ? *call.signed_headers
            : sigv4::signed_header_names(headers, [](std::string_view) { return true; });
    sigv4::SigningInput input{call.access_key_id,
                              call.secret_access_key,
                              amz_date,
                              sigv4::Scope{amz_date.substr(0, 8), call.region, call.service},
                              names,
                              true};
    headers.emplace_back("Authorization", sigv4::sign(request, input).authorization);
  }
  if (call.tamper) call.tamper(headers);
  return headers;
}

AwsReply send(int port, const AwsCall& call) {
  httplib::Client client("127.0.0.1", port);
  client.set_url_encode(false);
  client.set_read_timeout(10, 0);
  client.set_keep_alive(false);
  client.set_tcp_nodelay(true);
  httplib::Request request;
  request.method = call.method;
  request.path = call.target;
  for (const auto& [name, value] : signed_headers_for(port, call)) {
    request.headers.emplace(name, value);
  }
  request.body = call.body_after_signing.value_or(call.body);
  auto result = client.send(request);
  AwsReply reply;
  if (!result) {
    reply.transport_error = httplib::to_string(result.error());
    return reply;
  }
  reply.status = result->status;
  reply.body = result->body;
  for (const auto& header : result->headers)
    reply.headers.push_back(header);
  return reply;
}

AwsCall query_call(const std::string& service, const std::string& action,
                   const std::string& version,
                   std::vector<std::pair<std::string, std::string>> params) {
  params.insert(params.begin(), {{"Action", action}, {"Version", version}});
  AwsCall call;
  call.service = service;
  call.body = form(params);
  return call;
}

AwsCall ssm_call(const std::string& operation, const std::string& json_body) {
  AwsCall call;
  call.service = "ssm";
  call.content_type = "application/x-amz-json-1.1";
  call.headers = {{"X-Amz-Target", "AmazonSSM." + operation}};
  call.body = json_body;
  return call;
}

std::string raw_exchange(int port, const std::string& request, std::chrono::milliseconds timeout) {
  int sock = ::socket(AF_INET, SOCK_STREAM, 0);
  if (sock < 0) return {};
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string received;
  if (::connect(sock, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
      ::send(sock, request.data(), request.size(), MSG_NOSIGNAL) ==
          static_cast<ssize_t>(request.size())) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    char buffer[4096];
    while (std::chrono::steady_clock::now() < deadline) {
      pollfd ready{sock, POLLIN, 0};
      if (::poll(&ready, 1, 50) <= 0) continue;
      ssize_t n = ::recv(sock, buffer, sizeof buffer, 0);
      if (n <= 0) break;
      received.append(buffer, static_cast<size_t>(n));
    }
  }
  ::close(sock);
  return received;
}

AwsError error_of(const AwsReply& reply) {
  AwsError error;
  if (!reply.body.empty() && reply.body.front() == '{') {
    nlohmann::json body = nlohmann::json::parse(reply.body, nullptr, false);
    if (body.is_object()) {
      std::string type = body.value("__type", "");
      error.code = type.substr(type.find('#') == std::string::npos ? 0 : type.find('#') + 1);
      if (body.contains("message")) error.message = body["message"].get<std::string>();
    }
    return error;
  }
  error.code = xml_text(reply.body, "Code").value_or("");
  error.message = xml_text(reply.body, "Message");
  return error;
}

std::optional<std::string> xml_text(const std::string& xml, const std::string& name) {
  std::string open = "<" + name + ">";
  std::string close = "</" + name + ">";
  size_t start = xml.find(open);
  if (start == std::string::npos) return std::nullopt;
  start += open.size();
  size_t end = xml.find(close, start);
  if (end == std::string::npos) return std::nullopt;
  std::string text = xml.substr(start, end - start);
  static const std::pair<std::string_view, char> entities[] = {
      {"&lt;", '<'},   {"&gt;", '>'},   {"&quot;", '"'}, {"&apos;", '\''},
      {"&#xA;", '\n'}, {"&#xD;", '\r'}, {"&#x9;", '\t'}, {"&amp;", '&'}};
  std::string out;
  for (size_t i = 0; i < text.size();) {
    bool replaced = false;
    for (const auto& [entity, character] : entities) {
      if (std::string_view(text).substr(i).starts_with(entity)) {
        out += character;
        i += entity.size();
        replaced = true;
        break;
      }
    }
    if (!replaced) out += text[i++];
  }
  return out;
}

}  // namespace ssmlink::testing
