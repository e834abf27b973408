// UnaryGradOp: the one CPU kernel behind the gradient ops of unary functions (SigmoidGrad,
// TanhGrad, SqrtGrad, RsqrtGrad, ReciprocalGrad), templated on a functor naming the Eigen
// binary functor it runs on (y, dy).
#ifndef RILL_KERNELS_CPU_MATH_UNARY_GRAD_OP_H_
#define RILL_KERNELS_CPU_MATH_UNARY_GRAD_OP_H_

#include <cstdint>

#include "absl/status/status.h"
#include "core/framework/device_type.h"
#include "core/framework/errors.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/op_kernel.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "kernels/cpu/math/elementwise_sharding.h"
#include "unsupported/Eigen/CXX11/Tensor"

namespace rill {

// UnaryGradOp<Functor> computes z = func(y, dy) element-wise, where y = f(x) is a unary
// function's output and dy its gradient; z, the gradient of x, has y's shape. y and dy must
// have as many elements (no broadcasting: TensorFlow's SimpleBinaryOp). One Eigen
// expression per contiguous run, vectorized where the functor has a packet form; large
// inputs are sharded over the intra-op pool. The output reuses y's or dy's buffer when
// nobody else holds it.
//
// Thread-safe: Compute writes only the sharding hint behind IsExpensive.
template <typename Functor>
class UnaryGradOp : public OpKernel {
 public:
  using T = typename Functor::in_type;
  using Func = typename Functor::func;

  using OpKernel::OpKernel;

  absl::Status Compute(OpKernelContext* ctx) override {
    const Tensor& y = ctx->input(0);
    const Tensor& dy = ctx->input(1);
    if (y.NumElements() != dy.NumElements()) {
      return errors::InvalidArgument(
          "The two arguments to a cwise op must have same number of elements, got ",
          y.NumElements(), " and ", dy.NumElements());
    }
    Tensor* z;
    RETURN_IF_ERROR(ctx->forward_input_or_allocate_output({0, 1}, 0, y.shape(), &z));
    const T* y_data = static_cast<const T*>(y.data());
    const T* dy_data = static_cast<const T*>(dy.data());
    T* z_data = static_cast<T*>(z->data());
    const Eigen::TensorOpCost cost = ElementCost<Func, T>(2 * sizeof(T), sizeof(T));
    sharding_.Run(ctx, z->NumElements(), cost, [&](int64_t begin, int64_t end) {
      const int64_t n = end - begin;
      OutMap(z_data + begin, n) =
          InMap(y_data + begin, n).binaryExpr(InMap(dy_data + begin, n), Func());
    });
    return absl::OkStatus();
  }

  bool IsExpensive() const override { return sharding_.IsExpensive(); }

 private:
  using InMap = Eigen::TensorMap<Eigen::Tensor<const T, 1, Eigen::RowMajor, Eigen::DenseIndex>>;
  using OutMap = Eigen::TensorMap<Eigen::Tensor<T, 1, Eigen::RowMajor, Eigen::DenseIndex>>;

  ElementwiseSharding sharding_;
};

namespace functor {

// The Eigen functors below compute TensorFlow's formulas (cwise_ops_gradients.h), operation
// for operation, in both their scalar and packet forms: TensorFlow's differ in association
// for SigmoidGrad and ReciprocalGrad, and Eigen runs the packet form over whole packets and
// the scalar form over the rest, so copying both keeps every element bit-identical.

// ScalarSigmoidGradient: dy * y * (1 - y); packets dy * (y * (1 - y)).
template <typename T>
struct ScalarSigmoidGradient {
  T operator()(const T& y, const T& dy) const { return dy * y * (T(1) - y); }
  template <typename Packet>
  Packet packetOp(const Packet& y, const Packet& dy) const {
    namespace internal = Eigen::internal;
    return internal::pmul(dy, internal::pmul(y, internal::psub(internal::pset1<Packet>(T(1)), y)));
  }
};

// ScalarTanhGradient: dy * (1 - y * y).
template <typename T>
struct ScalarTanhGradient {
  T operator()(const T& y, const T& dy) const { return dy * (T(1) - y * y); }
  template <typename Packet>
  Packet packetOp(const Packet& y, const Packet& dy) const {
    namespace internal = Eigen::internal;
    return internal::pmul(dy, internal::psub(internal::pset1<Packet>(T(1)), internal::pmul(y, y)));
  }
};

// ScalarSqrtGradient: 0.5 * dy / y.
template <typename T>
struct ScalarSqrtGradient {
  T operator()(const T& y, const T& dy) const { return static_cast<T>(0.5) * dy / y; }
  template <typename Packet>
  Packet packetOp(const Packet& y, const Packet& dy) const {
    namespace internal = Eigen::internal;
    return internal::pdiv(internal::pmul(internal::pset1<Packet>(static_cast<T>(0.5)), dy), y);
  }
};

// ScalarRsqrtGradient: -0.5 * (dy * y) * (y * y).
template <typename T>
struct ScalarRsqrtGradient {
  T operator()(const T& y, const T& dy) const { return static_cast<T>(-0.5) * (dy * y) * (y * y); }
  template <typename Packet>
  Packet packetOp(const Packet& y, const Packet& dy) const {
    namespace internal = Eigen::internal;
    return internal::pmul(internal::pset1<Packet>(static_cast<T>(-0.5)),
                          internal::pmul(internal::pmul(dy, y), internal::pmul(y, y)));
  }
};

// ScalarReciprocalGradient: -dy * y * y; packets -(dy * (y * y)).
template <typename T>
struct ScalarReciprocalGradient {
  T operator()(const T& y, const T& dy) const { return -dy * y * y; }
  template <typename Packet>
  Packet packetOp(const Packet& y, const Packet& dy) const {
    namespace internal = Eigen::internal;
    return internal::pnegate(internal::pmul(dy, internal::pmul(y, y)));
  }
};

// UnaryGradFunctor is what every functor provides to UnaryGradOp: in_type, the element
// type of y, dy and z; func, the Eigen binary functor computing z from (y, dy).
template <typename T, typename EigenFunctor>
struct UnaryGradFunctor {
  using in_type = T;
  using func = EigenFunctor;
};

template <typename T>
struct SigmoidGrad : UnaryGradFunctor<T, ScalarSigmoidGradient<T>> {};

template <typename T>
struct TanhGrad : UnaryGradFunctor<T, ScalarTanhGradient<T>> {};

template <typename T>
struct SqrtGrad : UnaryGradFunctor<T, ScalarSqrtGradient<T>> {};

template <typename T>
struct RsqrtGrad : UnaryGradFunctor<T, ScalarRsqrtGradient<T>> {};

template <typename T>
struct ReciprocalGrad : UnaryGradFunctor<T, ScalarReciprocalGradient<T>> {};

}  // namespace functor

// REGISTER_UNARY_GRAD_OP_CPU("TanhGrad", functor::TanhGrad, float) registers
// UnaryGradOp<functor::TanhGrad<float>> as the CPU kernel of op "TanhGrad" for T = float.
#define REGISTER_UNARY_GRAD_OP_CPU(op_name, functor_template, T)                   \
  REGISTER_KERNEL_BUILDER(Name(op_name).Device(DEVICE_CPU).TypeConstraint<T>("T"), \
                          ::rill::UnaryGradOp<functor_template<T>>)

}  // namespace rill

namespace Eigen {
namespace internal {

template <typename T>
struct functor_traits<rill::functor::ScalarSigmoidGradient<T>> {
  enum {
    Cost = NumTraits<T>::AddCost + 2 * NumTraits<T>::MulCost,
    PacketAccess = packet_traits<T>::HasSub && packet_traits<T>::HasMul,
  };
};

template <typename T>
struct functor_traits<rill::functor::ScalarTanhGradient<T>> {
  enum {
    Cost = NumTraits<T>::AddCost + 2 * NumTraits<T>::MulCost,
    PacketAccess = packet_traits<T>::HasSub && packet_traits<T>::HasMul,
  };
};

template <typename T>
struct functor_traits<rill::functor::ScalarSqrtGradient<T>> {
  enum {
    PacketAccess = packet_traits<T>::HasMul && packet_traits<T>::HasDiv,
    Cost = NumTraits<T>::MulCost + scalar_div_cost<T, PacketAccess>::value,
  };
};

template <typename T>
struct functor_traits<rill::functor::ScalarRsqrtGradient<T>> {
  enum { Cost = 4 * NumTraits<T>::MulCost, PacketAccess = packet_traits<T>::HasMul };
};

template <typename T>
struct functor_traits<rill::functor::ScalarReciprocalGradient<T>> {
  enum {
    Cost = NumTraits<T>::AddCost + 2 * NumTraits<T>::MulCost,
    PacketAccess = packet_traits<T>::HasMul && packet_traits<T>::HasNegate,
  };
};

}  // namespace internal
}  // namespace Eigen

#endif  // RILL_KERNELS_CPU_MATH_UNARY_GRAD_OP_H_
