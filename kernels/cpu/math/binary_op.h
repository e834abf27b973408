// BinaryOp: the one CPU kernel behind every broadcasting element-wise binary op (Add, Mul,
// Pow, ...), templated on a functor from cwise_ops.h, with NumPy broadcasting via Eigen.
#ifndef RILL_KERNELS_CPU_MATH_BINARY_OP_H_
#define RILL_KERNELS_CPU_MATH_BINARY_OP_H_

#include <atomic>
#include <cstdint>

#include "absl/status/status.h"
#include "core/framework/device_type.h"
#include "core/framework/errors.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/op_kernel.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_shape.h"
#include "kernels/cpu/math/bcast.h"
#include "unsupported/Eigen/CXX11/Tensor"

namespace rill {

// kBinaryOpInlineCost bounds the work (elements times the functor's Eigen cost) that a
// binary kernel does on the calling thread; above it the kernel shards its work over the
// device's intra-op pool and reports itself expensive to the executor.
inline constexpr int64_t kBinaryOpInlineCost = 1 << 15;

// BinaryOp<Functor> computes z = func(x, y) element-wise with NumPy broadcasting. Three
// paths, fastest first: equal shapes (one flat loop), one side a single element (a flat
// loop with that element bound), and the general case (reshape + Eigen broadcast over the
// merged dimensions BCast computes; up to 5 of them after merging). The output reuses x's
// or y's buffer when that input has the output's shape and nobody else holds it.
//
// IsExpensive reports whether the last run was above kBinaryOpInlineCost, so after its
// first run a node on small tensors runs inline in the executor and a node on large ones
// goes to the inter-op pool. Thread-safe: that hint is the only state Compute writes.
template <typename Functor>
class BinaryOp : public OpKernel {
 public:
  using In = typename Functor::in_type;
  using Out = typename Functor::out_type;
  using Func = typename Functor::func;

  using OpKernel::OpKernel;

  absl::Status Compute(OpKernelContext* ctx) override {
    const Tensor& x = ctx->input(0);
    const Tensor& y = ctx->input(1);
    RETURN_IF_ERROR(Functor::ValidateInputs(x, y));
    if (x.shape() == y.shape()) return ComputeSameShape(ctx, x, y);
    if (x.NumElements() == 1 || y.NumElements() == 1) return ComputeWithScalar(ctx, x, y);
    return ComputeBroadcast(ctx, x, y);
  }

  bool IsExpensive() const override { return expensive_.load(std::memory_order_relaxed); }

 private:
  static constexpr int kMaxBroadcastDims = 5;

  // IsCheap says whether computing `num_elements` outputs belongs on the calling thread,
  // and records the answer for IsExpensive (writing only when it changes).
  bool IsCheap(int64_t num_elements) {
    const bool cheap =
        num_elements * Eigen::internal::functor_traits<Func>::Cost <= kBinaryOpInlineCost;
    if (expensive_.load(std::memory_order_relaxed) == cheap) {
      expensive_.store(!cheap, std::memory_order_relaxed);
    }
    return cheap;
  }

  // Assign evaluates `expr` into `out`, inline or on the intra-op pool.
  template <typename Expr>
  void Assign(OpKernelContext* ctx, typename TTypes<Out>::Flat out, const Expr& expr) {
    if (IsCheap(out.size())) {
      out = expr;
    } else {
      out.device(ctx->eigen_cpu_device()) = expr;
    }
  }

  absl::Status ComputeSameShape(OpKernelContext* ctx, const Tensor& x, const Tensor& y) {
    Tensor* z;
    RETURN_IF_ERROR(ctx->forward_input_or_allocate_output({0, 1}, 0, x.shape(), &z));
    if (z->NumElements() == 0) return absl::OkStatus();
    Assign(ctx, z->flat<Out>(), x.flat<In>().binaryExpr(y.flat<In>(), Func()));
    return absl::OkStatus();
  }

  // ComputeWithScalar: x or y has one element (any rank), so the output has as many
  // elements as the other input, in the broadcast shape.
  absl::Status ComputeWithScalar(OpKernelContext* ctx, const Tensor& x, const Tensor& y) {
    ASSIGN_OR_RETURN(const TensorShape shape, BroadcastShapes(x.shape(), y.shape()));
    Tensor* z;
    if (x.NumElements() == 1) {
      RETURN_IF_ERROR(ForwardOrAllocate(ctx, y, 1, shape, &z));
      if (z->NumElements() == 0) return absl::OkStatus();
      const Eigen::internal::bind1st_op<Func> with_x(x.flat<In>()(0));
      Assign(ctx, z->flat<Out>(), y.flat<In>().unaryExpr(with_x));
    } else {
      RETURN_IF_ERROR(ForwardOrAllocate(ctx, x, 0, shape, &z));
      if (z->NumElements() == 0) return absl::OkStatus();
      const Eigen::internal::bind2nd_op<Func> with_y(y.flat<In>()(0));
      Assign(ctx, z->flat<Out>(), x.flat<In>().unaryExpr(with_y));
    }
    return absl::OkStatus();
  }

  // ForwardOrAllocate reuses input `index` for output 0 when its shape is `shape`.
  static absl::Status ForwardOrAllocate(OpKernelContext* ctx, const Tensor& input, int index,
                                        const TensorShape& shape, Tensor** z) {
    if (input.shape() == shape) {
      return ctx->forward_input_or_allocate_output({index}, 0, shape, z);
    }
    return ctx->allocate_output(0, shape, z);
  }

  absl::Status ComputeBroadcast(OpKernelContext* ctx, const Tensor& x, const Tensor& y) {
    const BCast bcast(x.shape().dim_sizes(), y.shape().dim_sizes());
    if (!bcast.IsValid()) {
      return errors::InvalidArgument("Incompatible shapes: ", x.shape().DebugString(),
                                     " vs. ", y.shape().DebugString());
    }
    const TensorShape shape(bcast.output_shape());
    Tensor* z;
    if (x.shape() == shape) {
      RETURN_IF_ERROR(ctx->forward_input_or_allocate_output({0}, 0, shape, &z));
    } else if (y.shape() == shape) {
      RETURN_IF_ERROR(ctx->forward_input_or_allocate_output({1}, 0, shape, &z));
    } else {
      RETURN_IF_ERROR(ctx->allocate_output(0, shape, &z));
    }
    if (z->NumElements() == 0) return absl::OkStatus();
    IsCheap(z->NumElements());  // Only the hint: Eigen shards the broadcast itself.
    switch (bcast.result_shape().size()) {
      case 1: return Broadcast<1>(ctx, bcast, x, y, z);
      case 2: return Broadcast<2>(ctx, bcast, x, y, z);
      case 3: return Broadcast<3>(ctx, bcast, x, y, z);
      case 4: return Broadcast<4>(ctx, bcast, x, y, z);
      case 5: return Broadcast<5>(ctx, bcast, x, y, z);
      default:
        return errors::Unimplemented("Broadcast between ", x.shape().DebugString(), " and ",
                                     y.shape().DebugString(),
                                     " is not supported: it needs ",
                                     bcast.result_shape().size(),
                                     " dimensions after merging, at most ",
                                     kMaxBroadcastDims, " are supported");
    }
  }

  // Broadcast evaluates the general case over N merged dimensions on the intra-op pool
  // (Eigen runs it on the calling thread when it is small).
  template <int N>
  static absl::Status Broadcast(OpKernelContext* ctx, const BCast& bcast, const Tensor& x,
                                const Tensor& y, Tensor* z) {
    auto out = z->shaped<Out, N>(bcast.result_shape());
    const auto x_in = x.shaped<In, N>(bcast.x_reshape())
                          .broadcast(BCast::ToIndexArray<N>(bcast.x_bcast()));
    const auto y_in = y.shaped<In, N>(bcast.y_reshape())
                          .broadcast(BCast::ToIndexArray<N>(bcast.y_bcast()));
    out.device(ctx->eigen_cpu_device()) = x_in.binaryExpr(y_in, Func());
    return absl::OkStatus();
  }

  std::atomic<bool> expensive_{false};
};

// REGISTER_BINARY_OP_CPU("Add", functor::Add, float) registers BinaryOp<functor::Add<float>>
// as the CPU kernel of op "Add" for T = float.
#define REGISTER_BINARY_OP_CPU(op_name, functor_template, T)                          \
  REGISTER_KERNEL_BUILDER(Name(op_name).Device(DEVICE_CPU).TypeConstraint<T>("T"), \
                          ::rill::BinaryOp<functor_template<T>>)

}  // namespace rill

#endif  // RILL_KERNELS_CPU_MATH_BINARY_OP_H_
