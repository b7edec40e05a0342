// SocketStream::start_tls: OpenSSL client setup. Verification is always on; what a user
// can choose is only which CAs to trust (AWS_CA_BUNDLE or the profile's ca_bundle).
#include <arpa/inet.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>
#include <sys/socket.h>

#include <cerrno>

#include "aws/socket_stream.hpp"

namespace ssmlink::aws {

namespace {

// OpenSSL's socket BIO writes with write(2), which raises SIGPIPE when the peer has gone;
// this one sends with MSG_NOSIGNAL and otherwise behaves as BIO_s_socket.
int write_without_sigpipe(BIO* bio, const char* data, int length) {
  int fd = -1;
  BIO_get_fd(bio, &fd);
  BIO_clear_retry_flags(bio);
  ssize_t sent = ::send(fd, data, static_cast<size_t>(length), MSG_NOSIGNAL);
  if (sent < 0) {
    if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) BIO_set_retry_write(bio);
    return -1;
  }
  return static_cast<int>(sent);
}

const BIO_METHOD* socket_method_without_sigpipe() {
  static BIO_METHOD* method = [] {
    const BIO_METHOD* base = BIO_s_socket();
    BIO_METHOD* made = BIO_meth_new(BIO_TYPE_SOCKET, "socket without SIGPIPE");
    BIO_meth_set_write(made, write_without_sigpipe);
    BIO_meth_set_read(made, BIO_meth_get_read(base));
    BIO_meth_set_puts(made, BIO_meth_get_puts(base));
    BIO_meth_set_ctrl(made, BIO_meth_get_ctrl(base));
    BIO_meth_set_create(made, BIO_meth_get_create(base));
    BIO_meth_set_destroy(made, BIO_meth_get_destroy(base));
    return made;
  }();
  return method;
}

std::string openssl_error_text() {
  unsigned long code = ERR_get_error();
  if (code == 0) return "the connection closed during the TLS handshake";
  char text[256];
  ERR_error_string_n(code, text, sizeof text);
  return text;
}

bool is_ip_address(const std::string& host) {
  unsigned char buffer[sizeof(in6_addr)];
  return ::inet_pton(AF_INET, host.c_str(), buffer) == 1 ||
         ::inet_pton(AF_INET6, host.c_str(), buffer) == 1;
}

}  // namespace

void SocketStream::start_tls(const std::string& host, const std::optional<std::string>& ca_bundle,
                             SteadyTime deadline) {
  context_ = SSL_CTX_new(TLS_client_method());
  if (!context_) fail("cannot set up TLS: " + openssl_error_text(), false, true);
  SSL_CTX_set_min_proto_version(context_, TLS1_2_VERSION);
  SSL_CTX_set_verify(context_, SSL_VERIFY_PEER, nullptr);
  // Renegotiation would let SSL_write read from the socket behind the reader's back.
  SSL_CTX_set_options(context_, SSL_OP_NO_RENEGOTIATION);
  SSL_CTX_set_mode(context_, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
  bool loaded = ca_bundle ? SSL_CTX_load_verify_locations(context_, ca_bundle->c_str(), nullptr)
                          : SSL_CTX_set_default_verify_paths(context_);
  if (loaded != 1) {
    fail(ca_bundle ? "cannot read the CA bundle " + *ca_bundle + " (AWS_CA_BUNDLE or ca_bundle)"
                   : "cannot load the system's CA certificates",
         false, true);
  }
  ssl_ = SSL_new(context_);
  BIO* bio = BIO_new(socket_method_without_sigpipe());
  if (!ssl_ || !bio) fail("cannot set up TLS: " + openssl_error_text(), false, true);
  BIO_set_fd(bio, fd_, BIO_NOCLOSE);
  SSL_set_bio(ssl_, bio, bio);
  if (is_ip_address(host)) {
    // RFC 6066 section 3: no SNI for an address; the certificate must name the address.
    X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl_), host.c_str());
  } else {
    SSL_set_tlsext_host_name(ssl_, host.c_str());
    SSL_set1_host(ssl_, host.c_str());
  }
  while (true) {
    ERR_clear_error();
    int result = SSL_connect(ssl_);
    if (result == 1) return;
    int error = SSL_get_error(ssl_, result);
    bool woken = false;
    if (error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE) {
      if (wait_for(error == SSL_ERROR_WANT_READ ? Want::Read : Want::Write, deadline, woken)) {
        continue;
      }
      if (woken) fail("shut down during the TLS handshake", false, true);
      fail("no TLS handshake within the time allowed", true, true);
    }
    long verify = SSL_get_verify_result(ssl_);
    if (verify == X509_V_ERR_HOSTNAME_MISMATCH || verify == X509_V_ERR_IP_ADDRESS_MISMATCH) {
      fail("the server's TLS certificate is not for " + host + " (" +
               X509_verify_cert_error_string(verify) + "): check the URL or --endpoint-url",
           false, true);
    }
    if (verify != X509_V_OK) {
      fail(std::string("the server's TLS certificate is not trusted: ") +
               X509_verify_cert_error_string(verify) + " (for " + host +
               "; a private CA goes in AWS_CA_BUNDLE or the profile's ca_bundle)",
           false, true);
    }
    fail("TLS handshake failed: " + openssl_error_text(), false, true);
  }
}

}  // namespace ssmlink::aws
