#include "util/xml_writer.hpp"

#include <cstdio>

namespace ssmlink {

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      case '\t':
        out += "&#x9;";
        break;
      case '\n':
        out += "&#xA;";
        break;
      case '\r':
        out += "&#xD;";
        break;
      default:
        if (static_cast<unsigned char>(c) >= 0x20) out += c;
    }
  }
  return out;
}

XmlWriter::XmlWriter(std::string_view root, std::string_view xmlns) {
  out_ = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<" + std::string(root);
  if (!xmlns.empty()) out_ += " xmlns=\"" + xml_escape(xmlns) + "\"";
  out_ += ">\n";
  open_.emplace_back(root);
}

void XmlWriter::indent() {
  out_.append(open_.size() * 2, ' ');
}

XmlWriter& XmlWriter::open(std::string_view name) {
  indent();
  out_.append("<").append(name).append(">\n");
  open_.emplace_back(name);
  return *this;
}

XmlWriter& XmlWriter::close() {
  std::string name = open_.back();
  open_.pop_back();
  indent();
  out_.append("</").append(name).append(">\n");
  return *this;
}

XmlWriter& XmlWriter::element(std::string_view name, std::string_view text) {
  indent();
  out_.append("<").append(name).append(">").append(xml_escape(text));
  out_.append("</").append(name).append(">\n");
  return *this;
}

XmlWriter& XmlWriter::element(std::string_view name, bool value) {
  return element(name, std::string_view(value ? "true" : "false"));
}

XmlWriter& XmlWriter::element(std::string_view name, long long value) {
  return element(name, std::string_view(std::to_string(value)));
}

XmlWriter& XmlWriter::empty(std::string_view name) {
  indent();
  out_.append("<").append(name).append("/>\n");
  return *this;
}

std::string XmlWriter::finish() {
  while (!open_.empty())
    close();
  return std::move(out_);
}

}  // namespace ssmlink
