// CopyStrided: the one data-movement primitive behind the CPU array kernels (Concat, Split,
// Pack, Unpack, Slice, StridedSlice, Tile, BroadcastTo, Pad, Transpose, ReverseV2), and
// CopyingKernel, their common base.
#ifndef RILL_KERNELS_CPU_ARRAY_STRIDED_COPY_H_
#define RILL_KERNELS_CPU_ARRAY_STRIDED_COPY_H_

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstring>
#include <string>
#include <utility>

#include "absl/container/inlined_vector.h"
#include "absl/status/status.h"
#include "absl/types/span.h"
#include "core/framework/errors.h"
#include "core/framework/op_kernel.h"
#include "core/framework/resource_handle.h"
#include "core/framework/tensor_shape.h"
#include "core/framework/thread_pool.h"
#include "core/framework/types.h"
#include "core/framework/variant.h"

namespace rill {

// RowMajorStrides returns the element strides of a dense row-major array of shape `dims`
// (the last stride is 1).
inline DimVector RowMajorStrides(absl::Span<const int64_t> dims) {
  DimVector strides(dims.size(), 1);
  for (int i = static_cast<int>(dims.size()) - 2; i >= 0; --i) {
    strides[i] = strides[i + 1] * dims[i + 1];
  }
  return strides;
}

// ElementBytes is the size of one element of `dtype` in a tensor's buffer (the C++ object's
// size for string, resource and variant), 0 for dtypes without a C++ element type.
inline int64_t ElementBytes(DataType dtype) {
  int64_t bytes = 0;
  VisitDataType(dtype, [&bytes](auto tag) { bytes = sizeof(typename decltype(tag)::type); });
  return bytes;
}

// ElementAt points at element `index` (row-major) of a buffer of `dtype` elements.
inline const void* ElementAt(DataType dtype, const void* data, int64_t index) {
  return static_cast<const char*>(data) + index * ElementBytes(dtype);
}
inline void* ElementAt(DataType dtype, void* data, int64_t index) {
  return static_cast<char*>(data) + index * ElementBytes(dtype);
}

namespace strided_copy_internal {

// Copies of at least this many bytes are sharded over the thread pool.
inline constexpr int64_t kParallelBytes = int64_t{1} << 18;
// Side of the square tiles in which a transposing copy reads and writes.
inline constexpr int64_t kTile = 32;

struct Dim {
  int64_t size;
  int64_t src_stride;
  int64_t dst_stride;
};
using Dims = absl::InlinedVector<Dim, 8>;

// Normalize drops dimensions of size 1 and merges each dimension into its inner neighbour
// when both strides make them one run. False when the box is empty.
inline bool Normalize(absl::Span<const int64_t> sizes, absl::Span<const int64_t> src_strides,
                      absl::Span<const int64_t> dst_strides, Dims* dims) {
  for (size_t i = 0; i < sizes.size(); ++i) {
    if (sizes[i] == 0) return false;
    if (sizes[i] == 1) continue;
    const Dim dim{sizes[i], src_strides[i], dst_strides[i]};
    if (!dims->empty()) {
      Dim& outer = dims->back();
      if (outer.src_stride == dim.src_stride * dim.size &&
          outer.dst_stride == dim.dst_stride * dim.size) {
        outer = {outer.size * dim.size, dim.src_stride, dim.dst_stride};
        continue;
      }
    }
    dims->push_back(dim);
  }
  return true;
}

// Element types by how they are moved: plain bytes of a fixed size (every numeric type and
// bool, whatever the dtype, so one instantiation serves all types of a size), or C++
// objects (string, resource handle, variant) moved by assignment.
template <size_t kBytes>
struct PodElement {
  static constexpr int64_t kSize = kBytes;
  static void Copy(char* dst, const char* src) { std::memcpy(dst, src, kBytes); }
  static void CopyRun(char* dst, const char* src, int64_t n) {
    std::memcpy(dst, src, static_cast<size_t>(n) * kBytes);
  }
};

template <typename T>
struct ObjectElement {
  static constexpr int64_t kSize = sizeof(T);
  static void Copy(char* dst, const char* src) {
    *reinterpret_cast<T*>(dst) = *reinterpret_cast<const T*>(src);
  }
  static void CopyRun(char* dst, const char* src, int64_t n) {
    std::copy_n(reinterpret_cast<const T*>(src), n, reinterpret_cast<T*>(dst));
  }
};

// CopyRow copies elements [begin, end) of the one-dimensional box `dim`.
template <typename E>
void CopyRow(char* dst, const char* src, const Dim& dim, int64_t begin, int64_t end) {
  if (dim.src_stride == 1 && dim.dst_stride == 1) {
    E::CopyRun(dst + begin * E::kSize, src + begin * E::kSize, end - begin);
    return;
  }
  const int64_t src_step = dim.src_stride * E::kSize;
  const int64_t dst_step = dim.dst_stride * E::kSize;
  for (int64_t i = begin; i < end; ++i) E::Copy(dst + i * dst_step, src + i * src_step);
}

// CopyTiles copies the two-dimensional box (rows, cols) in kTile x kTile tiles, so that a
// transpose reads and writes whole cache lines.
template <typename E>
void CopyTiles(char* dst, const char* src, const Dim& rows, const Dim& cols) {
  for (int64_t r0 = 0; r0 < rows.size; r0 += kTile) {
    const int64_t r1 = std::min(rows.size, r0 + kTile);
    for (int64_t c0 = 0; c0 < cols.size; c0 += kTile) {
      const int64_t c1 = std::min(cols.size, c0 + kTile);
      for (int64_t r = r0; r < r1; ++r) {
        char* dst_row = dst + r * rows.dst_stride * E::kSize;
        const char* src_row = src + r * rows.src_stride * E::kSize;
        for (int64_t c = c0; c < c1; ++c) {
          E::Copy(dst_row + c * cols.dst_stride * E::kSize,
                  src_row + c * cols.src_stride * E::kSize);
        }
      }
    }
  }
}

// Offsets returns in *src_offset and *dst_offset where outer position `position` of the
// first `num_outer` dimensions of `dims` starts (row-major over those dimensions).
inline void Offsets(const Dims& dims, int num_outer, int64_t position, int64_t* src_offset,
                    int64_t* dst_offset) {
  *src_offset = 0;
  *dst_offset = 0;
  for (int i = num_outer - 1; i >= 0; --i) {
    const int64_t index = position % dims[i].size;
    position /= dims[i].size;
    *src_offset += index * dims[i].src_stride;
    *dst_offset += index * dims[i].dst_stride;
  }
}

// TiledDimension returns the dimension to tile against the innermost one when the copy
// transposes (the innermost dimension writes densely but reads with a stride, while another
// reads densely), or -1.
inline int TiledDimension(const Dims& dims) {
  const Dim& inner = dims.back();
  if (inner.dst_stride != 1 || inner.src_stride == 1 || inner.size < kTile) return -1;
  for (int i = static_cast<int>(dims.size()) - 2; i >= 0; --i) {
    if (dims[i].src_stride == 1 && dims[i].size >= kTile) return i;
  }
  return -1;
}

// ParallelFor runs work(begin, end) over [0, units), sharded over `pool` when `parallel`.
template <typename Work>
void ParallelFor(ThreadPool* pool, bool parallel, int64_t units, int64_t bytes_per_unit,
                 const Work& work) {
  if (parallel) {
    pool->ParallelFor(units, bytes_per_unit, work);
  } else {
    work(0, units);
  }
}

template <typename E>
void Run(const char* src, char* dst, Dims dims, ThreadPool* pool) {
  if (dims.empty()) {
    E::Copy(dst, src);
    return;
  }
  int64_t total = 1;
  for (const Dim& dim : dims) total *= dim.size;
  const bool parallel =
      pool != nullptr && pool->NumThreads() > 1 && total * E::kSize >= kParallelBytes;

  const int tiled = TiledDimension(dims);
  if (tiled >= 0) {
    // Units of work: one band of kTile rows of the tiled dimension at one outer position.
    const Dim rows = dims[tiled];
    const Dim cols = dims.back();
    dims.pop_back();
    dims.erase(dims.begin() + tiled);
    const int num_outer = static_cast<int>(dims.size());
    const int64_t bands = (rows.size + kTile - 1) / kTile;
    const int64_t units = total / (rows.size * cols.size) * bands;
    ParallelFor(pool, parallel, units, kTile * cols.size * E::kSize,
                [&](int64_t begin, int64_t end) {
                  for (int64_t unit = begin; unit < end; ++unit) {
                    int64_t src_offset, dst_offset;
                    Offsets(dims, num_outer, unit / bands, &src_offset, &dst_offset);
                    const int64_t first_row = unit % bands * kTile;
                    const Dim band{std::min(kTile, rows.size - first_row), rows.src_stride,
                                   rows.dst_stride};
                    src_offset += first_row * rows.src_stride;
                    dst_offset += first_row * rows.dst_stride;
                    CopyTiles<E>(dst + dst_offset * E::kSize, src + src_offset * E::kSize,
                                 band, cols);
                  }
                });
    return;
  }

  const Dim inner = dims.back();
  const int num_outer = static_cast<int>(dims.size()) - 1;
  if (num_outer == 0) {
    // One row: shard the row itself.
    ParallelFor(pool, parallel, inner.size, E::kSize, [&](int64_t begin, int64_t end) {
      CopyRow<E>(dst, src, inner, begin, end);
    });
    return;
  }
  // Units of work: one row at one outer position, visited like an odometer.
  ParallelFor(pool, parallel, total / inner.size, inner.size * E::kSize,
              [&](int64_t begin, int64_t end) {
                absl::InlinedVector<int64_t, 8> index(num_outer, 0);
                int64_t rest = begin;
                for (int i = num_outer - 1; i >= 0; --i) {
                  index[i] = rest % dims[i].size;
                  rest /= dims[i].size;
                }
                int64_t src_offset, dst_offset;
                Offsets(dims, num_outer, begin, &src_offset, &dst_offset);
                for (int64_t position = begin; position < end; ++position) {
                  CopyRow<E>(dst + dst_offset * E::kSize, src + src_offset * E::kSize, inner,
                             0, inner.size);
                  for (int i = num_outer - 1; i >= 0; --i) {
                    src_offset += dims[i].src_stride;
                    dst_offset += dims[i].dst_stride;
                    if (++index[i] < dims[i].size) break;
                    src_offset -= dims[i].size * dims[i].src_stride;
                    dst_offset -= dims[i].size * dims[i].dst_stride;
                    index[i] = 0;
                  }
                }
              });
}

}  // namespace strided_copy_internal

// CopyStrided copies a box of `sizes` elements of type `dtype`: the element at index
// (i_0, ..., i_k) goes from src + sum(i_d * src_strides[d]) to dst + sum(i_d *
// dst_strides[d]), strides counted in elements. Source strides may be 0 (broadcast) or
// negative (reverse; `src` then points at the first element copied, not the lowest).
// Copies of 256 KiB and more are sharded over `pool` (may be null).
// REQUIRES: the three spans have one entry per dimension, every position read is inside
// the source buffer, every position written inside the destination buffer and written
// once. Unimplemented for dtypes with no C++ element type (quantized types).
inline absl::Status CopyStrided(DataType dtype, const void* src,
                                absl::Span<const int64_t> src_strides, void* dst,
                                absl::Span<const int64_t> dst_strides,
                                absl::Span<const int64_t> sizes, ThreadPool* pool) {
  namespace sc = strided_copy_internal;
  sc::Dims dims;
  if (!sc::Normalize(sizes, src_strides, dst_strides, &dims)) return absl::OkStatus();
  const char* from = static_cast<const char*>(src);
  char* to = static_cast<char*>(dst);
  switch (DataTypeSize(dtype)) {
    case 1:
      sc::Run<sc::PodElement<1>>(from, to, std::move(dims), pool);
      return absl::OkStatus();
    case 2:
      sc::Run<sc::PodElement<2>>(from, to, std::move(dims), pool);
      return absl::OkStatus();
    case 4:
      sc::Run<sc::PodElement<4>>(from, to, std::move(dims), pool);
      return absl::OkStatus();
    case 8:
      sc::Run<sc::PodElement<8>>(from, to, std::move(dims), pool);
      return absl::OkStatus();
    case 16:
      sc::Run<sc::PodElement<16>>(from, to, std::move(dims), pool);
      return absl::OkStatus();
    default:
      break;
  }
  switch (dtype) {
    case DT_STRING:
      sc::Run<sc::ObjectElement<std::string>>(from, to, std::move(dims), pool);
      return absl::OkStatus();
    case DT_RESOURCE:
      sc::Run<sc::ObjectElement<ResourceHandle>>(from, to, std::move(dims), pool);
      return absl::OkStatus();
    case DT_VARIANT:
      sc::Run<sc::ObjectElement<Variant>>(from, to, std::move(dims), pool);
      return absl::OkStatus();
    default:
      return errors::Unimplemented("Copying elements of type ", DataTypeString(dtype),
                                   " is not supported on CPU");
  }
}

// CopyingKernel is the base of the kernels whose work is copying elements into their
// output. IsExpensive reports whether the last run that copied copied more than kInlineBytes,
// so that the executor runs small copies (most shape arithmetic: x[0], concatenated shapes)
// inline on its own thread. Thread-safe: the hint is the only state Compute writes.
class CopyingKernel : public OpKernel {
 public:
  static constexpr int64_t kInlineBytes = int64_t{1} << 15;

  using OpKernel::OpKernel;

  bool IsExpensive() const override { return expensive_.load(std::memory_order_relaxed); }

 protected:
  // NoteCopiedBytes records how much this run copies (writing only on a change).
  void NoteCopiedBytes(size_t bytes) {
    const bool expensive = bytes > static_cast<size_t>(kInlineBytes);
    if (expensive_.load(std::memory_order_relaxed) != expensive) {
      expensive_.store(expensive, std::memory_order_relaxed);
    }
  }

 private:
  std::atomic<bool> expensive_{false};
};

}  // namespace rill

#endif  // RILL_KERNELS_CPU_ARRAY_STRIDED_COPY_H_
