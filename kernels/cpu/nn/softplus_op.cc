// The CPU kernel of Softplus for half, bfloat16, float and double: UnaryOp with
// TensorFlow's overflow-free softplus.
#include <cmath>
#include <limits>
#include <type_traits>

#include "kernels/cpu/math/unary_op.h"
#include "unsupported/Eigen/CXX11/Tensor"

namespace rill {
namespace functor {

// ScalarSoftplus is log(1 + exp(x)) without overflow, as TensorFlow computes it: with
// epsilon the precision of the compute type (float for half and bfloat16, which it holds
// exactly) and threshold = log(epsilon) + 2,
//   x > -threshold:  x        (exp(x) may overflow, but softplus(x) == x within epsilon);
//   x <  threshold:  exp(x)   (log1p(exp(x)) == exp(x) within epsilon);
//   otherwise:       log1p(exp(x)).
// NaN stays NaN.
template <typename T>
struct ScalarSoftplus {
  using Compute = std::conditional_t<std::is_same_v<T, double>, double, float>;
  // log(epsilon) + 2, with epsilon = 2^-(digits - 1).
  static constexpr Compute kThreshold =
      Compute(2) - Compute(std::numeric_limits<Compute>::digits - 1) *
                       Compute(0.693147180559945309417232121458176568);

  T operator()(const T& x) const {
    const Compute value = static_cast<Compute>(x);
    if (value > -kThreshold) return x;
    if (value < kThreshold) return static_cast<T>(std::exp(value));
    return static_cast<T>(std::log1p(std::exp(value)));
  }
};

template <typename T>
struct Softplus : UnaryFunctor<T, ScalarSoftplus<T>> {};

}  // namespace functor
}  // namespace rill

namespace Eigen {
namespace internal {

template <typename T>
struct functor_traits<rill::functor::ScalarSoftplus<T>> {
  enum {
    Cost = functor_traits<scalar_exp_op<T>>::Cost + functor_traits<scalar_log1p_op<T>>::Cost,
    PacketAccess = false
  };
};

}  // namespace internal
}  // namespace Eigen

namespace rill {

REGISTER_UNARY_OP_CPU("Softplus", functor::Softplus, Eigen::half);
REGISTER_UNARY_OP_CPU("Softplus", functor::Softplus, Eigen::bfloat16);
REGISTER_UNARY_OP_CPU("Softplus", functor::Softplus, float);
REGISTER_UNARY_OP_CPU("Softplus", functor::Softplus, double);

}  // namespace rill
