// The CPU MatMul kernel and functor::MatMul, the one Eigen contraction behind MatMul and
// BatchMatMulV2. The contraction is instantiated once per dtype, in matmul_op_<dtype>.cc;
// everything else uses those instantiations (16-bit floats through float).
#ifndef RILL_KERNELS_CPU_MATH_MATMUL_OP_H_
#define RILL_KERNELS_CPU_MATH_MATMUL_OP_H_

#include <algorithm>
#include <cstdint>
#include <type_traits>

#include "absl/status/status.h"
#include "core/framework/errors.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/op_kernel.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_shape.h"
#include "core/framework/tensor_types.h"
#include "Eigen/Core"
#include "kernels/cpu/math/expense_hint.h"
#include "unsupported/Eigen/CXX11/Tensor"

namespace rill {
namespace functor {

// kSequentialGemmWork bounds the multiply-adds of a product computed on the calling thread
// by Eigen's matrix GEMM: below it the tensor contraction would not use a second thread
// anyway, and its transposed operands cost up to 1.6x the GEMM's time ([128,128] x
// [64,128]^T: 27 against 22 microseconds on one core).
inline constexpr int64_t kSequentialGemmWork = int64_t{1} << 21;

// MatMul<T>::Compute sets `out` to op(a) * op(b), where op transposes its matrix when the
// flag says so, using the threads of `device` (a device of one thread computes on the
// calling thread). The maps are unaligned so that batch slices can be passed.
// REQUIRES: the contracted dimensions are equal and > 0; `out` is
// [rows of op(a), cols of op(b)] and does not overlap a or b.
template <typename T>
struct MatMul {
  using ConstMatrix = typename TTypes<T>::UnalignedConstMatrix;
  using Matrix = typename TTypes<T>::UnalignedMatrix;

  static void Compute(const Eigen::ThreadPoolDevice& device, ConstMatrix a, bool transpose_a,
                      ConstMatrix b, bool transpose_b, Matrix out);

 private:
  // SequentialGemm is Compute on the calling thread through Eigen's matrix GEMM, which
  // gives the contraction's results bit for bit (both accumulate each element in the
  // order of the contracted index). REQUIRES: out has at least 2 rows and 2 columns and
  // rows + cols + inner >= 20, where Eigen would use GEMV or a coefficient-wise product.
  static void SequentialGemm(ConstMatrix a, bool transpose_a, ConstMatrix b, bool transpose_b,
                             Matrix out);
};

// Defined out of the class so that `extern template` below keeps other files from
// instantiating it (a member defined in the class would be inline, and instantiated
// wherever used).
template <typename T>
void MatMul<T>::Compute(const Eigen::ThreadPoolDevice& device, ConstMatrix a, bool transpose_a,
                        ConstMatrix b, bool transpose_b, Matrix out) {
  const int64_t rows = out.dimension(0);
  const int64_t cols = out.dimension(1);
  const int64_t inner = transpose_a ? a.dimension(0) : a.dimension(1);
  if (rows >= 2 && cols >= 2 && rows + cols + inner >= 20 &&
      (device.numThreads() <= 1 || rows * cols * inner <= kSequentialGemmWork)) {
    SequentialGemm(a, transpose_a, b, transpose_b, out);
    return;
  }
  Eigen::array<Eigen::IndexPair<Eigen::DenseIndex>, 1> contracted;
  contracted[0] = Eigen::IndexPair<Eigen::DenseIndex>(transpose_a ? 0 : 1, transpose_b ? 1 : 0);
  out.device(device) = a.contract(b, contracted);
}

template <typename T>
void MatMul<T>::SequentialGemm(ConstMatrix a, bool transpose_a, ConstMatrix b, bool transpose_b,
                               Matrix out) {
  using RowMajor = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  const Eigen::Map<const RowMajor> ma(a.data(), a.dimension(0), a.dimension(1));
  const Eigen::Map<const RowMajor> mb(b.data(), b.dimension(0), b.dimension(1));
  Eigen::Map<RowMajor> mout(out.data(), out.dimension(0), out.dimension(1));
  if (transpose_a && transpose_b) {
    mout.noalias() = ma.transpose() * mb.transpose();
  } else if (transpose_a) {
    mout.noalias() = ma.transpose() * mb;
  } else if (transpose_b) {
    mout.noalias() = ma * mb.transpose();
  } else {
    mout.noalias() = ma * mb;
  }
}

extern template struct MatMul<float>;
extern template struct MatMul<double>;
extern template struct MatMul<int32_t>;
extern template struct MatMul<int64_t>;

// ComputeType is the type a product of T is computed in: float for the 16-bit floats
// (converted on the way in and out), T otherwise.
template <typename T>
using ComputeType =
    std::conditional_t<std::is_same_v<T, Eigen::half> || std::is_same_v<T, Eigen::bfloat16>, float,
                       T>;

// ToComputeType sets *wide to a new tensor holding `narrow` (of T) converted to
// ComputeType<T>. REQUIRES: ComputeType<T> differs from T.
template <typename T>
absl::Status ToComputeType(OpKernelContext* ctx, const Tensor& narrow, Tensor* wide) {
  using C = ComputeType<T>;
  RETURN_IF_ERROR(ctx->allocate_temp(DataTypeToEnum<C>::value, narrow.shape(), wide));
  const T* in = narrow.flat<T>().data();
  C* out = wide->flat<C>().data();
  for (int64_t i = 0; i < narrow.NumElements(); ++i) out[i] = static_cast<C>(in[i]);
  return absl::OkStatus();
}

// FromComputeType rounds `wide` (of ComputeType<T>) into `narrow`, of the same shape.
template <typename T>
void FromComputeType(const Tensor& wide, Tensor* narrow) {
  const ComputeType<T>* in = wide.flat<ComputeType<T>>().data();
  T* out = narrow->flat<T>().data();
  for (int64_t i = 0; i < narrow->NumElements(); ++i) out[i] = static_cast<T>(in[i]);
}

}  // namespace functor

// MatMulOp<T> is the MatMul kernel: product = op(a) * op(b) for matrices a and b, op
// transposing as transpose_a / transpose_b say. Multi-threaded on the device's intra-op
// pool for large products. Thread-safe: ExpenseHint is the only state Compute writes.
template <typename T>
class MatMulOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Initialize(OpKernelConstruction* ctx) override {
    RETURN_IF_ERROR(ctx->GetAttr("transpose_a", &transpose_a_));
    return ctx->GetAttr("transpose_b", &transpose_b_);
  }

  absl::Status Compute(OpKernelContext* ctx) override {
    const Tensor& a = ctx->input(0);
    const Tensor& b = ctx->input(1);
    for (int i = 0; i < 2; ++i) {
      if (!TensorShapeUtils::IsMatrix(ctx->input(i).shape())) {
        return errors::InvalidArgument("In[", i, "] is not a matrix. Instead it has shape ",
                                       ctx->input(i).shape().DebugString());
      }
    }
    const int a_inner = transpose_a_ ? 0 : 1;
    const int b_inner = transpose_b_ ? 1 : 0;
    if (a.dim_size(a_inner) != b.dim_size(b_inner)) {
      return errors::InvalidArgument("Matrix size-incompatible: In[0]: ", a.shape().DebugString(),
                                     ", In[1]: ", b.shape().DebugString(),
                                     ": the contracted dimensions have sizes ", a.dim_size(a_inner),
                                     " and ", b.dim_size(b_inner));
    }
    const int64_t rows = a.dim_size(1 - a_inner);
    const int64_t cols = b.dim_size(1 - b_inner);
    const int64_t inner = a.dim_size(a_inner);
    Tensor* product;
    RETURN_IF_ERROR(ctx->allocate_output(0, TensorShape({rows, cols}), &product));
    hint_.Record(rows * cols * inner);
    if (product->NumElements() == 0) return absl::OkStatus();
    if (inner == 0) {
      // An empty sum: every element is 0.
      std::fill_n(product->flat<T>().data(), product->NumElements(), T(0));
      return absl::OkStatus();
    }
    using C = functor::ComputeType<T>;
    if constexpr (std::is_same_v<C, T>) {
      functor::MatMul<T>::Compute(ctx->eigen_cpu_device(), ConstMap<T>(a), transpose_a_,
                                  ConstMap<T>(b), transpose_b_, MutableMap<T>(product));
    } else {
      Tensor a_wide, b_wide, product_wide;
      RETURN_IF_ERROR(functor::ToComputeType<T>(ctx, a, &a_wide));
      RETURN_IF_ERROR(functor::ToComputeType<T>(ctx, b, &b_wide));
      RETURN_IF_ERROR(
          ctx->allocate_temp(DataTypeToEnum<C>::value, product->shape(), &product_wide));
      functor::MatMul<C>::Compute(ctx->eigen_cpu_device(), ConstMap<C>(a_wide), transpose_a_,
                                  ConstMap<C>(b_wide), transpose_b_, MutableMap<C>(&product_wide));
      functor::FromComputeType<T>(product_wide, product);
    }
    return absl::OkStatus();
  }

  bool IsExpensive() const override { return hint_.expensive(); }

 private:
  template <typename U>
  static typename TTypes<U>::UnalignedConstMatrix ConstMap(const Tensor& t) {
    return
        typename TTypes<U>::UnalignedConstMatrix(t.flat<U>().data(), t.dim_size(0), t.dim_size(1));
  }
  template <typename U>
  static typename TTypes<U>::UnalignedMatrix MutableMap(Tensor* t) {
    return typename TTypes<U>::UnalignedMatrix(t->flat<U>().data(), t->dim_size(0), t->dim_size(1));
  }

  bool transpose_a_ = false;
  bool transpose_b_ = false;
  ExpenseHint hint_;
};

}  // namespace rill

#endif  // RILL_KERNELS_CPU_MATH_MATMUL_OP_H_
