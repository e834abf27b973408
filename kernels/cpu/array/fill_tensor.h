// FillTensor: sets every element of a tensor to one value, by element size for plain
// dtypes; the one fill behind Fill, ZerosLike, OnesLike and OneHot's off value.
#ifndef RILL_KERNELS_CPU_ARRAY_FILL_TENSOR_H_
#define RILL_KERNELS_CPU_ARRAY_FILL_TENSOR_H_

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <type_traits>

#include "core/framework/resource_handle.h"
#include "core/framework/tensor.h"
#include "core/framework/thread_pool.h"
#include "core/framework/types.h"
#include "core/framework/variant.h"

namespace rill {
namespace fill_internal {

// Bytes16 is a 16-byte element (complex128) as raw bytes.
struct Bytes16 {
  uint64_t lo;
  uint64_t hi;
};

// FillAs fills `count` elements of type E at `dst` with `value`, sharded over `pool` (when
// not null) once the work is large enough to pay for it.
template <typename E>
void FillAs(E* dst, int64_t count, const E& value, ThreadPool* pool) {
  const auto fill = [dst, &value](int64_t begin, int64_t end) {
    std::fill(dst + begin, dst + end, value);
  };
  if (pool == nullptr) {
    fill(0, count);
    return;
  }
  // Cost per element in cycles: about one cycle per 8 bytes stored, strings far more.
  const int64_t cost = std::is_trivially_copyable_v<E> ? 1 + sizeof(E) / 8 : 50;
  pool->ParallelFor(count, cost, fill);
}

}  // namespace fill_internal

// FillTensor sets every element of `out` to the single element of `value`, which must
// have out's dtype. Plain dtypes are filled by element size (one instantiation per size,
// not per dtype), strings, resource handles and variants by assignment.
// REQUIRES: value.NumElements() == 1, value.dtype() == out->dtype(), out initialized.
inline void FillTensor(const Tensor& value, Tensor* out, ThreadPool* pool) {
  const int64_t count = out->NumElements();
  if (count == 0) return;
  using fill_internal::FillAs;
  switch (out->dtype()) {
    case DT_STRING:
      FillAs(static_cast<std::string*>(out->data()), count,
             *static_cast<const std::string*>(value.data()), pool);
      return;
    case DT_RESOURCE:
      FillAs(static_cast<ResourceHandle*>(out->data()), count,
             *static_cast<const ResourceHandle*>(value.data()), pool);
      return;
    case DT_VARIANT:
      FillAs(static_cast<Variant*>(out->data()), count, *static_cast<const Variant*>(value.data()),
             pool);
      return;
    default:
      break;
  }
  const auto fill_bytes = [&](auto element) {
    std::memcpy(&element, value.data(), sizeof(element));
    const unsigned char* bytes = static_cast<const unsigned char*>(value.data());
    if (std::all_of(bytes, bytes + sizeof(element), [&](unsigned char b) { return b == *bytes; })) {
      // One repeated byte (zeros, mostly): memset, several times faster than an element loop.
      FillAs(static_cast<unsigned char*>(out->data()), count * sizeof(element), *bytes, pool);
      return;
    }
    FillAs(static_cast<decltype(element)*>(out->data()), count, element, pool);
  };
  switch (DataTypeSize(out->dtype())) {
    case 1:
      fill_bytes(uint8_t{});
      return;
    case 2:
      fill_bytes(uint16_t{});
      return;
    case 4:
      fill_bytes(uint32_t{});
      return;
    case 8:
      fill_bytes(uint64_t{});
      return;
    case 16:
      fill_bytes(fill_internal::Bytes16{});
      return;
    default:
      return;
  }
}

}  // namespace rill

#endif  // RILL_KERNELS_CPU_ARRAY_FILL_TENSOR_H_
