// The real HttpClient, on libcurl.
#include <curl/curl.h>

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include "aws/errors.hpp"
#include "aws/http.hpp"
#include "util/strings.hpp"

namespace ssmlink::aws {

namespace {

using SteadyClock = std::chrono::steady_clock;

void initialise_curl_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct EasyHandleDeleter {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
using EasyHandle = std::unique_ptr<CURL, EasyHandleDeleter>;

struct HeaderListDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using HeaderList = std::unique_ptr<curl_slist, HeaderListDeleter>;

// State shared with curl's callbacks during one transfer.
struct Transfer {
  HttpResponse response;
  SteadyClock::time_point last_activity = SteadyClock::now();
  curl_off_t bytes_seen = 0;
  std::chrono::milliseconds read_timeout{0};
  bool read_timed_out = false;
};

size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  transfer->response.body.append(data, size * count);
  transfer->last_activity = SteadyClock::now();
  return size * count;
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  std::string_view line(data, size * count);
  transfer->last_activity = SteadyClock::now();
  if (line.starts_with("HTTP/")) {
    transfer->response.headers.clear();  // a new response (after 100 Continue, say)
    return line.size();
  }
  size_t colon = line.find(':');
  if (colon != std::string_view::npos) {
    transfer->response.headers.push_back(
        {trim(line.substr(0, colon)), trim(line.substr(colon + 1))});
  }
  return line.size();
}

// curl's own timeouts are whole-transfer or per-second; a read timeout means "no byte
// for this long", measured here in milliseconds.
int on_progress(void* user, curl_off_t, curl_off_t downloaded, curl_off_t, curl_off_t uploaded) {
  auto* transfer = static_cast<Transfer*>(user);
  auto now = SteadyClock::now();
  if (downloaded + uploaded != transfer->bytes_seen) {
    transfer->bytes_seen = downloaded + uploaded;
    transfer->last_activity = now;
  }
  if (now - transfer->last_activity > transfer->read_timeout) {
    transfer->read_timed_out = true;
    return 1;  // abort
  }
  return 0;
}

class CurlHttpClient final : public HttpClient {
 public:
  explicit CurlHttpClient(HttpOptions options) : options_(std::move(options)) {
    initialise_curl_once();
  }

  HttpResponse send(const HttpRequest& request) override {
    auto url = parse_url(request.url);
    if (!url) throw TransportError(request.url, "not an http(s) URL", false, true);
    EasyHandle handle = acquire(url->scheme + "://" + url->authority());
    Transfer transfer;
    transfer.read_timeout = request.timeout.value_or(options_.read_timeout);
    HeaderList headers = header_list(request);
    configure(handle.get(), request, headers.get(), transfer);
    CURLcode code = curl_easy_perform(handle.get());
    long status = 0;
    curl_easy_getinfo(handle.get(), CURLINFO_RESPONSE_CODE, &status);
    if (code != CURLE_OK) {
      bool timed_out = transfer.read_timed_out || code == CURLE_OPERATION_TIMEDOUT;
      std::string what =
          transfer.read_timed_out
              ? "no response for " + std::to_string(transfer.read_timeout.count()) + " ms"
              : std::string(curl_easy_strerror(code));
      bool unreachable = code == CURLE_COULDNT_RESOLVE_HOST ||
                         code == CURLE_COULDNT_RESOLVE_PROXY || code == CURLE_COULDNT_CONNECT ||
                         code == CURLE_SSL_CONNECT_ERROR ||
                         code == CURLE_PEER_FAILED_VERIFICATION ||
                         code == CURLE_SSL_CACERT_BADFILE || code == CURLE_UNSUPPORTED_PROTOCOL;
      // A failed handle may hold a broken connection: do not return it to the pool.
      throw TransportError(url->scheme + "://" + url->authority() + url->path, what, timed_out,
                           unreachable);
    }
    release(url->scheme + "://" + url->authority(), std::move(handle));
    transfer.response.status = static_cast<int>(status);
    return std::move(transfer.response);
  }

 private:
  // One kept-alive handle (and so connection) per scheme://host:port, reused across
  // calls; a second concurrent caller gets a fresh handle.
  EasyHandle acquire(const std::string& origin) {
    std::lock_guard lock(mutex_);
    auto& pool = idle_[origin];
    if (!pool.empty()) {
      EasyHandle handle = std::move(pool.back());
      pool.pop_back();
      return handle;
    }
    return EasyHandle(curl_easy_init());
  }

  void release(const std::string& origin, EasyHandle handle) {
    std::lock_guard lock(mutex_);
    auto& pool = idle_[origin];
    if (pool.size() < 4) pool.push_back(std::move(handle));
  }

  static HeaderList header_list(const HttpRequest& request) {
    curl_slist* list = nullptr;
    for (const auto& header : request.headers) {
      list = curl_slist_append(list, (header.name + ": " + header.value).c_str());
    }
    // curl would otherwise add these; AWS needs neither.
    list = curl_slist_append(list, "Expect:");
    list = curl_slist_append(list, "Accept:");
    return HeaderList(list);
  }

  void configure(CURL* handle, const HttpRequest& request, curl_slist* headers,
                 Transfer& transfer) const {
    curl_easy_reset(handle);  // keeps the connection cache, drops the last request's options
    curl_easy_setopt(handle, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(handle, CURLOPT_USERAGENT, options_.user_agent.c_str());
    curl_easy_setopt(handle, CURLOPT_SSL_VERIFYPEER, 1L);  // never turned off
    curl_easy_setopt(handle, CURLOPT_SSL_VERIFYHOST, 2L);
    if (options_.ca_bundle) curl_easy_setopt(handle, CURLOPT_CAINFO, options_.ca_bundle->c_str());
    curl_easy_setopt(handle, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(request.timeout.value_or(options_.connect_timeout).count()));
    curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(handle, CURLOPT_WRITEDATA, &transfer);
    curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(handle, CURLOPT_HEADERDATA, &transfer);
    curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(handle, CURLOPT_XFERINFODATA, &transfer);
    curl_easy_setopt(handle, CURLOPT_NOPROGRESS, 0L);
    if (request.method == "GET") {
      curl_easy_setopt(handle, CURLOPT_HTTPGET, 1L);
    } else {
      curl_easy_setopt(handle, CURLOPT_CUSTOMREQUEST, request.method.c_str());
      curl_easy_setopt(handle, CURLOPT_POSTFIELDS, request.body.data());
      curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE,
                       static_cast<curl_off_t>(request.body.size()));
    }
  }

  HttpOptions options_;
  std::mutex mutex_;
  std::map<std::string, std::vector<EasyHandle>> idle_;
};

}  // namespace

std::unique_ptr<HttpClient> make_curl_client(const HttpOptions& options) {
  return std::make_unique<CurlHttpClient>(options);
}

}  // namespace ssmlink::aws
