// One stack engine per account: the management account's, and each member account's,
// made the first time a call or a StackSet reaches that account's world, with a
// provisioner of its own bound to that world.
//
// Locking: of() and reset() with the management world's mutex held (every engine locks it:
// World::guard()); start() and stop() without it.
#pragma once
#include <map>
#include <memory>
#include <vector>

#include "emulator/cloudformation/cfn_engine.hpp"
#include "emulator/world.hpp"

namespace ssmlink::emulator {

class StackEngines {
 public:
  explicit StackEngines(World& management, EngineOptions options = {});
  ~StackEngines();
  StackEngines(const StackEngines&) = delete;
  StackEngines& operator=(const StackEngines&) = delete;

  void start();  // the management account's engine
  void stop();   // every engine, those retired by reset() too

  // The engine of `world` (the management world or one of its members); a member's starts
  // its thread with its first stack.
  StackEngine& of(World& world);
  StackEngine& management() { return *management_.engine; }

  // A scenario load or reset: the management engine forgets its stacks; the member worlds
  // are about to be destroyed, so their engines drop every task, stop, and are kept (their
  // threads may still wait for the mutex the caller holds) until stop().
  void reset();

 private:
  struct Account {
    std::unique_ptr<ResourceProvisioner> provisioner;  // declared first: outlives the engine
    std::unique_ptr<StackEngine> engine;
  };
  Account make(World& world);

  World& home_;
  EngineOptions options_;
  Account management_;
  std::map<const World*, Account> members_;
  std::vector<Account> retired_;
};

}  // namespace ssmlink::emulator
