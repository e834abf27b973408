// UnaryOp: the one CPU kernel behind every element-wise unary op (Neg, Exp, Sigmoid, IsNan,
// and the nn activations), templated on a functor naming the Eigen scalar functor it runs.
#ifndef RILL_KERNELS_CPU_MATH_UNARY_OP_H_
#define RILL_KERNELS_CPU_MATH_UNARY_OP_H_

#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "absl/status/status.h"
#include "core/framework/device_type.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/op_kernel.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "kernels/cpu/math/elementwise_sharding.h"
#include "unsupported/Eigen/CXX11/Tensor"

namespace rill {

// UnaryOp<Functor> computes y = func(x) element-wise over the flattened input, one Eigen
// expression per contiguous run (vectorized when the functor has a packet form); large
// inputs are sharded over the intra-op pool (ElementwiseSharding). The output reuses x's
// buffer when x's dtype is the output's and nobody else holds x.
//
// Thread-safe: Compute writes only the sharding hint behind IsExpensive.
template <typename Functor>
class UnaryOp : public OpKernel {
 public:
  using In = typename Functor::in_type;
  using Out = typename Functor::out_type;
  using Func = typename Functor::func;

  using OpKernel::OpKernel;

  absl::Status Compute(OpKernelContext* ctx) override {
    const Tensor& x = ctx->input(0);
    Tensor* y;
    RETURN_IF_ERROR(ctx->forward_input_or_allocate_output({0}, 0, x.shape(), &y));
    const In* x_data = static_cast<const In*>(x.data());
    Out* y_data = static_cast<Out*>(y->data());
    const Eigen::TensorOpCost cost = ElementCost<Func, Out>(sizeof(In), sizeof(Out));
    sharding_.Run(ctx, y->NumElements(), cost, [&](int64_t begin, int64_t end) {
      OutMap(y_data + begin, end - begin) = InMap(x_data + begin, end - begin).unaryExpr(Func());
    });
    return absl::OkStatus();
  }

  bool IsExpensive() const override { return sharding_.IsExpensive(); }

 private:
  using InMap = Eigen::TensorMap<Eigen::Tensor<const In, 1, Eigen::RowMajor, Eigen::DenseIndex>>;
  using OutMap = Eigen::TensorMap<Eigen::Tensor<Out, 1, Eigen::RowMajor, Eigen::DenseIndex>>;

  ElementwiseSharding sharding_;
};

namespace functor {

// UnaryFunctor is what every unary functor provides to UnaryOp:
//   in_type, out_type  the element types of x and of y;
//   func               the Eigen scalar functor computing y from x (default-constructible,
//                      with Eigen::internal::functor_traits giving its Cost and whether it
//                      has a packetOp).
template <typename T, typename EigenFunctor, typename Out = T>
struct UnaryFunctor {
  using in_type = T;
  using out_type = Out;
  using func = EigenFunctor;
};

// WrappingUnsigned<T> is the unsigned type integer arithmetic on T is done in, so that
// overflow wraps as two's complement instead of being undefined (at least `unsigned`, so
// that narrow types do not promote back to a signed int).
template <typename T>
using WrappingUnsigned =
    std::conditional_t<sizeof(T) <= sizeof(unsigned), unsigned, std::make_unsigned_t<T>>;

// ScalarWrappingNeg is -x for signed integers: -INT_MIN wraps to INT_MIN.
template <typename T>
struct ScalarWrappingNeg {
  T operator()(const T& x) const {
    return static_cast<T>(WrappingUnsigned<T>(0) - static_cast<WrappingUnsigned<T>>(x));
  }
  template <typename Packet>
  Packet packetOp(const Packet& x) const {
    return Eigen::internal::pnegate(x);
  }
};

// ScalarWrappingAbs is |x| for signed integers: |INT_MIN| wraps to INT_MIN.
template <typename T>
struct ScalarWrappingAbs {
  T operator()(const T& x) const { return x < 0 ? ScalarWrappingNeg<T>()(x) : x; }
  template <typename Packet>
  Packet packetOp(const Packet& x) const {
    return Eigen::internal::pabs(x);
  }
};

// ScalarWrappingSquare is x * x for integers, wrapping on overflow.
template <typename T>
struct ScalarWrappingSquare {
  T operator()(const T& x) const {
    const auto u = static_cast<WrappingUnsigned<T>>(x);
    return static_cast<T>(u * u);
  }
  template <typename Packet>
  Packet packetOp(const Packet& x) const {
    return Eigen::internal::pmul(x, x);
  }
};

// ScalarRoundHalfToEven rounds to the nearest integer, ties to the even one (banker's
// rounding, as TensorFlow's Round): 0.5 -> 0, 1.5 -> 2, 2.5 -> 2, -2.5 -> -2. It does not
// depend on the floating-point environment's rounding mode. Integers are returned as they
// are; half and bfloat16 are rounded in float, which holds them exactly.
template <typename T>
struct ScalarRoundHalfToEven {
  T operator()(const T& x) const {
    if constexpr (std::is_integral_v<T>) {
      return x;
    } else {
      using Compute = std::conditional_t<std::is_same_v<T, double>, double, float>;
      const Compute value = static_cast<Compute>(x);
      Compute rounded = std::floor(value);
      // Exact except for value in (-1, 0), where rounding 1 - |value| may give 0.5 but never
      // less, and 0.5 with floor -1 (odd) rounds to 0 as the exact fraction would.
      const Compute fraction = value - rounded;
      const bool odd = rounded != Compute(2) * std::floor(rounded * Compute(0.5));
      if (fraction > Compute(0.5) || (fraction == Compute(0.5) && odd)) rounded += 1;
      return static_cast<T>(rounded);
    }
  }
};

// Eigen 3.4's vectorized exp, log and rsqrt are wrong at the edges of the float and double
// ranges: exp clamps its argument from below (near -88.7 for float, -709.8 for double) and
// returns about the smallest normal number for anything lower, where the exact result is a
// denormal or 0; log and rsqrt treat denormal inputs as the smallest normal number or as 0.
// The functors below use Eigen's packets and recompute those (rare) lanes with the scalar
// std functions, so that every result is the correctly computed one.

// kExpClampBelow<T>: below this bound, a little above Eigen's clamp, exp is recomputed.
template <typename T>
inline constexpr double kExpClampBelow = std::is_same_v<T, double> ? -709.0 : -88.0;

// kMinNormal<T>: the smallest normal number of the type T is computed in (double for
// double, float for the others: half's denormals are normal floats, bfloat16's are not).
template <typename T>
inline constexpr double kMinNormal = std::is_same_v<T, double>
                                         ? std::numeric_limits<double>::min()
                                         : std::numeric_limits<float>::min();

// RecomputeLanes returns `y`, the packet computed from `x`, with the lanes where
// `needs_scalar(x)` holds replaced by `scalar(x)`. `mask` is needs_scalar as a packet
// compare, so that the common case costs one test.
template <typename T, typename Packet, typename Predicate, typename ScalarFn>
Packet RecomputeLanes(const Packet& x, const Packet& y, const Packet& mask,
                      Predicate needs_scalar, ScalarFn scalar) {
  namespace internal = Eigen::internal;
  if (!internal::predux_any(mask)) return y;
  constexpr int kSize = internal::unpacket_traits<Packet>::size;
  T xs[kSize];
  T ys[kSize];
  internal::pstoreu(xs, x);
  internal::pstoreu(ys, y);
  for (int i = 0; i < kSize; ++i) {
    if (needs_scalar(xs[i])) ys[i] = scalar(xs[i]);
  }
  return internal::ploadu<Packet>(ys);
}

// BelowExpClamp: whether x < kExpClampBelow<T>, for a scalar or (as a mask) a packet.
template <typename T>
bool BelowExpClamp(const T& x) {
  return x < T(kExpClampBelow<T>);
}
template <typename T, typename Packet>
Packet BelowExpClampMask(const Packet& x) {
  return Eigen::internal::pcmp_lt(x, Eigen::internal::pset1<Packet>(T(kExpClampBelow<T>)));
}

// PositiveDenormal: whether 0 < x < kMinNormal<T>, for a scalar or (as a mask) a packet.
template <typename T>
bool PositiveDenormal(const T& x) {
  return T(0) < x && x < T(kMinNormal<T>);
}
template <typename T, typename Packet>
Packet PositiveDenormalMask(const Packet& x) {
  namespace internal = Eigen::internal;
  return internal::pand(internal::pcmp_lt(internal::pset1<Packet>(T(0)), x),
                        internal::pcmp_lt(x, internal::pset1<Packet>(T(kMinNormal<T>))));
}

// ScalarExp is e^x, vectorized, with exact underflow (e^-1000 = 0).
template <typename T>
struct ScalarExp {
  T operator()(const T& x) const { return Eigen::numext::exp(x); }
  template <typename Packet>
  Packet packetOp(const Packet& x) const {
    return RecomputeLanes<T>(x, Eigen::internal::pexp(x), BelowExpClampMask<T>(x),
                             BelowExpClamp<T>, *this);
  }
};

// ScalarSigmoid is 1 / (1 + e^-x) (Eigen's logistic), with exact underflow: below
// kExpClampBelow<T>, sigmoid(x) is e^x in T (where 1 / (1 + e^-x) would overflow to 0).
template <typename T>
struct ScalarSigmoid {
  T operator()(const T& x) const {
    if (BelowExpClamp(x)) return Eigen::numext::exp(x);
    return Eigen::internal::scalar_logistic_op<T>()(x);
  }
  template <typename Packet>
  Packet packetOp(const Packet& x) const {
    return RecomputeLanes<T>(x, Eigen::internal::scalar_logistic_op<T>().packetOp(x),
                             BelowExpClampMask<T>(x), BelowExpClamp<T>, *this);
  }
};

// ScalarLog is the natural logarithm, vectorized, exact for denormal inputs too.
template <typename T>
struct ScalarLog {
  T operator()(const T& x) const { return Eigen::numext::log(x); }
  template <typename Packet>
  Packet packetOp(const Packet& x) const {
    return RecomputeLanes<T>(x, Eigen::internal::plog(x), PositiveDenormalMask<T>(x),
                             PositiveDenormal<T>, *this);
  }
};

// ScalarRsqrt is 1 / sqrt(x), vectorized (Eigen's float estimate is refined once by
// Newton's method: within 2 ulps), finite for denormal inputs too.
template <typename T>
struct ScalarRsqrt {
  T operator()(const T& x) const { return T(1) / Eigen::numext::sqrt(x); }
  template <typename Packet>
  Packet packetOp(const Packet& x) const {
    return RecomputeLanes<T>(x, Eigen::internal::prsqrt(x), PositiveDenormalMask<T>(x),
                             PositiveDenormal<T>, *this);
  }
};

// ScalarFloatSqrt is the correctly rounded square root for float, half and bfloat16
// (through float), one element at a time: Eigen 3.4's vectorized float sqrt is an estimate
// refined once by Newton's method, off by an ulp at times and NaN for +inf.
template <typename T>
struct ScalarFloatSqrt {
  T operator()(const T& x) const { return static_cast<T>(std::sqrt(static_cast<float>(x))); }
};

// The ops of //ops/math's unary_ops.cc. Integer Neg, Abs and Square wrap on overflow.
template <typename T>
struct Neg : UnaryFunctor<T, std::conditional_t<std::is_integral_v<T>, ScalarWrappingNeg<T>,
                                                Eigen::internal::scalar_opposite_op<T>>> {};

template <typename T>
struct Abs : UnaryFunctor<T, std::conditional_t<std::is_integral_v<T>, ScalarWrappingAbs<T>,
                                                Eigen::internal::scalar_abs_op<T>>> {};

// Sign is -1, 0 or 1; NaN stays NaN.
template <typename T>
struct Sign : UnaryFunctor<T, Eigen::internal::scalar_sign_op<T>> {};

template <typename T>
struct Square
    : UnaryFunctor<T, std::conditional_t<std::is_integral_v<T>, ScalarWrappingSquare<T>,
                                         Eigen::internal::scalar_square_op<T>>> {};

// Sqrt is correctly rounded: Eigen's vectorized sqrt for double, which is exact, and
// ScalarFloatSqrt for the others.
template <typename T>
struct Sqrt : UnaryFunctor<T, std::conditional_t<std::is_same_v<T, double>,
                                                 Eigen::internal::scalar_sqrt_op<T>,
                                                 ScalarFloatSqrt<T>>> {};

template <typename T>
struct Rsqrt : UnaryFunctor<T, ScalarRsqrt<T>> {};

template <typename T>
struct Exp : UnaryFunctor<T, ScalarExp<T>> {};

template <typename T>
struct Log : UnaryFunctor<T, ScalarLog<T>> {};

template <typename T>
struct Log1p : UnaryFunctor<T, Eigen::internal::scalar_log1p_op<T>> {};

template <typename T>
struct Reciprocal : UnaryFunctor<T, Eigen::internal::scalar_inverse_op<T>> {};

template <typename T>
struct Sigmoid : UnaryFunctor<T, ScalarSigmoid<T>> {};

template <typename T>
struct Tanh : UnaryFunctor<T, Eigen::internal::scalar_tanh_op<T>> {};

template <typename T>
struct Sin : UnaryFunctor<T, Eigen::internal::scalar_sin_op<T>> {};

template <typename T>
struct Cos : UnaryFunctor<T, Eigen::internal::scalar_cos_op<T>> {};

template <typename T>
struct Floor : UnaryFunctor<T, Eigen::internal::scalar_floor_op<T>> {};

template <typename T>
struct Ceil : UnaryFunctor<T, Eigen::internal::scalar_ceil_op<T>> {};

template <typename T>
struct Round : UnaryFunctor<T, ScalarRoundHalfToEven<T>> {};

template <typename T>
struct IsNan : UnaryFunctor<T, Eigen::internal::scalar_isnan_op<T>, bool> {};

template <typename T>
struct IsInf : UnaryFunctor<T, Eigen::internal::scalar_isinf_op<T>, bool> {};

template <typename T>
struct IsFinite : UnaryFunctor<T, Eigen::internal::scalar_isfinite_op<T>, bool> {};

}  // namespace functor

// REGISTER_UNARY_OP_CPU("Exp", functor::Exp, float) registers UnaryOp<functor::Exp<float>>
// as the CPU kernel of op "Exp" for T = float.
#define REGISTER_UNARY_OP_CPU(op_name, functor_template, T)                          \
  REGISTER_KERNEL_BUILDER(Name(op_name).Device(DEVICE_CPU).TypeConstraint<T>("T"), \
                          ::rill::UnaryOp<functor_template<T>>)

}  // namespace rill

namespace Eigen {
namespace internal {

template <typename T>
struct functor_traits<rill::functor::ScalarWrappingNeg<T>> {
  enum { Cost = NumTraits<T>::AddCost, PacketAccess = packet_traits<T>::HasNegate };
};

template <typename T>
struct functor_traits<rill::functor::ScalarWrappingAbs<T>> {
  enum { Cost = NumTraits<T>::AddCost, PacketAccess = packet_traits<T>::HasAbs };
};

template <typename T>
struct functor_traits<rill::functor::ScalarWrappingSquare<T>> {
  enum { Cost = NumTraits<T>::MulCost, PacketAccess = packet_traits<T>::HasMul };
};

template <typename T>
struct functor_traits<rill::functor::ScalarExp<T>> {
  enum {
    Cost = functor_traits<scalar_exp_op<T>>::Cost,
    PacketAccess = functor_traits<scalar_exp_op<T>>::PacketAccess && packet_traits<T>::HasCmp
  };
};

template <typename T>
struct functor_traits<rill::functor::ScalarSigmoid<T>> {
  enum {
    Cost = functor_traits<scalar_logistic_op<T>>::Cost,
    PacketAccess =
        functor_traits<scalar_logistic_op<T>>::PacketAccess && packet_traits<T>::HasCmp
  };
};

template <typename T>
struct functor_traits<rill::functor::ScalarLog<T>> {
  enum {
    Cost = functor_traits<scalar_log_op<T>>::Cost,
    PacketAccess = functor_traits<scalar_log_op<T>>::PacketAccess && packet_traits<T>::HasCmp
  };
};

template <typename T>
struct functor_traits<rill::functor::ScalarRsqrt<T>> {
  enum {
    Cost = functor_traits<scalar_rsqrt_op<T>>::Cost,
    PacketAccess = functor_traits<scalar_rsqrt_op<T>>::PacketAccess && packet_traits<T>::HasCmp
  };
};

template <typename T>
struct functor_traits<rill::functor::ScalarFloatSqrt<T>> {
  enum { Cost = 10 * NumTraits<float>::MulCost, PacketAccess = false };
};

template <typename T>
struct functor_traits<rill::functor::ScalarRoundHalfToEven<T>> {
  enum { Cost = 4 * NumTraits<T>::AddCost, PacketAccess = false };
};

}  // namespace internal
}  // namespace Eigen

#endif  // RILL_KERNELS_CPU_MATH_UNARY_OP_H_
