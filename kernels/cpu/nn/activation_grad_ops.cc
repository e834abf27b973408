// The CPU kernels of the activation gradients ReluGrad and Relu6Grad (int32, int64, half,
// bfloat16, float, double), EluGrad and SoftplusGrad (half, bfloat16, float, double): the
// math kernels' BinaryOp on inputs of one shape, with TensorFlow's formulas below.
#include <cstdint>

#include "absl/status/status.h"
#include "core/framework/errors.h"
#include "core/framework/op_kernel.h"
#include "core/framework/tensor.h"
#include "kernels/cpu/math/binary_op.h"
#include "kernels/cpu/math/cwise_ops.h"
#include "unsupported/Eigen/CXX11/Tensor"

namespace rill {
namespace functor {

// ScalarReluGrad is gradients * (features > 0) as a product, as TensorFlow computes it, so
// that a NaN or infinite gradient at features <= 0 gives NaN.
template <typename T>
struct ScalarReluGrad : Eigen::internal::binary_op_base<T, T> {
  using result_type = T;

  T operator()(const T& gradient, const T& feature) const {
    return gradient * static_cast<T>(T(0) < feature);
  }
  template <typename Packet>
  Packet packetOp(const Packet& gradient, const Packet& feature) const {
    namespace internal = Eigen::internal;
    const Packet positive = internal::pcmp_lt(internal::pset1<Packet>(T(0)), feature);
    return internal::pmul(gradient, internal::pand(positive, internal::pset1<Packet>(T(1))));
  }
};

// ScalarRelu6Grad is gradients * (features > 0 && features < 6), as a product.
template <typename T>
struct ScalarRelu6Grad : Eigen::internal::binary_op_base<T, T> {
  using result_type = T;

  T operator()(const T& gradient, const T& feature) const {
    return gradient * static_cast<T>(T(0) < feature && feature < T(6));
  }
  template <typename Packet>
  Packet packetOp(const Packet& gradient, const Packet& feature) const {
    namespace internal = Eigen::internal;
    const Packet inside = internal::pand(internal::pcmp_lt(internal::pset1<Packet>(T(0)), feature),
                                         internal::pcmp_lt(feature, internal::pset1<Packet>(T(6))));
    return internal::pmul(gradient, internal::pand(inside, internal::pset1<Packet>(T(1))));
  }
};

// ScalarEluGrad is (outputs + 1) * gradients where outputs < 0 (the derivative of
// exp(x) - 1 is exp(x) = outputs + 1), gradients elsewhere.
template <typename T>
struct ScalarEluGrad : Eigen::internal::binary_op_base<T, T> {
  using result_type = T;

  T operator()(const T& gradient, const T& output) const {
    return output < T(0) ? (output + T(1)) * gradient : gradient;
  }
  template <typename Packet>
  Packet packetOp(const Packet& gradient, const Packet& output) const {
    namespace internal = Eigen::internal;
    const Packet negative = internal::pcmp_lt(output, internal::pset1<Packet>(T(0)));
    const Packet scaled =
        internal::pmul(internal::padd(output, internal::pset1<Packet>(T(1))), gradient);
    return internal::pselect(negative, scaled, gradient);
  }
};

// ScalarSoftplusGrad is gradients / (exp(-features) + 1), gradients times the sigmoid of
// features, in T as TensorFlow computes it; one element at a time, so that exp's overflow
// for very negative features (giving 0) is the scalar function's.
template <typename T>
struct ScalarSoftplusGrad : Eigen::internal::binary_op_base<T, T> {
  using result_type = T;

  T operator()(const T& gradient, const T& feature) const {
    return gradient / (Eigen::numext::exp(-feature) + T(1));
  }
};

// The op functors name their second input, for ActivationGradOp's shape error.
template <typename T>
struct ReluGrad : BinaryFunctor<T, ScalarReluGrad<T>> {
  static constexpr char kSecondInput[] = "features";
};

template <typename T>
struct Relu6Grad : BinaryFunctor<T, ScalarRelu6Grad<T>> {
  static constexpr char kSecondInput[] = "features";
};

template <typename T>
struct EluGrad : BinaryFunctor<T, ScalarEluGrad<T>> {
  static constexpr char kSecondInput[] = "outputs";
};

template <typename T>
struct SoftplusGrad : BinaryFunctor<T, ScalarSoftplusGrad<T>> {
  static constexpr char kSecondInput[] = "features";
};

}  // namespace functor
}  // namespace rill

namespace Eigen {
namespace internal {

template <typename T>
struct functor_traits<rill::functor::ScalarReluGrad<T>> {
  enum {
    Cost = NumTraits<T>::AddCost + NumTraits<T>::MulCost,
    PacketAccess = packet_traits<T>::HasCmp && packet_traits<T>::HasMul
  };
};

template <typename T>
struct functor_traits<rill::functor::ScalarRelu6Grad<T>> {
  enum {
    Cost = 2 * NumTraits<T>::AddCost + NumTraits<T>::MulCost,
    PacketAccess = packet_traits<T>::HasCmp && packet_traits<T>::HasMul
  };
};

template <typename T>
struct functor_traits<rill::functor::ScalarEluGrad<T>> {
  enum {
    Cost = 2 * NumTraits<T>::AddCost + NumTraits<T>::MulCost,
    PacketAccess = packet_traits<T>::HasCmp && packet_traits<T>::HasAdd && packet_traits<T>::HasMul
  };
};

template <typename T>
struct functor_traits<rill::functor::ScalarSoftplusGrad<T>> {
  enum {
    Cost = functor_traits<scalar_exp_op<T>>::Cost + NumTraits<T>::AddCost +
           functor_traits<scalar_quotient_op<T>>::Cost,
    PacketAccess = false
  };
};

}  // namespace internal
}  // namespace Eigen

namespace rill {
namespace {

// ActivationGradOp<Functor> is BinaryOp on a gradient and an activation's input or output,
// which must have one shape (no broadcasting, as in TensorFlow): InvalidArgument
// "gradients and features must have the same shape, got [2] and [3]" otherwise.
template <typename Functor>
class ActivationGradOp : public BinaryOp<Functor> {
 public:
  using BinaryOp<Functor>::BinaryOp;

  absl::Status Compute(OpKernelContext* ctx) override {
    const Tensor& gradients = ctx->input(0);
    const Tensor& activations = ctx->input(1);
    if (gradients.shape() != activations.shape()) {
      return errors::InvalidArgument(
          "gradients and ", Functor::kSecondInput, " must have the same shape, got ",
          gradients.shape().DebugString(), " and ", activations.shape().DebugString());
    }
    return BinaryOp<Functor>::Compute(ctx);
  }
};

}  // namespace

#define REGISTER_ACTIVATION_GRAD_CPU(op_name, functor_template, T)                 \
  REGISTER_KERNEL_BUILDER(Name(op_name).Device(DEVICE_CPU).TypeConstraint<T>("T"), \
                          ActivationGradOp<functor_template<T>>)

REGISTER_ACTIVATION_GRAD_CPU("ReluGrad", functor::ReluGrad, int32_t);
REGISTER_ACTIVATION_GRAD_CPU("ReluGrad", functor::ReluGrad, int64_t);
REGISTER_ACTIVATION_GRAD_CPU("ReluGrad", functor::ReluGrad, Eigen::half);
REGISTER_ACTIVATION_GRAD_CPU("ReluGrad", functor::ReluGrad, Eigen::bfloat16);
REGISTER_ACTIVATION_GRAD_CPU("ReluGrad", functor::ReluGrad, float);
REGISTER_ACTIVATION_GRAD_CPU("ReluGrad", functor::ReluGrad, double);

REGISTER_ACTIVATION_GRAD_CPU("Relu6Grad", functor::Relu6Grad, int32_t);
REGISTER_ACTIVATION_GRAD_CPU("Relu6Grad", functor::Relu6Grad, int64_t);
REGISTER_ACTIVATION_GRAD_CPU("Relu6Grad", functor::Relu6Grad, Eigen::half);
REGISTER_ACTIVATION_GRAD_CPU("Relu6Grad", functor::Relu6Grad, Eigen::bfloat16);
REGISTER_ACTIVATION_GRAD_CPU("Relu6Grad", functor::Relu6Grad, float);
REGISTER_ACTIVATION_GRAD_CPU("Relu6Grad", functor::Relu6Grad, double);

REGISTER_ACTIVATION_GRAD_CPU("EluGrad", functor::EluGrad, Eigen::half);
REGISTER_ACTIVATION_GRAD_CPU("EluGrad", functor::EluGrad, Eigen::bfloat16);
REGISTER_ACTIVATION_GRAD_CPU("EluGrad", functor::EluGrad, float);
REGISTER_ACTIVATION_GRAD_CPU("EluGrad", functor::EluGrad, double);

REGISTER_ACTIVATION_GRAD_CPU("SoftplusGrad", functor::SoftplusGrad, Eigen::half);
REGISTER_ACTIVATION_GRAD_CPU("SoftplusGrad", functor::SoftplusGrad, Eigen::bfloat16);
REGISTER_ACTIVATION_GRAD_CPU("SoftplusGrad", functor::SoftplusGrad, float);
REGISTER_ACTIVATION_GRAD_CPU("SoftplusGrad", functor::SoftplusGrad, double);

}  // namespace rill
