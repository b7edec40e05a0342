#include "util/xml_writer.hpp"

#include <gtest/gtest.h>
#include <pugixml.hpp>

namespace ssmlink {
namespace {

TEST(XmlWriter, WritesNestedElementsThatParseBack) {
  XmlWriter xml("DescribeVpcsResponse", "http://ec2.amazonaws.com/doc/2016-11-15/");
  xml.element("requestId", "r-1").open("vpcSet").open("item");
  xml.element("vpcId", "vpc-1").element("isDefault", false).element("count", 3).empty("tagSet");
  std::string text = xml.finish();
  pugi::xml_document document;
  ASSERT_TRUE(document.load_string(text.c_str()));
  auto root = document.document_element();
  EXPECT_STREQ(root.name(), "DescribeVpcsResponse");
  EXPECT_STREQ(root.attribute("xmlns").value(), "http://ec2.amazonaws.com/doc/2016-11-15/");
  EXPECT_STREQ(root.child("vpcSet").child("item").child_value("vpcId"), "vpc-1");
  EXPECT_STREQ(root.child("vpcSet").child("item").child_value("isDefault"), "false");
  EXPECT_STREQ(root.child("vpcSet").child("item").child_value("count"), "3");
}

TEST(XmlWriter, EscapesTextSoAnyValueRoundTrips) {
  const std::string value = "a<b>&\"c\" 'd'\ttab\nline\r 日本";
  XmlWriter xml("R");
  xml.element("v", value);
  xml.element("ctl", std::string_view("x\x01y"));
  pugi::xml_document document;
  ASSERT_TRUE(document.load_string(xml.finish().c_str()));
  EXPECT_EQ(std::string(document.child("R").child_value("v")), value);
  EXPECT_EQ(std::string(document.child("R").child_value("ctl")), "xy");
}

}  // namespace
}  // namespace ssmlink
