// The cost of one SigV4 signature: sign_request on an EC2 DescribeVpcs POST with a
// session token, as cloud/ sends it, plus the pieces it is made of. Heap allocations per
// call are counted by replacing the global operator new. Built with -DSSMLINK_BENCH=ON
// (make bench); run build/bench/sign_bench.
#include <benchmark/benchmark.h>

#include "aws/signer.hpp"
#include "bench/allocation_count.hpp"
#include "util/crypto.hpp"
#include "util/sigv4.hpp"

namespace ssmlink {
namespace {

// Allocations per iteration, as a column of the report.
class AllocationCounter {
 public:
  explicit AllocationCounter(benchmark::State& state) : state_(state), start_(allocation_count) {
    counting_allocations = true;
  }
  ~AllocationCounter() {
    state_.counters["allocs"] = benchmark::Counter(static_cast<double>(allocation_count - start_),
                                                   benchmark::Counter::kAvgIterations);
  }

 private:
  benchmark::State& state_;
  long start_;
};

const aws::Credentials credentials{"ASIAEXAMPLEEXAMPLE00",
                                   "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                                   std::string(1024, 'T'),  // STS tokens run to about 1 KB
                                   std::nullopt};

aws::HttpRequest describe_vpcs() {
  return {"POST",
          "https://ec2.eu-west-1.amazonaws.com/",
          {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"},
           {"User-Agent", "ssmlink/0.1.0"}},
          "Action=DescribeVpcs&Version=2016-11-15&Filter.1.Name=tag%3Assmlink%3Amanaged"
          "&Filter.1.Value.1=true&MaxResults=1000"};
}

void SignRequest(benchmark::State& state) {
  aws::HttpRequest request = describe_vpcs();
  auto now = std::chrono::system_clock::now();
  aws::sign_request(request, credentials, "eu-west-1", "ec2", now);  // headers in place
  AllocationCounter counter(state);
  for (auto _ : state) {
    aws::sign_request(request, credentials, "eu-west-1", "ec2", now);
    benchmark::DoNotOptimize(request);
  }
}
BENCHMARK(SignRequest);

void SigningKey(benchmark::State& state) {
  sigv4::Scope scope{"20260228", "eu-west-1", "ec2"};
  AllocationCounter counter(state);
  for (auto _ : state)
    benchmark::DoNotOptimize(sigv4::signing_key(credentials.secret_access_key, scope));
}
BENCHMARK(SigningKey);

void HmacSha256(benchmark::State& state) {
  std::string key(32, 'k');
  AllocationCounter counter(state);
  for (auto _ : state)
    benchmark::DoNotOptimize(hmac_sha256(key, "20260228"));
}
BENCHMARK(HmacSha256);

void Sha256Hex(benchmark::State& state) {
  std::string body = describe_vpcs().body;
  AllocationCounter counter(state);
  for (auto _ : state)
    benchmark::DoNotOptimize(sha256_hex(body));
}
BENCHMARK(Sha256Hex);

void CanonicalRequest(benchmark::State& state) {
  aws::HttpRequest signed_request = describe_vpcs();
  aws::sign_request(signed_request, credentials, "eu-west-1", "ec2",
                    std::chrono::system_clock::now());
  sigv4::Request request{"POST", "/", "", {}, sha256_hex(signed_request.body)};
  for (const auto& header : signed_request.headers) {
    if (header.name != "Authorization") request.headers.emplace_back(header.name, header.value);
  }
  auto names = sigv4::signed_header_names(
      request.headers, [](std::string_view name) { return name != "user-agent"; });
  AllocationCounter counter(state);
  for (auto _ : state)
    benchmark::DoNotOptimize(sigv4::canonical_request(request, names));
}
BENCHMARK(CanonicalRequest);

}  // namespace
}  // namespace ssmlink

BENCHMARK_MAIN();
