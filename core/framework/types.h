// DataType (TensorFlow's enum), its names and sizes, the C++ type <-> DataType traits, and
// the helpers that dispatch on a DataType at run time (VisitDataType, RILL_CALL_* macros).
#ifndef RILL_CORE_FRAMEWORK_TYPES_H_
#define RILL_CORE_FRAMEWORK_TYPES_H_

#include <complex>
#include <cstdint>
#include <string>
#include <vector>

#include "Eigen/Core"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "core/protos/types.pb.h"

namespace rill {

class ResourceHandle;
class Variant;

using DataType = ::tensorflow::DataType;
using DataTypeVector = std::vector<DataType>;
using DataTypeSlice = absl::Span<const DataType>;

using complex64 = std::complex<float>;
using complex128 = std::complex<double>;

constexpr DataType DT_INVALID = ::tensorflow::DT_INVALID;
constexpr DataType DT_FLOAT = ::tensorflow::DT_FLOAT;
constexpr DataType DT_DOUBLE = ::tensorflow::DT_DOUBLE;
constexpr DataType DT_INT32 = ::tensorflow::DT_INT32;
constexpr DataType DT_UINT8 = ::tensorflow::DT_UINT8;
constexpr DataType DT_INT16 = ::tensorflow::DT_INT16;
constexpr DataType DT_INT8 = ::tensorflow::DT_INT8;
constexpr DataType DT_STRING = ::tensorflow::DT_STRING;
constexpr DataType DT_COMPLEX64 = ::tensorflow::DT_COMPLEX64;
constexpr DataType DT_INT64 = ::tensorflow::DT_INT64;
constexpr DataType DT_BOOL = ::tensorflow::DT_BOOL;
constexpr DataType DT_QINT8 = ::tensorflow::DT_QINT8;
constexpr DataType DT_QUINT8 = ::tensorflow::DT_QUINT8;
constexpr DataType DT_QINT32 = ::tensorflow::DT_QINT32;
constexpr DataType DT_BFLOAT16 = ::tensorflow::DT_BFLOAT16;
constexpr DataType DT_QINT16 = ::tensorflow::DT_QINT16;
constexpr DataType DT_QUINT16 = ::tensorflow::DT_QUINT16;
constexpr DataType DT_UINT16 = ::tensorflow::DT_UINT16;
constexpr DataType DT_COMPLEX128 = ::tensorflow::DT_COMPLEX128;
constexpr DataType DT_HALF = ::tensorflow::DT_HALF;
constexpr DataType DT_RESOURCE = ::tensorflow::DT_RESOURCE;
constexpr DataType DT_VARIANT = ::tensorflow::DT_VARIANT;
constexpr DataType DT_UINT32 = ::tensorflow::DT_UINT32;
constexpr DataType DT_UINT64 = ::tensorflow::DT_UINT64;

constexpr DataType DT_FLOAT_REF = ::tensorflow::DT_FLOAT_REF;
constexpr DataType DT_DOUBLE_REF = ::tensorflow::DT_DOUBLE_REF;
constexpr DataType DT_INT32_REF = ::tensorflow::DT_INT32_REF;
constexpr DataType DT_UINT8_REF = ::tensorflow::DT_UINT8_REF;
constexpr DataType DT_INT16_REF = ::tensorflow::DT_INT16_REF;
constexpr DataType DT_INT8_REF = ::tensorflow::DT_INT8_REF;
constexpr DataType DT_STRING_REF = ::tensorflow::DT_STRING_REF;
constexpr DataType DT_COMPLEX64_REF = ::tensorflow::DT_COMPLEX64_REF;
constexpr DataType DT_INT64_REF = ::tensorflow::DT_INT64_REF;
constexpr DataType DT_BOOL_REF = ::tensorflow::DT_BOOL_REF;
constexpr DataType DT_BFLOAT16_REF = ::tensorflow::DT_BFLOAT16_REF;
constexpr DataType DT_UINT16_REF = ::tensorflow::DT_UINT16_REF;
constexpr DataType DT_COMPLEX128_REF = ::tensorflow::DT_COMPLEX128_REF;
constexpr DataType DT_HALF_REF = ::tensorflow::DT_HALF_REF;
constexpr DataType DT_RESOURCE_REF = ::tensorflow::DT_RESOURCE_REF;
constexpr DataType DT_VARIANT_REF = ::tensorflow::DT_VARIANT_REF;
constexpr DataType DT_UINT32_REF = ::tensorflow::DT_UINT32_REF;
constexpr DataType DT_UINT64_REF = ::tensorflow::DT_UINT64_REF;

// kDataTypeRefOffset: a reference type's value is its base type's value plus this.
constexpr int kDataTypeRefOffset = 100;

// IsRefType is true for the *_REF types (what TF1's VariableV2 outputs).
inline bool IsRefType(DataType dtype) { return dtype > kDataTypeRefOffset; }
// MakeRefType returns DT_X_REF for DT_X (and DT_X_REF unchanged).
DataType MakeRefType(DataType dtype);
// RemoveRefType / BaseType return DT_X for DT_X_REF (and DT_X unchanged).
DataType RemoveRefType(DataType dtype);
inline DataType BaseType(DataType dtype) { return RemoveRefType(dtype); }

// DataTypeString returns TensorFlow's op-spec name: "float", "int32", "string", "float_ref".
// Values outside the enum print as "unknown dtype enum (N)".
std::string DataTypeString(DataType dtype);

// DataTypeFromString parses DataTypeString's names, and also the enum spellings "DT_FLOAT"
// and "DT_FLOAT_REF". Returns false (leaving *dtype alone) on any other string.
bool DataTypeFromString(absl::string_view name, DataType* dtype);

// DataTypeVectorString joins names: "float, int32".
std::string DataTypeVectorString(DataTypeSlice dtypes);

// DataTypeSize is the element size in bytes; 0 for string, resource, variant, invalid and
// reference types (a tensor of those stores C++ objects, not raw bytes).
int DataTypeSize(DataType dtype);

// DataTypeCanUseMemcpy: the elements are plain bytes (every numeric type and bool), so a
// tensor of this type can be copied with memcpy and serialized as tensor_content.
bool DataTypeCanUseMemcpy(DataType dtype);

// DataTypeIsFloating: half, bfloat16, float, double.
bool DataTypeIsFloating(DataType dtype);
// DataTypeIsComplex: complex64, complex128.
bool DataTypeIsComplex(DataType dtype);
// DataTypeIsInteger: the signed and unsigned integer types (not bool, not quantized).
bool DataTypeIsInteger(DataType dtype);
// DataTypeIsUnsigned: uint8, uint16, uint32, uint64.
bool DataTypeIsUnsigned(DataType dtype);

// DataTypeToEnum<T>::value is the DataType of C++ type T; v() is the same as a function and
// ref() its reference type. Only the types below have a DataType.
template <typename T>
struct DataTypeToEnum {
  static_assert(sizeof(T) == 0, "This C++ type has no rill DataType");
};

// EnumToDataType<DT>::Type is the C++ element type of DataType DT.
template <DataType DT>
struct EnumToDataType {};

#define RILL_MATCH_TYPE_AND_ENUM(TYPE, ENUM)                        \
  template <>                                                       \
  struct DataTypeToEnum<TYPE> {                                     \
    static constexpr DataType value = ENUM;                         \
    static constexpr DataType v() { return ENUM; }                  \
    static constexpr DataType ref() {                               \
      return static_cast<DataType>(ENUM + kDataTypeRefOffset);      \
    }                                                               \
  };                                                                \
  template <>                                                       \
  struct EnumToDataType<ENUM> {                                     \
    using Type = TYPE;                                              \
  }

RILL_MATCH_TYPE_AND_ENUM(float, DT_FLOAT);
RILL_MATCH_TYPE_AND_ENUM(double, DT_DOUBLE);
RILL_MATCH_TYPE_AND_ENUM(Eigen::half, DT_HALF);
RILL_MATCH_TYPE_AND_ENUM(Eigen::bfloat16, DT_BFLOAT16);
RILL_MATCH_TYPE_AND_ENUM(int8_t, DT_INT8);
RILL_MATCH_TYPE_AND_ENUM(int16_t, DT_INT16);
RILL_MATCH_TYPE_AND_ENUM(int32_t, DT_INT32);
RILL_MATCH_TYPE_AND_ENUM(int64_t, DT_INT64);
RILL_MATCH_TYPE_AND_ENUM(uint8_t, DT_UINT8);
RILL_MATCH_TYPE_AND_ENUM(uint16_t, DT_UINT16);
RILL_MATCH_TYPE_AND_ENUM(uint32_t, DT_UINT32);
RILL_MATCH_TYPE_AND_ENUM(uint64_t, DT_UINT64);
RILL_MATCH_TYPE_AND_ENUM(bool, DT_BOOL);
RILL_MATCH_TYPE_AND_ENUM(complex64, DT_COMPLEX64);
RILL_MATCH_TYPE_AND_ENUM(complex128, DT_COMPLEX128);
RILL_MATCH_TYPE_AND_ENUM(std::string, DT_STRING);
RILL_MATCH_TYPE_AND_ENUM(ResourceHandle, DT_RESOURCE);
RILL_MATCH_TYPE_AND_ENUM(Variant, DT_VARIANT);

#undef RILL_MATCH_TYPE_AND_ENUM

// RILL_CALL_<set>(m) expands to m(T) for each C++ element type T in the set, for kernel
// registration and switch statements. The sets follow TensorFlow's TF_CALL_* families.
#define RILL_CALL_FLOAT_TYPES(m) m(Eigen::half) m(Eigen::bfloat16) m(float) m(double)
#define RILL_CALL_SIGNED_INTEGRAL_TYPES(m) m(int8_t) m(int16_t) m(int32_t) m(int64_t)
#define RILL_CALL_UNSIGNED_INTEGRAL_TYPES(m) m(uint8_t) m(uint16_t) m(uint32_t) m(uint64_t)
#define RILL_CALL_INTEGRAL_TYPES(m) \
  RILL_CALL_SIGNED_INTEGRAL_TYPES(m) RILL_CALL_UNSIGNED_INTEGRAL_TYPES(m)
#define RILL_CALL_REAL_NUMBER_TYPES(m) RILL_CALL_FLOAT_TYPES(m) RILL_CALL_INTEGRAL_TYPES(m)
#define RILL_CALL_COMPLEX_TYPES(m) m(::rill::complex64) m(::rill::complex128)
#define RILL_CALL_NUMBER_TYPES(m) RILL_CALL_REAL_NUMBER_TYPES(m) RILL_CALL_COMPLEX_TYPES(m)
#define RILL_CALL_POD_TYPES(m) RILL_CALL_NUMBER_TYPES(m) m(bool)
#define RILL_CALL_ALL_TYPES(m) \
  RILL_CALL_POD_TYPES(m) m(std::string) m(::rill::ResourceHandle) m(::rill::Variant)

// TypeTag<T> carries an element type into a generic lambda (see VisitDataType).
template <typename T>
struct TypeTag {
  using type = T;
};

// VisitDataType calls visitor(TypeTag<T>{}) where T is the C++ element type of `dtype`
// (any type in RILL_CALL_ALL_TYPES), and returns true; it returns false without calling
// the visitor for DT_INVALID, quantized, reference and other types without a C++ type.
// ResourceHandle and Variant must be complete where a visitor uses them:
//   VisitDataType(dtype, [&](auto tag) { using T = typename decltype(tag)::type; ... });
template <typename Visitor>
bool VisitDataType(DataType dtype, Visitor&& visitor) {
  switch (dtype) {
#define RILL_VISIT_CASE(T)                     \
  case DataTypeToEnum<T>::value:               \
    visitor(TypeTag<T>{});                     \
    return true;
    RILL_CALL_ALL_TYPES(RILL_VISIT_CASE)
#undef RILL_VISIT_CASE
    default:
      return false;
  }
}

}  // namespace rill

#endif  // RILL_CORE_FRAMEWORK_TYPES_H_
