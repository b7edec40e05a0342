#include "workflows/patience.hpp"

#include <algorithm>
#include <random>

#include "aws/retry.hpp"
#include "workflows/errors.hpp"
#include "workflows/stack_watch.hpp"

namespace ssmlink::workflows {

using std::chrono::duration_cast;
using std::chrono::milliseconds;
using std::chrono::seconds;

bool is_passing_failure(const aws::AwsError& error) {
  if (const auto* service = dynamic_cast<const aws::ServiceError*>(&error)) {
    return aws::classify(service->status, service->code) != aws::FailureKind::Permanent;
  }
  if (const auto* transport = dynamic_cast<const aws::TransportError*>(&error)) {
    return !transport->unreachable;
  }
  return dynamic_cast<const aws::ResponseError*>(&error) != nullptr;
}

milliseconds patience_backoff(int failures, double random) {
  double cap_ms = std::min(1000.0 * (1 << std::min(failures - 1, 4)), 15000.0);
  return milliseconds(static_cast<long>(cap_ms * (0.5 + random / 2)));
}

Patience::Patience(Clock& clock, seconds budget, const std::atomic<bool>* interrupted,
                   Notify notify, std::function<double()> random)
    : clock_(clock),
      budget_(budget),
      interrupted_(interrupted),
      notify_(std::move(notify)),
      random_(std::move(random)) {
  if (!random_) {
    auto generator = std::make_shared<std::mt19937_64>(std::random_device{}());
    random_ = [generator] { return std::uniform_real_distribution<double>(0, 1)(*generator); };
  }
}

void Patience::notify(const RetryNotice& notice) const {
  if (notify_) notify_(notice);
}

bool Patience::another_try(const std::string& what, const aws::AwsError& error,
                           Attempts& attempts) {
  if (!is_passing_failure(error) || budget_ <= seconds(0)) return false;
  Clock::TimePoint now = clock_.now();
  if (attempts.failures++ == 0) attempts.deadline = now + budget_;
  auto left = duration_cast<milliseconds>(attempts.deadline - now);
  if (left <= milliseconds(0)) return false;
  milliseconds wait = std::min(patience_backoff(attempts.failures, random_()), left);
  notify({what, error.what(), wait, duration_cast<seconds>(left - wait)});
  if (!pause_unless_interrupted(clock_, wait, interrupted_)) {
    throw Interrupted("interrupted while waiting to call " + what + " again");
  }
  return true;
}

}  // namespace ssmlink::workflows
