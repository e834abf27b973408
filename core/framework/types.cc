// DataType names, sizes and classification (see types.h).
#include "core/framework/types.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace rill {

namespace {

// BaseTypeName is TensorFlow's op-spec name of a non-reference type, or "" if it has none.
absl::string_view BaseTypeName(DataType dtype) {
  switch (dtype) {
    case DT_INVALID: return "INVALID";
    case DT_FLOAT: return "float";
    case DT_DOUBLE: return "double";
    case DT_INT32: return "int32";
    case DT_UINT8: return "uint8";
    case DT_INT16: return "int16";
    case DT_INT8: return "int8";
    case DT_STRING: return "string";
    case DT_COMPLEX64: return "complex64";
    case DT_INT64: return "int64";
    case DT_BOOL: return "bool";
    case DT_QINT8: return "qint8";
    case DT_QUINT8: return "quint8";
    case DT_QINT32: return "qint32";
    case DT_BFLOAT16: return "bfloat16";
    case DT_QINT16: return "qint16";
    case DT_QUINT16: return "quint16";
    case DT_UINT16: return "uint16";
    case DT_COMPLEX128: return "complex128";
    case DT_HALF: return "half";
    case DT_RESOURCE: return "resource";
    case DT_VARIANT: return "variant";
    case DT_UINT32: return "uint32";
    case DT_UINT64: return "uint64";
    case ::tensorflow::DT_FLOAT8_E5M2: return "float8_e5m2";
    case ::tensorflow::DT_FLOAT8_E4M3FN: return "float8_e4m3fn";
    case ::tensorflow::DT_FLOAT8_E4M3FNUZ: return "float8_e4m3fnuz";
    case ::tensorflow::DT_FLOAT8_E4M3B11FNUZ: return "float8_e4m3b11fnuz";
    case ::tensorflow::DT_FLOAT8_E5M2FNUZ: return "float8_e5m2fnuz";
    case ::tensorflow::DT_INT4: return "int4";
    case ::tensorflow::DT_UINT4: return "uint4";
    case ::tensorflow::DT_INT2: return "int2";
    case ::tensorflow::DT_UINT2: return "uint2";
    case ::tensorflow::DT_FLOAT4_E2M1FN: return "float4_e2m1fn";
    default: return "";
  }
}

bool IsKnownEnumValue(int value) { return ::tensorflow::DataType_IsValid(value); }

}  // namespace

DataType MakeRefType(DataType dtype) {
  return IsRefType(dtype) ? dtype : static_cast<DataType>(dtype + kDataTypeRefOffset);
}

DataType RemoveRefType(DataType dtype) {
  return IsRefType(dtype) ? static_cast<DataType>(dtype - kDataTypeRefOffset) : dtype;
}

std::string DataTypeString(DataType dtype) {
  if (IsKnownEnumValue(dtype)) {
    if (IsRefType(dtype)) return absl::StrCat(BaseTypeName(RemoveRefType(dtype)), "_ref");
    return std::string(BaseTypeName(dtype));
  }
  return absl::StrCat("unknown dtype enum (", static_cast<int>(dtype), ")");
}

bool DataTypeFromString(absl::string_view name, DataType* dtype) {
  for (int value = ::tensorflow::DataType_MIN; value <= ::tensorflow::DataType_MAX; ++value) {
    if (!IsKnownEnumValue(value) || value == DT_INVALID) continue;
    const DataType candidate = static_cast<DataType>(value);
    if (name == DataTypeString(candidate) || name == ::tensorflow::DataType_Name(candidate)) {
      *dtype = candidate;
      return true;
    }
  }
  return false;
}

std::string DataTypeVectorString(DataTypeSlice dtypes) {
  return absl::StrJoin(dtypes, ", ", [](std::string* out, DataType dtype) {
    out->append(DataTypeString(dtype));
  });
}

int DataTypeSize(DataType dtype) {
  switch (dtype) {
#define RILL_SIZE_CASE(T) \
  case DataTypeToEnum<T>::value: return static_cast<int>(sizeof(T));
    RILL_CALL_POD_TYPES(RILL_SIZE_CASE)
#undef RILL_SIZE_CASE
    default:
      return 0;
  }
}

bool DataTypeCanUseMemcpy(DataType dtype) { return DataTypeSize(dtype) > 0; }

bool DataTypeIsFloating(DataType dtype) {
  return dtype == DT_HALF || dtype == DT_BFLOAT16 || dtype == DT_FLOAT || dtype == DT_DOUBLE;
}

bool DataTypeIsComplex(DataType dtype) {
  return dtype == DT_COMPLEX64 || dtype == DT_COMPLEX128;
}

bool DataTypeIsInteger(DataType dtype) {
  return dtype == DT_INT8 || dtype == DT_INT16 || dtype == DT_INT32 || dtype == DT_INT64 ||
         DataTypeIsUnsigned(dtype);
}

bool DataTypeIsUnsigned(DataType dtype) {
  return dtype == DT_UINT8 || dtype == DT_UINT16 || dtype == DT_UINT32 || dtype == DT_UINT64;
}

}  // namespace rill
