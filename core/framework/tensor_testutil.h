// Test helpers for tensors: build tensors from values, fill them, and compare them with
// gtest assertions that name the first differing index.
#ifndef RILL_CORE_FRAMEWORK_TENSOR_TESTUTIL_H_
#define RILL_CORE_FRAMEWORK_TENSOR_TESTUTIL_H_

#include <complex>
#include <cstdint>
#include <type_traits>
#include <vector>

#include "core/framework/tensor.h"
#include "core/framework/tensor_shape.h"
#include "core/framework/types.h"
#include "gtest/gtest.h"

namespace rill {
namespace test {

// AsTensor returns a tensor of `shape` holding `values` row-major.
// REQUIRES values.size() == shape.num_elements().
template <typename T>
Tensor AsTensor(const std::vector<T>& values, const TensorShape& shape) {
  Tensor tensor(DataTypeToEnum<T>::value, shape);
  EXPECT_EQ(static_cast<int64_t>(values.size()), shape.num_elements())
      << "AsTensor: " << values.size() << " values for shape " << shape;
  auto flat = tensor.flat<T>();
  for (int64_t i = 0; i < flat.size() && i < static_cast<int64_t>(values.size()); ++i) {
    flat(i) = values[i];
  }
  return tensor;
}

// AsTensor with no shape makes a vector.
template <typename T>
Tensor AsTensor(const std::vector<T>& values) {
  return AsTensor<T>(values, TensorShape({static_cast<int64_t>(values.size())}));
}

// AsScalar returns a scalar tensor holding `value`.
template <typename T>
Tensor AsScalar(const T& value) {
  Tensor tensor(DataTypeToEnum<T>::value, TensorShape());
  tensor.scalar<T>()() = value;
  return tensor;
}

// FillValues copies `values` into `tensor` row-major.
// REQUIRES values.size() == tensor->NumElements().
template <typename T>
void FillValues(Tensor* tensor, const std::vector<T>& values) {
  auto flat = tensor->flat<T>();
  ASSERT_EQ(flat.size(), static_cast<int64_t>(values.size()))
      << "FillValues: " << values.size() << " values for shape " << tensor->shape();
  for (int64_t i = 0; i < flat.size(); ++i) flat(i) = values[i];
}

// FillIota sets element i to start + i.
template <typename T>
void FillIota(Tensor* tensor, const T& start) {
  auto flat = tensor->flat<T>();
  T value = start;
  for (int64_t i = 0; i < flat.size(); ++i) {
    flat(i) = value;
    value = static_cast<T>(value + T(1));
  }
}

// ExpectTensorEqual: same dtype, same shape, and equal elements (compared with ==).
template <typename T>
void ExpectTensorEqual(const Tensor& actual, const Tensor& expected) {
  ASSERT_EQ(actual.dtype(), expected.dtype())
      << DataTypeString(actual.dtype()) << " vs. " << DataTypeString(expected.dtype());
  ASSERT_EQ(actual.shape(), expected.shape());
  auto a = actual.flat<T>();
  auto e = expected.flat<T>();
  for (int64_t i = 0; i < a.size(); ++i) {
    EXPECT_TRUE(a(i) == e(i)) << "at index " << i << ": " << actual.DebugString()
                              << " vs. expected " << expected.DebugString();
    if (!(a(i) == e(i))) return;
  }
}

namespace internal {

template <typename T>
std::complex<double> AsComplexDouble(const T& value) {
  if constexpr (std::is_same_v<T, complex64> || std::is_same_v<T, complex128>) {
    return {static_cast<double>(value.real()), static_cast<double>(value.imag())};
  } else {
    return {static_cast<double>(value), 0.0};
  }
}

// IsNear: equal (infinities included), both NaN in the same parts, or within tolerance.
bool IsNear(std::complex<double> actual, std::complex<double> expected, double tolerance);

}  // namespace internal

// ExpectTensorNear: same dtype and shape, and |actual - expected| <= tolerance at every
// element (NaN matches NaN; infinities must be equal).
template <typename T>
void ExpectTensorNear(const Tensor& actual, const Tensor& expected, double tolerance) {
  ASSERT_EQ(actual.dtype(), expected.dtype())
      << DataTypeString(actual.dtype()) << " vs. " << DataTypeString(expected.dtype());
  ASSERT_EQ(actual.shape(), expected.shape());
  auto a = actual.flat<T>();
  auto e = expected.flat<T>();
  for (int64_t i = 0; i < a.size(); ++i) {
    const std::complex<double> av = internal::AsComplexDouble(a(i));
    const std::complex<double> ev = internal::AsComplexDouble(e(i));
    const bool near = internal::IsNear(av, ev, tolerance);
    EXPECT_TRUE(near) << "at index " << i << ": " << av << " vs. expected " << ev
                      << " (tolerance " << tolerance << ")";
    if (!near) return;
  }
}

}  // namespace test
}  // namespace rill

#endif  // RILL_CORE_FRAMEWORK_TENSOR_TESTUTIL_H_
