// BinaryOp: the one CPU kernel behind every broadcasting element-wise binary op (Add, Less,
// LogicalAnd, ...), templated on a functor from cwise_ops.h, with NumPy broadcasting.
#ifndef RILL_KERNELS_CPU_MATH_BINARY_OP_H_
#define RILL_KERNELS_CPU_MATH_BINARY_OP_H_

#include <array>
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
#include "kernels/cpu/math/elementwise_sharding.h"
#include "unsupported/Eigen/CXX11/Tensor"

namespace rill {

// BinaryOp<Functor> computes z = func(x, y) element-wise with NumPy broadcasting, for any
// rank. Every path reduces to the same three 1-D loops (Eigen, vectorized where the
// functor is), over a contiguous run of z:
//   both    z[i] = func(x[i], y[i]);
//   x fixed z[i] = func(x, y[i]);   y fixed z[i] = func(x[i], y).
// Equal shapes are one run; a one-element input is one run with that element fixed; any
// other broadcast is walked by BCastList::ForEachInnerRun as runs along the innermost
// merged dimension. So each (op, dtype) instantiates only these three loops, whatever the
// ranks. Large outputs are sharded over the intra-op pool (ElementwiseSharding). The
// output reuses x's or y's buffer when that input has the output's shape and dtype and
// nobody else holds it.
//
// Thread-safe: Compute writes only the sharding hint behind IsExpensive.
template <typename Functor>
class BinaryOp : public OpKernel {
 public:
  using In = typename Functor::in_type;
  using Out = typename Functor::out_type;
  using Func = typename Functor::func;

  using OpKernel::OpKernel;

  absl::Status Initialize(OpKernelConstruction* ctx) override {
    if constexpr (Functor::kIncompatibleShapesGiveScalar) {
      return ctx->GetAttr("incompatible_shape_error", &incompatible_shape_error_);
    }
    return absl::OkStatus();
  }

  absl::Status Compute(OpKernelContext* ctx) override {
    const Tensor& x = ctx->input(0);
    const Tensor& y = ctx->input(1);
    if (x.NumElements() > 0 && y.NumElements() > 0) {
      RETURN_IF_ERROR(Functor::ValidateInputs(x, y));
    }
    const In* x_data = x.unaligned_flat<In>().data();
    const In* y_data = y.unaligned_flat<In>().data();
    Tensor* z;
    if (x.shape() == y.shape()) {
      RETURN_IF_ERROR(ctx->forward_input_or_allocate_output({0, 1}, 0, x.shape(), &z));
      Out* z_data = z->unaligned_flat<Out>().data();
      sharding_.Run(ctx, z->NumElements(), ElementCost(), [&](int64_t begin, int64_t end) {
        ApplyRun(Run::kBoth, x_data + begin, y_data + begin, z_data + begin, end - begin);
      });
      return absl::OkStatus();
    }
    if (x.NumElements() == 1 || y.NumElements() == 1) {
      // The output has as many elements as the other input, in the broadcast shape.
      const bool x_fixed = x.NumElements() == 1;
      const Tensor& other = x_fixed ? y : x;
      ASSIGN_OR_RETURN(const TensorShape shape, BroadcastShapes(x.shape(), y.shape()));
      if (other.shape() == shape) {
        RETURN_IF_ERROR(ctx->forward_input_or_allocate_output({x_fixed ? 1 : 0}, 0, shape, &z));
      } else {
        RETURN_IF_ERROR(ctx->allocate_output(0, shape, &z));
      }
      Out* z_data = z->unaligned_flat<Out>().data();
      sharding_.Run(ctx, z->NumElements(), ElementCost(), [&](int64_t begin, int64_t end) {
        if (x_fixed) {
          ApplyRun(Run::kXFixed, x_data, y_data + begin, z_data + begin, end - begin);
        } else {
          ApplyRun(Run::kYFixed, x_data + begin, y_data, z_data + begin, end - begin);
        }
      });
      return absl::OkStatus();
    }
    return ComputeBroadcast(ctx, x, y);
  }

  bool IsExpensive() const override { return sharding_.IsExpensive(); }

 private:
  // Run says which of the three loops computes a contiguous run of z.
  enum class Run { kBoth, kXFixed, kYFixed };

  using InMap = Eigen::TensorMap<Eigen::Tensor<const In, 1, Eigen::RowMajor, Eigen::DenseIndex>>;
  using OutMap = Eigen::TensorMap<Eigen::Tensor<Out, 1, Eigen::RowMajor, Eigen::DenseIndex>>;

  // ApplyRun computes z[0, n) from x and y as `run` says (a fixed side reads element 0).
  static void ApplyRun(Run run, const In* x, const In* y, Out* z, int64_t n) {
    OutMap out(z, n);
    switch (run) {
      case Run::kBoth:
        out = InMap(x, n).binaryExpr(InMap(y, n), Func());
        return;
      case Run::kXFixed:
        out = InMap(y, n).unaryExpr(Eigen::internal::bind1st_op<Func>(*x));
        return;
      case Run::kYFixed:
        out = InMap(x, n).unaryExpr(Eigen::internal::bind2nd_op<Func>(*y));
        return;
    }
  }

  // ElementCost: the bytes and cycles of one output element, for sharding.
  static Eigen::TensorOpCost ElementCost() {
    return ::rill::ElementCost<Func, Out>(2 * sizeof(In), sizeof(Out));
  }

  absl::Status ComputeBroadcast(OpKernelContext* ctx, const Tensor& x, const Tensor& y) {
    const BCast bcast(x.shape().dim_sizes(), y.shape().dim_sizes());
    Tensor* z;
    if (!bcast.IsValid()) {
      if constexpr (Functor::kIncompatibleShapesGiveScalar) {
        if (!incompatible_shape_error_) {
          RETURN_IF_ERROR(ctx->allocate_output(0, TensorShape(), &z));
          z->scalar<Out>()() = Functor::kIncompatibleShapesResult;
          return absl::OkStatus();
        }
      }
      return errors::InvalidArgument("Incompatible shapes: ", x.shape().DebugString(), " vs. ",
                                     y.shape().DebugString());
    }
    const TensorShape shape(bcast.output_shape());
    if (x.shape() == shape) {
      RETURN_IF_ERROR(ctx->forward_input_or_allocate_output({0}, 0, shape, &z));
    } else if (y.shape() == shape) {
      RETURN_IF_ERROR(ctx->forward_input_or_allocate_output({1}, 0, shape, &z));
    } else {
      RETURN_IF_ERROR(ctx->allocate_output(0, shape, &z));
    }
    // The innermost merged dimension broadcasts x, or y, or neither (strides 0 or 1).
    const bool x_fixed = bcast.strides(0).back() == 0;
    const bool y_fixed = bcast.strides(1).back() == 0;
    const Run run = x_fixed && !y_fixed   ? Run::kXFixed
                    : y_fixed && !x_fixed ? Run::kYFixed
                                          : Run::kBoth;
    const In* x_data = x.unaligned_flat<In>().data();
    const In* y_data = y.unaligned_flat<In>().data();
    Out* z_data = z->unaligned_flat<Out>().data();
    sharding_.Run(ctx, z->NumElements(), ElementCost(), [&](int64_t begin, int64_t end) {
      bcast.ForEachInnerRun(
          begin, end,
          [&](int64_t out_offset, const std::array<int64_t, 2>& in_offsets, int64_t length) {
            ApplyRun(run, x_data + in_offsets[0], y_data + in_offsets[1], z_data + out_offset,
                     length);
          });
    });
    return absl::OkStatus();
  }

  bool incompatible_shape_error_ = true;
  ElementwiseSharding sharding_;
};

// REGISTER_BINARY_OP_CPU("Add", functor::Add, float) registers BinaryOp<functor::Add<float>>
// as the CPU kernel of op "Add" for T = float.
#define REGISTER_BINARY_OP_CPU(op_name, functor_template, T)                       \
  REGISTER_KERNEL_BUILDER(Name(op_name).Device(DEVICE_CPU).TypeConstraint<T>("T"), \
                          ::rill::BinaryOp<functor_template<T>>)

}  // namespace rill

#endif  // RILL_KERNELS_CPU_MATH_BINARY_OP_H_
