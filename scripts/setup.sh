#!/usr/bin/env bash
# Installs the Debian 12 packages ssmlink needs to build, test and benchmark.
# Idempotent and quiet: apt-get runs only when something is missing.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config   # toolchain
  libcurl4-openssl-dev libssl-dev                # HTTP and TLS (aws/)
  libpugixml-dev nlohmann-json3-dev libyaml-cpp-dev  # XML, JSON, YAML
  libcli11-dev                                   # command line
  libcpp-httplib-dev                             # loopback servers (emulator, tests)
  libgtest-dev libgmock-dev libbenchmark-dev     # tests and micro-benchmarks
  awscli                                         # a real AWS client for conformance tests
  python3-websockets                             # an independent WebSocket peer (tests)
  clang-format clang-tidy                        # style
  clang libclang-rt-14-dev                       # libFuzzer targets (scripts/fuzz.sh)
  openssl ca-certificates                        # TLS tests make a throwaway certificate
  time                                           # bench/doctor_scaling.sh: peak memory
  man-db zsh fish                                # the man pages and completions, checked
  file                                           # make deb: CPack finds the ELF files for dpkg-shlibdeps
  lintian                                        # make package-check
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

sudo=""
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "setup: need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
  sudo=sudo
fi
echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
