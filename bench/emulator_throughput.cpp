// How many DescribeStackEvents calls per second the emulator answers on this machine: the
// emulator in-process with the seed scenario and one finished ssmlink stack (4 resources),
// and N client threads (ssmlink's own signed client, each with its own kept-alive
// connection) calling it for a few seconds. Prints one line per client count.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>
#include <vector>

#include "aws/client.hpp"
#include "cloud/cloudformation.hpp"
#include "domain/template.hpp"
#include "emulator/assembly.hpp"
#include "emulator/server.hpp"
#include "emulator/sts/sts_api.hpp"
#include "emulator/world.hpp"

using namespace ssmlink;

namespace {

class TestKeys final : public aws::CredentialsProvider {
 public:
  aws::Credentials get() override { return {"test", "test", "", std::nullopt}; }
  std::string source() const override { return "bench"; }
};

aws::AwsClient client_for(const std::string& url) {
  aws::HttpOptions options;
  options.user_agent = "ssmlink/bench";
  return aws::AwsClient({aws::cloudformation_service(), url, "us-east-1",
                         std::make_shared<TestKeys>(), aws::make_curl_client(options),
                         std::make_shared<aws::RetryStrategy>(1, [] { return 0.0; }), nullptr,
                         std::make_shared<SystemClock>()});
}

std::string create_stack(const std::string& url) {
  domain::Plan plan;
  plan.vpc = "vpc-0f00d1e2c3b4a5968";
  plan.subnets = {"subnet-0123456789abcdef0"};
  plan.instance_sgs = {"sg-0aa11bb22cc33dd44"};
  plan.resolved = true;
  plan.region = "us-east-1";
  std::string body =
      domain::render_template(domain::build_template(plan, "bench"), domain::TemplateFormat::Yaml);
  aws::AwsClient client = client_for(url);
  cloud::CloudFormation cloudformation(client);
  cloudformation.create_stack({"bench", body, {}, {}, {}, {}, {}, {}, {}});
  while (cloudformation.describe_stacks("bench").at(0).stack_status != "CREATE_COMPLETE") {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return "bench";
}

double requests_per_second(const std::string& url, int clients, std::chrono::seconds duration) {
  std::atomic<long> done{0};
  std::atomic<bool> stop{false};
  std::vector<std::thread> threads;
  for (int i = 0; i < clients; ++i) {
    threads.emplace_back([&] {
      aws::AwsClient client = client_for(url);
      cloud::CloudFormation cloudformation(client);
      while (!stop) {
        cloudformation.describe_stack_events("bench");
        ++done;
      }
    });
  }
  auto started = std::chrono::steady_clock::now();
  std::this_thread::sleep_for(duration);
  stop = true;
  for (auto& thread : threads)
    thread.join();
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return static_cast<double>(done) / seconds;
}

}  // namespace

int main() {
  emulator::World world;
  emulator::EmulatorParts parts = emulator::complete_emulator();
  {
    std::lock_guard lock(world.mutex);
    parts.load_scenario_file(world, "");
    world.timings.provision = std::chrono::milliseconds(20);
  }
  emulator::ApiTable api;
  emulator::add_sts_api(api);
  auto services = parts.attach_services(world, api);
  emulator::Server server(world, std::move(api));
  server.start();
  create_stack(server.url());
  for (int clients : {1, 2, 4}) {
    std::printf("DescribeStackEvents, %d client%s: %.0f requests/s\n", clients,
                clients == 1 ? "" : "s",
                requests_per_second(server.url(), clients, std::chrono::seconds(3)));
  }
  server.stop();
  return 0;
}
