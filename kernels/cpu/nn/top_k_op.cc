// The CPU kernels of TopKV2 (half, bfloat16, float, double, int32, int64) and InTopKV2
// (int32 and int64 targets): per last-dimension row, a partial selection over one index
// buffer per shard, ties broken towards the lower index as TensorFlow does.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numeric>
#include <vector>

#include "absl/status/status.h"
#include "core/framework/errors.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/op_kernel.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "kernels/cpu/math/elementwise_sharding.h"
#include "unsupported/Eigen/CXX11/Tensor"

namespace rill {
namespace {

// IsNan is true only for a floating NaN.
template <typename T>
bool IsNan(const T& x) {
  if constexpr (std::numeric_limits<T>::has_quiet_NaN) {
    return Eigen::numext::isnan(x);
  } else {
    return false;
  }
}

// RanksBefore orders row entries for TopKV2: larger values first, a NaN above every number
// (so that the order stays a strict weak ordering), equal values by increasing index.
template <typename T>
struct RanksBefore {
  const T* row;
  bool operator()(int32_t a, int32_t b) const {
    const T& x = row[a];
    const T& y = row[b];
    const bool x_nan = IsNan(x);
    const bool y_nan = IsNan(y);
    if (x_nan || y_nan) return x_nan && (!y_nan || a < b);
    if (y < x) return true;
    if (x < y) return false;
    return a < b;
  }
};

// TopKOp<T>: values and indices of the k largest entries of each row, sorted (the `sorted`
// attr only permits an unspecified order, so they are always sorted). Thread-safe.
template <typename T>
class TopKOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Compute(OpKernelContext* ctx) override {
    const Tensor& input = ctx->input(0);
    const Tensor& k_tensor = ctx->input(1);
    if (k_tensor.dims() != 0) {
      return errors::InvalidArgument("k must be scalar, got shape ",
                                     k_tensor.shape().DebugString());
    }
    const int64_t k = k_tensor.scalar<int32_t>()();
    if (k < 0) return errors::InvalidArgument("Need k >= 0, got ", k);
    if (input.dims() < 1) {
      return errors::InvalidArgument("input must be >= 1-D, got shape ",
                                     input.shape().DebugString());
    }
    const int64_t n = input.dim_size(input.dims() - 1);
    if (n < k) {
      return errors::InvalidArgument("input must have at least k columns. Had ", n,
                                     ", needed ", k);
    }
    if (n > std::numeric_limits<int32_t>::max()) {
      return errors::InvalidArgument("input has ", n,
                                     " columns, more than int32 indices can address");
    }
    TensorShape out_shape = input.shape();
    out_shape.set_dim(input.dims() - 1, k);
    Tensor* values;
    Tensor* indices;
    RETURN_IF_ERROR(ctx->allocate_output(0, out_shape, &values));
    RETURN_IF_ERROR(ctx->allocate_output(1, out_shape, &indices));
    if (k == 0 || n == 0) return absl::OkStatus();
    const int64_t rows = input.NumElements() / n;
    const T* in = static_cast<const T*>(input.data());
    T* out_values = static_cast<T*>(values->data());
    int32_t* out_indices = static_cast<int32_t*>(indices->data());
    const Eigen::TensorOpCost row_cost(n * sizeof(T), k * (sizeof(T) + 4),
                                       n * 4.0 + k * std::log2(k + 1.0) * 4);
    sharding_.Run(ctx, rows, row_cost, [&](int64_t begin, int64_t end) {
      std::vector<int32_t> order(k == 1 ? 0 : n);
      for (int64_t r = begin; r < end; ++r) {
        const T* row = in + r * n;
        T* row_values = out_values + r * k;
        int32_t* row_indices = out_indices + r * k;
        const RanksBefore<T> ranks_before{row};
        if (k == 1) {
          int32_t best = 0;
          for (int32_t j = 1; j < n; ++j) {
            if (ranks_before(j, best)) best = j;
          }
          row_indices[0] = best;
          row_values[0] = row[best];
          continue;
        }
        std::iota(order.begin(), order.end(), 0);
        if (k < n) std::nth_element(order.begin(), order.begin() + k - 1, order.end(), ranks_before);
        std::sort(order.begin(), order.begin() + k, ranks_before);
        for (int64_t j = 0; j < k; ++j) {
          row_indices[j] = order[j];
          row_values[j] = row[order[j]];
        }
      }
    });
    return absl::OkStatus();
  }

  bool IsExpensive() const override { return sharding_.IsExpensive(); }

 private:
  ElementwiseSharding sharding_;
};

// InTopKOp<Index>: precision[b] is whether predictions[b, targets[b]] has fewer than k
// predictions of its row strictly above it; false for a target out of [0, classes) or a row
// holding a non-finite prediction. Thread-safe.
template <typename Index>
class InTopKOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Compute(OpKernelContext* ctx) override {
    const Tensor& predictions = ctx->input(0);
    const Tensor& targets = ctx->input(1);
    const Tensor& k_tensor = ctx->input(2);
    if (predictions.dims() != 2) {
      return errors::InvalidArgument("predictions must be 2-dimensional, got shape ",
                                     predictions.shape().DebugString());
    }
    if (targets.dims() != 1) {
      return errors::InvalidArgument("targets must be 1-dimensional, got shape ",
                                     targets.shape().DebugString());
    }
    if (predictions.dim_size(0) != targets.dim_size(0)) {
      return errors::InvalidArgument("First dimension of predictions ", predictions.dim_size(0),
                                     " must match length of targets ", targets.dim_size(0));
    }
    if (k_tensor.NumElements() != 1) {
      return errors::InvalidArgument("k must be 0-D, got shape ", k_tensor.shape().DebugString());
    }
    const int64_t k = *static_cast<const Index*>(k_tensor.data());
    const int64_t batch = predictions.dim_size(0);
    const int64_t classes = predictions.dim_size(1);
    Tensor* precision;
    RETURN_IF_ERROR(ctx->allocate_output(0, TensorShape({batch}), &precision));
    const float* scores = static_cast<const float*>(predictions.data());
    const Index* target_data = static_cast<const Index*>(targets.data());
    bool* out = static_cast<bool*>(precision->data());
    const Eigen::TensorOpCost row_cost(classes * sizeof(float), 1, classes * 2.0);
    sharding_.Run(ctx, batch, row_cost, [&](int64_t begin, int64_t end) {
      for (int64_t b = begin; b < end; ++b) {
        const float* row = scores + b * classes;
        const Index target = target_data[b];
        bool cannot_say = target < 0 || static_cast<int64_t>(target) >= classes ||
                          !std::isfinite(row[target]);
        int64_t more_probable = 0;
        if (!cannot_say) {
          const float target_score = row[target];
          for (int64_t c = 0; c < classes; ++c) {
            if (!std::isfinite(row[c])) {
              cannot_say = true;
              break;
            }
            if (row[c] > target_score && ++more_probable > k) break;
          }
        }
        out[b] = !cannot_say && more_probable < k;
      }
    });
    return absl::OkStatus();
  }

  bool IsExpensive() const override { return sharding_.IsExpensive(); }

 private:
  ElementwiseSharding sharding_;
};

#define REGISTER_TOPK_CPU(T) \
  REGISTER_KERNEL_BUILDER(Name("TopKV2").Device(DEVICE_CPU).TypeConstraint<T>("T"), TopKOp<T>)

REGISTER_TOPK_CPU(Eigen::half);
REGISTER_TOPK_CPU(Eigen::bfloat16);
REGISTER_TOPK_CPU(float);
REGISTER_TOPK_CPU(double);
REGISTER_TOPK_CPU(int32_t);
REGISTER_TOPK_CPU(int64_t);

REGISTER_KERNEL_BUILDER(Name("InTopKV2").Device(DEVICE_CPU).TypeConstraint<int32_t>("T"),
                        InTopKOp<int32_t>);
REGISTER_KERNEL_BUILDER(Name("InTopKV2").Device(DEVICE_CPU).TypeConstraint<int64_t>("T"),
                        InTopKOp<int64_t>);

}  // namespace
}  // namespace rill
