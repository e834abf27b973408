// Tests for DataType names, sizes, classification, the type traits and VisitDataType.
#include "core/framework/types.h"

#include <string>

#include "core/framework/resource_handle.h"
#include "core/framework/variant.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

TEST(TypesTest, DataTypeStringUsesTensorFlowNames) {
  EXPECT_EQ(DataTypeString(DT_FLOAT), "float");
  EXPECT_EQ(DataTypeString(DT_DOUBLE), "double");
  EXPECT_EQ(DataTypeString(DT_INT32), "int32");
  EXPECT_EQ(DataTypeString(DT_UINT8), "uint8");
  EXPECT_EQ(DataTypeString(DT_INT16), "int16");
  EXPECT_EQ(DataTypeString(DT_INT8), "int8");
  EXPECT_EQ(DataTypeString(DT_STRING), "string");
  EXPECT_EQ(DataTypeString(DT_COMPLEX64), "complex64");
  EXPECT_EQ(DataTypeString(DT_INT64), "int64");
  EXPECT_EQ(DataTypeString(DT_BOOL), "bool");
  EXPECT_EQ(DataTypeString(DT_BFLOAT16), "bfloat16");
  EXPECT_EQ(DataTypeString(DT_UINT16), "uint16");
  EXPECT_EQ(DataTypeString(DT_COMPLEX128), "complex128");
  EXPECT_EQ(DataTypeString(DT_HALF), "half");
  EXPECT_EQ(DataTypeString(DT_RESOURCE), "resource");
  EXPECT_EQ(DataTypeString(DT_VARIANT), "variant");
  EXPECT_EQ(DataTypeString(DT_UINT32), "uint32");
  EXPECT_EQ(DataTypeString(DT_UINT64), "uint64");
  EXPECT_EQ(DataTypeString(DT_FLOAT_REF), "float_ref");
  EXPECT_EQ(DataTypeString(static_cast<DataType>(99)), "unknown dtype enum (99)");
}

TEST(TypesTest, DataTypeFromStringAcceptsBothSpellings) {
  DataType dtype = DT_INVALID;
  ASSERT_TRUE(DataTypeFromString("float", &dtype));
  EXPECT_EQ(dtype, DT_FLOAT);
  ASSERT_TRUE(DataTypeFromString("DT_INT64", &dtype));
  EXPECT_EQ(dtype, DT_INT64);
  ASSERT_TRUE(DataTypeFromString("bfloat16", &dtype));
  EXPECT_EQ(dtype, DT_BFLOAT16);
  ASSERT_TRUE(DataTypeFromString("int32_ref", &dtype));
  EXPECT_EQ(dtype, DT_INT32_REF);
  ASSERT_TRUE(DataTypeFromString("DT_STRING_REF", &dtype));
  EXPECT_EQ(dtype, DT_STRING_REF);
  dtype = DT_HALF;
  EXPECT_FALSE(DataTypeFromString("float32", &dtype));
  EXPECT_FALSE(DataTypeFromString("", &dtype));
  EXPECT_FALSE(DataTypeFromString("INVALID", &dtype));
  EXPECT_EQ(dtype, DT_HALF);
}

TEST(TypesTest, NamesRoundTripForEveryBaseAndRefType) {
  for (DataType dtype : {DT_FLOAT, DT_DOUBLE, DT_INT32, DT_UINT8, DT_INT16, DT_INT8,
                         DT_STRING, DT_COMPLEX64, DT_INT64, DT_BOOL, DT_BFLOAT16, DT_UINT16,
                         DT_COMPLEX128, DT_HALF, DT_RESOURCE, DT_VARIANT, DT_UINT32,
                         DT_UINT64}) {
    DataType parsed = DT_INVALID;
    ASSERT_TRUE(DataTypeFromString(DataTypeString(dtype), &parsed)) << dtype;
    EXPECT_EQ(parsed, dtype);
    ASSERT_TRUE(DataTypeFromString(DataTypeString(MakeRefType(dtype)), &parsed)) << dtype;
    EXPECT_EQ(parsed, MakeRefType(dtype));
  }
}

TEST(TypesTest, RefTypes) {
  EXPECT_EQ(MakeRefType(DT_FLOAT), DT_FLOAT_REF);
  EXPECT_EQ(MakeRefType(DT_FLOAT_REF), DT_FLOAT_REF);
  EXPECT_EQ(RemoveRefType(DT_UINT64_REF), DT_UINT64);
  EXPECT_EQ(BaseType(DT_INT32), DT_INT32);
  EXPECT_TRUE(IsRefType(DT_RESOURCE_REF));
  EXPECT_FALSE(IsRefType(DT_RESOURCE));
  EXPECT_EQ(DataTypeToEnum<double>::ref(), DT_DOUBLE_REF);
}

TEST(TypesTest, DataTypeVectorString) {
  EXPECT_EQ(DataTypeVectorString({DT_FLOAT, DT_INT32, DT_STRING}), "float, int32, string");
  EXPECT_EQ(DataTypeVectorString({}), "");
}

TEST(TypesTest, DataTypeSize) {
  EXPECT_EQ(DataTypeSize(DT_FLOAT), 4);
  EXPECT_EQ(DataTypeSize(DT_DOUBLE), 8);
  EXPECT_EQ(DataTypeSize(DT_HALF), 2);
  EXPECT_EQ(DataTypeSize(DT_BFLOAT16), 2);
  EXPECT_EQ(DataTypeSize(DT_INT8), 1);
  EXPECT_EQ(DataTypeSize(DT_UINT16), 2);
  EXPECT_EQ(DataTypeSize(DT_UINT32), 4);
  EXPECT_EQ(DataTypeSize(DT_INT64), 8);
  EXPECT_EQ(DataTypeSize(DT_BOOL), 1);
  EXPECT_EQ(DataTypeSize(DT_COMPLEX64), 8);
  EXPECT_EQ(DataTypeSize(DT_COMPLEX128), 16);
  EXPECT_EQ(DataTypeSize(DT_STRING), 0);
  EXPECT_EQ(DataTypeSize(DT_RESOURCE), 0);
  EXPECT_EQ(DataTypeSize(DT_VARIANT), 0);
  EXPECT_EQ(DataTypeSize(DT_INVALID), 0);
  EXPECT_EQ(DataTypeSize(DT_FLOAT_REF), 0);
}

TEST(TypesTest, Classification) {
  EXPECT_TRUE(DataTypeCanUseMemcpy(DT_BOOL));
  EXPECT_TRUE(DataTypeCanUseMemcpy(DT_COMPLEX128));
  EXPECT_FALSE(DataTypeCanUseMemcpy(DT_STRING));
  EXPECT_FALSE(DataTypeCanUseMemcpy(DT_VARIANT));

  EXPECT_TRUE(DataTypeIsFloating(DT_HALF));
  EXPECT_TRUE(DataTypeIsFloating(DT_BFLOAT16));
  EXPECT_TRUE(DataTypeIsFloating(DT_DOUBLE));
  EXPECT_FALSE(DataTypeIsFloating(DT_COMPLEX64));
  EXPECT_FALSE(DataTypeIsFloating(DT_INT32));

  EXPECT_TRUE(DataTypeIsComplex(DT_COMPLEX64));
  EXPECT_FALSE(DataTypeIsComplex(DT_FLOAT));

  EXPECT_TRUE(DataTypeIsInteger(DT_INT8));
  EXPECT_TRUE(DataTypeIsInteger(DT_UINT64));
  EXPECT_FALSE(DataTypeIsInteger(DT_BOOL));
  EXPECT_FALSE(DataTypeIsInteger(DT_QINT8));
  EXPECT_FALSE(DataTypeIsInteger(DT_FLOAT));

  EXPECT_TRUE(DataTypeIsUnsigned(DT_UINT8));
  EXPECT_TRUE(DataTypeIsUnsigned(DT_UINT32));
  EXPECT_FALSE(DataTypeIsUnsigned(DT_INT32));
}

TEST(TypesTest, TraitsMapBothWays) {
  static_assert(DataTypeToEnum<float>::value == DT_FLOAT);
  static_assert(DataTypeToEnum<Eigen::half>::value == DT_HALF);
  static_assert(DataTypeToEnum<Eigen::bfloat16>::value == DT_BFLOAT16);
  static_assert(DataTypeToEnum<uint16_t>::value == DT_UINT16);
  static_assert(DataTypeToEnum<std::string>::value == DT_STRING);
  static_assert(DataTypeToEnum<complex128>::value == DT_COMPLEX128);
  static_assert(DataTypeToEnum<ResourceHandle>::value == DT_RESOURCE);
  static_assert(DataTypeToEnum<Variant>::value == DT_VARIANT);
  static_assert(std::is_same_v<EnumToDataType<DT_INT64>::Type, int64_t>);
  static_assert(std::is_same_v<EnumToDataType<DT_UINT8>::Type, uint8_t>);
  static_assert(std::is_same_v<EnumToDataType<DT_COMPLEX64>::Type, std::complex<float>>);
  static_assert(std::is_same_v<EnumToDataType<DT_BOOL>::Type, bool>);
  static_assert(std::is_same_v<EnumToDataType<DT_VARIANT>::Type, Variant>);
  EXPECT_EQ(DataTypeToEnum<int8_t>::v(), DT_INT8);
}

TEST(TypesTest, VisitDataTypeCallsWithTheElementType) {
  size_t size = 0;
  bool is_string = false;
  EXPECT_TRUE(VisitDataType(DT_COMPLEX128, [&](auto tag) {
    size = sizeof(typename decltype(tag)::type);
  }));
  EXPECT_EQ(size, 16u);
  EXPECT_TRUE(VisitDataType(DT_STRING, [&](auto tag) {
    is_string = std::is_same_v<typename decltype(tag)::type, std::string>;
  }));
  EXPECT_TRUE(is_string);

  bool called = false;
  EXPECT_FALSE(VisitDataType(DT_INVALID, [&](auto) { called = true; }));
  EXPECT_FALSE(VisitDataType(DT_QINT8, [&](auto) { called = true; }));
  EXPECT_FALSE(VisitDataType(DT_FLOAT_REF, [&](auto) { called = true; }));
  EXPECT_FALSE(called);
}

TEST(TypesTest, CallMacrosCoverTheirFamilies) {
  int count = 0;
#define RILL_COUNT_TYPE(T) ++count;
  RILL_CALL_REAL_NUMBER_TYPES(RILL_COUNT_TYPE)
  EXPECT_EQ(count, 12);
  count = 0;
  RILL_CALL_ALL_TYPES(RILL_COUNT_TYPE)
  EXPECT_EQ(count, 18);
#undef RILL_COUNT_TYPE
}

}  // namespace
}  // namespace rill
