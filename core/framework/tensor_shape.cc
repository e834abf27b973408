// TensorShape and PartialTensorShape: validation, editing, merging, proto conversion and
// NumPy broadcasting (see tensor_shape.h).
#include "core/framework/tensor_shape.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <limits>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/framework/errors.h"
#include "core/framework/status_macros.h"

namespace rill {

namespace {

[[noreturn]] void ShapeFatal(const std::string& message) {
  std::fprintf(stderr, "TensorShape: %s\n", message.c_str());
  std::abort();
}

std::string DimsString(absl::Span<const int64_t> dim_sizes) {
  return absl::StrCat("[", absl::StrJoin(dim_sizes, ","), "]");
}

// MultiplyWithoutOverflow returns a * b for a, b >= 0, or -1 when it overflows int64.
int64_t MultiplyWithoutOverflow(int64_t a, int64_t b) {
  if (a != 0 && b > std::numeric_limits<int64_t>::max() / a) return -1;
  return a * b;
}

// KnownElementCount checks every size is >= min_size and returns the product of the known
// (>= 0) sizes; InvalidArgument naming the shape when it overflows int64.
absl::StatusOr<int64_t> KnownElementCount(absl::Span<const int64_t> dim_sizes,
                                          int64_t min_size) {
  int64_t product = 1;
  for (size_t i = 0; i < dim_sizes.size(); ++i) {
    const int64_t size = dim_sizes[i];
    if (size < min_size) {
      return errors::InvalidArgument("Dimension ", i, " of shape ", DimsString(dim_sizes),
                                     " is ", size, "; dimensions must be >= ", min_size);
    }
    if (size < 0) continue;
    product = MultiplyWithoutOverflow(product, size);
    if (product < 0) {
      return errors::InvalidArgument("Shape ", DimsString(dim_sizes),
                                     " has too many elements (more than 2^63 - 1)");
    }
  }
  return product;
}

// DimSizesFromProto reads the sizes of a known-rank proto.
DimVector DimSizesFromProto(const ::tensorflow::TensorShapeProto& proto) {
  DimVector dim_sizes;
  dim_sizes.reserve(proto.dim_size());
  for (const auto& dim : proto.dim()) dim_sizes.push_back(dim.size());
  return dim_sizes;
}

void SizesToProto(absl::Span<const int64_t> dim_sizes, bool unknown_rank,
                  ::tensorflow::TensorShapeProto* proto) {
  proto->Clear();
  if (unknown_rank) {
    proto->set_unknown_rank(true);
    return;
  }
  for (int64_t size : dim_sizes) proto->add_dim()->set_size(size);
}

}  // namespace

// --- TensorShape ---

TensorShape::TensorShape(std::initializer_list<int64_t> dim_sizes)
    : TensorShape(absl::Span<const int64_t>(dim_sizes.begin(), dim_sizes.size())) {}

TensorShape::TensorShape(absl::Span<const int64_t> dim_sizes) { SetDims(dim_sizes); }

void TensorShape::CopyHeapDims(const TensorShape& other) {
  heap_ = new int64_t[rank_];
  std::copy(other.heap_, other.heap_ + rank_, heap_);
}

void TensorShape::SetDims(absl::Span<const int64_t> dim_sizes) {
  FreeHeap();
  rank_ = static_cast<int>(dim_sizes.size());
  if (on_heap()) heap_ = new int64_t[rank_];
  std::copy(dim_sizes.begin(), dim_sizes.end(), data());
  RecomputeNumElements();
}

absl::StatusOr<TensorShape> TensorShape::Build(absl::Span<const int64_t> dim_sizes) {
  RETURN_IF_ERROR(KnownElementCount(dim_sizes, 0));
  return TensorShape(dim_sizes);
}

absl::Status TensorShape::IsValidShape(const ::tensorflow::TensorShapeProto& proto) {
  if (proto.unknown_rank()) {
    return errors::InvalidArgument("Shape has unknown rank; a fully defined shape is needed");
  }
  return KnownElementCount(DimSizesFromProto(proto), 0).status();
}

absl::StatusOr<TensorShape> TensorShape::FromProto(
    const ::tensorflow::TensorShapeProto& proto) {
  RETURN_IF_ERROR(IsValidShape(proto));
  return TensorShape(DimSizesFromProto(proto));
}

int64_t TensorShape::dim_size(int i) const {
  CheckDimIndex(i, dims(), "dim_size");
  return data()[i];
}

void TensorShape::CheckDimIndex(int d, int limit, const char* method) const {
  if (d < 0 || d >= limit) {
    ShapeFatal(absl::StrCat(method, "(", d, ") out of range for shape ", DebugString()));
  }
}

void TensorShape::RecomputeNumElements() {
  const absl::StatusOr<int64_t> num_elements = KnownElementCount(dim_sizes(), 0);
  if (!num_elements.ok()) ShapeFatal(std::string(num_elements.status().message()));
  num_elements_ = *num_elements;
}

void TensorShape::AddDim(int64_t size) {
  if (rank_ < kInlineRank) {
    inline_[rank_++] = size;
    RecomputeNumElements();
    return;
  }
  DimVector dims(dim_sizes().begin(), dim_sizes().end());
  dims.push_back(size);
  SetDims(dims);
}

void TensorShape::AppendShape(const TensorShape& shape) {
  DimVector dims(dim_sizes().begin(), dim_sizes().end());
  dims.insert(dims.end(), shape.dim_sizes().begin(), shape.dim_sizes().end());
  SetDims(dims);
}

void TensorShape::InsertDim(int d, int64_t size) {
  CheckDimIndex(d, dims() + 1, "InsertDim");
  DimVector dims(dim_sizes().begin(), dim_sizes().end());
  dims.insert(dims.begin() + d, size);
  SetDims(dims);
}

void TensorShape::RemoveDim(int d) {
  CheckDimIndex(d, dims(), "RemoveDim");
  DimVector dims(dim_sizes().begin(), dim_sizes().end());
  dims.erase(dims.begin() + d);
  SetDims(dims);
}

void TensorShape::RemoveLastDims(int n) {
  if (n < 0 || n > dims()) {
    ShapeFatal(absl::StrCat("RemoveLastDims(", n, ") out of range for shape ", DebugString()));
  }
  const DimVector dims(dim_sizes().begin(), dim_sizes().end() - n);
  SetDims(dims);
}

void TensorShape::set_dim(int d, int64_t size) {
  CheckDimIndex(d, dims(), "set_dim");
  data()[d] = size;
  RecomputeNumElements();
}

void TensorShape::AsProto(::tensorflow::TensorShapeProto* proto) const {
  SizesToProto(dim_sizes(), /*unknown_rank=*/false, proto);
}

::tensorflow::TensorShapeProto TensorShape::AsProto() const {
  ::tensorflow::TensorShapeProto proto;
  AsProto(&proto);
  return proto;
}

std::string TensorShape::DebugString() const { return DimsString(dim_sizes()); }

std::ostream& operator<<(std::ostream& os, const TensorShape& shape) {
  return os << shape.DebugString();
}

// --- PartialTensorShape ---

PartialTensorShape::PartialTensorShape(std::initializer_list<int64_t> dim_sizes)
    : PartialTensorShape(absl::Span<const int64_t>(dim_sizes.begin(), dim_sizes.size())) {}

PartialTensorShape::PartialTensorShape(absl::Span<const int64_t> dim_sizes)
    : unknown_rank_(false), dim_sizes_(dim_sizes.begin(), dim_sizes.end()) {
  const absl::Status status = KnownElementCount(dim_sizes, -1).status();
  if (!status.ok()) ShapeFatal(std::string(status.message()));
}

PartialTensorShape::PartialTensorShape(const TensorShape& shape)
    : unknown_rank_(false), dim_sizes_(shape.dim_sizes().begin(), shape.dim_sizes().end()) {}

absl::StatusOr<PartialTensorShape> PartialTensorShape::Build(
    absl::Span<const int64_t> dim_sizes) {
  RETURN_IF_ERROR(KnownElementCount(dim_sizes, -1));
  return PartialTensorShape(dim_sizes);
}

absl::StatusOr<PartialTensorShape> PartialTensorShape::FromProto(
    const ::tensorflow::TensorShapeProto& proto) {
  if (proto.unknown_rank()) {
    if (proto.dim_size() > 0) {
      return errors::InvalidArgument("Shape proto has unknown_rank set and ",
                                     proto.dim_size(), " dims; unknown rank allows none");
    }
    return PartialTensorShape();
  }
  return Build(DimSizesFromProto(proto));
}

int64_t PartialTensorShape::dim_size(int i) const {
  if (i < 0 || i >= dims()) {
    ShapeFatal(absl::StrCat("dim_size(", i, ") out of range for shape ", DebugString()));
  }
  return dim_sizes_[i];
}

int64_t PartialTensorShape::num_elements() const {
  if (!IsFullyDefined()) return -1;
  int64_t product = 1;
  for (int64_t size : dim_sizes_) product *= size;
  return product;
}

bool PartialTensorShape::IsFullyDefined() const {
  if (unknown_rank_) return false;
  for (int64_t size : dim_sizes_) {
    if (size < 0) return false;
  }
  return true;
}

absl::StatusOr<TensorShape> PartialTensorShape::AsTensorShape() const {
  if (!IsFullyDefined()) {
    return errors::InvalidArgument("Shape ", DebugString(), " is not fully defined");
  }
  return TensorShape(dim_sizes_);
}

bool PartialTensorShape::IsCompatibleWith(const PartialTensorShape& other) const {
  if (unknown_rank_ || other.unknown_rank_) return true;
  if (dims() != other.dims()) return false;
  for (int i = 0; i < dims(); ++i) {
    const int64_t a = dim_sizes_[i];
    const int64_t b = other.dim_sizes_[i];
    if (a >= 0 && b >= 0 && a != b) return false;
  }
  return true;
}

bool PartialTensorShape::IsCompatibleWith(const TensorShape& shape) const {
  if (unknown_rank_) return true;
  if (dims() != shape.dims()) return false;
  for (int i = 0; i < dims(); ++i) {
    if (dim_sizes_[i] >= 0 && dim_sizes_[i] != shape.dim_sizes()[i]) return false;
  }
  return true;
}

bool PartialTensorShape::IsIdenticalTo(const PartialTensorShape& other) const {
  return unknown_rank_ == other.unknown_rank_ && dim_sizes_ == other.dim_sizes_;
}

absl::StatusOr<PartialTensorShape> PartialTensorShape::MergeWith(
    const PartialTensorShape& other) const {
  if (unknown_rank_) return other;
  if (other.unknown_rank_) return *this;
  if (!IsCompatibleWith(other)) {
    return errors::InvalidArgument("Incompatible shapes during merge: ", DebugString(),
                                   " vs. ", other.DebugString());
  }
  PartialTensorShape merged = *this;
  for (int i = 0; i < dims(); ++i) {
    if (merged.dim_sizes_[i] < 0) merged.dim_sizes_[i] = other.dim_sizes_[i];
  }
  return merged;
}

PartialTensorShape PartialTensorShape::Concatenate(int64_t size) const {
  if (unknown_rank_) return *this;
  PartialTensorShape result = *this;
  result.dim_sizes_.push_back(size < 0 ? -1 : size);
  return result;
}

PartialTensorShape PartialTensorShape::Concatenate(const PartialTensorShape& other) const {
  if (unknown_rank_ || other.unknown_rank_) return PartialTensorShape();
  PartialTensorShape result = *this;
  result.dim_sizes_.insert(result.dim_sizes_.end(), other.dim_sizes_.begin(),
                           other.dim_sizes_.end());
  return result;
}

void PartialTensorShape::AsProto(::tensorflow::TensorShapeProto* proto) const {
  SizesToProto(dim_sizes_, unknown_rank_, proto);
}

::tensorflow::TensorShapeProto PartialTensorShape::AsProto() const {
  ::tensorflow::TensorShapeProto proto;
  AsProto(&proto);
  return proto;
}

std::string PartialTensorShape::DebugString() const {
  if (unknown_rank_) return "<unknown>";
  return absl::StrCat("[",
                      absl::StrJoin(dim_sizes_, ",",
                                    [](std::string* out, int64_t size) {
                                      if (size < 0) {
                                        out->append("?");
                                      } else {
                                        absl::StrAppend(out, size);
                                      }
                                    }),
                      "]");
}

std::ostream& operator<<(std::ostream& os, const PartialTensorShape& shape) {
  return os << shape.DebugString();
}

// --- Broadcasting ---

absl::StatusOr<TensorShape> BroadcastShapes(const TensorShape& a, const TensorShape& b) {
  const int rank = std::max(a.dims(), b.dims());
  DimVector result(rank);
  for (int i = 0; i < rank; ++i) {
    const int a_index = a.dims() - rank + i;
    const int b_index = b.dims() - rank + i;
    const int64_t a_size = a_index >= 0 ? a.dim_size(a_index) : 1;
    const int64_t b_size = b_index >= 0 ? b.dim_size(b_index) : 1;
    if (a_size == b_size || b_size == 1) {
      result[i] = a_size;
    } else if (a_size == 1) {
      result[i] = b_size;
    } else {
      return errors::InvalidArgument("Incompatible shapes: ", a.DebugString(), " vs. ",
                                     b.DebugString());
    }
  }
  return TensorShape(result);
}

}  // namespace rill
