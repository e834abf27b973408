// TensorShape (every dimension known), PartialTensorShape (unknown rank or dims allowed),
// their proto forms, NumPy broadcasting, and small predicates (TensorShapeUtils).
#ifndef RILL_CORE_FRAMEWORK_TENSOR_SHAPE_H_
#define RILL_CORE_FRAMEWORK_TENSOR_SHAPE_H_

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <ostream>
#include <string>

#include "absl/base/optimization.h"
#include "absl/container/inlined_vector.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/types/span.h"
#include "core/protos/tensor_shape.pb.h"

namespace rill {

using DimVector = absl::InlinedVector<int64_t, 4>;

// TensorShape is the shape of a materialized tensor: a rank and a size >= 0 per dimension,
// with a product that fits in int64. A value type, cheap to copy: shapes of rank up to
// kInlineRank are stored inline, so copying or moving one is a few stores.
//
// The constructors and mutators abort on a negative size or an overflowing element count
// (a programming bug, like an out-of-range index); build shapes from untrusted values
// (protos, tensors, attrs) with TensorShape::Build / FromProto, which return a Status.
class TensorShape {
 public:
  // kInlineRank: shapes of at most this rank need no heap memory.
  static constexpr int kInlineRank = 4;

  // TensorShape() is a scalar: rank 0, one element.
  TensorShape() = default;
  TensorShape(std::initializer_list<int64_t> dim_sizes);
  explicit TensorShape(absl::Span<const int64_t> dim_sizes);

  TensorShape(const TensorShape& other) { CopyFrom(other); }
  TensorShape(TensorShape&& other) noexcept { StealFrom(other); }
  TensorShape& operator=(const TensorShape& other) {
    if (this != &other) {
      FreeHeap();
      CopyFrom(other);
    }
    return *this;
  }
  TensorShape& operator=(TensorShape&& other) noexcept {
    if (this != &other) {
      FreeHeap();
      StealFrom(other);
    }
    return *this;
  }
  ~TensorShape() { FreeHeap(); }

  // Build validates `dim_sizes`: InvalidArgument when a size is negative or the number of
  // elements overflows int64, naming the offending dims.
  static absl::StatusOr<TensorShape> Build(absl::Span<const int64_t> dim_sizes);
  // FromProto validates as Build does and also rejects unknown rank and unknown (-1) dims.
  static absl::StatusOr<TensorShape> FromProto(const ::tensorflow::TensorShapeProto& proto);
  // IsValidShape is OK when `proto` describes a fully known, valid TensorShape.
  static absl::Status IsValidShape(const ::tensorflow::TensorShapeProto& proto);

  int dims() const { return rank_; }
  // dim_size(i): REQUIRES 0 <= i < dims().
  int64_t dim_size(int i) const;
  int64_t num_elements() const { return num_elements_; }
  absl::Span<const int64_t> dim_sizes() const { return absl::Span<const int64_t>(data(), rank_); }

  // AddDim appends a dimension of `size`.
  void AddDim(int64_t size);
  // AppendShape appends every dimension of `shape`.
  void AppendShape(const TensorShape& shape);
  // InsertDim inserts a dimension of `size` before position `d` (0 <= d <= dims()).
  void InsertDim(int d, int64_t size);
  // RemoveDim removes dimension `d` (0 <= d < dims()).
  void RemoveDim(int d);
  // RemoveLastDims removes the last `n` dimensions (0 <= n <= dims()).
  void RemoveLastDims(int n);
  // set_dim sets dimension `d` (0 <= d < dims()) to `size`.
  void set_dim(int d, int64_t size);
  // Clear makes this a scalar.
  void Clear() {
    FreeHeap();
    rank_ = 0;
    num_elements_ = 1;
  }

  bool IsSameSize(const TensorShape& other) const {
    return rank_ == other.rank_ && num_elements_ == other.num_elements_ &&
           std::equal(data(), data() + rank_, other.data());
  }
  bool operator==(const TensorShape& other) const { return IsSameSize(other); }
  bool operator!=(const TensorShape& other) const { return !IsSameSize(other); }

  void AsProto(::tensorflow::TensorShapeProto* proto) const;
  ::tensorflow::TensorShapeProto AsProto() const;

  // DebugString is "[2,3]"; a scalar is "[]".
  std::string DebugString() const;

 private:
  bool on_heap() const { return rank_ > kInlineRank; }
  const int64_t* data() const { return on_heap() ? heap_ : inline_; }
  int64_t* data() { return on_heap() ? heap_ : inline_; }

  void CopyFrom(const TensorShape& other) {
    rank_ = other.rank_;
    num_elements_ = other.num_elements_;
    if (ABSL_PREDICT_FALSE(other.on_heap())) {
      CopyHeapDims(other);
    } else {
      std::memcpy(inline_, other.inline_, sizeof(inline_));
    }
  }
  // CopyHeapDims gives this shape (whose rank_ is set) its own copy of other's heap dims.
  void CopyHeapDims(const TensorShape& other);
  // StealFrom takes other's dims and leaves it a scalar.
  void StealFrom(TensorShape& other) {
    rank_ = other.rank_;
    num_elements_ = other.num_elements_;
    std::memcpy(inline_, other.inline_, sizeof(inline_));  // Or the heap pointer.
    other.rank_ = 0;
    other.num_elements_ = 1;
  }
  void FreeHeap() {
    if (on_heap()) delete[] heap_;
  }
  // SetDims replaces the dims with `dim_sizes` (which must not point into this shape) and
  // recomputes the element count.
  void SetDims(absl::Span<const int64_t> dim_sizes);
  void CheckDimIndex(int d, int limit, const char* method) const;
  void RecomputeNumElements();

  int rank_ = 0;
  int64_t num_elements_ = 1;
  union {
    int64_t inline_[kInlineRank] = {};  // rank_ <= kInlineRank.
    int64_t* heap_;                     // rank_ > kInlineRank: new[]'d, rank_ sizes.
  };
};

std::ostream& operator<<(std::ostream& os, const TensorShape& shape);

// PartialTensorShape is a shape known only in part: the rank may be unknown, and any
// dimension may be unknown (-1). It is what shape inference and Placeholder's `shape`
// attr work with. A value type.
class PartialTensorShape {
 public:
  // PartialTensorShape() has unknown rank.
  PartialTensorShape() = default;
  // Each size must be >= -1 (aborts otherwise; use Build for untrusted values).
  PartialTensorShape(std::initializer_list<int64_t> dim_sizes);
  explicit PartialTensorShape(absl::Span<const int64_t> dim_sizes);
  // A fully known TensorShape converts implicitly.
  PartialTensorShape(const TensorShape& shape);  // NOLINT(runtime/explicit)

  // Build is InvalidArgument when a size is < -1 or the known sizes overflow int64.
  static absl::StatusOr<PartialTensorShape> Build(absl::Span<const int64_t> dim_sizes);
  static absl::StatusOr<PartialTensorShape> FromProto(
      const ::tensorflow::TensorShapeProto& proto);

  bool unknown_rank() const { return unknown_rank_; }
  // dims is the rank, or -1 when the rank is unknown.
  int dims() const { return unknown_rank_ ? -1 : static_cast<int>(dim_sizes_.size()); }
  // dim_size(i) is -1 for an unknown dimension. REQUIRES known rank, 0 <= i < dims().
  int64_t dim_size(int i) const;
  // num_elements is -1 unless the shape is fully defined.
  int64_t num_elements() const;
  absl::Span<const int64_t> dim_sizes() const { return dim_sizes_; }

  // IsFullyDefined: known rank and every dimension known.
  bool IsFullyDefined() const;
  // AsTensorShape is InvalidArgument unless IsFullyDefined.
  absl::StatusOr<TensorShape> AsTensorShape() const;

  // IsCompatibleWith: some fully defined shape matches both (unknown parts match anything).
  bool IsCompatibleWith(const PartialTensorShape& other) const;
  // IsCompatibleWith a fully defined shape: `shape` is one this shape allows.
  bool IsCompatibleWith(const TensorShape& shape) const;
  // IsIdenticalTo: same rank-knownness and the same sizes, -1 included.
  bool IsIdenticalTo(const PartialTensorShape& other) const;
  bool operator==(const PartialTensorShape& other) const { return IsIdenticalTo(other); }
  bool operator!=(const PartialTensorShape& other) const { return !IsIdenticalTo(other); }

  // MergeWith returns the most specific shape compatible with both, or InvalidArgument
  // naming both shapes when they are incompatible.
  absl::StatusOr<PartialTensorShape> MergeWith(const PartialTensorShape& other) const;
  // Concatenate appends a dimension (-1 for unknown) / every dimension of `other`; the
  // result has unknown rank when either side does.
  PartialTensorShape Concatenate(int64_t size) const;
  PartialTensorShape Concatenate(const PartialTensorShape& other) const;

  void AsProto(::tensorflow::TensorShapeProto* proto) const;
  ::tensorflow::TensorShapeProto AsProto() const;

  // DebugString is "[?,3]"; unknown rank is "<unknown>".
  std::string DebugString() const;

 private:
  bool unknown_rank_ = true;
  DimVector dim_sizes_;
};

std::ostream& operator<<(std::ostream& os, const PartialTensorShape& shape);

// BroadcastShapes applies NumPy's broadcasting rules: shapes are right-aligned, the shorter
// one extended with 1s, and each pair of sizes must be equal or contain a 1 (a 0 broadcasts
// only against 0 or 1). InvalidArgument "Incompatible shapes: [2,3] vs. [4]" otherwise.
absl::StatusOr<TensorShape> BroadcastShapes(const TensorShape& a, const TensorShape& b);

// TensorShapeUtils: the rank predicates kernels and shape functions validate inputs with.
class TensorShapeUtils {
 public:
  static bool IsScalar(const TensorShape& shape) { return shape.dims() == 0; }
  static bool IsVector(const TensorShape& shape) { return shape.dims() == 1; }
  static bool IsVectorOrHigher(const TensorShape& shape) { return shape.dims() >= 1; }
  static bool IsMatrix(const TensorShape& shape) { return shape.dims() == 2; }
  static bool IsSquareMatrix(const TensorShape& shape) {
    return shape.dims() == 2 && shape.dim_size(0) == shape.dim_size(1);
  }
  static bool IsMatrixOrHigher(const TensorShape& shape) { return shape.dims() >= 2; }
};

}  // namespace rill

#endif  // RILL_CORE_FRAMEWORK_TENSOR_SHAPE_H_
