// Tests for TensorFlow's word-to-float conversions, Box-Muller, and the uniform, normal and
// truncated-normal distributions, against an independent Python reference, bit for bit.
#include "core/random/random_distributions.h"

#include <cstdint>
#include <vector>

#include "Eigen/Core"
#include "absl/base/casts.h"
#include "core/random/philox_random.h"
#include "gtest/gtest.h"

namespace rill {
namespace random {
namespace {

// Expected values come from testdata/philox_reference.py (which holds the Philox quoted in
// philox_random_test.cc), printed as IEEE bit patterns. Its conversions and Box-Muller:
//   def half_bits(x):  # IEEE binary16, round to nearest even
//       return struct.unpack("<H", struct.pack("<e", x))[0]
//   def bf16_bits(x):  # bfloat16 from float32, round to nearest even
//       b = f32_bits(f32(x))
//       return ((b + 0x7FFF + ((b >> 16) & 1)) >> 16) & 0xFFFF
//   def u32_to_float(x):
//       return struct.unpack("<f", struct.pack("<I", (127 << 23) | (x & 0x7FFFFF)))[0] - 1.0
//   def u64_to_double(x0, x1):
//       bits = (1023 << 52) | ((x0 & 0xFFFFF) << 32) | x1
//       return struct.unpack("<d", struct.pack("<Q", bits))[0] - 1.0
//   def u16_to_half_bits(x):
//       return half_bits(struct.unpack("<e", struct.pack("<H", (15 << 10) | (x & 0x3FF)))[0] - 1.0)
//   def u16_to_bf16_bits(x):
//       bits = ((127 << 7) | (x & 0x7F)) << 16
//       return bf16_bits(struct.unpack("<f", struct.pack("<I", bits))[0] - 1.0)
//   def box_muller_float(x0, x1):  # libm's float functions through ctypes
//       u1 = max(u32_to_float(x0), f32(1e-7))
//       v1 = f32(2.0 * math.pi * u32_to_float(x1))
//       u2 = libm.sqrtf(f32(-2.0 * libm.logf(u1)))
//       s, c = ctypes.c_float(), ctypes.c_float()
//       libm.sincosf(v1, ctypes.byref(s), ctypes.byref(c))
//       return f32(s.value * u2), f32(c.value * u2)
//   def box_muller_double(x0, x1, x2, x3):
//       u1 = max(u64_to_double(x0, x1), 1e-7)
//       v1 = 2.0 * math.pi * u64_to_double(x2, x3)
//       u2 = math.sqrt(-2.0 * libm.log(u1))
//       s, c = ctypes.c_double(), ctypes.c_double()
//       libm.sincos(v1, ctypes.byref(s), ctypes.byref(c))
//       return s.value * u2, c.value * u2
// and its distributions, one group per generator call:
//   uniform_float(g) = [u32_to_float(x) for x in g()]
//   uniform_double(g): s = g(); [u64_to_double(s[0], s[1]), u64_to_double(s[2], s[3])]
//   uniform_int32(g, lo, hi) = [wrap(lo + x % ((hi - lo) % 2**32), 32) for x in g()]
//   uniform_int64(g, lo, hi): s = g();
//       [wrap(lo + (s[2*i] | s[2*i+1] << 32) % ((hi - lo) % 2**64), 64) for i in range(2)]
//   normal_float(g): s = g(); [*box_muller_float(s[0], s[1]), *box_muller_float(s[2], s[3])]
//   normal_double(g) = list(box_muller_double(*g()))
//   def truncated_float(single):  # single: words one at a time, buffering each call
//       out = []
//       while True:
//           for v in box_muller_float(single(), single()):
//               if abs(v) < 2.0:
//                   out.append(v)
//                   if len(out) == 4: return out
//   (truncated_double alike, four words per pair, groups of 2.)

using Philox = PhiloxRandom;

std::vector<uint32_t> FloatBits(const std::vector<float>& values) {
  std::vector<uint32_t> bits;
  for (float v : values) bits.push_back(absl::bit_cast<uint32_t>(v));
  return bits;
}

std::vector<uint64_t> DoubleBits(const std::vector<double>& values) {
  std::vector<uint64_t> bits;
  for (double v : values) bits.push_back(absl::bit_cast<uint64_t>(v));
  return bits;
}

template <typename T>
uint16_t Bits16(T value) {
  return Eigen::numext::bit_cast<uint16_t>(value);
}

// Draws `groups` groups of `dist` from `gen` into one vector.
template <class Distribution, class Generator>
std::vector<typename Distribution::ResultElementType> Draw(Distribution dist, Generator* gen,
                                                           int groups) {
  std::vector<typename Distribution::ResultElementType> values;
  for (int i = 0; i < groups; ++i) {
    const auto group = dist(gen);
    values.insert(values.end(), group.begin(), group.end());
  }
  return values;
}

TEST(ConversionTest, Uint32ToFloat) {
  // u32_to_float for 0, 1, 0x7fffff, 0x12345678, 0xffffffff.
  EXPECT_EQ(FloatBits({Uint32ToFloat(0), Uint32ToFloat(1), Uint32ToFloat(0x7fffff),
                       Uint32ToFloat(0x12345678), Uint32ToFloat(0xffffffff)}),
            (std::vector<uint32_t>{0x00000000, 0x34000000, 0x3f7ffffe, 0x3ed159e0, 0x3f7ffffe}));
}

TEST(ConversionTest, Uint64ToDouble) {
  EXPECT_EQ(DoubleBits({Uint64ToDouble(0, 0), Uint64ToDouble(0, 1),
                        Uint64ToDouble(0x12345678, 0x9abcdef0),
                        Uint64ToDouble(0xffffffff, 0xffffffff)}),
            (std::vector<uint64_t>{0x0000000000000000, 0x3cb0000000000000, 0x3fd159e26af37bc0,
                                   0x3feffffffffffffe}));
}

TEST(ConversionTest, Uint16ToHalfAndBfloat16) {
  const uint16_t inputs[] = {0, 1, 0x3ff, 0x1234, 0xffff};
  const uint16_t half[] = {0x0000, 0x1400, 0x3bfe, 0x3868, 0x3bfe};
  const uint16_t bf16_inputs[] = {0, 1, 0x7f, 0x1234, 0xffff};
  const uint16_t bf16[] = {0x0000, 0x3c00, 0x3f7e, 0x3ed0, 0x3f7e};
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(Bits16(Uint16ToHalf(inputs[i])), half[i]) << inputs[i];
    EXPECT_EQ(Bits16(Uint16ToBfloat16(bf16_inputs[i])), bf16[i]) << bf16_inputs[i];
  }
}

TEST(BoxMullerTest, Float) {
  float f0, f1;
  BoxMullerFloat(0x12345678, 0x9abcdef0, &f0, &f1);
  EXPECT_EQ(FloatBits({f0, f1}), (std::vector<uint32_t>{0x3e5187bd, 0xbfa92bc8}));
  // x0 = 0 gives u1 = 0, raised to 1e-7; x1 = 0x40000000 gives v1 = 2*pi*0.5 = pi.
  BoxMullerFloat(0, 0x40000000, &f0, &f1);
  EXPECT_EQ(FloatBits({f0, f1}), (std::vector<uint32_t>{0x00000000, 0x40b5afa8}));
}

TEST(BoxMullerTest, Double) {
  double d0, d1;
  BoxMullerDouble(0x12345678, 0x9abcdef0, 0x0fedcba9, 0x87654321, &d0, &d1);
  EXPECT_EQ(DoubleBits({d0, d1}), (std::vector<uint64_t>{0xbff3afc1f1aeeb92, 0x3ff0c12b7f27ebe8}));
  BoxMullerDouble(0, 0, 0, 0, &d0, &d1);
  EXPECT_EQ(DoubleBits({d0, d1}), (std::vector<uint64_t>{0x0000000000000000, 0x4016b5f500f4625a}));
}

TEST(UniformDistributionTest, Float) {
  Philox gen(87654321, 2);
  EXPECT_EQ(FloatBits(Draw(UniformDistribution<Philox, float>(), &gen, 2)),
            (std::vector<uint32_t>{0x3f2dc256, 0x3f36d298, 0x3ef08bd8, 0x3ef6c4bc, 0x3ef4ee74,
                                   0x3f0dcc16, 0x3e70caa8, 0x3ee095dc}));
}

TEST(UniformDistributionTest, Double) {
  Philox gen(87654321, 2);
  EXPECT_EQ(DoubleBits(Draw(UniformDistribution<Philox, double>(), &gen, 2)),
            (std::vector<uint64_t>{0x3fdb84afef6da530, 0x3fe845ed997b625e, 0x3fea773a498dcc16,
                                   0x3fec32ab3b704aee}));
}

TEST(UniformDistributionTest, HalfAndBfloat16) {
  Philox gen(87654321, 2);
  const auto half = UniformDistribution<Philox, Eigen::half>()(&gen);
  const uint16_t expected_half[] = {0x34ac, 0x3530, 0x39ec, 0x34bc};
  gen = Philox(87654321, 2);
  const auto bf16 = UniformDistribution<Philox, Eigen::bfloat16>()(&gen);
  const uint16_t expected_bf16[] = {0x3eac, 0x3f18, 0x3f6c, 0x3ebc};
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(Bits16(half[i]), expected_half[i]) << i;
    EXPECT_EQ(Bits16(bf16[i]), expected_bf16[i]) << i;
  }
}

TEST(UniformDistributionTest, Int32) {
  Philox gen(87654321, 2);
  EXPECT_EQ(Draw(UniformDistribution<Philox, int32_t>(-10, 10), &gen, 2),
            (std::vector<int32_t>{1, 6, -4, -3, -1, 5, 7, -3}));
  // The widest range, whose width overflows int32 but not uint32.
  gen = Philox(87654321, 2);
  EXPECT_EQ(Draw(UniformDistribution<Philox, int32_t>(INT32_MIN, INT32_MAX), &gen, 1),
            (std::vector<int32_t>{-933830357, 2077976908, -952360202, 1287500079}));
}

TEST(UniformDistributionTest, Int64) {
  Philox gen(87654321, 2);
  const int64_t lo = -(int64_t{1} << 40), hi = (int64_t{1} << 40) + 3;
  EXPECT_EQ(Draw(UniformDistribution<Philox, int64_t>(lo, hi), &gen, 2),
            (std::vector<int64_t>{327606409231, 203038459502, -1049087307452, 513427997983}));
}

TEST(NormalDistributionTest, Float) {
  Philox gen(87654321, 2);
  EXPECT_EQ(FloatBits(Draw(NormalDistribution<Philox, float>(), &gen, 2)),
            (std::vector<uint32_t>{0xbf5bad27, 0xbe495789, 0x3e0e4907, 0xbf9c52cc, 0xbece8c21,
                                   0xbf929c9a, 0x3f23cb82, 0xbfc9ce6b}));
}

TEST(NormalDistributionTest, Double) {
  Philox gen(87654321, 2);
  EXPECT_EQ(DoubleBits(Draw(NormalDistribution<Philox, double>(), &gen, 2)),
            (std::vector<uint64_t>{0xbff4c21857ed1aa5, 0x3fb1d4a74b54ac10, 0xbfdac8ae8b4af9a4,
                                   0x3fdcf3750fcd4064}));
}

TEST(NormalDistributionTest, HalfAndBfloat16RoundTheFloatValues) {
  Philox gen(87654321, 2);
  const auto half = NormalDistribution<Philox, Eigen::half>()(&gen);
  const uint16_t expected_half[] = {0xbadd, 0xb24b, 0x3072, 0xbce3};
  gen = Philox(87654321, 2);
  const auto bf16 = NormalDistribution<Philox, Eigen::bfloat16>()(&gen);
  const uint16_t expected_bf16[] = {0xbf5c, 0xbe49, 0x3e0e, 0xbf9c};
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(Bits16(half[i]), expected_half[i]) << i;
    EXPECT_EQ(Bits16(bf16[i]), expected_bf16[i]) << i;
  }
}

// TensorFlow's documentation of tf.random.normal prints, for set_seed(5) and seed=1 (op
// attrs seed=5, seed2=1): [[-1.3768897, -0.01258316], [-0.169515, 1.0824056]].
TEST(NormalDistributionTest, TensorFlowDocumentationExample) {
  Philox gen(5, 1);
  const auto values = NormalDistribution<Philox, float>()(&gen);
  EXPECT_FLOAT_EQ(values[0], -1.3768897f);
  EXPECT_FLOAT_EQ(values[1], -0.01258316f);
  EXPECT_FLOAT_EQ(values[2], -0.169515f);
  EXPECT_FLOAT_EQ(values[3], 1.0824056f);
}

TEST(SingleSampleAdapterTest, HandsOutWordsInOrder) {
  Philox gen(87654321, 2);
  SingleSampleAdapter<Philox> single(&gen);
  const uint32_t expected[] = {0x4856e12b, 0xfbdb694c, 0x473c22f6, 0xccbdb12f, 0xbdbd3b9d};
  for (uint32_t word : expected) EXPECT_EQ(single(), word);
  // Five words used two 128-bit samples.
  EXPECT_EQ(gen.counter(), (Philox::ResultType{2, 0, 2, 0}));
}

TEST(SingleSampleAdapterTest, SkipMatchesDrawing) {
  for (int first : {0, 1, 3, 4}) {
    for (uint64_t count : {0, 1, 2, 3, 4, 5, 8, 11, 1001}) {
      Philox drawn_gen(87654321, 2);
      SingleSampleAdapter<Philox> drawn(&drawn_gen);
      Philox skipped_gen(87654321, 2);
      SingleSampleAdapter<Philox> skipped(&skipped_gen);
      for (int i = 0; i < first; ++i) {
        drawn();
        skipped();
      }
      for (uint64_t i = 0; i < count; ++i) drawn();
      skipped.Skip(count);
      for (int i = 0; i < 6; ++i) {
        EXPECT_EQ(skipped(), drawn()) << "first " << first << " count " << count << " i " << i;
      }
    }
  }
}

// The Box-Muller values of (87654321, 0)'s first three pairs are
//   [0xbecc5e63, 0x4006af22 (2.10: rejected), 0x3e2f2d90, 0x3f0be89d,
//    0xc01b1908 (-2.42: rejected), 0x3ed858ff],
// so the first group takes values 0, 2, 3, 5. Those of (87654321, 1) are
//   [0xbf4fb28d, 0x3fbe0755, 0x3d85cb68, 0xc01c5544 (rejected), 0x3dcb42bf, 0x3f175a7a]:
// the group fills on value 4 and value 5 is dropped, so the next group starts afresh with
// the fourth pair.
TEST(TruncatedNormalDistributionTest, FloatRejectsAndDropsTheRestOfAPair) {
  using Dist = TruncatedNormalDistribution<SingleSampleAdapter<Philox>, float>;
  Philox gen0(87654321, 0);
  SingleSampleAdapter<Philox> single0(&gen0);
  EXPECT_EQ(FloatBits(Draw(Dist(), &single0, 2)),
            (std::vector<uint32_t>{0xbecc5e63, 0x3e2f2d90, 0x3f0be89d, 0x3ed858ff, 0x3e943133,
                                   0xbf011a13, 0xbf75efb8, 0xbf26ae5e}));
  Philox gen1(87654321, 1);
  SingleSampleAdapter<Philox> single1(&gen1);
  EXPECT_EQ(FloatBits(Draw(Dist(), &single1, 2)),
            (std::vector<uint32_t>{0xbf4fb28d, 0x3fbe0755, 0x3d85cb68, 0x3dcb42bf, 0x3f17c33f,
                                   0xbf390fcb, 0xbd667bc5, 0x3f24bf5a}));
}

// (87654321, 5)'s first Box-Muller doubles are [0xbfddc9445e3ed638, 0xc00084685229fb57
// (-2.06: rejected), 0xbfe7f8914be2b2d5, 0xbfd7a87dfe308b41 (dropped: the group is full)].
TEST(TruncatedNormalDistributionTest, Double) {
  using Dist = TruncatedNormalDistribution<SingleSampleAdapter<Philox>, double>;
  Philox gen(87654321, 5);
  SingleSampleAdapter<Philox> single(&gen);
  EXPECT_EQ(DoubleBits(Draw(Dist(), &single, 2)),
            (std::vector<uint64_t>{0xbfddc9445e3ed638, 0xbfe7f8914be2b2d5, 0xbff0c10491ac8e9f,
                                   0xbfea0e29a1ad05f4}));
}

TEST(TruncatedNormalDistributionTest, HalfAndBfloat16RoundTheFloatValues) {
  Philox gen(87654321, 0);
  SingleSampleAdapter<Philox> single(&gen);
  const auto half =
      TruncatedNormalDistribution<SingleSampleAdapter<Philox>, Eigen::half>()(&single);
  const uint16_t expected_half[] = {0xb663, 0x3179, 0x385f, 0x36c3};
  gen = Philox(87654321, 0);
  SingleSampleAdapter<Philox> single_bf16(&gen);
  const auto bf16 =
      TruncatedNormalDistribution<SingleSampleAdapter<Philox>, Eigen::bfloat16>()(&single_bf16);
  const uint16_t expected_bf16[] = {0xbecc, 0x3e2f, 0x3f0c, 0x3ed8};
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(Bits16(half[i]), expected_half[i]) << i;
    EXPECT_EQ(Bits16(bf16[i]), expected_bf16[i]) << i;
  }
}

TEST(SignedAddTest, AddsUnsignedWiderThanSigned) {
  EXPECT_EQ(SignedAdd<int32_t>(INT32_MIN, 0xfffffffeu), INT32_MAX - 1);
  EXPECT_EQ(SignedAdd<int64_t>(-5, 7u), 2);
}

}  // namespace
}  // namespace random
}  // namespace rill
