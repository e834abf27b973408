// The CPU kernels of SoftmaxCrossEntropyWithLogits (labels as probabilities, broadcasting to
// a [batch, classes] matrix) and SparseSoftmaxCrossEntropyWithLogits (one class id per row,
// int32 or int64), for half, bfloat16, float and double: one softmax_rows pass per row.
#include <algorithm>
#include <cstdint>

#include "absl/status/status.h"
#include "core/framework/errors.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/op_kernel.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_shape.h"
#include "kernels/cpu/math/elementwise_sharding.h"
#include "kernels/cpu/nn/softmax_rows.h"
#include "unsupported/Eigen/CXX11/Tensor"

namespace rill {
namespace {

// RowCost is the cost of one cross-entropy row of `classes` elements: a max, two exps, a
// sum and the gradient pass.
template <typename T>
Eigen::TensorOpCost RowCost(int64_t classes) {
  return Eigen::TensorOpCost(2 * classes * sizeof(T), classes * sizeof(T), classes * 48.0);
}

// AsMatrixShape returns the [rows, cols] a tensor of rank <= 2 broadcasts as (missing
// leading dims are 1).
void AsMatrixShape(const TensorShape& shape, int64_t* rows, int64_t* cols) {
  *rows = shape.dims() == 2 ? shape.dim_size(0) : 1;
  *cols = shape.dims() >= 1 ? shape.dim_size(shape.dims() - 1) : 1;
}

// BroadcastTo copies the [rows, cols] matrix `in` (each of rows, cols equal to out's or 1)
// into the [out_rows, out_cols] matrix `out`.
template <typename T>
void BroadcastTo(const T* in, int64_t rows, int64_t cols, T* out, int64_t out_rows,
                 int64_t out_cols) {
  for (int64_t r = 0; r < out_rows; ++r) {
    const T* row = in + (rows == 1 ? 0 : r) * cols;
    for (int64_t c = 0; c < out_cols; ++c) out[r * out_cols + c] = row[cols == 1 ? 0 : c];
  }
}

// SoftmaxXentOp<T>: features and labels broadcast (NumPy rules, at most rank 2) to one
// [batch, classes] matrix; loss [batch], backprop [batch, classes]. Inputs that need
// broadcasting are first expanded into scratch matrices. Thread-safe.
template <typename T>
class SoftmaxXentOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Compute(OpKernelContext* ctx) override {
    const Tensor& logits = ctx->input(0);
    const Tensor& labels = ctx->input(1);
    int64_t logit_rows, logit_cols, label_rows, label_cols;
    AsMatrixShape(logits.shape(), &logit_rows, &logit_cols);
    AsMatrixShape(labels.shape(), &label_rows, &label_cols);
    const auto broadcastable = [](int64_t a, int64_t b) { return a == b || a == 1 || b == 1; };
    if (std::max(logits.dims(), labels.dims()) != 2) {
      return errors::InvalidArgument(
          "logits and labels must be either 2-dimensional, or broadcasted to be "
          "2-dimensional, got logits shape ",
          logits.shape().DebugString(), " and labels shape ", labels.shape().DebugString());
    }
    if (!broadcastable(logit_rows, label_rows) || !broadcastable(logit_cols, label_cols)) {
      return errors::InvalidArgument("logits and labels must be broadcastable: logits_size=",
                                     logits.shape().DebugString(),
                                     " labels_size=", labels.shape().DebugString());
    }
    const int64_t batch = std::max(logit_rows, label_rows);
    const int64_t classes = std::max(logit_cols, label_cols);
    const TensorShape matrix({batch, classes});
    const T* logit_data = static_cast<const T*>(logits.data());
    const T* label_data = static_cast<const T*>(labels.data());
    Tensor broadcast_logits;
    Tensor broadcast_labels;
    if (logit_rows != batch || logit_cols != classes) {
      RETURN_IF_ERROR(ctx->allocate_temp(DataTypeToEnum<T>::value, matrix, &broadcast_logits));
      T* expanded = static_cast<T*>(broadcast_logits.data());
      BroadcastTo(logit_data, logit_rows, logit_cols, expanded, batch, classes);
      logit_data = expanded;
    }
    if (label_rows != batch || label_cols != classes) {
      RETURN_IF_ERROR(ctx->allocate_temp(DataTypeToEnum<T>::value, matrix, &broadcast_labels));
      T* expanded = static_cast<T*>(broadcast_labels.data());
      BroadcastTo(label_data, label_rows, label_cols, expanded, batch, classes);
      label_data = expanded;
    }

    Tensor* loss;
    Tensor* backprop;
    RETURN_IF_ERROR(ctx->allocate_output(0, TensorShape({batch}), &loss));
    RETURN_IF_ERROR(ctx->forward_input_or_allocate_output({0}, 1, matrix, &backprop));
    T* loss_data = static_cast<T*>(loss->data());
    if (classes == 0) {
      for (int64_t r = 0; r < batch; ++r) loss_data[r] = T(0);
      return absl::OkStatus();
    }
    T* grad = static_cast<T*>(backprop->data());
    sharding_.Run(ctx, batch, RowCost<T>(classes), [&](int64_t begin, int64_t end) {
      for (int64_t r = begin; r < end; ++r) {
        loss_data[r] = softmax_rows::CrossEntropy(logit_data + r * classes,
                                                  label_data + r * classes,
                                                  grad + r * classes, classes);
      }
    });
    return absl::OkStatus();
  }

  bool IsExpensive() const override { return sharding_.IsExpensive(); }

 private:
  ElementwiseSharding sharding_;
};

// SparseSoftmaxXentOp<T, Index>: features [batch, classes], labels [batch] in
// [0, classes); loss [batch], backprop [batch, classes]. Every label is checked first: one
// outside the range is InvalidArgument naming its value and row. Thread-safe.
template <typename T, typename Index>
class SparseSoftmaxXentOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Compute(OpKernelContext* ctx) override {
    const Tensor& logits = ctx->input(0);
    const Tensor& labels = ctx->input(1);
    if (logits.dims() != 2) {
      return errors::InvalidArgument("logits must be 2-D, but got shape ",
                                     logits.shape().DebugString());
    }
    if (labels.dims() != 1) {
      return errors::InvalidArgument("labels must be 1-D, but got shape ",
                                     labels.shape().DebugString());
    }
    if (logits.dim_size(0) != labels.dim_size(0)) {
      return errors::InvalidArgument(
          "logits and labels must have the same first dimension, got logits shape ",
          logits.shape().DebugString(), " and labels shape ", labels.shape().DebugString());
    }
    const int64_t batch = logits.dim_size(0);
    const int64_t classes = logits.dim_size(1);
    if (classes == 0) {
      return errors::InvalidArgument("Must have at least one class, but got logits shape ",
                                     logits.shape().DebugString());
    }
    const Index* label_data = static_cast<const Index*>(labels.data());
    for (int64_t r = 0; r < batch; ++r) {
      const Index label = label_data[r];
      if (label < 0 || static_cast<int64_t>(label) >= classes) {
        return errors::InvalidArgument("Received a label value of ", label,
                                       " which is outside the valid range of [0, ", classes,
                                       ") in row ", r, " (labels[", r, "])");
      }
    }

    Tensor* loss;
    Tensor* backprop;
    RETURN_IF_ERROR(ctx->allocate_output(0, TensorShape({batch}), &loss));
    RETURN_IF_ERROR(ctx->forward_input_or_allocate_output({0}, 1, logits.shape(), &backprop));
    const T* logit_data = static_cast<const T*>(logits.data());
    T* loss_data = static_cast<T*>(loss->data());
    T* grad = static_cast<T*>(backprop->data());
    sharding_.Run(ctx, batch, RowCost<T>(classes), [&](int64_t begin, int64_t end) {
      for (int64_t r = begin; r < end; ++r) {
        loss_data[r] = softmax_rows::SparseCrossEntropy(logit_data + r * classes, label_data[r],
                                                        grad + r * classes, classes);
      }
    });
    return absl::OkStatus();
  }

  bool IsExpensive() const override { return sharding_.IsExpensive(); }

 private:
  ElementwiseSharding sharding_;
};

#define REGISTER_XENT_CPU(T)                                                                \
  REGISTER_KERNEL_BUILDER(                                                                  \
      Name("SoftmaxCrossEntropyWithLogits").Device(DEVICE_CPU).TypeConstraint<T>("T"),      \
      SoftmaxXentOp<T>);                                                                    \
  REGISTER_KERNEL_BUILDER(Name("SparseSoftmaxCrossEntropyWithLogits")                       \
                              .Device(DEVICE_CPU)                                           \
                              .TypeConstraint<T>("T")                                       \
                              .TypeConstraint<int32_t>("Tlabels"),                          \
                          SparseSoftmaxXentOp<T, int32_t>);                                 \
  REGISTER_KERNEL_BUILDER(Name("SparseSoftmaxCrossEntropyWithLogits")                       \
                              .Device(DEVICE_CPU)                                           \
                              .TypeConstraint<T>("T")                                       \
                              .TypeConstraint<int64_t>("Tlabels"),                          \
                          SparseSoftmaxXentOp<T, int64_t>)

REGISTER_XENT_CPU(Eigen::half);
REGISTER_XENT_CPU(Eigen::bfloat16);
REGISTER_XENT_CPU(float);
REGISTER_XENT_CPU(double);

}  // namespace
}  // namespace rill
