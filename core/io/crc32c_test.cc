// Tests CRC-32C against published check values and TensorFlow's masked vectors (FORMATS.md
// 1.2), and the folding, SSE4.2 and table paths against a bit-at-a-time reference on random
// data.
#include "core/io/crc32c.h"

#include <cstdint>
#include <random>
#include <string>

#include "gtest/gtest.h"

namespace rill {
namespace crc32c {
namespace {

// Expected values below come from this bit-at-a-time Python, run once:
//   def crc32c(data, crc=0):
//       crc ^= 0xffffffff
//       for b in data:
//           crc ^= b
//           for _ in range(8):
//               crc = (crc >> 1) ^ 0x82F63B78 if crc & 1 else crc >> 1
//       return crc ^ 0xffffffff
//   def mask(c): return (((c >> 15) | (c << 17)) + 0xa282ead8) & 0xffffffff
// which printed 0xe3069283 0x8a9136aa 0x62a8ab43 0x46dd794e 0x113fdb5c for "123456789",
// 32 zeros, 32 0xff, bytes 0..31 and bytes 31..0; 0x5794d08a and 0x2bdaa581 for the masked
// vectors; 0x41feeac1 for bytes(i*7 % 251 for i in range(5000)).

// ReferenceCrc is the same bit-at-a-time algorithm, independent of the code under test.
uint32_t ReferenceCrc(const std::string& data) {
  uint32_t crc = 0xffffffffu;
  for (unsigned char byte : data) {
    crc ^= byte;
    for (int bit = 0; bit < 8; ++bit) crc = (crc & 1) ? (crc >> 1) ^ 0x82f63b78u : crc >> 1;
  }
  return crc ^ 0xffffffffu;
}

std::string Bytes(std::initializer_list<int> bytes) {
  std::string s;
  for (int b : bytes) s.push_back(static_cast<char>(b));
  return s;
}

TEST(Crc32cTest, StandardCheckValues) {
  EXPECT_EQ(Value("123456789"), 0xe3069283u);
  EXPECT_EQ(Value(std::string(32, '\0')), 0x8a9136aau);
  EXPECT_EQ(Value(std::string(32, '\xff')), 0x62a8ab43u);
  std::string ascending, descending;
  for (int i = 0; i < 32; ++i) {
    ascending.push_back(static_cast<char>(i));
    descending.push_back(static_cast<char>(31 - i));
  }
  EXPECT_EQ(Value(ascending), 0x46dd794eu);
  EXPECT_EQ(Value(descending), 0x113fdb5cu);
  EXPECT_EQ(Value(""), 0u);
}

TEST(Crc32cTest, LongInputCrossesTheThreeStreamPath) {
  std::string data;
  for (int i = 0; i < 5000; ++i) data.push_back(static_cast<char>(i * 7 % 251));
  EXPECT_EQ(Value(data), 0x41feeac1u);
  EXPECT_EQ(ExtendPortable(0, data.data(), data.size()), 0x41feeac1u);
  if (HardwareAvailable()) {
    EXPECT_EQ(ExtendHardware(0, data.data(), data.size()), 0x41feeac1u);
  }
  if (FoldingAvailable()) {
    EXPECT_EQ(ExtendFolding(0, data.data(), data.size()), 0x41feeac1u);
  }
}

TEST(Crc32cTest, MaskedVectorsFromTensorFlowFiles) {
  EXPECT_EQ(Mask(Value("\x1a\x11"
                       "CRC test, one two")),
            0x5794d08au);
  EXPECT_EQ(Mask(Value(Bytes({0x00, 0x00, 0x80, 0x3f}))), 0x2bdaa581u);
  EXPECT_EQ(Mask(0), kMaskDelta);
}

TEST(Crc32cTest, UnmaskInvertsMask) {
  std::mt19937 rng(7);
  for (int i = 0; i < 1000; ++i) {
    const uint32_t crc = rng();
    EXPECT_NE(Mask(crc), crc);
    EXPECT_EQ(Unmask(Mask(crc)), crc);
  }
}

TEST(Crc32cTest, ExtendConcatenates) {
  const std::string data = "hello world, this is a CRC split at every position";
  for (size_t split = 0; split <= data.size(); ++split) {
    EXPECT_EQ(Extend(Value(data.data(), split), data.data() + split, data.size() - split),
              Value(data))
        << "split at " << split;
  }
}

TEST(Crc32cTest, EveryPathMatchesReferenceOnRandomData) {
  std::mt19937 rng(42);
  std::string buffer(70000, '\0');
  for (char& c : buffer) c = static_cast<char>(rng());
  // Every length up to 2400 (three 768-byte blocks, or nine 256-byte folding steps, and
  // tails) at all 8 alignments, then a few long ones.
  for (size_t offset = 0; offset < 8; ++offset) {
    for (size_t length = 0; length <= 2400; length += (offset == 0 ? 1 : 13)) {
      const std::string data = buffer.substr(offset, length);
      const uint32_t expected = ReferenceCrc(data);
      ASSERT_EQ(ExtendPortable(0, buffer.data() + offset, length), expected)
          << "offset " << offset << " length " << length;
      if (HardwareAvailable()) {
        ASSERT_EQ(ExtendHardware(0, buffer.data() + offset, length), expected)
            << "offset " << offset << " length " << length;
      }
      if (FoldingAvailable()) {
        ASSERT_EQ(ExtendFolding(0, buffer.data() + offset, length), expected)
            << "offset " << offset << " length " << length;
      }
    }
  }
  for (size_t length : {size_t{65536}, size_t{69999}}) {
    const std::string data = buffer.substr(1, length);
    const uint32_t expected = ReferenceCrc(data);
    EXPECT_EQ(ExtendPortable(0, data.data(), data.size()), expected);
    if (HardwareAvailable()) {
      EXPECT_EQ(ExtendHardware(0, data.data(), data.size()), expected);
    }
    if (FoldingAvailable()) {
      EXPECT_EQ(ExtendFolding(0, data.data(), data.size()), expected);
    }
    EXPECT_EQ(Value(data), expected);
  }
}

TEST(Crc32cTest, HardwareExtendsFromAnyInitialCrc) {
  if (!HardwareAvailable()) GTEST_SKIP() << "this CPU has no SSE4.2 CRC32 instruction";
  std::mt19937 rng(3);
  std::string data(3000, '\0');
  for (char& c : data) c = static_cast<char>(rng());
  for (int i = 0; i < 100; ++i) {
    const uint32_t init = rng();
    const size_t length = rng() % data.size();
    EXPECT_EQ(ExtendHardware(init, data.data(), length), ExtendPortable(init, data.data(), length));
  }
}

TEST(Crc32cTest, FoldingExtendsFromAnyInitialCrcAtAnyAlignment) {
  if (!FoldingAvailable()) GTEST_SKIP() << "this CPU has no AVX-512 VPCLMULQDQ";
  std::mt19937 rng(5);
  std::string data(5000, '\0');
  for (char& c : data) c = static_cast<char>(rng());
  for (int i = 0; i < 2000; ++i) {
    const uint32_t init = rng();
    const size_t start = rng() % 64;
    const size_t length = rng() % (data.size() - start);
    ASSERT_EQ(ExtendFolding(init, data.data() + start, length),
              ExtendPortable(init, data.data() + start, length))
        << "init " << init << " start " << start << " length " << length;
  }
}

// Inputs of all zeros or all ones make every fold's products and carries extreme.
TEST(Crc32cTest, FoldingHandlesUniformInputs) {
  if (!FoldingAvailable()) GTEST_SKIP() << "this CPU has no AVX-512 VPCLMULQDQ";
  for (char fill : {'\0', '\xff'}) {
    for (size_t length : {256, 320, 511, 512, 1040, 4096, 4099}) {
      const std::string data(length, fill);
      EXPECT_EQ(ExtendFolding(0, data.data(), length), ReferenceCrc(data)) << length;
      EXPECT_EQ(ExtendFolding(0xffffffffu, data.data(), length),
                ExtendPortable(0xffffffffu, data.data(), length))
          << length;
    }
  }
}

}  // namespace
}  // namespace crc32c
}  // namespace rill
