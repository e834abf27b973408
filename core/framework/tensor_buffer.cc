// TensorBuffer: allocation, element construction and destruction (see tensor_buffer.h).
#include "core/framework/tensor_buffer.h"

#include <limits>
#include <new>
#include <type_traits>

#include "core/framework/resource_handle.h"
#include "core/framework/variant.h"

namespace rill {

TensorBuffer* TensorBuffer::New(Allocator* allocator, DataType dtype, int64_t num_elements) {
  size_t element_size = 0;
  if (!VisitDataType(dtype, [&](auto tag) {
        element_size = sizeof(typename decltype(tag)::type);
      })) {
    return nullptr;
  }
  if (num_elements < 0 ||
      static_cast<uint64_t>(num_elements) > std::numeric_limits<size_t>::max() / element_size) {
    return nullptr;
  }
  const size_t size_bytes = static_cast<size_t>(num_elements) * element_size;
  char* data = static_cast<char*>(allocator->AllocateRaw(kTensorAlignment, size_bytes));
  if (data == nullptr) return nullptr;
  if (!DataTypeCanUseMemcpy(dtype)) {
    VisitDataType(dtype, [&](auto tag) {
      using T = typename decltype(tag)::type;
      T* elements = reinterpret_cast<T*>(data);
      for (int64_t i = 0; i < num_elements; ++i) new (elements + i) T();
    });
  }
  return new TensorBuffer(allocator, dtype, num_elements, data, size_bytes);
}

TensorBuffer::TensorBuffer(Allocator* allocator, DataType dtype, int64_t num_elements,
                           char* data, size_t size_bytes)
    : allocator_(allocator),
      dtype_(dtype),
      num_elements_(num_elements),
      data_(data),
      size_bytes_(size_bytes) {}

TensorBuffer::~TensorBuffer() {
  VisitDataType(dtype_, [&](auto tag) {
    using T = typename decltype(tag)::type;
    if constexpr (!std::is_trivially_destructible_v<T>) {
      T* elements = reinterpret_cast<T*>(data_);
      for (int64_t i = 0; i < num_elements_; ++i) elements[i].~T();
    }
  });
  allocator_->DeallocateRaw(data_);
}

}  // namespace rill
