// SliceMovers copy one fixed-size slice of tensor elements at a time, chosen once per
// kernel run by dtype and slice size: the inner loop of GatherV2, GatherNd, OneHot, Unique.
#ifndef RILL_KERNELS_CPU_ARRAY_SLICE_MOVER_H_
#define RILL_KERNELS_CPU_ARRAY_SLICE_MOVER_H_

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>

#include "core/framework/resource_handle.h"
#include "core/framework/types.h"
#include "core/framework/variant.h"

namespace rill {

// A SliceMover copies one slice from `src` to `dst` (non-overlapping; both point at the
// first element of a slice) with `mover(dst, src)`, and says the slice's size in bytes of
// the tensor buffer with `mover.bytes()`, so that slice k of a buffer starts at
// `base + k * mover.bytes()`.

// FixedBytesMover copies slices of exactly kBytes bytes (one float, one int64, ...): a
// compile-time-sized memcpy, i.e. a single load and store.
template <int64_t kBytes>
struct FixedBytesMover {
  void operator()(void* dst, const void* src) const { std::memcpy(dst, src, kBytes); }
  static constexpr int64_t bytes() { return kBytes; }
};

// BytesMover copies slices of any number of bytes of a memcpy-able dtype (rows of a table).
struct BytesMover {
  void operator()(void* dst, const void* src) const { std::memcpy(dst, src, bytes_); }
  int64_t bytes() const { return bytes_; }
  int64_t bytes_;
};

// ObjectMover copies slices of elements that are C++ objects (strings, resource handles,
// variants) by assignment.
template <typename T>
struct ObjectMover {
  void operator()(void* dst, const void* src) const {
    std::copy_n(static_cast<const T*>(src), elements_, static_cast<T*>(dst));
  }
  int64_t bytes() const { return elements_ * static_cast<int64_t>(sizeof(T)); }
  int64_t elements_;
};

// VisitSliceMover calls fn(mover) with the mover for slices of `slice_elements` elements
// of `dtype`, and returns true; false (fn not called) for a dtype without a C++ element
// type. fn is instantiated once per mover kind (six), whatever the dtype:
//   VisitSliceMover(dtype, row_elements, [&](auto mover) { ... mover(dst, src); ... });
template <typename Fn>
bool VisitSliceMover(DataType dtype, int64_t slice_elements, Fn&& fn) {
  switch (dtype) {
    case DT_STRING:
      fn(ObjectMover<std::string>{slice_elements});
      return true;
    case DT_RESOURCE:
      fn(ObjectMover<ResourceHandle>{slice_elements});
      return true;
    case DT_VARIANT:
      fn(ObjectMover<Variant>{slice_elements});
      return true;
    default:
      break;
  }
  if (!DataTypeCanUseMemcpy(dtype)) return false;
  const int64_t bytes = slice_elements * DataTypeSize(dtype);
  if (bytes == 4) {
    fn(FixedBytesMover<4>());
  } else if (bytes == 8) {
    fn(FixedBytesMover<8>());
  } else {
    fn(BytesMover{bytes});
  }
  return true;
}

}  // namespace rill

#endif  // RILL_KERNELS_CPU_ARRAY_SLICE_MOVER_H_
