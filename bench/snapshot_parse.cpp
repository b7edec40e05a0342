// How long parse_snapshot takes on a file, apart from reading it and from doctor's checks:
// one parse per process, so that /usr/bin/time's peak memory is the parse's too.
//
//   snapshot_parse FILE    prints: seconds instances bytes
#include <chrono>
#include <cstdio>
#include <iostream>

#include "domain/snapshot.hpp"
#include "util/files.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: snapshot_parse FILE\n";
    return 2;
  }
  std::string text;
  try {
    text = ssmlink::read_file(argv[1]);
  } catch (const ssmlink::FileError& error) {
    std::cerr << "snapshot_parse: " << error.what() << "\n";
    return 1;
  }
  auto start = std::chrono::steady_clock::now();
  auto snapshot = ssmlink::domain::parse_snapshot(text);
  std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  if (!snapshot) {
    std::cerr << "snapshot_parse: " << snapshot.error().message << "\n";
    return 2;
  }
  std::printf("%.3f %zu %zu\n", took.count(), snapshot->inventory.instances.size(), text.size());
  return 0;
}
