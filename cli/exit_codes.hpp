// Exit codes are part of ssmlink's interface (README, "Exit codes").
#pragma once

namespace ssmlink::cli {

enum ExitCode : int {
  kSuccess = 0,
  kCloudFailed = 1,  // the AWS operation failed
  kUsage = 2,        // bad usage or input
  kBlocked = 3,      // doctor or the preflight found a blocking problem
  kTimedOut = 4,
  kInterrupted = 130,
};

}  // namespace ssmlink::cli
