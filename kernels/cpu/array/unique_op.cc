// The CPU kernel of Unique: distinct elements in order of first occurrence, hashed as keys
// that compare like the values (six hash-table instantiations rather than one per dtype).
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <type_traits>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "core/framework/device_type.h"
#include "core/framework/errors.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/op_kernel.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_shape.h"
#include "core/framework/types.h"
#include "kernels/cpu/array/slice_mover.h"

namespace rill {
namespace {

// The dtypes Unique supports: real numbers, bool and string, as in TensorFlow.
const DataType kUniqueTypes[] = {DT_HALF,   DT_BFLOAT16, DT_FLOAT, DT_DOUBLE, DT_INT8,
                                 DT_INT16,  DT_INT32,    DT_INT64, DT_UINT8,  DT_UINT16,
                                 DT_UINT32, DT_UINT64,   DT_BOOL,  DT_STRING};

// FirstOccurrences sets idx[i] to the rank, in order of first occurrence, of keys[i]'s
// value, and returns the position of each value's first occurrence.
template <typename Key>
std::vector<int64_t> FirstOccurrences(const Key* keys, int64_t size, int64_t* idx) {
  absl::flat_hash_map<Key, int64_t> rank_of;
  rank_of.reserve(size);
  std::vector<int64_t> first;
  for (int64_t i = 0; i < size; ++i) {
    if constexpr (std::is_floating_point_v<Key>) {
      // NaN equals nothing, itself included: a value of its own, kept out of the table
      // (whose lookups must find what it stores).
      if (std::isnan(keys[i])) {
        idx[i] = static_cast<int64_t>(first.size());
        first.push_back(i);
        continue;
      }
    }
    const auto inserted = rank_of.try_emplace(keys[i], static_cast<int64_t>(first.size()));
    if (inserted.second) first.push_back(i);
    idx[i] = inserted.first->second;
  }
  return first;
}

// AsDoubles converts floating-point elements exactly, so that equal values (0.0 and -0.0)
// are equal keys and every NaN is a key of its own.
template <typename T>
std::vector<double> AsDoubles(const Tensor& x) {
  const T* data = static_cast<const T*>(x.data());
  std::vector<double> values(x.NumElements());
  for (size_t i = 0; i < values.size(); ++i) values[i] = static_cast<double>(data[i]);
  return values;
}

class UniqueOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Compute(OpKernelContext* ctx) override {
    const Tensor& x = ctx->input(0);
    if (x.dims() != 1) {
      return errors::InvalidArgument("unique expects a 1D vector, got shape ",
                                     x.shape().DebugString());
    }
    const int64_t size = x.NumElements();
    if (output_type(1) == DT_INT32 && size > std::numeric_limits<int32_t>::max()) {
      return errors::InvalidArgument(
          "unique does not support input tensors larger than int32 max with out_idx int32");
    }

    std::vector<int64_t> idx(size);
    std::vector<int64_t> first;
    const void* data = x.data();
    switch (x.dtype()) {
      case DT_HALF:
        first = FirstOccurrences(AsDoubles<Eigen::half>(x).data(), size, idx.data());
        break;
      case DT_BFLOAT16:
        first = FirstOccurrences(AsDoubles<Eigen::bfloat16>(x).data(), size, idx.data());
        break;
      case DT_FLOAT:
        first = FirstOccurrences(AsDoubles<float>(x).data(), size, idx.data());
        break;
      case DT_DOUBLE:
        first = FirstOccurrences(static_cast<const double*>(data), size, idx.data());
        break;
      case DT_STRING: {
        const std::string* strings = static_cast<const std::string*>(data);
        const std::vector<absl::string_view> views(strings, strings + size);
        first = FirstOccurrences(views.data(), size, idx.data());
        break;
      }
      default:
        // Integers and bool: equal values have equal bits.
        switch (DataTypeSize(x.dtype())) {
          case 1:
            first = FirstOccurrences(static_cast<const uint8_t*>(data), size, idx.data());
            break;
          case 2:
            first = FirstOccurrences(static_cast<const uint16_t*>(data), size, idx.data());
            break;
          case 4:
            first = FirstOccurrences(static_cast<const uint32_t*>(data), size, idx.data());
            break;
          default:
            first = FirstOccurrences(static_cast<const uint64_t*>(data), size, idx.data());
            break;
        }
    }

    Tensor* y;
    RETURN_IF_ERROR(ctx->allocate_output(0, TensorShape({static_cast<int64_t>(first.size())}), &y));
    VisitSliceMover(x.dtype(), 1, [&](auto mover) {
      const char* src = static_cast<const char*>(data);
      char* dst = static_cast<char*>(y->data());
      for (size_t k = 0; k < first.size(); ++k) {
        mover(dst + k * mover.bytes(), src + first[k] * mover.bytes());
      }
    });

    Tensor* idx_out;
    RETURN_IF_ERROR(ctx->allocate_output(1, x.shape(), &idx_out));
    if (idx_out->dtype() == DT_INT32) {
      int32_t* out = static_cast<int32_t*>(idx_out->data());
      for (int64_t i = 0; i < size; ++i) out[i] = static_cast<int32_t>(idx[i]);
    } else {
      int64_t* out = static_cast<int64_t*>(idx_out->data());
      for (int64_t i = 0; i < size; ++i) out[i] = idx[i];
    }
    return absl::OkStatus();
  }
};

REGISTER_KERNEL_BUILDER(Name("Unique").Device(DEVICE_CPU).TypeConstraint("T", kUniqueTypes),
                        UniqueOp);

}  // namespace
}  // namespace rill
