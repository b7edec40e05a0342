#include "aws/refreshing_credentials.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <functional>
#include <thread>

#include "aws/errors.hpp"
#include "tests/support/error_of.hpp"
#include "tests/support/manual_clock.hpp"

namespace ssmlink::aws {
namespace {

using testing::error_of;
using ::testing::HasSubstr;
using namespace std::chrono_literals;

// A source whose answers the test writes; counts its loads.
class ScriptedSource final : public CredentialSource {
 public:
  std::function<std::optional<Credentials>()> next;
  std::atomic<int> loads = 0;

  std::optional<Credentials> load() override {
    ++loads;
    return next();
  }
  std::string description() const override { return "scripted source"; }
};

class RefreshingCredentialsTest : public ::testing::Test {
 protected:
  std::shared_ptr<testing::ManualClock> clock = std::make_shared<testing::ManualClock>();

  Credentials temporary(const std::string& key, std::chrono::minutes valid_for) const {
    return Credentials{key, "secret-" + key, "token-" + key, clock->now() + valid_for};
  }

  // The provider and (still usable) its source, after the first get().
  std::pair<std::shared_ptr<RefreshingCredentials>, ScriptedSource*> make(Credentials first) {
    auto owned = std::make_unique<ScriptedSource>();
    ScriptedSource* source = owned.get();
    std::unique_ptr<CredentialSource> base = std::move(owned);
    auto provider = keep_refreshed(base, first, clock);
    EXPECT_EQ(provider->get().access_key_id, first.access_key_id);  // no load for the first
    EXPECT_EQ(source->loads, 0);
    return {provider, source};
  }
};

TEST_F(RefreshingCredentialsTest, LongTermCredentialsAreNeverRefreshed) {
  auto [provider, source] = make(Credentials{"AKIA", "secret", "", std::nullopt});
  clock->advance(std::chrono::hours(24 * 365));
  EXPECT_EQ(provider->get().access_key_id, "AKIA");
  EXPECT_EQ(source->loads, 0);
  EXPECT_EQ(provider->source(), "scripted source");
}

TEST_F(RefreshingCredentialsTest, NoRefreshWithFifteenMinutesOrMoreLeft) {
  auto [provider, source] = make(temporary("one", 60min));
  clock->advance(45min);  // exactly 15 minutes left
  EXPECT_EQ(provider->get().access_key_id, "one");
  EXPECT_EQ(source->loads, 0);
}

TEST_F(RefreshingCredentialsTest, RefreshesInTheAdvisoryWindow) {
  auto [provider, source] = make(temporary("one", 60min));
  source->next = [&] { return temporary("two", 60min); };
  clock->advance(46min);
  EXPECT_EQ(provider->get().access_key_id, "two");
  EXPECT_EQ(provider->get().access_key_id, "two");
  EXPECT_EQ(source->loads, 1);
}

TEST_F(RefreshingCredentialsTest, AdvisoryRefreshFailureKeepsTheOldCredentials) {
  auto [provider, source] = make(temporary("one", 60min));
  source->next = []() -> std::optional<Credentials> { throw CredentialsError("STS is down"); };
  clock->advance(49min);  // 11 minutes left
  EXPECT_EQ(provider->get().access_key_id, "one");
  EXPECT_EQ(provider->get().access_key_id, "one");
  EXPECT_EQ(source->loads, 2);  // tried on every call
}

TEST_F(RefreshingCredentialsTest, MandatoryRefreshFailureIsAnError) {
  auto [provider, source] = make(temporary("one", 60min));
  source->next = []() -> std::optional<Credentials> { throw CredentialsError("STS is down"); };
  clock->advance(51min);  // 9 minutes left
  EXPECT_EQ(error_of<CredentialsError>([&] { provider->get(); }), "STS is down");
}

TEST_F(RefreshingCredentialsTest, MandatoryRefreshThatWorksIsUsed) {
  auto [provider, source] = make(temporary("one", 60min));
  source->next = [&] { return temporary("two", 60min); };
  clock->advance(59min);
  EXPECT_EQ(provider->get().access_key_id, "two");
}

TEST_F(RefreshingCredentialsTest, ASourceThatNoLongerHasCredentials) {
  auto [provider, source] = make(temporary("one", 60min));
  source->next = [] { return std::nullopt; };
  clock->advance(55min);
  EXPECT_EQ(error_of<CredentialsError>([&] { provider->get(); }),
            "cannot refresh the credentials from scripted source: it no longer has any");
}

TEST_F(RefreshingCredentialsTest, RefreshedCredentialsThatAlreadyExpired) {
  auto [provider, source] = make(temporary("one", 60min));
  source->next = [&] { return temporary("stale", -1min); };
  clock->advance(55min);
  EXPECT_THAT(error_of<CredentialsError>([&] { provider->get(); }),
              HasSubstr("the credentials from scripted source expired at 2026-11-28T12:54:00Z"));
}

TEST_F(RefreshingCredentialsTest, ExpiredFirstCredentialsAreRefused) {
  std::unique_ptr<CredentialSource> source = std::make_unique<ScriptedSource>();
  EXPECT_EQ(
      error_of<CredentialsError>([&] { keep_refreshed(source, temporary("old", -5min), clock); }),
      "the credentials from scripted source expired at 2026-11-28T11:55:00Z; renew them "
      "at their source");
  EXPECT_TRUE(source);  // left with the caller
}

TEST_F(RefreshingCredentialsTest, FirstWithCredentialsTakesTheFirstThatHasThem) {
  std::vector<std::unique_ptr<CredentialSource>> sources;
  auto empty = std::make_unique<ScriptedSource>();
  empty->next = [] { return std::nullopt; };
  auto full = std::make_unique<ScriptedSource>();
  full->next = [] { return Credentials{"AKIA", "secret", "", std::nullopt}; };
  auto never = std::make_unique<ScriptedSource>();
  ScriptedSource* never_asked = never.get();
  sources.push_back(std::move(empty));
  sources.push_back(std::move(full));
  sources.push_back(std::move(never));
  auto provider = first_with_credentials(sources, clock);
  ASSERT_TRUE(provider);
  EXPECT_EQ(provider->get().access_key_id, "AKIA");
  EXPECT_EQ(never_asked->loads, 0);
  sources.erase(sources.begin() + 1);
  never_asked->next = [] { return std::nullopt; };
  EXPECT_FALSE(first_with_credentials(sources, clock));
}

TEST_F(RefreshingCredentialsTest, ConcurrentCallersShareOneRefresh) {
  auto [provider, source] = make(temporary("one", 60min));
  source->next = [&] {
    std::this_thread::sleep_for(20ms);  // a slow STS call, to let the callers pile up
    return temporary("two", 60min);
  };
  clock->advance(55min);
  std::vector<std::thread> threads;
  std::atomic<int> fresh = 0;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, provider = provider] {
      if (provider->get().access_key_id == "two") ++fresh;
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  EXPECT_EQ(fresh, 8);
  EXPECT_EQ(source->loads, 1);
}

}  // namespace
}  // namespace ssmlink::aws
