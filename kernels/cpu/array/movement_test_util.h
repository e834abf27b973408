// Test helpers for the data-movement kernels: tensors of any dtype whose elements encode
// small integers, so that one expected layout of integers checks a kernel on every dtype.
#ifndef RILL_KERNELS_CPU_ARRAY_MOVEMENT_TEST_UTIL_H_
#define RILL_KERNELS_CPU_ARRAY_MOVEMENT_TEST_UTIL_H_

#include <cstdint>
#include <string>
#include <type_traits>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/string_view.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_shape.h"
#include "core/framework/tensor_testutil.h"
#include "core/framework/types.h"
#include "gtest/gtest.h"

namespace rill {
namespace test {

// FromInt encodes `value` (keep it in [0, 100) so int8 and half hold it exactly) as a T:
// bool keeps the parity, complex numbers are value - value*i, strings the decimal text.
template <typename T>
T FromInt(int64_t value) {
  if constexpr (std::is_same_v<T, bool>) {
    return value % 2 != 0;
  } else if constexpr (std::is_same_v<T, std::string>) {
    return std::to_string(value);
  } else if constexpr (std::is_same_v<T, complex64> || std::is_same_v<T, complex128>) {
    using Part = typename T::value_type;
    return T(static_cast<Part>(value), static_cast<Part>(-value));
  } else {
    return static_cast<T>(static_cast<float>(value));
  }
}

// Encoded returns a tensor of `shape` holding FromInt of each value, row-major.
template <typename T>
Tensor Encoded(const std::vector<int64_t>& values, const TensorShape& shape) {
  std::vector<T> encoded;
  encoded.reserve(values.size());
  for (const int64_t value : values) encoded.push_back(FromInt<T>(value));
  return AsTensor<T>(encoded, shape);
}

// Iota returns a tensor of `shape` holding FromInt(0), FromInt(1), ... (modulo 100).
template <typename T>
Tensor Iota(const TensorShape& shape) {
  std::vector<int64_t> values(static_cast<size_t>(shape.num_elements()));
  for (size_t i = 0; i < values.size(); ++i) values[i] = static_cast<int64_t>(i % 100);
  return Encoded<T>(values, shape);
}

// ExpectEncoded checks that `actual` has `shape` and holds FromInt of `values`.
template <typename T>
void ExpectEncoded(const Tensor& actual, const std::vector<int64_t>& values,
                   const TensorShape& shape) {
  ExpectTensorEqual<T>(actual, Encoded<T>(values, shape));
}

// ExpectInvalidArgument checks that `status` is InvalidArgument and that its message starts
// with `message` (the node context follows it).
inline void ExpectInvalidArgument(const absl::Status& status, absl::string_view message) {
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << status;
  EXPECT_TRUE(absl::StartsWith(status.message(), message))
      << "expected '" << message << "...', got '" << status.message() << "'";
}

// ForEachMovementType calls fn(TypeTag<T>{}) for every type the data-movement kernels
// support with a test: every numeric type, bool and string.
template <typename Fn>
void ForEachMovementType(Fn fn) {
#define RILL_MOVEMENT_TYPE(T) fn(TypeTag<T>{});
  RILL_CALL_POD_TYPES(RILL_MOVEMENT_TYPE)
#undef RILL_MOVEMENT_TYPE
  fn(TypeTag<std::string>{});
}

}  // namespace test
}  // namespace rill

#endif  // RILL_KERNELS_CPU_ARRAY_MOVEMENT_TEST_UTIL_H_
