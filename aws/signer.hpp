// Signs an HttpRequest with AWS Signature Version 4 in the Authorization header, as
// botocore does for every service ssmlink calls (the maths is util/sigv4.hpp).
#pragma once
#include <string_view>

#include "aws/credentials.hpp"
#include "aws/http.hpp"
#include "util/clock.hpp"

namespace ssmlink::aws {

// Sets Host (the URL's host, and its port when the URL gives one), X-Amz-Date,
// X-Amz-Security-Token when the credentials have a session token (removed when they do
// not), and Authorization, replacing any earlier values, so a retry can sign again.
// Every header is signed but User-Agent, Expect, X-Amzn-Trace-Id and Authorization,
// which proxies and the transport may change (botocore's rule). The path is normalised
// and encoded twice, so this is not for S3. Throws AwsError when the URL is not
// http(s)://host[:port]/...
void sign_request(HttpRequest& request, const Credentials& credentials, std::string_view region,
                  std::string_view service, Clock::TimePoint now);

}  // namespace ssmlink::aws
