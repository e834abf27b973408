// TensorBuffer: the reference-counted, aligned element storage that Tensors share. Tensor
// is its only user; kernels never see it.
#ifndef RILL_CORE_FRAMEWORK_TENSOR_BUFFER_H_
#define RILL_CORE_FRAMEWORK_TENSOR_BUFFER_H_

#include <atomic>
#include <cstddef>
#include <cstdint>

#include "core/framework/allocator.h"
#include "core/framework/types.h"

namespace rill {

// TensorBuffer owns `num_elements` constructed elements of `dtype`, allocated from an
// Allocator. It starts with one reference; the last Unref destroys the elements (running
// destructors of strings, handles and variants) and returns the memory. Ref and Unref are
// thread-safe; the elements themselves are not synchronized.
class TensorBuffer {
 public:
  // New returns a buffer with one reference, or nullptr when `dtype` has no C++ element
  // type, the byte count overflows, or the allocator fails. Elements of types with a
  // constructor (string, ResourceHandle, Variant) are default-constructed; numeric and
  // bool elements are left uninitialized, as in TensorFlow.
  static TensorBuffer* New(Allocator* allocator, DataType dtype, int64_t num_elements);

  TensorBuffer(const TensorBuffer&) = delete;
  TensorBuffer& operator=(const TensorBuffer&) = delete;

  char* data() const { return data_; }
  size_t size_bytes() const { return size_bytes_; }

  void Ref() const { ref_count_.fetch_add(1, std::memory_order_relaxed); }
  void Unref() const {
    if (ref_count_.fetch_sub(1, std::memory_order_acq_rel) == 1) delete this;
  }
  bool RefCountIsOne() const { return ref_count_.load(std::memory_order_acquire) == 1; }

 private:
  TensorBuffer(Allocator* allocator, DataType dtype, int64_t num_elements, char* data,
               size_t size_bytes);
  ~TensorBuffer();

  Allocator* const allocator_;
  const DataType dtype_;
  const int64_t num_elements_;
  char* const data_;
  const size_t size_bytes_;
  mutable std::atomic<int64_t> ref_count_{1};
};

}  // namespace rill

#endif  // RILL_CORE_FRAMEWORK_TENSOR_BUFFER_H_
