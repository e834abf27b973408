// The element-wise functors of the binary math kernels: one struct per op, naming the
// Eigen scalar functor that computes it and the input checks it needs. Header-only, so
// that every op library's plugin compiles it in.
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

// ScalarPow computes base^exponent: std::pow for floating types; for integers, repeated
// squaring that wraps on overflow as two's complement does. REQUIRES for integers:
// exponent >= 0 (Pow's ValidateInputs rejects negative integer exponents).
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
      return std::pow(base, exponent);
    }
  }
};

// BinaryFunctor is what every binary functor provides to BinaryOp (binary_op.h):
//   in_type, out_type  the element types of x and y, and of z;
//   func               the Eigen scalar functor computing z from x and y;
//   ValidateInputs     checks x and y before any element is computed (default: none).
template <typename T, typename EigenFunctor, typename Out = T>
struct BinaryFunctor {
  using in_type = T;
  using out_type = Out;
  using func = EigenFunctor;

  static absl::Status ValidateInputs(const Tensor& x, const Tensor& y) {
    return absl::OkStatus();
  }
};

template <typename T>
struct Add : BinaryFunctor<T, Eigen::internal::scalar_sum_op<T>> {};

template <typename T>
struct Mul : BinaryFunctor<T, Eigen::internal::scalar_product_op<T>> {};

// Pow rejects negative exponents for integer types, as TensorFlow does.
template <typename T>
struct Pow : BinaryFunctor<T, ScalarPow<T>> {
  static absl::Status ValidateInputs(const Tensor& x, const Tensor& y) {
    if constexpr (std::is_integral_v<T>) {
      const auto exponents = y.flat<T>();
      for (int64_t i = 0; i < exponents.size(); ++i) {
        if (exponents(i) < 0) {
          return errors::InvalidArgument(
              "Integers to negative integer powers are not allowed: y",
              ElementIndexString(y.shape(), i), " = ", exponents(i));
        }
      }
    }
    return absl::OkStatus();
  }
};

}  // namespace functor
}  // namespace rill

namespace Eigen {
namespace internal {

// ScalarPow has no vectorized form; its cost is that of a call to pow.
template <typename T>
struct functor_traits<rill::functor::ScalarPow<T>> {
  enum { Cost = 20 * NumTraits<T>::MulCost, PacketAccess = false };
};

}  // namespace internal
}  // namespace Eigen

#endif  // RILL_KERNELS_CPU_MATH_CWISE_OPS_H_
