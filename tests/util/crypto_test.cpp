#include "util/crypto.hpp"

#include <gtest/gtest.h>

#include <string>

namespace ssmlink {
namespace {

using namespace std::string_literals;

TEST(Sha256, MatchesTheFips180Examples) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Sha256, RawDigestIsThirtyTwoBytesOfTheHex) {
  std::string raw = sha256("abc");
  ASSERT_EQ(raw.size(), 32u);
  EXPECT_EQ(hex_encode(raw), sha256_hex("abc"));
}

TEST(Sha256, HashesEveryByteIncludingNul) {
  EXPECT_EQ(sha256_hex("a\0b"s),
            "59b271ae1bbcb1d31d41929817f4b16fb439eb4f31520b5ad1d5ce98920a7138");
  EXPECT_NE(sha256_hex("a\0b"s), sha256_hex("a"));
}

TEST(Sha256, AcceptsAnEmptyViewWithoutData) {
  EXPECT_EQ(sha256_hex(std::string_view()), sha256_hex(""));
}

TEST(Sha1, MatchesTheFips180Examples) {
  EXPECT_EQ(sha1_hex("abc"), "a9993e364706816aba3e25717850c26c9cd0d89d");
  EXPECT_EQ(sha1_hex(""), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
}

TEST(HmacSha256, MatchesRfc4231TestCase1) {
  std::string key(20, '\x0b');
  EXPECT_EQ(hex_encode(hmac_sha256(key, "Hi There")),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
}

TEST(HmacSha256, MatchesRfc4231TestCase2) {
  EXPECT_EQ(hex_encode(hmac_sha256("Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(HmacSha256, MatchesRfc4231TestCase6WithAKeyLongerThanABlock) {
  std::string key(131, '\xaa');
  EXPECT_EQ(hex_encode(hmac_sha256(key, "Test Using Larger Than Block-Size Key - Hash Key First")),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

TEST(HmacSha256, AcceptsAnEmptyKeyAndMessage) {
  std::string mac = hmac_sha256("", "");
  EXPECT_EQ(mac.size(), 32u);
  EXPECT_EQ(hex_encode(mac), "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
}

TEST(HexEncode, WritesTwoLowerCaseDigitsPerByte) {
  EXPECT_EQ(hex_encode(""), "");
  EXPECT_EQ(hex_encode("\x00\xff\x10\xab"s), "00ff10ab");
  EXPECT_EQ(hex_encode("AZ"), "415a");
}

}  // namespace
}  // namespace ssmlink
