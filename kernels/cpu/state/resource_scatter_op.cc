// CPU kernels of ResourceScatterAdd, ResourceScatterSub and ResourceScatterUpdate: sparse
// row updates of a variable (the embedding gradient step), every index checked before the
// variable is touched, duplicates accumulated (or, for Update, the last one kept).
#include <cstdint>
#include <string>
#include <type_traits>

#include "Eigen/Core"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "core/framework/device_type.h"
#include "core/framework/errors.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/op_kernel.h"
#include "core/framework/resource_handle.h"
#include "core/framework/resource_mgr.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_shape.h"
#include "core/framework/types.h"
#include "kernels/cpu/array/index_errors.h"
#include "kernels/cpu/state/var.h"

namespace rill {
namespace {

enum class ScatterKind { kAdd, kSub, kUpdate };

// ScatterRows is what a scatter kernel has validated: the variable as [rows, row_elements],
// the updates either one row per index or a single scalar for every element named.
struct ScatterRows {
  int64_t num_indices = 0;
  int64_t row_elements = 0;
  bool scalar_update = false;
};

// ValidateScatter checks updates.shape = indices.shape + var.shape[1:] (or a scalar
// update) and every index against var.shape[0], before anything is written.
template <typename Index>
absl::Status ValidateScatter(const ResourceHandle& handle, const Tensor& params,
                             const Tensor& indices, const Tensor& updates, ScatterRows* rows) {
  if (params.dims() < 1) {
    return errors::InvalidArgument("Variable ", handle.name(),
                                   " must be at least 1 dimensional to scatter into, got shape ",
                                   params.shape().DebugString());
  }
  rows->num_indices = indices.NumElements();
  rows->row_elements = 1;
  for (int i = 1; i < params.dims(); ++i) rows->row_elements *= params.dim_size(i);
  rows->scalar_update = updates.dims() == 0;
  if (!rows->scalar_update) {
    TensorShape expected = indices.shape();
    for (int i = 1; i < params.dims(); ++i) expected.AddDim(params.dim_size(i));
    if (updates.shape() != expected) {
      return errors::InvalidArgument(
          "Must have updates.shape = indices.shape + params.shape[1:] or updates.shape = [], "
          "got updates.shape ",
          updates.shape().DebugString(), ", indices.shape ", indices.shape().DebugString(),
          ", params.shape ", params.shape().DebugString(), " (variable ", handle.name(), ")");
    }
  }
  const int64_t limit = params.dim_size(0);
  const Index* index_data = static_cast<const Index*>(indices.data());
  for (int64_t i = 0; i < rows->num_indices; ++i) {
    const Index index = index_data[i];
    if (index < 0 || static_cast<int64_t>(index) >= limit) {
      return IndexNotInRange(indices.shape(), i, index, limit);
    }
  }
  return absl::OkStatus();
}

// ApplyToRow applies `kind` to `width` elements of `row` from `source`: one element each,
// or with `broadcast` the single element *source for all. Arithmetic rows go through Eigen
// so that they use vector instructions (GCC's -O2 leaves such loops scalar).
template <typename T, ScatterKind kind>
void ApplyToRow(T* row, const T* source, int64_t width, bool broadcast) {
  if constexpr (std::is_arithmetic_v<T>) {
    using Row = Eigen::Array<T, Eigen::Dynamic, 1>;
    Eigen::Map<Row> target(row, width);
    const T delta = *source;
    if constexpr (kind == ScatterKind::kAdd) {
      if (broadcast) {
        target += delta;
      } else {
        target += Eigen::Map<const Row>(source, width);
      }
    } else if constexpr (kind == ScatterKind::kSub) {
      if (broadcast) {
        target -= delta;
      } else {
        target -= Eigen::Map<const Row>(source, width);
      }
    } else if (broadcast) {
      target.setConstant(delta);
    } else {
      target = Eigen::Map<const Row>(source, width);
    }
  } else {
    for (int64_t k = 0; k < width; ++k) {
      const T& delta = source[broadcast ? 0 : k];
      if constexpr (kind == ScatterKind::kAdd) {
        row[k] = row[k] + delta;
      } else if constexpr (kind == ScatterKind::kSub) {
        row[k] = row[k] - delta;
      } else {
        row[k] = delta;
      }
    }
  }
}

// ResourceScatterOp<T, Index, kind> applies `kind` row by row, in index order.
template <typename T, typename Index, ScatterKind kind>
class ResourceScatterOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Compute(OpKernelContext* ctx) override {
    const ResourceHandle* handle = nullptr;
    Var* var = nullptr;
    RETURN_IF_ERROR(LookupVariable(ctx, 0, &handle, &var));
    ScopedUnref unref(var);
    const Tensor& indices = ctx->input(1);
    const Tensor& updates = ctx->input(2);
    absl::MutexLock lock(var->mu());
    RETURN_IF_ERROR(CheckVariableReadable(*handle, var, DataTypeToEnum<T>::value));
    ScatterRows rows;
    RETURN_IF_ERROR(ValidateScatter<Index>(*handle, *var->tensor(), indices, updates, &rows));
    if (rows.num_indices == 0 || rows.row_elements == 0) return absl::OkStatus();
    RETURN_IF_ERROR(PrepareToUpdateVariable(*handle, var));

    T* params = static_cast<T*>(var->tensor()->data());
    const T* update_data = static_cast<const T*>(updates.data());
    const Index* index_data = static_cast<const Index*>(indices.data());
    const int64_t width = rows.row_elements;
    for (int64_t i = 0; i < rows.num_indices; ++i) {
      ApplyToRow<T, kind>(params + static_cast<int64_t>(index_data[i]) * width,
                          rows.scalar_update ? update_data : update_data + i * width, width,
                          rows.scalar_update);
    }
    return absl::OkStatus();
  }
};

#define REGISTER_SCATTER(op, T, Index, kind)                                                    \
  REGISTER_KERNEL_BUILDER(                                                                      \
      Name(op).Device(DEVICE_CPU).TypeConstraint<T>("dtype").TypeConstraint<Index>("Tindices"), \
      ResourceScatterOp<T, Index, kind>);

#define REGISTER_ARITHMETIC(T)                                          \
  REGISTER_SCATTER("ResourceScatterAdd", T, int32_t, ScatterKind::kAdd) \
  REGISTER_SCATTER("ResourceScatterAdd", T, int64_t, ScatterKind::kAdd) \
  REGISTER_SCATTER("ResourceScatterSub", T, int32_t, ScatterKind::kSub) \
  REGISTER_SCATTER("ResourceScatterSub", T, int64_t, ScatterKind::kSub)
RILL_CALL_NUMBER_TYPES(REGISTER_ARITHMETIC)
#undef REGISTER_ARITHMETIC

#define REGISTER_UPDATE(T)                                                    \
  REGISTER_SCATTER("ResourceScatterUpdate", T, int32_t, ScatterKind::kUpdate) \
  REGISTER_SCATTER("ResourceScatterUpdate", T, int64_t, ScatterKind::kUpdate)
RILL_CALL_POD_TYPES(REGISTER_UPDATE)
REGISTER_UPDATE(std::string)
#undef REGISTER_UPDATE
#undef REGISTER_SCATTER

}  // namespace
}  // namespace rill
