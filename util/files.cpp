#include "util/files.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace ssmlink {

std::string read_file(const std::string& path) {
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) {
    throw FileError("cannot read " + path + ": it is a directory, not a file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw FileError("cannot read " + path + ": " + std::strerror(errno));
  // One read of the whole file when its size is known (snapshots run to tens of MB).
  in.seekg(0, std::ios::end);
  std::streamoff size = in.tellg();
  in.seekg(0, std::ios::beg);
  if (size >= 0 && in) {
    std::string content(static_cast<size_t>(size), '\0');
    in.read(content.data(), size);
    if (in.gcount() == size) return content;
    in.clear();
    in.seekg(0, std::ios::beg);
  }
  std::ostringstream content;  // pipes and special files
  content << in.rdbuf();
  if (in.bad()) throw FileError("cannot read " + path + ": read error");
  return content.str();
}

void write_file_atomically(const std::string& path, const std::string& content) {
  std::string temporary = path + ".tmp." + std::to_string(getpid());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) throw FileError("cannot write " + path + ": " + std::strerror(errno));
    out << content;
    out.flush();
    if (!out) {
      std::remove(temporary.c_str());
      throw FileError("cannot write " + path + ": write error");
    }
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    int error = errno;
    std::remove(temporary.c_str());
    throw FileError("cannot write " + path + ": " + std::strerror(error));
  }
}

}  // namespace ssmlink
