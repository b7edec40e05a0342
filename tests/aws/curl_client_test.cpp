#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "aws/errors.hpp"
#include "aws/http.hpp"
#include "tests/support/loopback_server.hpp"
#include "tests/support/recording_server.hpp"

namespace ssmlink::aws {
namespace {

using testing::RecordingServer;

HttpRequest make_request(std::string method, std::string url, std::vector<Header> headers = {},
                         std::string body = "") {
  HttpRequest request;
  request.method = std::move(method);
  request.url = std::move(url);
  request.headers = std::move(headers);
  request.body = std::move(body);
  return request;
}

HttpOptions quick_options() {
  HttpOptions options;
  options.connect_timeout = std::chrono::milliseconds(2000);
  options.read_timeout = std::chrono::milliseconds(2000);
  options.user_agent = "ssmlink/test";
  return options;
}

TEST(CurlClient, SendsMethodHeadersAndBodyAndReadsTheResponse) {
  RecordingServer server([](const httplib::Request& request, httplib::Response& response) {
    response.status = request.method == "POST" ? 201 : 200;
    response.set_header("X-Echo-Method", request.method);
    response.set_content("body:" + request.body, "text/plain");
  });
  auto client = make_curl_client(quick_options());
  HttpRequest post =
      make_request("POST", server.url() + "/p?q=1", {{"X-Custom", "v 1"}}, "a=b&c=d");
  HttpResponse response = client->send(post);
  EXPECT_EQ(response.status, 201);
  EXPECT_EQ(response.body, "body:a=b&c=d");
  EXPECT_EQ(find_header(response.headers, "x-echo-method"), "POST");

  HttpResponse get = client->send(make_request("GET", server.url() + "/g", {}, ""));
  EXPECT_EQ(get.status, 200);
  HttpResponse put = client->send(make_request("PUT", server.url() + "/t", {{"X-Ttl", "21600"}}));
  EXPECT_EQ(find_header(put.headers, "X-Echo-Method"), "PUT");

  auto requests = server.requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[0].path, "/p?q=1");
  EXPECT_EQ(requests[0].header("X-Custom"), "v 1");
  EXPECT_EQ(requests[0].header("User-Agent"), "ssmlink/test");
  EXPECT_EQ(requests[0].header("Expect"), "");
}

TEST(CurlClient, ErrorStatusesAreResponsesNotExceptions) {
  RecordingServer server([](const httplib::Request&, httplib::Response& response) {
    response.status = 503;
    response.set_content("<html>busy</html>", "text/html");
  });
  auto response =
      make_curl_client(quick_options())->send(make_request("GET", server.url(), {}, ""));
  EXPECT_EQ(response.status, 503);
  EXPECT_EQ(response.body, "<html>busy</html>");
}

TEST(CurlClient, ReusesOneConnection) {
  RecordingServer server([](const httplib::Request&, httplib::Response& response) {
    response.set_content("ok", "text/plain");
  });
  auto client = make_curl_client(quick_options());
  for (int i = 0; i < 5; ++i)
    client->send(make_request("POST", server.url() + "/", {}, "x"));
  auto requests = server.requests();
  ASSERT_EQ(requests.size(), 5u);
  for (const auto& request : requests)
    EXPECT_EQ(request.remote_port, requests[0].remote_port);
}

TEST(CurlClient, ARefusedConnectionIsATransportError) {
  auto client = make_curl_client(quick_options());
  std::string url = "http://127.0.0.1:" + std::to_string(testing::unused_port()) + "/";
  try {
    client->send(make_request("GET", url, {}, ""));
    FAIL() << "expected a TransportError";
  } catch (const TransportError& error) {
    EXPECT_FALSE(error.timed_out);
    EXPECT_NE(std::string(error.what()).find("127.0.0.1"), std::string::npos);
  }
}

TEST(CurlClient, ASilentServerTimesOutWithinTheReadTimeout) {
  RecordingServer server([](const httplib::Request&, httplib::Response& response) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    response.set_content("late", "text/plain");
  });
  HttpOptions options = quick_options();
  options.read_timeout = std::chrono::milliseconds(300);
  auto started = std::chrono::steady_clock::now();
  try {
    make_curl_client(options)->send(make_request("GET", server.url(), {}, ""));
    FAIL() << "expected a timeout";
  } catch (const TransportError& error) {
    EXPECT_TRUE(error.timed_out);
    EXPECT_NE(std::string(error.what()).find("no response for 300 ms"), std::string::npos);
  }
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(1400));
}

// Proxies come from the environment, as for every libcurl program (http_proxy,
// HTTPS_PROXY, NO_PROXY): a proxy receives the absolute URL of the request.
TEST(CurlClient, UsesTheProxyFromTheEnvironment) {
  testing::LoopbackServer proxy;
  std::string target;
  // Absolute URLs match no route, so answer before routing.
  proxy.server().set_pre_routing_handler(
      [&](const httplib::Request& request, httplib::Response& response) {
        target = request.target;
        response.set_content("via proxy", "text/plain");
        return httplib::Server::HandlerResponse::Handled;
      });
  proxy.start();
  ::setenv("http_proxy", proxy.url().c_str(), 1);
  auto response =
      make_curl_client(quick_options())->send(make_request("GET", "http://ec2.example.invalid/x"));
  ::unsetenv("http_proxy");
  EXPECT_EQ(response.body, "via proxy");
  EXPECT_EQ(target, "http://ec2.example.invalid/x");
}

TEST(CurlClient, RejectsUrlsItCannotSend) {
  EXPECT_THROW(make_curl_client(quick_options())->send(make_request("GET", "ftp://x/", {}, "")),
               TransportError);
}

// TLS: an HTTPS server whose certificate nobody vouches for is refused; with the
// certificate as the CA bundle (AWS_CA_BUNDLE) the same server is accepted.
class TlsServer {
 public:
  TlsServer() {
    directory_ = std::filesystem::temp_directory_path() /
                 ("ssmlink-tls-" + std::to_string(::getpid()) + "-" +
                  std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
    std::filesystem::create_directories(directory_);
    std::string command =
        "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 "
        "-addext subjectAltName=IP:127.0.0.1 -keyout " +
        key() + " -out " + cert() + " >/dev/null 2>&1";
    ready_ = std::system(command.c_str()) == 0;
    if (!ready_) return;
    server_ = std::make_unique<httplib::SSLServer>(cert().c_str(), key().c_str());
    server_->Get("/", [](const httplib::Request&, httplib::Response& response) {
      response.set_content("secure", "text/plain");
    });
    port_ = server_->bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_->listen_after_bind(); });
    while (!server_->is_running())
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~TlsServer() {
    if (server_) server_->stop();
    if (thread_.joinable()) thread_.join();
    std::filesystem::remove_all(directory_);
  }
  bool ready() const { return ready_; }
  std::string cert() const { return (directory_ / "cert.pem").string(); }
  std::string key() const { return (directory_ / "key.pem").string(); }
  std::string url() const { return "https://127.0.0.1:" + std::to_string(port_) + "/"; }

 private:
  std::filesystem::path directory_;
  bool ready_ = false;
  std::unique_ptr<httplib::SSLServer> server_;
  int port_ = 0;
  std::thread thread_;
};

TEST(CurlClient, VerifiesTlsCertificates) {
  TlsServer server;
  ASSERT_TRUE(server.ready())
      << "openssl (installed by scripts/setup.sh) could not make a certificate";
  EXPECT_THROW(make_curl_client(quick_options())->send(make_request("GET", server.url(), {}, "")),
               TransportError);
  HttpOptions trusting = quick_options();
  trusting.ca_bundle = server.cert();
  auto response = make_curl_client(trusting)->send(make_request("GET", server.url(), {}, ""));
  EXPECT_EQ(response.body, "secure");
}

}  // namespace
}  // namespace ssmlink::aws
