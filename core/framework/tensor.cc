// Tensor: construction, buffer sharing (copies, slices, reshapes), accessor checks,
// NumPy-like printing and DeepCopy. Proto conversion lives in tensor_proto.cc.
#include "core/framework/tensor.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace rill {

namespace tensor_internal {

void DtypeMismatch(DataType actual, DataType requested) {
  BadAccess(absl::StrCat("Tensor type mismatch: ", DataTypeString(requested),
                         " requested, but the tensor holds ", DataTypeString(actual)));
}

void BadAccess(const std::string& message) {
  std::fprintf(stderr, "Tensor: %s\n", message.c_str());
  std::abort();
}

}  // namespace tensor_internal

namespace {

// ElementSize is sizeof the C++ element type, or 0 when the dtype has none.
size_t ElementSize(DataType dtype) {
  size_t size = 0;
  VisitDataType(dtype, [&](auto tag) { size = sizeof(typename decltype(tag)::type); });
  return size;
}

template <typename T>
std::string ShortestFloat(T value) {
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof(buffer), value);
  return std::string(buffer, result.ptr);
}

std::string FormatElement(float value) { return ShortestFloat(value); }
std::string FormatElement(double value) { return ShortestFloat(value); }
std::string FormatElement(Eigen::half value) {
  return ShortestFloat(static_cast<float>(value));
}
std::string FormatElement(Eigen::bfloat16 value) {
  return ShortestFloat(static_cast<float>(value));
}
std::string FormatElement(bool value) { return value ? "true" : "false"; }
std::string FormatElement(const std::string& value) {
  return absl::StrCat("\"", absl::CEscape(value), "\"");
}
std::string FormatElement(const ResourceHandle& value) { return value.DebugString(); }
std::string FormatElement(const Variant& value) { return value.DebugString(); }
template <typename T>
std::string FormatElement(const std::complex<T>& value) {
  const bool negative_imag = std::signbit(value.imag()) && !std::isnan(value.imag());
  return absl::StrCat("(", ShortestFloat(value.real()), negative_imag ? "-" : "+",
                      ShortestFloat(negative_imag ? -value.imag() : value.imag()), "j)");
}
template <typename T, typename = std::enable_if_t<std::is_integral_v<T>>>
std::string FormatElement(T value) {
  return absl::StrCat(value);
}

// NestedPrinter writes the first `limit` elements in NumPy's nested-bracket layout and
// "..." where it stops.
class NestedPrinter {
 public:
  NestedPrinter(const TensorShape& shape, const std::vector<std::string>& elements)
      : shape_(shape), elements_(elements) {}

  std::string Print() {
    PrintDim(0, 0);
    return out_;
  }

 private:
  void PrintDim(int dim, int64_t offset) {
    if (dim == shape_.dims()) {
      if (offset >= static_cast<int64_t>(elements_.size())) {
        out_ += "...";
        truncated_ = true;
      } else {
        out_ += elements_[offset];
      }
      return;
    }
    int64_t stride = 1;
    for (int d = dim + 1; d < shape_.dims(); ++d) stride *= shape_.dim_size(d);
    out_ += "[";
    for (int64_t i = 0; i < shape_.dim_size(dim) && !truncated_; ++i) {
      if (i > 0) out_ += " ";
      PrintDim(dim + 1, offset + i * stride);
    }
    out_ += "]";
  }

  const TensorShape& shape_;
  const std::vector<std::string>& elements_;
  std::string out_;
  bool truncated_ = false;
};

}  // namespace

Tensor::Tensor(DataType dtype, const TensorShape& shape)
    : Tensor(CpuAllocator(), dtype, shape) {}

Tensor::Tensor(Allocator* allocator, DataType dtype, const TensorShape& shape)
    : dtype_(dtype), shape_(shape) {
  if (shape_.num_elements() > 0) {
    buffer_ = TensorBuffer::New(allocator, dtype, shape_.num_elements());
    if (buffer_ != nullptr) data_ = buffer_->data();
  }
}

Tensor::Tensor(float value) : Tensor(DT_FLOAT, TensorShape()) { scalar<float>()() = value; }
Tensor::Tensor(double value) : Tensor(DT_DOUBLE, TensorShape()) {
  scalar<double>()() = value;
}
Tensor::Tensor(int32_t value) : Tensor(DT_INT32, TensorShape()) {
  scalar<int32_t>()() = value;
}
Tensor::Tensor(int64_t value) : Tensor(DT_INT64, TensorShape()) {
  scalar<int64_t>()() = value;
}
Tensor::Tensor(bool value) : Tensor(DT_BOOL, TensorShape()) { scalar<bool>()() = value; }
Tensor::Tensor(std::string value) : Tensor(DT_STRING, TensorShape()) {
  scalar<std::string>()() = std::move(value);
}
Tensor::Tensor(const char* value) : Tensor(std::string(value)) {}

size_t Tensor::TotalBytes() const {
  return static_cast<size_t>(NumElements()) * ElementSize(dtype_);
}

bool Tensor::IsSameBuffer(const Tensor& other) const {
  return buffer_ != nullptr && buffer_ == other.buffer_ && data_ == other.data_ &&
         TotalBytes() == other.TotalBytes();
}

bool Tensor::SharesBufferWith(const Tensor& other) const {
  return buffer_ != nullptr && buffer_ == other.buffer_;
}

bool Tensor::IsAligned() const {
  return reinterpret_cast<uintptr_t>(data_) % EIGEN_MAX_ALIGN_BYTES == 0;
}

absl::string_view Tensor::tensor_data() const {
  if (!DataTypeCanUseMemcpy(dtype_)) {
    tensor_internal::BadAccess(absl::StrCat("tensor_data() of a ", DataTypeString(dtype_),
                                            " tensor; its elements are not raw bytes"));
  }
  return absl::string_view(static_cast<const char*>(data_), TotalBytes());
}

void Tensor::CheckTypeAndIsAligned(DataType expected) const {
  CheckType(expected);
  if (!IsAligned()) {
    tensor_internal::BadAccess(absl::StrCat(
        "aligned access to an unaligned tensor of shape ", shape_.DebugString(),
        " (a Slice); use IsAligned() and unaligned_flat()"));
  }
}

void Tensor::CheckRank(int expected) const {
  if (dims() != expected) {
    tensor_internal::BadAccess(absl::StrCat("rank ", expected,
                                            " access to a tensor of shape ",
                                            shape_.DebugString()));
  }
}

void Tensor::CheckSingleElement() const {
  if (NumElements() != 1) {
    tensor_internal::BadAccess(absl::StrCat("scalar access to a tensor of shape ",
                                            shape_.DebugString(), " (",
                                            NumElements(), " elements)"));
  }
}

void Tensor::CheckReshape(absl::Span<const int64_t> sizes, int rank) const {
  int64_t product = 1;
  for (int64_t size : sizes) product *= size;
  if (static_cast<int>(sizes.size()) != rank || product != NumElements()) {
    tensor_internal::BadAccess(absl::StrCat(
        "cannot view a tensor of shape ", shape_.DebugString(), " as rank ", rank, " [",
        absl::StrJoin(sizes, ","), "]"));
  }
}

DimVector Tensor::FlatInnerDims(int num_out_dims) const {
  DimVector out(num_out_dims, 1);
  const int dims = shape_.dims();
  int64_t leading = 1;
  for (int d = 0; d < dims; ++d) {
    const int out_index = d - dims + num_out_dims;
    if (out_index <= 0) {
      leading *= shape_.dim_size(d);
    } else {
      out[out_index] = shape_.dim_size(d);
    }
  }
  out[0] = leading;
  return out;
}

DimVector Tensor::FlatOuterDims(int num_out_dims) const {
  DimVector out(num_out_dims, 1);
  const int dims = shape_.dims();
  int64_t trailing = 1;
  for (int d = 0; d < dims; ++d) {
    if (d >= num_out_dims - 1) {
      trailing *= shape_.dim_size(d);
    } else {
      out[d] = shape_.dim_size(d);
    }
  }
  out[num_out_dims - 1] = trailing;
  return out;
}

Tensor Tensor::Slice(int64_t start, int64_t limit) const {
  if (dims() < 1 || start < 0 || start > limit || limit > dim_size(0)) {
    tensor_internal::BadAccess(absl::StrCat("Slice(", start, ", ", limit,
                                            ") of a tensor of shape ", shape_.DebugString()));
  }
  Tensor result = *this;
  result.shape_.set_dim(0, limit - start);
  if (data_ != nullptr) {
    const int64_t row_elements = dim_size(0) == 0 ? 0 : NumElements() / dim_size(0);
    result.data_ = static_cast<char*>(data_) + start * row_elements * ElementSize(dtype_);
  }
  return result;
}

Tensor Tensor::SubSlice(int64_t index) const {
  if (dims() < 1 || index < 0 || index >= dim_size(0)) {
    tensor_internal::BadAccess(absl::StrCat("SubSlice(", index, ") of a tensor of shape ",
                                            shape_.DebugString()));
  }
  Tensor result = Slice(index, index + 1);
  result.shape_.RemoveDim(0);
  return result;
}

bool Tensor::CopyFrom(const Tensor& other, const TensorShape& shape) {
  if (other.NumElements() != shape.num_elements()) return false;
  *this = other;
  shape_ = shape;
  return true;
}

std::string Tensor::SummarizeValue(int64_t max_entries) const {
  if (!IsInitialized()) return "<uninitialized tensor>";
  const int64_t limit = std::max<int64_t>(0, std::min(max_entries, NumElements()));
  std::vector<std::string> elements;
  elements.reserve(limit);
  const bool printable = VisitDataType(dtype_, [&](auto tag) {
    using T = typename decltype(tag)::type;
    const T* values = static_cast<const T*>(data_);
    for (int64_t i = 0; i < limit; ++i) elements.push_back(FormatElement(values[i]));
  });
  if (!printable) return absl::StrCat("<tensor of ", DataTypeString(dtype_), ">");
  return NestedPrinter(shape_, elements).Print();
}

std::ostream& operator<<(std::ostream& os, const Tensor& tensor) {
  return os << tensor.DebugString();
}

Tensor DeepCopy(const Tensor& other) {
  if (!other.IsInitialized()) return other;
  Tensor copy(other.dtype(), other.shape());
  if (!copy.IsInitialized() || copy.NumElements() == 0) return copy;
  if (DataTypeCanUseMemcpy(other.dtype())) {
    std::memcpy(copy.data(), other.data(), other.TotalBytes());
  } else {
    VisitDataType(other.dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      const T* from = static_cast<const T*>(other.data());
      T* to = static_cast<T*>(copy.data());
      for (int64_t i = 0; i < other.NumElements(); ++i) to[i] = from[i];
    });
  }
  return copy;
}

}  // namespace rill
