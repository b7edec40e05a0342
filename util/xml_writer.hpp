// Builds XML text: elements, escaped text, and nothing else. Used to write AWS-style
// responses (the emulator) where a DOM would be overkill.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace ssmlink {

class XmlWriter {
 public:
  // <?xml version="1.0" encoding="UTF-8"?> then the root, optionally with xmlns.
  XmlWriter(std::string_view root, std::string_view xmlns = {});

  XmlWriter& open(std::string_view name);  // <name>
  XmlWriter& close();                      // </name> of the innermost open element
  // <name>text</name>, text escaped.
  XmlWriter& element(std::string_view name, std::string_view text);
  XmlWriter& element(std::string_view name, const char* text) {
    return element(name, std::string_view(text));
  }
  XmlWriter& element(std::string_view name, bool value);
  XmlWriter& element(std::string_view name, long long value);
  XmlWriter& element(std::string_view name, int value) {
    return element(name, static_cast<long long>(value));
  }
  XmlWriter& empty(std::string_view name);  // <name/>

  // Closes every open element and returns the document.
  std::string finish();

 private:
  void indent();
  std::string out_;
  std::vector<std::string> open_;
};

// &, <, >, " and ' as entities; control characters XML 1.0 cannot carry as &#xN; where
// allowed (tab, newline, carriage return) and dropped otherwise.
std::string xml_escape(std::string_view text);

}  // namespace ssmlink
