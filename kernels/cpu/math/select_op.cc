// The CPU kernels of Select (condition of t's shape, a vector choosing rows, or a scalar)
// and SelectV2 (condition, t and e broadcast together), for every POD dtype and string.
#include <cstdint>
#include <cstring>
#include <string>
#include <type_traits>

#ifdef __AVX2__
#include <immintrin.h>
#endif

#include "absl/status/status.h"
#include "core/framework/errors.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/op_kernel.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_shape.h"
#include "core/framework/types.h"
#include "kernels/cpu/math/bcast.h"
#include "kernels/cpu/math/elementwise_sharding.h"
#include "unsupported/Eigen/CXX11/Tensor"

namespace rill {
namespace {

// Select only moves elements, so its kernels are keyed on how an element moves rather than
// on the dtype: trivially copyable elements move as their bytes (BytesElement), so float,
// int32 and uint32 share one kernel; other types (string) by assignment (ObjectElement).
// Both provide kBytes, the element size; CopyOne(from, to), which moves one element; and
// Copy(from, to, n), which moves n. `from` and `to` are the same or disjoint.
template <size_t kSize>
struct BytesElement {
  static constexpr size_t kBytes = kSize;

  static void CopyOne(const char* from, char* to) {
    char element[kSize];
    std::memcpy(element, from, kSize);
    std::memcpy(to, element, kSize);
  }
  static void Copy(const char* from, char* to, int64_t n) {
    if (from != to) std::memcpy(to, from, n * kSize);
  }
};

template <typename T>
struct ObjectElement {
  static constexpr size_t kBytes = sizeof(T);

  static void CopyOne(const char* from, char* to) {
    *reinterpret_cast<T*>(to) = *reinterpret_cast<const T*>(from);
  }
  static void Copy(const char* from, char* to, int64_t n) {
    if (from == to) return;
    const T* source = reinterpret_cast<const T*>(from);
    T* target = reinterpret_cast<T*>(to);
    for (int64_t i = 0; i < n; ++i) target[i] = source[i];
  }
};

template <typename T>
using SelectElement =
    std::conditional_t<std::is_trivially_copyable_v<T>, BytesElement<sizeof(T)>, ObjectElement<T>>;

// Operands: the raw element pointers of one select, as bytes.
struct Operands {
  const bool* condition;
  const char* then_data;
  const char* else_data;
  char* output;
};

Operands OperandsOf(const Tensor& condition, const Tensor& then_tensor, const Tensor& else_tensor,
                    Tensor* output) {
  return {condition.unaligned_flat<bool>().data(), static_cast<const char*>(then_tensor.data()),
          static_cast<const char*>(else_tensor.data()), static_cast<char*>(output->data())};
}

// ElementCost: the bytes and cycles of one output element, for sharding.
template <typename Element>
Eigen::TensorOpCost ElementCost() {
  return Eigen::TensorOpCost(1 + Element::kBytes, Element::kBytes, 1);
}

#ifdef __AVX2__
// BlendWords sets out[i] = c[i] ? t[i] : e[i] for the first elements of [0, n) of kBytes
// (1, 2, 4 or 8) bytes each, 32 bytes at a time: the condition bytes widened to lane masks
// and a byte blend (no branch per element). Returns how many elements it did; the caller
// does the rest. `out` may be `t` or `e`.
template <size_t kBytes>
int64_t BlendWords(const bool* c, const char* t, const char* e, char* out, int64_t n) {
  constexpr int64_t kLanes = 32 / kBytes;
  const uint8_t* cond = reinterpret_cast<const uint8_t*>(c);
  const __m256i zero = _mm256_setzero_si256();
  int64_t i = 0;
  for (; i + kLanes <= n; i += kLanes) {
    __m256i mask;
    if constexpr (kBytes == 1) {
      const __m256i bytes = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(cond + i));
      mask = _mm256_xor_si256(_mm256_cmpeq_epi8(bytes, zero), _mm256_set1_epi8(-1));
    } else if constexpr (kBytes == 2) {
      const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(cond + i));
      mask = _mm256_cmpgt_epi16(_mm256_cvtepu8_epi16(bytes), zero);
    } else if constexpr (kBytes == 4) {
      int64_t bytes;
      std::memcpy(&bytes, cond + i, sizeof(bytes));
      mask = _mm256_cmpgt_epi32(_mm256_cvtepu8_epi32(_mm_cvtsi64_si128(bytes)), zero);
    } else {
      int32_t bytes;
      std::memcpy(&bytes, cond + i, sizeof(bytes));
      mask = _mm256_cmpgt_epi64(_mm256_cvtepu8_epi64(_mm_cvtsi32_si128(bytes)), zero);
    }
    const __m256i then_words = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(t + i * kBytes));
    const __m256i else_words = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(e + i * kBytes));
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + i * kBytes),
                        _mm256_blendv_epi8(else_words, then_words, mask));
  }
  return i;
}
#endif

// SelectElementwise sets output[i] = condition[i] ? then[i] : else[i] for i in
// [begin, end). The output may be the then or the else buffer.
template <typename Element>
void SelectElementwise(const Operands& in, int64_t begin, int64_t end) {
  constexpr size_t kBytes = Element::kBytes;
#ifdef __AVX2__
  if constexpr (std::is_same_v<Element, BytesElement<kBytes>> && kBytes <= 8) {
    begin += BlendWords<kBytes>(in.condition + begin, in.then_data + begin * kBytes,
                                in.else_data + begin * kBytes, in.output + begin * kBytes,
                                end - begin);
  }
#endif
  for (int64_t i = begin; i < end; ++i) {
    Element::CopyOne((in.condition[i] ? in.then_data : in.else_data) + i * kBytes,
                     in.output + i * kBytes);
  }
}

// SelectOp: TensorFlow's Select. A scalar condition picks t or e whole (sharing its
// buffer); a vector condition against t of rank >= 2 picks rows (slices along dim 0); any
// other condition has t's shape and picks element by element. t and e have one shape.
template <typename Element>
class SelectOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Compute(OpKernelContext* ctx) override {
    const Tensor& condition = ctx->input(0);
    const Tensor& then_tensor = ctx->input(1);
    const Tensor& else_tensor = ctx->input(2);
    if (then_tensor.shape() != else_tensor.shape()) {
      return errors::InvalidArgument("'then' and 'else' must have the same shape, but are ",
                                     then_tensor.shape().DebugString(), " and ",
                                     else_tensor.shape().DebugString());
    }
    if (condition.dims() == 0) {
      return ctx->set_output(0, condition.scalar<bool>()() ? then_tensor : else_tensor);
    }
    const bool by_rows = condition.dims() == 1 && then_tensor.dims() != 1;
    if (by_rows) {
      if (then_tensor.dims() == 0) {
        return errors::InvalidArgument(
            "'then' must be at least a vector when 'condition' is a vector, but has shape ",
            then_tensor.shape().DebugString());
      }
      if (condition.NumElements() != then_tensor.dim_size(0)) {
        return errors::InvalidArgument(
            "Number of batches of 'then' must match size of 'condition', but are ",
            then_tensor.dim_size(0), " and ", condition.NumElements());
      }
    } else if (condition.shape() != then_tensor.shape()) {
      return errors::InvalidArgument("'condition' and 'then' must have the same shape, but are ",
                                     condition.shape().DebugString(), " and ",
                                     then_tensor.shape().DebugString());
    }
    Tensor* output;
    RETURN_IF_ERROR(ctx->forward_input_or_allocate_output({1, 2}, 0, then_tensor.shape(), &output));
    const Operands in = OperandsOf(condition, then_tensor, else_tensor, output);
    if (!by_rows) {
      sharding_.Run(
          ctx, output->NumElements(), ElementCost<Element>(),
          [&](int64_t begin, int64_t end) { SelectElementwise<Element>(in, begin, end); });
      return absl::OkStatus();
    }
    const int64_t rows = then_tensor.dim_size(0);
    const int64_t row_elements = rows == 0 ? 0 : then_tensor.NumElements() / rows;
    const int64_t row_bytes = row_elements * Element::kBytes;
    const Eigen::TensorOpCost row_cost(1 + row_bytes, row_bytes, static_cast<double>(row_elements));
    sharding_.Run(ctx, rows, row_cost, [&](int64_t begin, int64_t end) {
      for (int64_t row = begin; row < end; ++row) {
        Element::Copy((in.condition[row] ? in.then_data : in.else_data) + row * row_bytes,
                      in.output + row * row_bytes, row_elements);
      }
    });
    return absl::OkStatus();
  }

  bool IsExpensive() const override { return sharding_.IsExpensive(); }

 private:
  ElementwiseSharding sharding_;
};

// SelectV2Op: TensorFlow's SelectV2, where condition, t and e broadcast against each other
// under NumPy's rules, in any rank.
template <typename Element>
class SelectV2Op : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Compute(OpKernelContext* ctx) override {
    const Tensor& condition = ctx->input(0);
    const Tensor& then_tensor = ctx->input(1);
    const Tensor& else_tensor = ctx->input(2);
    Tensor* output;
    if (condition.shape() == then_tensor.shape() && then_tensor.shape() == else_tensor.shape()) {
      RETURN_IF_ERROR(
          ctx->forward_input_or_allocate_output({1, 2}, 0, then_tensor.shape(), &output));
      const Operands in = OperandsOf(condition, then_tensor, else_tensor, output);
      sharding_.Run(
          ctx, output->NumElements(), ElementCost<Element>(),
          [&](int64_t begin, int64_t end) { SelectElementwise<Element>(in, begin, end); });
      return absl::OkStatus();
    }
    const BCastList<3> bcast({condition.shape().dim_sizes(), then_tensor.shape().dim_sizes(),
                              else_tensor.shape().dim_sizes()});
    if (!bcast.IsValid()) {
      return errors::InvalidArgument("condition ", condition.shape().DebugString(), ", then ",
                                     then_tensor.shape().DebugString(), " and else ",
                                     else_tensor.shape().DebugString(), " must be broadcastable");
    }
    const TensorShape shape(bcast.output_shape());
    if (then_tensor.shape() == shape) {
      RETURN_IF_ERROR(ctx->forward_input_or_allocate_output({1}, 0, shape, &output));
    } else if (else_tensor.shape() == shape) {
      RETURN_IF_ERROR(ctx->forward_input_or_allocate_output({2}, 0, shape, &output));
    } else {
      RETURN_IF_ERROR(ctx->allocate_output(0, shape, &output));
    }
    const Operands in = OperandsOf(condition, then_tensor, else_tensor, output);
    constexpr size_t kBytes = Element::kBytes;
    // Innermost strides, 0 (broadcast) or 1.
    const int64_t condition_step = bcast.strides(0).back();
    const int64_t then_step = bcast.strides(1).back() * kBytes;
    const int64_t else_step = bcast.strides(2).back() * kBytes;
    sharding_.Run(
        ctx, output->NumElements(), ElementCost<Element>(), [&](int64_t begin, int64_t end) {
          bcast.ForEachInnerRun(
              begin, end,
              [&](int64_t out_offset, const std::array<int64_t, 3>& in_offsets, int64_t length) {
                const bool* c = in.condition + in_offsets[0];
                const char* t = in.then_data + in_offsets[1] * kBytes;
                const char* e = in.else_data + in_offsets[2] * kBytes;
                char* out = in.output + out_offset * kBytes;
                for (int64_t j = 0; j < length; ++j) {
                  Element::CopyOne(c[j * condition_step] ? t + j * then_step : e + j * else_step,
                                   out + j * kBytes);
                }
              });
        });
    return absl::OkStatus();
  }

  bool IsExpensive() const override { return sharding_.IsExpensive(); }

 private:
  ElementwiseSharding sharding_;
};

}  // namespace

#define RILL_REGISTER_SELECT(T)                                                       \
  REGISTER_KERNEL_BUILDER(Name("Select").Device(DEVICE_CPU).TypeConstraint<T>("T"),   \
                          SelectOp<SelectElement<T>>);                                \
  REGISTER_KERNEL_BUILDER(Name("SelectV2").Device(DEVICE_CPU).TypeConstraint<T>("T"), \
                          SelectV2Op<SelectElement<T>>);

RILL_CALL_POD_TYPES(RILL_REGISTER_SELECT)
RILL_REGISTER_SELECT(std::string)

#undef RILL_REGISTER_SELECT

}  // namespace rill
