// TensorFlow's conversions from random uint32 words to floats, and its uniform, normal and
// truncated-normal distributions over a word generator (PhiloxRandom), bit for bit.
#ifndef RILL_CORE_RANDOM_RANDOM_DISTRIBUTIONS_H_
#define RILL_CORE_RANDOM_RANDOM_DISTRIBUTIONS_H_

#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <type_traits>

#include "Eigen/Core"

namespace rill {
namespace random {

// Uint32ToFloat maps x to [0, 1): 1.m - 1 where m is x's low 23 bits (TensorFlow's
// exponent-127 construction; 2^23 equally spaced values).
inline float Uint32ToFloat(uint32_t x) {
  const uint32_t bits = (127u << 23) | (x & 0x7fffffu);
  float one_to_two;
  std::memcpy(&one_to_two, &bits, sizeof(bits));
  return one_to_two - 1.0f;
}

// Uint64ToDouble maps two words to [0, 1): 1.m - 1 where the 52-bit mantissa m is x0's low
// 20 bits followed by all of x1.
inline double Uint64ToDouble(uint32_t x0, uint32_t x1) {
  const uint64_t mantissa = (static_cast<uint64_t>(x0 & 0xfffffu) << 32) | x1;
  const uint64_t bits = (uint64_t{1023} << 52) | mantissa;
  double one_to_two;
  std::memcpy(&one_to_two, &bits, sizeof(bits));
  return one_to_two - 1.0;
}

// Uint16ToHalf maps x to [0, 1) in half precision from its low 10 bits.
inline Eigen::half Uint16ToHalf(uint16_t x) {
  const uint16_t bits = static_cast<uint16_t>((15u << 10) | (x & 0x3ffu));
  return Eigen::numext::bit_cast<Eigen::half>(bits) - Eigen::half(1.0f);
}

// Uint16ToBfloat16 maps x to [0, 1) in bfloat16 from its low 7 bits (TensorFlow 1.x called
// it Uint16ToGfloat16).
inline Eigen::bfloat16 Uint16ToBfloat16(uint16_t x) {
  const uint16_t bits = static_cast<uint16_t>((127u << 7) | (x & 0x7fu));
  return Eigen::numext::bit_cast<Eigen::bfloat16>(bits) - Eigen::bfloat16(1.0f);
}

// BoxMullerFloat turns two words into two independent standard normal floats, with
// TensorFlow's exact arithmetic: u1 = Uint32ToFloat(x0) raised to at least 1e-7f,
// v1 = float(2*pi * Uint32ToFloat(x1)) computed in double, r = sqrtf(-2 * logf(u1)),
// *f0 = sinf(v1) * r and *f1 = cosf(v1) * r.
inline void BoxMullerFloat(uint32_t x0, uint32_t x1, float* f0, float* f1) {
  constexpr float kEpsilon = 1.0e-7f;
  float u1 = Uint32ToFloat(x0);
  if (u1 < kEpsilon) u1 = kEpsilon;
  const float v1 = static_cast<float>(2.0 * M_PI * static_cast<double>(Uint32ToFloat(x1)));
  const float u2 = std::sqrt(-2.0f * std::log(u1));
  sincosf(v1, f0, f1);
  *f0 *= u2;
  *f1 *= u2;
}

// BoxMullerDouble turns four words into two independent standard normal doubles: as
// BoxMullerFloat in double precision, with u1 = Uint64ToDouble(x0, x1) raised to at least
// 1e-7 and v1 = 2*pi * Uint64ToDouble(x2, x3).
inline void BoxMullerDouble(uint32_t x0, uint32_t x1, uint32_t x2, uint32_t x3, double* d0,
                            double* d1) {
  constexpr double kEpsilon = 1.0e-7;
  double u1 = Uint64ToDouble(x0, x1);
  if (u1 < kEpsilon) u1 = kEpsilon;
  const double v1 = 2.0 * M_PI * Uint64ToDouble(x2, x3);
  const double u2 = std::sqrt(-2.0 * std::log(u1));
  sincos(v1, d0, d1);
  *d0 *= u2;
  *d1 *= u2;
}

// SignedAdd returns a + b for a signed a and an unsigned b, where the sum fits in Int but b
// may not (lo + (bits % range) when lo < 0 < hi).
template <typename Int>
Int SignedAdd(Int a, typename std::make_unsigned<Int>::type b) {
  const auto half_b = b >> 1;
  return a + static_cast<Int>(half_b) + static_cast<Int>(b - half_b);
}

// A distribution turns one call of its generator into a group of kResultElementCount
// values (ResultType, a std::array of ResultElementType). Its members, as TensorFlow's:
//   kResultElementCount        values per call (the group size);
//   kElementCost               estimated cycles per value, for sharding;
//   kVariableSamplesPerOutput  false when each call draws exactly one 128-bit sample from
//                              `Generator`; true when it draws a data-dependent number of
//                              words from a SingleSampleAdapter (rejection sampling);
//   ResultType operator()(Generator* gen).
// Distributions are cheap values; copy one per thread.

// UniformDistribution<Generator, T> draws uniform values: for floating T in [0, 1), and for
// int32_t/int64_t in [lo, hi) as lo + (bits % (hi - lo)) (slightly biased unless the range
// is a power of two, exactly as TensorFlow). Specialized for Eigen::half, Eigen::bfloat16,
// float, double, int32_t and int64_t.
template <class Generator, typename T>
class UniformDistribution;

// One value per word, from the word's low 10 bits.
template <class Generator>
class UniformDistribution<Generator, Eigen::half> {
 public:
  static constexpr int kResultElementCount = Generator::kResultElementCount;
  static constexpr int kElementCost = 3;
  static constexpr bool kVariableSamplesPerOutput = false;
  using ResultElementType = Eigen::half;
  using ResultType = std::array<Eigen::half, kResultElementCount>;

  ResultType operator()(Generator* gen) {
    const typename Generator::ResultType sample = (*gen)();
    ResultType result;
    for (int i = 0; i < kResultElementCount; ++i) {
      result[i] = Uint16ToHalf(static_cast<uint16_t>(sample[i]));
    }
    return result;
  }
};

// One value per word, from the word's low 7 bits.
template <class Generator>
class UniformDistribution<Generator, Eigen::bfloat16> {
 public:
  static constexpr int kResultElementCount = Generator::kResultElementCount;
  static constexpr int kElementCost = 3;
  static constexpr bool kVariableSamplesPerOutput = false;
  using ResultElementType = Eigen::bfloat16;
  using ResultType = std::array<Eigen::bfloat16, kResultElementCount>;

  ResultType operator()(Generator* gen) {
    const typename Generator::ResultType sample = (*gen)();
    ResultType result;
    for (int i = 0; i < kResultElementCount; ++i) {
      result[i] = Uint16ToBfloat16(static_cast<uint16_t>(sample[i]));
    }
    return result;
  }
};

// One value per word.
template <class Generator>
class UniformDistribution<Generator, float> {
 public:
  static constexpr int kResultElementCount = Generator::kResultElementCount;
  static constexpr int kElementCost = 3;
  static constexpr bool kVariableSamplesPerOutput = false;
  using ResultElementType = float;
  using ResultType = std::array<float, kResultElementCount>;

  ResultType operator()(Generator* gen) {
    const typename Generator::ResultType sample = (*gen)();
    ResultType result;
    for (int i = 0; i < kResultElementCount; ++i) result[i] = Uint32ToFloat(sample[i]);
    return result;
  }
};

// One value per two words.
template <class Generator>
class UniformDistribution<Generator, double> {
 public:
  static constexpr int kResultElementCount = Generator::kResultElementCount / 2;
  static constexpr int kElementCost = 3;
  static constexpr bool kVariableSamplesPerOutput = false;
  using ResultElementType = double;
  using ResultType = std::array<double, kResultElementCount>;

  ResultType operator()(Generator* gen) {
    const typename Generator::ResultType sample = (*gen)();
    ResultType result;
    for (int i = 0; i < kResultElementCount; ++i) {
      result[i] = Uint64ToDouble(sample[2 * i], sample[2 * i + 1]);
    }
    return result;
  }
};

// One value per word: lo + word % (hi - lo).
template <class Generator>
class UniformDistribution<Generator, int32_t> {
 public:
  static constexpr int kResultElementCount = Generator::kResultElementCount;
  static constexpr int kElementCost = 3;
  static constexpr bool kVariableSamplesPerOutput = false;
  using ResultElementType = int32_t;
  using ResultType = std::array<int32_t, kResultElementCount>;

  // REQUIRES: lo < hi.
  UniformDistribution(int32_t lo, int32_t hi)
      : lo_(lo), range_(static_cast<uint32_t>(hi) - static_cast<uint32_t>(lo)) {}

  ResultType operator()(Generator* gen) {
    const typename Generator::ResultType sample = (*gen)();
    ResultType result;
    for (int i = 0; i < kResultElementCount; ++i) result[i] = SignedAdd(lo_, sample[i] % range_);
    return result;
  }

 private:
  // Signed low end, unsigned width: hi - lo may overflow int32 but never uint32.
  int32_t lo_;
  uint32_t range_;
};

// One value per two words (the first the low half): lo + bits % (hi - lo).
template <class Generator>
class UniformDistribution<Generator, int64_t> {
 public:
  static constexpr int kResultElementCount = Generator::kResultElementCount / 2;
  static constexpr int kElementCost = 3;
  static constexpr bool kVariableSamplesPerOutput = false;
  using ResultElementType = int64_t;
  using ResultType = std::array<int64_t, kResultElementCount>;

  // REQUIRES: lo < hi.
  UniformDistribution(int64_t lo, int64_t hi)
      : lo_(lo), range_(static_cast<uint64_t>(hi) - static_cast<uint64_t>(lo)) {}

  ResultType operator()(Generator* gen) {
    const typename Generator::ResultType sample = (*gen)();
    ResultType result;
    for (int i = 0; i < kResultElementCount; ++i) {
      const uint64_t bits = sample[2 * i] | (static_cast<uint64_t>(sample[2 * i + 1]) << 32);
      result[i] = SignedAdd(lo_, bits % range_);
    }
    return result;
  }

 private:
  int64_t lo_;
  uint64_t range_;
};

// SingleSampleAdapter hands out a generator's words one at a time, buffering the rest of
// each call's result: the generator that TruncatedNormalDistribution and SimplePhilox
// draw from. It borrows `gen`, which must outlive it; not thread-safe.
template <class Generator>
class SingleSampleAdapter {
 public:
  static constexpr int kResultElementCount = 1;
  // kNativeElementCount is the number of words one call of `Generator` returns.
  static constexpr int kNativeElementCount = Generator::kResultElementCount;
  using ResultElementType = typename Generator::ResultElementType;
  using ResultType = ResultElementType;

  explicit SingleSampleAdapter(Generator* gen) : generator_(gen) {}

  ResultType operator()() {
    if (used_ == kNativeElementCount) {
      buffer_ = (*generator_)();
      used_ = 0;
    }
    return buffer_[used_++];
  }

  // Skip discards the next `count` words, as `count` calls would.
  void Skip(uint64_t count) {
    const uint64_t buffered = kNativeElementCount - used_;
    if (count <= buffered) {
      used_ += static_cast<int>(count);
      return;
    }
    count -= buffered;
    used_ = kNativeElementCount;
    generator_->Skip(count / kNativeElementCount);
    const int rest = static_cast<int>(count % kNativeElementCount);
    if (rest > 0) {
      buffer_ = (*generator_)();
      used_ = rest;
    }
  }

 private:
  Generator* generator_;
  typename Generator::ResultType buffer_{};
  int used_ = kNativeElementCount;
};

// NormalDistribution<Generator, T> draws standard normal values by Box-Muller: for float,
// half and bfloat16 a call's four words give four values (BoxMullerFloat on words 0-1 and
// 2-3, half and bfloat16 rounded from float); for double they give two (BoxMullerDouble).
template <class Generator, typename T>
class NormalDistribution {
  static_assert(std::is_same_v<T, float> || std::is_same_v<T, Eigen::half> ||
                    std::is_same_v<T, Eigen::bfloat16>,
                "NormalDistribution supports half, bfloat16, float and double");

 public:
  static constexpr int kResultElementCount = Generator::kResultElementCount;
  static constexpr int kElementCost = 70;
  static constexpr bool kVariableSamplesPerOutput = false;
  using ResultElementType = T;
  using ResultType = std::array<T, kResultElementCount>;

  ResultType operator()(Generator* gen) {
    const typename Generator::ResultType sample = (*gen)();
    ResultType result;
    for (int i = 0; i < kResultElementCount; i += 2) {
      float f0, f1;
      BoxMullerFloat(sample[i], sample[i + 1], &f0, &f1);
      result[i] = T(f0);
      result[i + 1] = T(f1);
    }
    return result;
  }
};

template <class Generator>
class NormalDistribution<Generator, double> {
 public:
  static constexpr int kResultElementCount = Generator::kResultElementCount / 2;
  static constexpr int kElementCost = 70;
  static constexpr bool kVariableSamplesPerOutput = false;
  using ResultElementType = double;
  using ResultType = std::array<double, kResultElementCount>;

  ResultType operator()(Generator* gen) {
    const typename Generator::ResultType sample = (*gen)();
    ResultType result;
    for (int i = 0; i < kResultElementCount; i += 2) {
      BoxMullerDouble(sample[2 * i], sample[2 * i + 1], sample[2 * i + 2], sample[2 * i + 3],
                      &result[i], &result[i + 1]);
    }
    return result;
  }
};

// kTruncateValue is where TruncatedNormalDistribution cuts: values with |x| >= 2 are
// redrawn.
inline constexpr double kTruncateValue = 2.0;

// TruncatedNormalDistribution<SingleSampleAdapter<Generator>, T> draws standard normal
// values restricted to (-2, 2) by rejection, as TensorFlow: it draws Box-Muller pairs word
// by word (two words per float pair, four per double pair), keeps each member of a pair
// whose magnitude is below kTruncateValue, in order, and stops as soon as the group is
// full, dropping the rest of that pair. Groups are kNativeElementCount values (4) for
// float, half and bfloat16 (tested in float, then rounded) and half that (2) for double.
template <class SingleSampleGenerator, typename T>
class TruncatedNormalDistribution {
  static_assert(std::is_same_v<T, float> || std::is_same_v<T, Eigen::half> ||
                    std::is_same_v<T, Eigen::bfloat16>,
                "TruncatedNormalDistribution supports half, bfloat16, float and double");

 public:
  static constexpr int kResultElementCount = SingleSampleGenerator::kNativeElementCount;
  static constexpr int kElementCost = 90;
  static constexpr bool kVariableSamplesPerOutput = true;
  using ResultElementType = T;
  using ResultType = std::array<T, kResultElementCount>;

  ResultType operator()(SingleSampleGenerator* gen) {
    constexpr float kTruncate = static_cast<float>(kTruncateValue);
    ResultType result;
    int count = 0;
    while (true) {
      const uint32_t x0 = (*gen)();
      const uint32_t x1 = (*gen)();
      float f[2];
      BoxMullerFloat(x0, x1, &f[0], &f[1]);
      for (float value : f) {
        if (std::abs(value) < kTruncate) {
          result[count++] = T(value);
          if (count == kResultElementCount) return result;
        }
      }
    }
  }
};

template <class SingleSampleGenerator>
class TruncatedNormalDistribution<SingleSampleGenerator, double> {
 public:
  static constexpr int kResultElementCount =
      SingleSampleGenerator::kNativeElementCount > 1
          ? SingleSampleGenerator::kNativeElementCount / 2
          : 1;
  static constexpr int kElementCost = 90;
  static constexpr bool kVariableSamplesPerOutput = true;
  using ResultElementType = double;
  using ResultType = std::array<double, kResultElementCount>;

  ResultType operator()(SingleSampleGenerator* gen) {
    ResultType result;
    int count = 0;
    while (true) {
      const uint32_t x0 = (*gen)();
      const uint32_t x1 = (*gen)();
      const uint32_t x2 = (*gen)();
      const uint32_t x3 = (*gen)();
      double d[2];
      BoxMullerDouble(x0, x1, x2, x3, &d[0], &d[1]);
      for (double value : d) {
        if (std::abs(value) < kTruncateValue) {
          result[count++] = value;
          if (count == kResultElementCount) return result;
        }
      }
    }
  }
};

}  // namespace random
}  // namespace rill

#endif  // RILL_CORE_RANDOM_RANDOM_DISTRIBUTIONS_H_
