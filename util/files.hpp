// Whole-file reads and atomic writes, with errors that name the path.
#pragma once
#include <stdexcept>
#include <string>

namespace ssmlink {

struct FileError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The file's bytes; throws FileError naming the path and the reason.
std::string read_file(const std::string& path);

// Writes to a temporary file beside `path`, then renames it over `path`, so a failed
// write never leaves a half-written file. Throws FileError.
void write_file_atomically(const std::string& path, const std::string& content);

}  // namespace ssmlink
