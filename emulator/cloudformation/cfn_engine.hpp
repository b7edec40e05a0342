// CloudFormation's stack engine: CreateStack and DeleteStack return at once and the stack
// then moves on by itself, on the engine's own thread, the way AWS moves it:
// CREATE_IN_PROGRESS, resources in dependency order (independent ones in parallel), each
// taking Timings::provision, then CREATE_COMPLETE; or a failure, "Resource creation
// cancelled" for the others, and ROLLBACK / DO_NOTHING / DELETE as OnFailure says.
//
// Locking: every public method except start() and stop() expects the caller to hold
// world.guard() (the server holds it while a handler runs; for a member account's world it
// is the management world's mutex). The engine's thread takes the same mutex only while it
// changes state, and sleeps without it.
//
// Life cycle, for the server:
//   auto provisioner = make_ec2_provisioner(world);
//   StackEngine engine(world, *provisioner);
//   engine.start();                        // before serving
//   add_cloudformation_api(table, engine);
//   ...
//   engine.stop();                         // after the server stopped; also in ~StackEngine
// An admin reset calls engine.reset() (with world.mutex held) to forget every stack.
#pragma once
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <queue>
#include <string>
#include <thread>
#include <vector>

#include "emulator/cloudformation/cfn_resources.hpp"
#include "emulator/cloudformation/cfn_stack.hpp"
#include "emulator/world.hpp"

namespace ssmlink::emulator {

struct CreateStackInput {
  std::string region;
  std::string stack_name;
  std::string template_body;
  std::vector<std::pair<std::string, std::string>> parameters;  // key, value
  Tags tags;
  OnFailure on_failure = OnFailure::Rollback;
  std::string client_request_token;
  std::optional<int> timeout_minutes;
};

struct EngineOptions {
  // How long one minute of TimeoutInMinutes lasts (tests shorten it).
  std::chrono::milliseconds minute{60'000};
};

class StackEngine {
 public:
  StackEngine(World& world, ResourceProvisioner& provisioner, EngineOptions options = {});
  ~StackEngine();
  StackEngine(const StackEngine&) = delete;
  StackEngine& operator=(const StackEngine&) = delete;

  // Start and stop the provisioning thread; call without holding world.guard().
  void start();
  void stop();
  // The same with world.guard() held. request_stop does not wait for the thread: it ends
  // when it next gets the mutex, and stop() (later, without the mutex) joins it.
  void start_locked();
  void request_stop();
  // With world.guard() held: the thread starts when the first step is scheduled, so an
  // account whose stacks are only read costs no thread.
  void start_on_first_task() { start_on_first_task_ = true; }

  // CreateStack: validates the request and the template (throws ApiError with
  // CloudFormation's ValidationError or AlreadyExistsException) and returns the stack ID;
  // provisioning continues on the engine's thread. Repeating a request with the same
  // ClientRequestToken and name returns the same stack ID.
  std::string create_stack(const CreateStackInput& input, TimePoint now);

  // DeleteStack: a stack that does not exist is a success, as on AWS. RetainResources is
  // only accepted for a stack in DELETE_FAILED.
  void delete_stack(const std::string& region, const std::string& name_or_id,
                    const std::vector<std::string>& retain_resources, const std::string& token,
                    TimePoint now);

  // A live stack by name, or any stack (deleted ones too) by stack ID; nullptr if none.
  const Stack* find(const std::string& region, const std::string& name_or_id) const;
  // Every stack of the region, deleted ones included, newest first.
  std::vector<const Stack*> stacks(const std::string& region) const;

  // Forgets every stack and pending step (the admin API's reset).
  void reset();

 private:
  struct Task {
    std::chrono::steady_clock::time_point due;
    uint64_t order;
    std::function<void(TimePoint)> run;
    bool operator>(const Task& other) const {
      return due != other.due ? due > other.due : order > other.order;
    }
  };

  void run();
  void schedule(std::chrono::milliseconds delay, std::function<void(TimePoint)> step);
  // A step for one stack, skipped when the stack is gone or another operation began.
  void schedule_for(const Stack& stack, std::chrono::milliseconds delay,
                    std::function<void(Stack&, TimePoint)> step);
  Stack* find_mutable(const std::string& region, const std::string& name_or_id);
  Stack* by_id(const std::string& id);

  void emit(Stack& stack, StackResource* resource, const std::string& status,
            const std::string& reason, TimePoint now, const std::string& detailed_status = {});

  // Creation.
  void begin_create(Stack& stack, TimePoint now);
  std::vector<std::string> missing_aws_parameters(const Stack& stack);
  void start_ready_resources(Stack& stack, TimePoint now);
  bool provision(Stack& stack, StackResource& resource, TimePoint now);
  void complete_resource(Stack& stack, const std::string& logical_id, TimePoint now);
  void complete_stack(Stack& stack, TimePoint now);
  void fail_creation(Stack& stack, std::string reason, TimePoint now);
  void cancel_in_progress(Stack& stack, TimePoint now);

  // Deletion (DeleteStack, rollback and OnFailure=DELETE).
  void begin_deletion(Stack& stack, TimePoint now);
  void delete_ready_resources(Stack& stack, TimePoint now);
  Ec2Result<void> delete_in_ec2(const Stack& stack, const StackResource& resource, TimePoint now);
  void complete_deletion(Stack& stack, const std::string& logical_id, TimePoint now);
  void finish_deletion(Stack& stack, TimePoint now);
  void start_delete(Stack& stack, const std::string& token, TimePoint now);

  std::vector<std::string> availability_zones(const std::string& region);
  Tags resource_tags_for(const Stack& stack, const StackResource& resource);
  std::string handler_message(const Ec2Failure& failure);
  std::string generated_name(const Stack& stack, const std::string& logical_id);

  World& world_;
  // Cached: an engine stopped by an admin reset outlives its member world, never the home.
  std::mutex& guard_;
  ResourceProvisioner& provisioner_;
  EngineOptions options_;
  std::vector<std::unique_ptr<Stack>> stacks_;  // oldest first
  std::priority_queue<Task, std::vector<Task>, std::greater<>> tasks_;
  uint64_t next_order_ = 0;
  uint64_t next_event_ = 0;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool start_on_first_task_ = false;
  std::thread thread_;
};

}  // namespace ssmlink::emulator
