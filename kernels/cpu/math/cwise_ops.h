// The element-wise functors of the binary math kernels: one struct per op, naming the
// Eigen scalar functor that computes it, its output type and the input checks it needs.
// Header-only, so that every op library's plugin compiles it in.
#ifndef RILL_KERNELS_CPU_MATH_CWISE_OPS_H_
#define RILL_KERNELS_CPU_MATH_CWISE_OPS_H_

#include <cmath>
#include <cstdint>
#include <string>
#include <type_traits>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/framework/errors.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_shape.h"
#include "unsupported/Eigen/CXX11/Tensor"

namespace rill {
namespace functor {

// ElementIndexString writes the coordinates of the element at row-major position
// `flat_index` of a tensor of `shape`: "[1,2]", or "" for a scalar.
inline std::string ElementIndexString(const TensorShape& shape, int64_t flat_index) {
  if (shape.dims() == 0) return "";
  std::vector<int64_t> coordinates(shape.dims());
  for (int d = shape.dims() - 1; d >= 0; --d) {
    coordinates[d] = flat_index % shape.dim_size(d);
    flat_index /= shape.dim_size(d);
  }
  return absl::StrCat("[", absl::StrJoin(coordinates, ","), "]");
}

// WrappingNegate returns -x for an integer, wrapping as two's complement does: the most
// negative value is its own negation (where plain -x is undefined behaviour).
template <typename T>
T WrappingNegate(T x) {
  using Unsigned = std::make_unsigned_t<T>;
  return static_cast<T>(Unsigned{0} - static_cast<Unsigned>(x));
}

// ScalarPow computes base^exponent: pow for floating types (in float for half and
// bfloat16, rounded once); for integers, repeated squaring that wraps on overflow as two's
// complement does. REQUIRES for integers: exponent >= 0 (Pow's ValidateInputs rejects
// negative integer exponents).
template <typename T>
struct ScalarPow : Eigen::internal::binary_op_base<T, T> {
  using result_type = T;

  T operator()(const T& base, const T& exponent) const {
    if constexpr (std::is_integral_v<T>) {
      using Unsigned = std::conditional_t<sizeof(T) <= 4, uint32_t, uint64_t>;
      Unsigned result = 1;
      Unsigned factor = static_cast<Unsigned>(base);
      for (T e = exponent; e > 0; e >>= 1) {
        if (e & 1) result *= factor;
        factor *= factor;
      }
      return static_cast<T>(result);
    } else {
      return Eigen::numext::pow(base, exponent);
    }
  }
};

// ScalarTruncatingDiv is integer division rounding toward zero, as C++'s `/`, except that
// the one overflowing quotient (the most negative value divided by -1, which traps on x86)
// wraps to the most negative value. REQUIRES: y != 0.
template <typename T>
struct ScalarTruncatingDiv : Eigen::internal::binary_op_base<T, T> {
  using result_type = T;

  T operator()(const T& x, const T& y) const {
    if constexpr (std::is_signed_v<T>) {
      if (y == -1) return WrappingNegate(x);
    }
    return x / y;
  }
};

// ScalarFloorDiv is division rounding toward negative infinity: floor(x / y) for floating
// types (x / y rounded first, as TensorFlow does), and the exact floored quotient for
// integers (wrapping for the most negative value divided by -1). REQUIRES for integers:
// y != 0.
template <typename T>
struct ScalarFloorDiv : Eigen::internal::binary_op_base<T, T> {
  using result_type = T;

  T operator()(const T& x, const T& y) const {
    if constexpr (std::is_integral_v<T>) {
      if constexpr (std::is_signed_v<T>) {
        if (y == -1) return WrappingNegate(x);
        const T quotient = x / y;
        // C++ truncates; step down when the exact quotient is negative and not whole.
        return x % y != 0 && ((x < 0) != (y < 0)) ? quotient - 1 : quotient;
      } else {
        return x / y;
      }
    } else {
      return Eigen::numext::floor(x / y);
    }
  }
};

// ScalarFloorMod is the remainder of floored division, x - floor(x / y) * y, which takes
// the sign of y: for integers exactly (0 for y = -1), for floating types from fmod (in
// float for half and bfloat16). REQUIRES for integers: y != 0.
template <typename T>
struct ScalarFloorMod : Eigen::internal::binary_op_base<T, T> {
  using result_type = T;

  T operator()(const T& x, const T& y) const {
    if constexpr (std::is_integral_v<T>) {
      if constexpr (std::is_signed_v<T>) {
        if (y == -1) return 0;
        const T remainder = x % y;
        return remainder != 0 && ((remainder < 0) != (y < 0)) ? remainder + y : remainder;
      } else {
        return x % y;
      }
    } else {
      using Compute = std::conditional_t<std::is_same_v<T, double>, double, float>;
      const Compute divisor = static_cast<Compute>(y);
      const Compute remainder = std::fmod(static_cast<Compute>(x), divisor);
      return static_cast<T>(
          remainder != 0 && ((remainder < 0) != (divisor < 0)) ? remainder + divisor : remainder);
    }
  }
};

// ScalarSquaredDifference computes (x - y) * (x - y), vectorized.
template <typename T>
struct ScalarSquaredDifference : Eigen::internal::binary_op_base<T, T> {
  using result_type = T;

  T operator()(const T& x, const T& y) const {
    const T difference = x - y;
    return difference * difference;
  }
  template <typename Packet>
  Packet packetOp(const Packet& x, const Packet& y) const {
    const Packet difference = Eigen::internal::psub(x, y);
    return Eigen::internal::pmul(difference, difference);
  }
};

// ScalarLogicalAnd / ScalarLogicalOr combine two bools (stored as 0 or 1), vectorized.
struct ScalarLogicalAnd : Eigen::internal::binary_op_base<bool, bool> {
  using result_type = bool;

  bool operator()(const bool& x, const bool& y) const { return x && y; }
  template <typename Packet>
  Packet packetOp(const Packet& x, const Packet& y) const {
    return Eigen::internal::pand(x, y);
  }
};

struct ScalarLogicalOr : Eigen::internal::binary_op_base<bool, bool> {
  using result_type = bool;

  bool operator()(const bool& x, const bool& y) const { return x || y; }
  template <typename Packet>
  Packet packetOp(const Packet& x, const Packet& y) const {
    return Eigen::internal::por(x, y);
  }
};

// CheckDivisorsNonZero fails for an integer T when some element of `y` is 0: integer
// division by zero is an error, never a trap. Floating-point division by zero gives
// infinities and NaNs, as IEEE 754 says.
template <typename T>
absl::Status CheckDivisorsNonZero(const Tensor& y) {
  if constexpr (std::is_integral_v<T>) {
    const auto divisors = y.unaligned_flat<T>();
    for (int64_t i = 0; i < divisors.size(); ++i) {
      if (divisors(i) == 0) {
        return errors::InvalidArgument("Integer division by zero: y",
                                       ElementIndexString(y.shape(), i), " = 0");
      }
    }
  }
  return absl::OkStatus();
}

// BinaryFunctor is what every binary functor provides to BinaryOp (binary_op.h):
//   in_type, out_type  the element types of x and y, and of z;
//   func               the Eigen scalar functor computing z from x and y;
//   ValidateInputs     checks x and y before any element is computed (default: none);
//                      BinaryOp calls it only when the output has elements;
//   kIncompatibleShapesGiveScalar  whether the op has the attr incompatible_shape_error,
//                      which when false makes incompatible shapes give the scalar
//                      kIncompatibleShapesResult instead of an error (Equal, NotEqual).
template <typename T, typename EigenFunctor, typename Out = T>
struct BinaryFunctor {
  using in_type = T;
  using out_type = Out;
  using func = EigenFunctor;

  static constexpr bool kIncompatibleShapesGiveScalar = false;

  static absl::Status ValidateInputs(const Tensor& x, const Tensor& y) { return absl::OkStatus(); }
};

template <typename T>
struct Add : BinaryFunctor<T, Eigen::internal::scalar_sum_op<T>> {};

template <typename T>
struct Sub : BinaryFunctor<T, Eigen::internal::scalar_difference_op<T>> {};

template <typename T>
struct Mul : BinaryFunctor<T, Eigen::internal::scalar_product_op<T>> {};

// Div truncates toward zero for integers (and rejects zero divisors); RealDiv and Div on
// floating types are IEEE division.
template <typename T>
struct Div : BinaryFunctor<T, std::conditional_t<std::is_integral_v<T>, ScalarTruncatingDiv<T>,
                                                 Eigen::internal::scalar_quotient_op<T>>> {
  static absl::Status ValidateInputs(const Tensor& x, const Tensor& y) {
    return CheckDivisorsNonZero<T>(y);
  }
};

template <typename T>
struct FloorDiv : BinaryFunctor<T, ScalarFloorDiv<T>> {
  static absl::Status ValidateInputs(const Tensor& x, const Tensor& y) {
    return CheckDivisorsNonZero<T>(y);
  }
};

template <typename T>
struct FloorMod : BinaryFunctor<T, ScalarFloorMod<T>> {
  static absl::Status ValidateInputs(const Tensor& x, const Tensor& y) {
    return CheckDivisorsNonZero<T>(y);
  }
};

// Pow rejects negative exponents for integer types, as TensorFlow does.
template <typename T>
struct Pow : BinaryFunctor<T, ScalarPow<T>> {
  static absl::Status ValidateInputs(const Tensor& x, const Tensor& y) {
    if constexpr (std::is_integral_v<T>) {
      const auto exponents = y.unaligned_flat<T>();
      for (int64_t i = 0; i < exponents.size(); ++i) {
        if (exponents(i) < 0) {
          return errors::InvalidArgument("Integers to negative integer powers are not allowed: y",
                                         ElementIndexString(y.shape(), i), " = ", exponents(i));
        }
      }
    }
    return absl::OkStatus();
  }
};

// Maximum and Minimum propagate NaN: if either input is NaN, so is the result.
template <typename T>
struct Maximum : BinaryFunctor<T, Eigen::internal::scalar_max_op<T, T, Eigen::PropagateNaN>> {};

template <typename T>
struct Minimum : BinaryFunctor<T, Eigen::internal::scalar_min_op<T, T, Eigen::PropagateNaN>> {};

template <typename T>
struct SquaredDifference : BinaryFunctor<T, ScalarSquaredDifference<T>> {};

template <typename T>
struct Less
    : BinaryFunctor<T, Eigen::internal::scalar_cmp_op<T, T, Eigen::internal::cmp_LT>, bool> {};

template <typename T>
struct LessEqual
    : BinaryFunctor<T, Eigen::internal::scalar_cmp_op<T, T, Eigen::internal::cmp_LE>, bool> {};

template <typename T>
struct Greater
    : BinaryFunctor<T, Eigen::internal::scalar_cmp_op<T, T, Eigen::internal::cmp_GT>, bool> {};

template <typename T>
struct GreaterEqual
    : BinaryFunctor<T, Eigen::internal::scalar_cmp_op<T, T, Eigen::internal::cmp_GE>, bool> {};

// Equal and NotEqual give false and true respectively for incompatible shapes when the
// node's incompatible_shape_error attr is false.
template <typename T>
struct Equal
    : BinaryFunctor<T, Eigen::internal::scalar_cmp_op<T, T, Eigen::internal::cmp_EQ>, bool> {
  static constexpr bool kIncompatibleShapesGiveScalar = true;
  static constexpr bool kIncompatibleShapesResult = false;
};

template <typename T>
struct NotEqual
    : BinaryFunctor<T, Eigen::internal::scalar_cmp_op<T, T, Eigen::internal::cmp_NEQ>, bool> {
  static constexpr bool kIncompatibleShapesGiveScalar = true;
  static constexpr bool kIncompatibleShapesResult = true;
};

// LogicalAnd and LogicalOr have no type attr: their inputs are bool.
struct LogicalAnd : BinaryFunctor<bool, ScalarLogicalAnd> {};

struct LogicalOr : BinaryFunctor<bool, ScalarLogicalOr> {};

}  // namespace functor
}  // namespace rill

namespace Eigen {
namespace internal {

// ScalarPow has no vectorized form; its cost is that of a call to pow.
template <typename T>
struct functor_traits<rill::functor::ScalarPow<T>> {
  enum { Cost = 20 * NumTraits<T>::MulCost, PacketAccess = false };
};

// Integer division is scalar only (no SIMD divide), about 20 cycles; floor division adds a
// remainder and a compare.
template <typename T>
struct functor_traits<rill::functor::ScalarTruncatingDiv<T>> {
  enum { Cost = 20, PacketAccess = false };
};

template <typename T>
struct functor_traits<rill::functor::ScalarFloorDiv<T>> {
  enum {
    Cost = NumTraits<T>::IsInteger ? 25 : scalar_div_cost<T, false>::value + 5,
    PacketAccess = false
  };
};

template <typename T>
struct functor_traits<rill::functor::ScalarFloorMod<T>> {
  enum { Cost = NumTraits<T>::IsInteger ? 25 : 30, PacketAccess = false };
};

template <typename T>
struct functor_traits<rill::functor::ScalarSquaredDifference<T>> {
  enum {
    Cost = NumTraits<T>::AddCost + NumTraits<T>::MulCost,
    PacketAccess = packet_traits<T>::HasSub && packet_traits<T>::HasMul
  };
};

template <>
struct functor_traits<rill::functor::ScalarLogicalAnd> {
  enum { Cost = 1, PacketAccess = packet_traits<bool>::Vectorizable };
};

template <>
struct functor_traits<rill::functor::ScalarLogicalOr> {
  enum { Cost = 1, PacketAccess = packet_traits<bool>::Vectorizable };
};

}  // namespace internal
}  // namespace Eigen

#endif  // RILL_KERNELS_CPU_MATH_CWISE_OPS_H_
