// "did you mean ...?" for mistyped commands.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ssmlink::cli {

size_t edit_distance(std::string_view a, std::string_view b);

// The closest candidate within a distance of 2 (or a prefix match), if any.
std::optional<std::string> closest(std::string_view word,
                                   const std::vector<std::string>& candidates);

}  // namespace ssmlink::cli
