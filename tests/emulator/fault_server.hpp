// Test helper: a server with the fake services (fake_services.hpp) and the faults a test
// asks for, on a free loopback port.
#pragma once
#include <gtest/gtest.h>

#include <memory>

#include "emulator/faults.hpp"
#include "emulator/server.hpp"
#include "emulator/world.hpp"
#include "tests/emulator/fake_services.hpp"
#include "tests/support/aws_client.hpp"

namespace ssmlink::emulator {

class FaultServerTest : public ::testing::Test {
 protected:
  void start(FaultSettings settings, uint64_t seed = 1) {
    ServerOptions options;
    options.faults = std::move(settings);
    options.seed = seed;
    server_ = std::make_unique<Server>(world_, fake_api(seen_), options);
    port_ = server_->start();
  }
  ssmlink::testing::AwsReply call(const ssmlink::testing::AwsCall& request) {
    return ssmlink::testing::send(port_, request);
  }
  // How many requests reached a handler.
  size_t handled() {
    std::lock_guard lock(seen_.mutex);
    return seen_.requests.size();
  }

  World world_;
  Seen seen_;
  std::unique_ptr<Server> server_;
  int port_ = 0;
};

}  // namespace ssmlink::emulator
