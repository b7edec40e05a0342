// The emulator the soak runs against: started with the seed scenario and the soak's fault
// rates, which the harness turns off while it reads the world (so that its own reads never
// fail) and back on for each command under test.
#pragma once
#include <set>
#include <string>
#include <vector>

#include "tests/soak/soak_options.hpp"
#include "tests/support/running_emulator.hpp"

namespace ssmlink::soak {

// What the request log says about the calls of one command.
struct RequestStats {
  int calls = 0;
  int throttled = 0;
  int server_errors = 0;
  int resets = 0;

  int faults() const { return throttled + server_errors + resets; }
  RequestStats& operator+=(const RequestStats& other);
};

struct LiveStack {
  std::string id;
  std::string name;
  std::string status;
  std::string vpc;       // the ssmlink:vpc tag
  bool ssmlink = false;  // tagged ssmlink:managed=true
};

// The world as the harness judges it: stacks not deleted, and the endpoints and security
// groups that the scenario did not start with.
struct WorldState {
  std::vector<LiveStack> stacks;
  std::vector<std::string> extra_endpoints;
  std::vector<std::string> extra_security_groups;

  // Every stack, endpoint and group left: stack names, then IDs.
  std::vector<std::string> leftovers() const;
  // ssmlink stacks that are live while another ssmlink stack of the same VPC is (the
  // later ones, by ID).
  std::vector<std::string> duplicates() const;
  // The live ssmlink stacks of `vpc`.
  std::vector<LiveStack> ssmlink_stacks(const std::string& vpc) const;
};

class SoakEmulator {
 public:
  explicit SoakEmulator(const SoakOptions& options);

  const std::string& url() const { return emulator_.url(); }

  // The soak's fault rates, or none.
  void set_faults(bool on);
  // Clears the request log, so that request_stats counts what comes after.
  void clear_requests();
  RequestStats request_stats() const;
  // Turns faults off and reads the world.
  WorldState state();
  // Loads the seed scenario again: the world as at the start, no stacks.
  void reset_world();

 private:
  std::vector<LiveStack> live_stacks() const;

  const SoakOptions& options_;
  testing::RunningEmulator emulator_;
  std::set<std::string> initial_endpoints_;
  std::set<std::string> initial_security_groups_;
};

}  // namespace ssmlink::soak
