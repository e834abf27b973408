// Tensor: a typed n-dimensional array sharing a reference-counted, 64-byte-aligned buffer,
// with Eigen views for kernels, TensorProto conversion and NumPy-like printing.
#ifndef RILL_CORE_FRAMEWORK_TENSOR_H_
#define RILL_CORE_FRAMEWORK_TENSOR_H_

#include <cstdint>
#include <ostream>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "core/framework/allocator.h"
#include "core/framework/resource_handle.h"
#include "core/framework/tensor_buffer.h"
#include "core/framework/tensor_shape.h"
#include "core/framework/tensor_types.h"
#include "core/framework/types.h"
#include "core/framework/variant.h"
#include "core/protos/tensor.pb.h"

namespace rill {

namespace tensor_internal {
// Abort helpers for misuse of the typed accessors (a programming bug, never bad input).
[[noreturn]] void DtypeMismatch(DataType actual, DataType requested);
[[noreturn]] void BadAccess(const std::string& message);
}  // namespace tensor_internal

// Tensor is a value type: copying one is cheap and shares the buffer (copy-on-nothing:
// writes through any copy are seen by all). Elements are stored row-major.
//
// A Tensor is "initialized" once it has storage for its elements (or has none to store).
// Tensor() and Tensor(dtype) are uninitialized scalars, which is how the runtime marks a
// value not yet produced (an unassigned variable, an unfed slot).
//
// The typed accessors (flat<T>(), matrix<T>(), ...) abort with a clear message when T is
// not the tensor's dtype or the rank is wrong: validate inputs first, then access.
// Thread safety: const methods may be called concurrently; elements are unsynchronized.
class Tensor {
 public:
  // Tensor() is an uninitialized DT_FLOAT scalar.
  Tensor() : Tensor(DT_FLOAT) {}
  // Tensor(dtype) is an uninitialized scalar of `dtype`.
  explicit Tensor(DataType dtype) : dtype_(dtype) {}
  // Tensor(dtype, shape) allocates from CpuAllocator(). Numeric elements are left
  // uninitialized; strings, handles and variants are default-constructed. When the memory
  // is not available, or `dtype` has no C++ element type, the result is uninitialized
  // (IsInitialized() == false), which callers turn into ResourceExhausted.
  Tensor(DataType dtype, const TensorShape& shape);
  Tensor(Allocator* allocator, DataType dtype, const TensorShape& shape);

  // Scalar constructors.
  explicit Tensor(float value);
  explicit Tensor(double value);
  explicit Tensor(int32_t value);
  explicit Tensor(int64_t value);
  explicit Tensor(bool value);
  explicit Tensor(std::string value);
  explicit Tensor(const char* value);

  // Copies share the buffer; moves leave `other` an uninitialized scalar of its dtype.
  Tensor(const Tensor& other)
      : dtype_(other.dtype_), shape_(other.shape_), buffer_(other.buffer_), data_(other.data_) {
    if (buffer_ != nullptr) buffer_->Ref();
  }
  Tensor(Tensor&& other) noexcept
      : dtype_(other.dtype_),
        shape_(std::move(other.shape_)),
        buffer_(other.buffer_),
        data_(other.data_) {
    other.buffer_ = nullptr;
    other.data_ = nullptr;
  }
  Tensor& operator=(const Tensor& other) {
    if (other.buffer_ != nullptr) other.buffer_->Ref();
    if (buffer_ != nullptr) buffer_->Unref();
    dtype_ = other.dtype_;
    shape_ = other.shape_;
    buffer_ = other.buffer_;
    data_ = other.data_;
    return *this;
  }
  Tensor& operator=(Tensor&& other) noexcept {
    if (this == &other) return *this;
    if (buffer_ != nullptr) buffer_->Unref();
    dtype_ = other.dtype_;
    shape_ = std::move(other.shape_);
    buffer_ = other.buffer_;
    data_ = other.data_;
    other.buffer_ = nullptr;
    other.data_ = nullptr;
    return *this;
  }
  ~Tensor() {
    if (buffer_ != nullptr) buffer_->Unref();
  }

  DataType dtype() const { return dtype_; }
  const TensorShape& shape() const { return shape_; }
  int dims() const { return shape_.dims(); }
  int64_t dim_size(int d) const { return shape_.dim_size(d); }
  int64_t NumElements() const { return shape_.num_elements(); }
  // TotalBytes is NumElements() times the size of the C++ element type.
  size_t TotalBytes() const;

  bool IsInitialized() const { return data_ != nullptr || NumElements() == 0; }
  bool IsSameSize(const Tensor& other) const { return shape_.IsSameSize(other.shape_); }
  // IsSameBuffer: both view exactly the same bytes of one buffer.
  bool IsSameBuffer(const Tensor& other) const;
  // SharesBufferWith: both view some part of one buffer (e.g. a tensor and its Slice).
  bool SharesBufferWith(const Tensor& other) const;
  // RefCountIsOne: this is the buffer's only user, so a kernel may overwrite it in place.
  bool RefCountIsOne() const { return buffer_ != nullptr && buffer_->RefCountIsOne(); }
  // IsAligned: data() is aligned for Eigen's aligned maps (Slice may break it).
  bool IsAligned() const;

  // data is the first element, or nullptr when there is no buffer.
  void* data() const { return data_; }
  // tensor_data is the raw element bytes. REQUIRES DataTypeCanUseMemcpy(dtype()).
  absl::string_view tensor_data() const;

  template <typename T>
  typename TTypes<T>::Flat flat() {
    return shaped<T, 1>({NumElements()});
  }
  template <typename T>
  typename TTypes<T>::ConstFlat flat() const {
    return shaped<T, 1>({NumElements()});
  }
  template <typename T>
  typename TTypes<T>::UnalignedFlat unaligned_flat() {
    CheckType(DataTypeToEnum<T>::value);
    return typename TTypes<T>::UnalignedFlat(static_cast<T*>(data_), NumElements());
  }
  template <typename T>
  typename TTypes<T>::UnalignedConstFlat unaligned_flat() const {
    CheckType(DataTypeToEnum<T>::value);
    return typename TTypes<T>::UnalignedConstFlat(static_cast<const T*>(data_),
                                                  NumElements());
  }

  template <typename T>
  typename TTypes<T>::Vec vec() {
    return tensor<T, 1>();
  }
  template <typename T>
  typename TTypes<T>::ConstVec vec() const {
    return tensor<T, 1>();
  }
  template <typename T>
  typename TTypes<T>::Matrix matrix() {
    return tensor<T, 2>();
  }
  template <typename T>
  typename TTypes<T>::ConstMatrix matrix() const {
    return tensor<T, 2>();
  }

  // tensor<T, N>: REQUIRES dims() == N.
  template <typename T, int N>
  typename TTypes<T, N>::Tensor tensor() {
    CheckRank(N);
    return shaped<T, N>(shape_.dim_sizes());
  }
  template <typename T, int N>
  typename TTypes<T, N>::ConstTensor tensor() const {
    CheckRank(N);
    return shaped<T, N>(shape_.dim_sizes());
  }

  // scalar<T>: REQUIRES NumElements() == 1 (any rank).
  template <typename T>
  typename TTypes<T>::Scalar scalar() {
    CheckTypeAndIsAligned(DataTypeToEnum<T>::value);
    CheckSingleElement();
    return typename TTypes<T>::Scalar(static_cast<T*>(data_));
  }
  template <typename T>
  typename TTypes<T>::ConstScalar scalar() const {
    CheckTypeAndIsAligned(DataTypeToEnum<T>::value);
    CheckSingleElement();
    return typename TTypes<T>::ConstScalar(static_cast<const T*>(data_));
  }

  // shaped<T, N>(sizes) views the elements with another shape of the same element count.
  template <typename T, int N>
  typename TTypes<T, N>::Tensor shaped(absl::Span<const int64_t> new_sizes) {
    CheckTypeAndIsAligned(DataTypeToEnum<T>::value);
    return typename TTypes<T, N>::Tensor(static_cast<T*>(data_),
                                         EigenDims<N>(new_sizes));
  }
  template <typename T, int N>
  typename TTypes<T, N>::ConstTensor shaped(absl::Span<const int64_t> new_sizes) const {
    CheckTypeAndIsAligned(DataTypeToEnum<T>::value);
    return typename TTypes<T, N>::ConstTensor(static_cast<const T*>(data_),
                                              EigenDims<N>(new_sizes));
  }
  template <typename T, int N>
  typename TTypes<T, N>::UnalignedTensor unaligned_shaped(
      absl::Span<const int64_t> new_sizes) {
    CheckType(DataTypeToEnum<T>::value);
    return typename TTypes<T, N>::UnalignedTensor(static_cast<T*>(data_),
                                                  EigenDims<N>(new_sizes));
  }

  // flat_inner_dims<T, N>: the last N-1 dimensions kept, all leading ones folded into the
  // first (a [2,3,4] tensor is [6,4] with N = 2); missing leading dims are 1.
  template <typename T, int N = 2>
  typename TTypes<T, N>::Tensor flat_inner_dims() {
    return shaped<T, N>(FlatInnerDims(N));
  }
  template <typename T, int N = 2>
  typename TTypes<T, N>::ConstTensor flat_inner_dims() const {
    return shaped<T, N>(FlatInnerDims(N));
  }
  // flat_outer_dims<T, N>: the first N-1 dimensions kept, all trailing ones folded into the
  // last (a [2,3,4] tensor is [2,12] with N = 2); missing trailing dims are 1.
  template <typename T, int N = 2>
  typename TTypes<T, N>::Tensor flat_outer_dims() {
    return shaped<T, N>(FlatOuterDims(N));
  }
  template <typename T, int N = 2>
  typename TTypes<T, N>::ConstTensor flat_outer_dims() const {
    return shaped<T, N>(FlatOuterDims(N));
  }

  // Slice returns rows [start, limit) of dimension 0, sharing this buffer (no copy).
  // The result's data may not be aligned (check IsAligned() before flat(); use
  // unaligned_flat() otherwise). REQUIRES dims() >= 1, 0 <= start <= limit <= dim_size(0).
  Tensor Slice(int64_t start, int64_t limit) const;
  // SubSlice returns row `index` of dimension 0 with that dimension removed, sharing this
  // buffer. REQUIRES dims() >= 1, 0 <= index < dim_size(0).
  Tensor SubSlice(int64_t index) const;

  // CopyFrom makes this share `other`'s buffer and dtype with `shape`; false (and nothing
  // changes) when the element counts differ.
  bool CopyFrom(const Tensor& other, const TensorShape& shape);

  // FromProto parses `proto` into a new buffer: tensor_content when it is non-empty, else
  // the typed *_val field, where fewer values than elements repeat the last one (so one
  // value fills any shape) and none means zeros. InvalidArgument for an invalid dtype or
  // shape, a tensor_content of the wrong size, or a value out of the dtype's range;
  // ResourceExhausted when the memory is not available. On error *this is unchanged.
  absl::Status FromProto(const ::tensorflow::TensorProto& proto);
  absl::Status FromProto(Allocator* allocator, const ::tensorflow::TensorProto& proto);

  // AsProtoField fills `proto` (cleared first) with dtype, shape and the typed *_val field.
  void AsProtoField(::tensorflow::TensorProto* proto) const;
  // AsProtoTensorContent uses tensor_content for memcpy-able dtypes, *_val otherwise.
  void AsProtoTensorContent(::tensorflow::TensorProto* proto) const;

  // SummarizeValue prints the elements NumPy-style on one line: a scalar "8", a vector
  // "[6 7 8]", a matrix "[[0 2] [4 6]]"; floats in their shortest round-trip form ("1.5",
  // "10"), strings quoted and C-escaped. After `max_entries` elements the rest is "...":
  // "[[0 2] [4 ...]]". An uninitialized tensor prints "<uninitialized tensor>".
  std::string SummarizeValue(int64_t max_entries) const;
  // DebugString is SummarizeValue with NumPy's print threshold of 1000 elements.
  std::string DebugString() const { return SummarizeValue(kDebugStringMaxEntries); }

  static constexpr int64_t kDebugStringMaxEntries = 1000;

 private:
  void CheckType(DataType expected) const {
    if (dtype_ != expected) tensor_internal::DtypeMismatch(dtype_, expected);
  }
  void CheckTypeAndIsAligned(DataType expected) const;
  void CheckRank(int expected) const;
  void CheckSingleElement() const;
  DimVector FlatInnerDims(int num_out_dims) const;
  DimVector FlatOuterDims(int num_out_dims) const;

  template <int N>
  Eigen::array<Eigen::DenseIndex, N> EigenDims(absl::Span<const int64_t> sizes) const {
    CheckReshape(sizes, N);
    Eigen::array<Eigen::DenseIndex, N> dims;
    for (int i = 0; i < N; ++i) dims[i] = static_cast<Eigen::DenseIndex>(sizes[i]);
    return dims;
  }
  void CheckReshape(absl::Span<const int64_t> sizes, int rank) const;

  DataType dtype_;
  TensorShape shape_;
  TensorBuffer* buffer_ = nullptr;  // One reference held; nullptr when uninitialized.
  void* data_ = nullptr;            // Inside buffer_ (not its start after Slice).
};

std::ostream& operator<<(std::ostream& os, const Tensor& tensor);

// DeepCopy returns a tensor with its own buffer holding a copy of `other`'s elements
// (strings and variants copied by value). An uninitialized tensor copies as uninitialized.
Tensor DeepCopy(const Tensor& other);

}  // namespace rill

#endif  // RILL_CORE_FRAMEWORK_TENSOR_H_
