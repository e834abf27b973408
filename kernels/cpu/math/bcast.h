// BCastList / BCast: how N shapes (two for BCast) broadcast against each other under NumPy's
// rules, as merged reshapes, broadcasts and strides, and a walk over the output in runs.
#ifndef RILL_KERNELS_CPU_MATH_BCAST_H_
#define RILL_KERNELS_CPU_MATH_BCAST_H_

#include <algorithm>
#include <array>
#include <cstdint>

#include "absl/container/inlined_vector.h"
#include "absl/types/span.h"

namespace rill {

// BCastList<N> aligns N shapes at their last dimensions, pads the shorter ones with leading
// 1s and checks each aligned group: every size is 1 or the group's one other size. Adjacent
// dimensions in which the same operands are broadcast are merged, so that for each operand i
//   input_i.reshape(reshape(i)).broadcast(bcast(i))
// has the shape result_shape(), whose elements in row-major order are those of the NumPy
// output shape output_shape(). strides(i) gives the same plan as element strides, for
// kernels that walk the inputs themselves (ForEachInnerRun). For example the shapes
// [2,3,4] and [3,1] give
//   reshape = [2,3,4] and [1,3,1], bcast = [1,1,1] and [2,1,4],
//   strides = [12,4,1] and [0,1,0], result_shape = output_shape = [2,3,4];
// and [5,2,3] with [2,3] merges to reshape = [5,6] and [1,6], bcast = [1,1] and [5,1].
// Immutable after construction. Header-only, so that every op library's plugin compiles it.
template <int N>
class BCastList {
 public:
  using Vec = absl::InlinedVector<int64_t, 4>;

  explicit BCastList(const std::array<absl::Span<const int64_t>, N>& shapes) {
    size_t rank = 0;
    for (const auto& shape : shapes) rank = std::max(rank, shape.size());
    // The operands broadcast in the previous (inner) merged dimension, as a bit mask;
    // none yet.
    uint32_t previous = ~0u;
    // i counts from the innermost dimension; a dimension missing from a shorter shape is 1.
    for (size_t i = 0; i < rank; ++i) {
      std::array<int64_t, N> dims;
      int64_t out_i = 1;
      for (int k = 0; k < N; ++k) {
        dims[k] = i < shapes[k].size() ? shapes[k][shapes[k].size() - 1 - i] : 1;
        if (dims[k] == 1) continue;
        if (out_i != 1 && dims[k] != out_i) {
          Invalidate();
          return;
        }
        out_i = dims[k];
      }
      output_shape_.push_back(out_i);
      // A dimension of 1 everywhere changes nothing: it joins no run and breaks none.
      if (out_i == 1) continue;
      uint32_t broadcast = 0;
      for (int k = 0; k < N; ++k) {
        if (dims[k] != out_i) broadcast |= 1u << k;
      }
      const bool merge = broadcast == previous;
      for (int k = 0; k < N; ++k) {
        const int64_t bcast_k = dims[k] == out_i ? 1 : out_i;
        if (merge) {
          reshape_[k].back() *= dims[k];
          bcast_[k].back() *= bcast_k;
        } else {
          reshape_[k].push_back(dims[k]);
          bcast_[k].push_back(bcast_k);
        }
      }
      if (merge) {
        result_shape_.back() *= out_i;
      } else {
        result_shape_.push_back(out_i);
      }
      previous = broadcast;
    }
    if (result_shape_.empty()) {
      result_shape_.push_back(1);
      for (int k = 0; k < N; ++k) {
        reshape_[k].push_back(1);
        bcast_[k].push_back(1);
      }
    }
    std::reverse(result_shape_.begin(), result_shape_.end());
    std::reverse(output_shape_.begin(), output_shape_.end());
    for (int k = 0; k < N; ++k) {
      std::reverse(reshape_[k].begin(), reshape_[k].end());
      std::reverse(bcast_[k].begin(), bcast_[k].end());
      strides_[k].resize(reshape_[k].size());
      int64_t stride = 1;
      for (int d = static_cast<int>(reshape_[k].size()) - 1; d >= 0; --d) {
        strides_[k][d] = reshape_[k][d] == 1 ? 0 : stride;
        stride *= reshape_[k][d];
      }
    }
  }

  // IsValid is false when some aligned group of dimensions holds two different sizes
  // other than 1; the accessors below are then empty.
  bool IsValid() const { return valid_; }

  // reshape(i), bcast(i), strides(i): operand i's plan, one entry per merged dimension.
  // strides(i)[d] is how many elements operand i advances per step along dimension d of
  // result_shape(): 0 where the operand is broadcast, so the innermost stride is 0 or 1.
  const Vec& reshape(int i) const { return reshape_[i]; }
  const Vec& bcast(int i) const { return bcast_[i]; }
  const Vec& strides(int i) const { return strides_[i]; }
  // result_shape is the merged shape every broadcast produces (never empty: [1] when all
  // operands are scalars).
  const Vec& result_shape() const { return result_shape_; }
  // output_shape is the broadcast output shape, one entry per dimension of the longest
  // operand.
  const Vec& output_shape() const { return output_shape_; }

  // ForEachInnerRun walks the output elements [begin, end) (row-major positions in
  // result_shape()) as runs along the innermost merged dimension, calling
  //   fn(int64_t out_offset, const std::array<int64_t, N>& in_offsets, int64_t length)
  // once per run: output elements out_offset .. out_offset + length - 1 come from operand
  // i's elements in_offsets[i] + j * strides(i).back(). REQUIRES: IsValid() and
  // 0 <= begin <= end <= the number of output elements.
  template <typename Fn>
  void ForEachInnerRun(int64_t begin, int64_t end, Fn&& fn) const {
    if (begin >= end) return;
    const int rank = static_cast<int>(result_shape_.size());
    const int64_t inner = result_shape_[rank - 1];
    // The outer coordinates of `begin`, and each operand's offset at them.
    absl::InlinedVector<int64_t, 8> index(rank - 1);
    std::array<int64_t, N> row_offsets{};
    int64_t row = begin / inner;
    for (int d = rank - 2; d >= 0; --d) {
      index[d] = row % result_shape_[d];
      row /= result_shape_[d];
      for (int k = 0; k < N; ++k) row_offsets[k] += index[d] * strides_[k][d];
    }
    int64_t column = begin % inner;
    int64_t position = begin;
    while (position < end) {
      const int64_t length = std::min(inner - column, end - position);
      std::array<int64_t, N> in_offsets;
      for (int k = 0; k < N; ++k) {
        in_offsets[k] = row_offsets[k] + column * strides_[k][rank - 1];
      }
      fn(position, in_offsets, length);
      position += length;
      column = 0;
      // Next row: increment the outer coordinates like an odometer.
      for (int d = rank - 2; d >= 0; --d) {
        for (int k = 0; k < N; ++k) row_offsets[k] += strides_[k][d];
        if (++index[d] < result_shape_[d]) break;
        for (int k = 0; k < N; ++k) row_offsets[k] -= result_shape_[d] * strides_[k][d];
        index[d] = 0;
      }
    }
  }

 private:
  // Invalidate marks the shapes incompatible and empties every vector.
  void Invalidate() {
    valid_ = false;
    for (int k = 0; k < N; ++k) {
      reshape_[k].clear();
      bcast_[k].clear();
      strides_[k].clear();
    }
    result_shape_.clear();
    output_shape_.clear();
  }

  bool valid_ = true;
  std::array<Vec, N> reshape_;
  std::array<Vec, N> bcast_;
  std::array<Vec, N> strides_;
  Vec result_shape_;
  Vec output_shape_;
};

// BCast is BCastList<2> for the common case of two operands, x and y. For example
// x = [2,3,4], y = [3,1] gives x_reshape = [2,3,4], x_bcast = [1,1,1], y_reshape = [1,3,1],
// y_bcast = [2,1,4], result_shape = output_shape = [2,3,4].
class BCast : public BCastList<2> {
 public:
  BCast(absl::Span<const int64_t> x, absl::Span<const int64_t> y) : BCastList<2>({x, y}) {}

  const Vec& x_reshape() const { return reshape(0); }
  const Vec& x_bcast() const { return bcast(0); }
  const Vec& y_reshape() const { return reshape(1); }
  const Vec& y_bcast() const { return bcast(1); }
};

}  // namespace rill

#endif  // RILL_KERNELS_CPU_MATH_BCAST_H_
