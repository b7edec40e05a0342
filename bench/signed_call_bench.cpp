// The cost of one signed AWS call end to end on this machine: AwsClient::query of an EC2
// DescribeVpcs (serialise, fetch credentials, sign, send over a kept-alive loopback
// connection, parse the XML) against a local server answering a canned response. Heap
// allocations per call are counted in the client's thread.
#include <benchmark/benchmark.h>
#include <httplib.h>

#include <thread>

#include "aws/client.hpp"
#include "bench/allocation_count.hpp"
#include "util/clock.hpp"

namespace {

using namespace ssmlink;

class Fixed final : public aws::CredentialsProvider {
 public:
  aws::Credentials get() override {
    return {"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", std::string(700, 't'),
            std::nullopt};
  }
  std::string source() const override { return "bench"; }
};

constexpr const char* kResponse =
    R"(<DescribeVpcsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
<requestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</requestId><vpcSet><item><vpcId>vpc-0a1b2c3d</vpcId>
<state>available</state><cidrBlock>10.0.0.0/16</cidrBlock></item></vpcSet></DescribeVpcsResponse>)";

void SignedDescribeVpcs(benchmark::State& state) {
  httplib::Server server;
  server.set_keep_alive_max_count(1000000);
  server.set_tcp_nodelay(true);  // else Nagle holds the body back ~40 ms per response
  server.Post("/", [](const httplib::Request&, httplib::Response& response) {
    response.set_content(kResponse, "text/xml");
  });
  int port = server.bind_to_any_port("127.0.0.1");
  std::thread thread([&] { server.listen_after_bind(); });
  while (!server.is_running())
    std::this_thread::yield();

  aws::HttpOptions options;
  options.user_agent = "ssmlink/bench";
  aws::AwsClient client({aws::ec2_service(), "http://127.0.0.1:" + std::to_string(port),
                         "us-east-1", std::make_shared<Fixed>(), aws::make_curl_client(options),
                         std::make_shared<aws::RetryStrategy>(3, [] { return 0.0; }), nullptr,
                         std::make_shared<SystemClock>()});
  aws::QueryParams params = {{"Filter.1.Name", "vpc-id"}, {"Filter.1.Value.1", "vpc-0a1b2c3d"}};
  client.query("DescribeVpcs", params);  // warm up: OpenSSL, the connection
  long before = allocation_count.load();
  counting_allocations = true;
  for (auto _ : state) benchmark::DoNotOptimize(client.query("DescribeVpcs", params));
  counting_allocations = false;
  state.counters["allocations/call"] =
      benchmark::Counter(static_cast<double>(allocation_count.load() - before) /
                         static_cast<double>(state.iterations()));
  server.stop();
  thread.join();
}
BENCHMARK(SignedDescribeVpcs)->Unit(benchmark::kMicrosecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
