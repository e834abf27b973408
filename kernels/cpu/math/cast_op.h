// Cast's element conversions: the defined result of converting between every pair of the
// numeric types and bool, as per-pair loops the Cast kernel (cast_op.cc) picks once per node.
#ifndef RILL_KERNELS_CPU_MATH_CAST_OP_H_
#define RILL_KERNELS_CPU_MATH_CAST_OP_H_

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <type_traits>

#include "Eigen/Core"
#include "core/framework/types.h"

namespace rill {

// RILL_CALL_CAST_TYPES(m) expands to m(T) for every element type Cast converts.
#define RILL_CALL_CAST_TYPES(m) \
  m(bool) RILL_CALL_INTEGRAL_TYPES(m) RILL_CALL_FLOAT_TYPES(m)

// SaturatingCast converts a floating-point value to the integer type Int, truncating toward
// zero, with the results C++ leaves undefined made definite: NaN gives 0, values below
// Int's range give its lowest value and values above it its highest (as XLA and CUDA do).
template <typename Int, typename Float>
Int SaturatingCast(Float x) {
  using Limits = std::numeric_limits<Int>;
  // Both bounds are zero or a power of two, so exact in Float.
  constexpr Float kLowest = static_cast<Float>(Limits::lowest());
  constexpr Float kAboveMax = static_cast<Float>(Limits::max() / 2 + 1) * Float(2);
  if (std::isnan(x)) return 0;
  if (x <= kLowest) return Limits::lowest();
  if (x >= kAboveMax) return Limits::max();
  return static_cast<Int>(x);
}

// CastValue converts one element from Src to Dst:
//   to bool:                 x != 0 (so NaN is true);
//   from bool:               0 or 1;
//   floating to integer:     SaturatingCast (half and bfloat16 through float);
//   integer to integer:      the value modulo 2^bits of Dst (two's complement wrapping);
//   anything else:           static_cast, rounding to nearest; out of range gives +-inf.
template <typename Dst, typename Src>
Dst CastValue(const Src& x) {
  if constexpr (std::is_same_v<Dst, bool>) {
    return x != Src(0);
  } else if constexpr (std::is_same_v<Src, bool>) {
    return static_cast<Dst>(x ? 1 : 0);
  } else if constexpr (std::is_integral_v<Dst> && !std::is_integral_v<Src>) {
    using Float = std::conditional_t<std::is_same_v<Src, double>, double, float>;
    return SaturatingCast<Dst>(static_cast<Float>(x));
  } else {
    return static_cast<Dst>(x);
  }
}

// kCastTruncates<Src, Dst>: Cast's `Truncate` attr changes how Src converts to Dst. That is
// when float or double narrows to a floating type with fewer mantissa bits (as TensorFlow).
template <typename Src, typename Dst>
inline constexpr bool kCastTruncates =
    (std::is_same_v<Src, float> || std::is_same_v<Src, double>) &&
    !std::numeric_limits<Dst>::is_integer &&
    std::numeric_limits<Dst>::digits < std::numeric_limits<Src>::digits;

// DropMantissaBits clears the low mantissa bits of x that Dst does not hold, so that the
// conversion that follows truncates toward zero instead of rounding. NaN is left alone:
// clearing its payload could turn it into an infinity.
// REQUIRES kCastTruncates<Src, Dst>.
template <typename Src, typename Dst>
Src DropMantissaBits(Src x) {
  constexpr int kDropped = std::numeric_limits<Src>::digits - std::numeric_limits<Dst>::digits;
  using Bits = std::conditional_t<sizeof(Src) == 4, uint32_t, uint64_t>;
  if (std::isnan(x)) return x;
  Bits bits;
  std::memcpy(&bits, &x, sizeof(bits));
  bits &= ~((Bits(1) << kDropped) - 1);
  std::memcpy(&x, &bits, sizeof(bits));
  return x;
}

// CastFn converts `n` elements at `in` (of one type) to `out` (of another).
using CastFn = void (*)(const void* in, void* out, int64_t n);

// CastLoop is the CastFn from Src to Dst, with mantissa truncation when kTruncate.
template <typename Src, typename Dst, bool kTruncate>
void CastLoop(const void* in, void* out, int64_t n) {
  const Src* src = static_cast<const Src*>(in);
  Dst* dst = static_cast<Dst*>(out);
  for (int64_t i = 0; i < n; ++i) {
    if constexpr (kTruncate) {
      dst[i] = CastValue<Dst>(DropMantissaBits<Src, Dst>(src[i]));
    } else {
      dst[i] = CastValue<Dst>(src[i]);
    }
  }
}

// GetCastFrom returns the CastFn from Src to `dst`: nullptr when `dst` is Src itself (Cast
// forwards its input then) or not a RILL_CALL_CAST_TYPES type.
template <typename Src>
CastFn GetCastFrom(DataType dst, bool truncate) {
  switch (dst) {
#define RILL_CAST_CASE(Dst)                                                 \
  case DataTypeToEnum<Dst>::value:                                          \
    if constexpr (std::is_same_v<Src, Dst>) {                               \
      return nullptr;                                                       \
    } else if constexpr (kCastTruncates<Src, Dst>) {                        \
      if (truncate) return &CastLoop<Src, Dst, true>;                       \
      return &CastLoop<Src, Dst, false>;                                    \
    } else {                                                                \
      return &CastLoop<Src, Dst, false>;                                    \
    }
    RILL_CALL_CAST_TYPES(RILL_CAST_CASE)
#undef RILL_CAST_CASE
    default:
      return nullptr;
  }
}

// The CastFns from each group of source types, one translation unit each so that their
// loops compile in parallel; nullptr when `src` is not in the group, `dst` is not a cast
// type, or src == dst.
// GetCastFromFloating: half, bfloat16, float, double.
CastFn GetCastFromFloating(DataType src, DataType dst, bool truncate);
// GetCastFromBoolOrSigned: bool, int8, int16, int32, int64.
CastFn GetCastFromBoolOrSigned(DataType src, DataType dst, bool truncate);
// GetCastFromUnsigned: uint8, uint16, uint32, uint64.
CastFn GetCastFromUnsigned(DataType src, DataType dst, bool truncate);

}  // namespace rill

#endif  // RILL_KERNELS_CPU_MATH_CAST_OP_H_
