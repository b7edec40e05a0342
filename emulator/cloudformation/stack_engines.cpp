#include "emulator/cloudformation/stack_engines.hpp"

namespace ssmlink::emulator {

StackEngines::StackEngines(World& management, EngineOptions options)
    : home_(management), options_(options), management_(make(management)) {}

StackEngines::~StackEngines() {
  stop();
}

StackEngines::Account StackEngines::make(World& world) {
  Account account;
  account.provisioner = make_ec2_provisioner(world);
  account.engine = std::make_unique<StackEngine>(world, *account.provisioner, options_);
  return account;
}

void StackEngines::start() {
  management_.engine->start();
}

void StackEngines::stop() {
  management_.engine->stop();
  for (auto& [world, account] : members_)
    account.engine->stop();
  for (auto& account : retired_)
    account.engine->stop();
}

StackEngine& StackEngines::of(World& world) {
  if (&world == &home_) return *management_.engine;
  auto found = members_.find(&world);
  if (found == members_.end()) {
    found = members_.emplace(&world, make(world)).first;
    found->second.engine->start_on_first_task();
  }
  return *found->second.engine;
}

void StackEngines::reset() {
  management_.engine->reset();
  for (auto& [world, account] : members_) {
    account.engine->reset();
    account.engine->request_stop();
    retired_.push_back(std::move(account));
  }
  // A new member world may be allocated where an old one was: forget the addresses.
  members_.clear();
}

}  // namespace ssmlink::emulator
