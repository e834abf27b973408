// BCast: how two shapes broadcast against each other under NumPy's rules, expressed as the
// reshapes and Eigen broadcasts a kernel needs, over as few dimensions as possible.
#ifndef RILL_KERNELS_CPU_MATH_BCAST_H_
#define RILL_KERNELS_CPU_MATH_BCAST_H_

#include <algorithm>
#include <cstdint>

#include "absl/container/inlined_vector.h"
#include "absl/types/span.h"
#include "unsupported/Eigen/CXX11/Tensor"

namespace rill {

// BCast aligns the shapes `x` and `y` at their last dimensions, pads the shorter one with
// leading 1s and checks each aligned pair: equal, or one of them 1. Adjacent dimensions
// that broadcast the same way (neither, only x, only y) are merged, so that
//   x.reshape(x_reshape()).broadcast(x_bcast())  and  y.reshape(y_reshape()).broadcast(y_bcast())
// both have the shape result_shape(), whose elements in row-major order are those of the
// NumPy output shape output_shape(). For example x = [2,3,4], y = [3,1] gives
//   x_reshape = [2,3,4], x_bcast = [1,1,1], y_reshape = [1,3,1], y_bcast = [2,1,4],
//   result_shape = [2,3,4], output_shape = [2,3,4];
// and x = [5,2,3], y = [2,3] merges to x_reshape = [5,6], y_reshape = [1,6],
// y_bcast = [5,1]. Immutable after construction. Header-only, so that every op library's
// plugin compiles it in.
class BCast {
 public:
  using Vec = absl::InlinedVector<int64_t, 4>;

  BCast(absl::Span<const int64_t> x, absl::Span<const int64_t> y) {
    const size_t rank = std::max(x.size(), y.size());
    DimKind previous = DimKind::kNone;
    // i counts from the innermost dimension; a dimension missing from the shorter shape
    // is 1.
    for (size_t i = 0; i < rank; ++i) {
      const int64_t x_i = i < x.size() ? x[x.size() - 1 - i] : 1;
      const int64_t y_i = i < y.size() ? y[y.size() - 1 - i] : 1;
      DimKind kind;
      int64_t out_i, x_bcast_i = 1, y_bcast_i = 1;
      if (x_i == y_i) {
        kind = DimKind::kSame;
        out_i = x_i;
      } else if (x_i == 1) {
        kind = DimKind::kXIsOne;
        out_i = x_bcast_i = y_i;
      } else if (y_i == 1) {
        kind = DimKind::kYIsOne;
        out_i = y_bcast_i = x_i;
      } else {
        Invalidate();
        return;
      }
      output_shape_.push_back(out_i);
      // A dimension of 1 on both sides changes nothing: it joins no run and breaks none.
      if (x_i == 1 && y_i == 1) continue;
      if (kind == previous) {
        x_reshape_.back() *= x_i;
        x_bcast_.back() *= x_bcast_i;
        y_reshape_.back() *= y_i;
        y_bcast_.back() *= y_bcast_i;
        result_shape_.back() *= out_i;
      } else {
        x_reshape_.push_back(x_i);
        x_bcast_.push_back(x_bcast_i);
        y_reshape_.push_back(y_i);
        y_bcast_.push_back(y_bcast_i);
        result_shape_.push_back(out_i);
      }
      previous = kind;
    }
    if (result_shape_.empty()) {
      for (Vec* vec : {&x_reshape_, &x_bcast_, &y_reshape_, &y_bcast_, &result_shape_}) {
        vec->push_back(1);
      }
    }
    for (Vec* vec : {&x_reshape_, &x_bcast_, &y_reshape_, &y_bcast_, &result_shape_,
                     &output_shape_}) {
      std::reverse(vec->begin(), vec->end());
    }
  }

  // IsValid is false when some aligned pair of dimensions differs and neither is 1; the
  // accessors below are then empty.
  bool IsValid() const { return valid_; }

  const Vec& x_reshape() const { return x_reshape_; }
  const Vec& x_bcast() const { return x_bcast_; }
  const Vec& y_reshape() const { return y_reshape_; }
  const Vec& y_bcast() const { return y_bcast_; }
  // result_shape is the merged shape both broadcasts produce (never empty: [1] for two
  // scalars).
  const Vec& result_shape() const { return result_shape_; }
  // output_shape is the broadcast output shape, one entry per dimension of the longer input.
  const Vec& output_shape() const { return output_shape_; }

  // ToIndexArray converts one of the vectors above to the index array Eigen's reshape and
  // broadcast take. REQUIRES: vec.size() == N.
  template <int N>
  static Eigen::array<Eigen::DenseIndex, N> ToIndexArray(const Vec& vec) {
    Eigen::array<Eigen::DenseIndex, N> array;
    for (int i = 0; i < N; ++i) array[i] = static_cast<Eigen::DenseIndex>(vec[i]);
    return array;
  }

 private:
  // DimKind says how one aligned pair of dimensions broadcasts.
  enum class DimKind { kNone, kSame, kXIsOne, kYIsOne };

  // Invalidate marks the shapes incompatible and empties every vector.
  void Invalidate() {
    valid_ = false;
    for (Vec* vec : {&x_reshape_, &x_bcast_, &y_reshape_, &y_bcast_, &result_shape_,
                     &output_shape_}) {
      vec->clear();
    }
  }

  bool valid_ = true;
  Vec x_reshape_;
  Vec x_bcast_;
  Vec y_reshape_;
  Vec y_bcast_;
  Vec result_shape_;
  Vec output_shape_;
};

}  // namespace rill

#endif  // RILL_KERNELS_CPU_MATH_BCAST_H_
