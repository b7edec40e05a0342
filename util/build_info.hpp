// What the binary was built from: the git commit (cmake/build_info.cmake writes it).
#pragma once

namespace ssmlink {

extern const char* const kCommit;      // "78d2462abc12", "...-modified", or "unknown"
extern const char* const kCommitDate;  // "2026-12-06" (the commit's date), or ""

}  // namespace ssmlink
