// Tests for Tensor <-> TensorProto: every dtype both ways, the repeat-last-value rule,
// tensor_content, and rejection of malformed protos.
#include <string>

#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

using ::tensorflow::TensorProto;

template <typename T>
void ExpectRoundTrip(const Tensor& original) {
  TensorProto field_proto;
  original.AsProtoField(&field_proto);
  EXPECT_TRUE(field_proto.tensor_content().empty());
  Tensor from_field;
  ASSERT_TRUE(from_field.FromProto(field_proto).ok()) << field_proto.DebugString();
  test::ExpectTensorEqual<T>(from_field, original);

  TensorProto content_proto;
  original.AsProtoTensorContent(&content_proto);
  Tensor from_content;
  ASSERT_TRUE(from_content.FromProto(content_proto).ok()) << content_proto.DebugString();
  test::ExpectTensorEqual<T>(from_content, original);
}

TEST(TensorProtoTest, RoundTripsEveryDtype) {
  const TensorShape shape({2, 2});
  ExpectRoundTrip<float>(test::AsTensor<float>({1.5f, -2, 0, 1e30f}, shape));
  ExpectRoundTrip<double>(test::AsTensor<double>({0.1, -2, 3, 4}, shape));
  ExpectRoundTrip<int32_t>(test::AsTensor<int32_t>({1, -2, 3, 2147483647}, shape));
  ExpectRoundTrip<int64_t>(
      test::AsTensor<int64_t>({int64_t{1} << 40, -1, 0, INT64_MIN}, shape));
  ExpectRoundTrip<int16_t>(test::AsTensor<int16_t>({-32768, 32767, 0, 1}, shape));
  ExpectRoundTrip<int8_t>(test::AsTensor<int8_t>({-128, 127, 0, 1}, shape));
  ExpectRoundTrip<uint8_t>(test::AsTensor<uint8_t>({0, 255, 7, 1}, shape));
  ExpectRoundTrip<uint16_t>(test::AsTensor<uint16_t>({0, 65535, 7, 1}, shape));
  ExpectRoundTrip<uint32_t>(test::AsTensor<uint32_t>({0, 4294967295u, 7, 1}, shape));
  ExpectRoundTrip<uint64_t>(test::AsTensor<uint64_t>({0, UINT64_MAX, 7, 1}, shape));
  ExpectRoundTrip<bool>(test::AsTensor<bool>({true, false, false, true}, shape));
  ExpectRoundTrip<Eigen::half>(test::AsTensor<Eigen::half>(
      {Eigen::half(1.5f), Eigen::half(-2), Eigen::half(0), Eigen::half(65504)}, shape));
  ExpectRoundTrip<Eigen::bfloat16>(test::AsTensor<Eigen::bfloat16>(
      {Eigen::bfloat16(1.5f), Eigen::bfloat16(-2), Eigen::bfloat16(0),
       Eigen::bfloat16(3e38f)},
      shape));
  ExpectRoundTrip<complex64>(
      test::AsTensor<complex64>({{1, 2}, {-3, 4}, {0, 0}, {5, -6}}, shape));
  ExpectRoundTrip<complex128>(
      test::AsTensor<complex128>({{1, 2}, {-3, 4}, {0, 0}, {5, -6}}, shape));
  ExpectRoundTrip<std::string>(
      test::AsTensor<std::string>({"a", "", std::string("\0b", 2), "long text"}, shape));
}

TEST(TensorProtoTest, ResourceHandlesRoundTrip) {
  Tensor t(DT_RESOURCE, TensorShape({2}));
  t.flat<ResourceHandle>()(0).set_name("v0");
  t.flat<ResourceHandle>()(1).set_name("v1");
  t.flat<ResourceHandle>()(1).set_dtypes_and_shapes({{DT_FLOAT, PartialTensorShape({3})}});
  TensorProto proto;
  t.AsProtoTensorContent(&proto);
  ASSERT_EQ(proto.resource_handle_val_size(), 2);
  EXPECT_EQ(proto.resource_handle_val(1).name(), "v1");
  Tensor parsed;
  ASSERT_TRUE(parsed.FromProto(proto).ok());
  EXPECT_EQ(parsed.flat<ResourceHandle>()(0), t.flat<ResourceHandle>()(0));
  EXPECT_EQ(parsed.flat<ResourceHandle>()(1), t.flat<ResourceHandle>()(1));
}

TEST(TensorProtoTest, TypedFieldLayouts) {
  TensorProto proto;
  test::AsTensor<Eigen::half>({Eigen::half(1.0f), Eigen::half(-2.0f)}).AsProtoField(&proto);
  EXPECT_EQ(proto.dtype(), tensorflow::DT_HALF);
  ASSERT_EQ(proto.half_val_size(), 2);
  EXPECT_EQ(proto.half_val(0), 0x3C00);  // IEEE half 1.0
  EXPECT_EQ(proto.half_val(1), 0xC000);  // IEEE half -2.0

  test::AsTensor<Eigen::bfloat16>({Eigen::bfloat16(1.0f)}).AsProtoField(&proto);
  ASSERT_EQ(proto.half_val_size(), 1);
  EXPECT_EQ(proto.half_val(0), 0x3F80);  // top 16 bits of float 1.0 (0x3F800000)

  test::AsTensor<complex64>({{1, 2}, {3, 4}}).AsProtoField(&proto);
  ASSERT_EQ(proto.scomplex_val_size(), 4);
  EXPECT_EQ(proto.scomplex_val(1), 2);
  EXPECT_EQ(proto.scomplex_val(2), 3);

  test::AsTensor<uint8_t>({250}, TensorShape({1, 1})).AsProtoField(&proto);
  ASSERT_EQ(proto.int_val_size(), 1);
  EXPECT_EQ(proto.int_val(0), 250);
  ASSERT_EQ(proto.tensor_shape().dim_size(), 2);
  EXPECT_EQ(proto.tensor_shape().dim(1).size(), 1);

  test::AsTensor<int32_t>({1, 258}).AsProtoTensorContent(&proto);
  EXPECT_EQ(proto.int_val_size(), 0);
  EXPECT_EQ(proto.tensor_content(), std::string("\x01\0\0\0\x02\x01\0\0", 8));
}

TEST(TensorProtoTest, OneValueFillsTheShape) {
  TensorProto proto;
  proto.set_dtype(tensorflow::DT_FLOAT);
  proto.mutable_tensor_shape()->add_dim()->set_size(2);
  proto.mutable_tensor_shape()->add_dim()->set_size(3);
  proto.add_float_val(7.5f);
  Tensor t;
  ASSERT_TRUE(t.FromProto(proto).ok());
  EXPECT_EQ(t.DebugString(), "[[7.5 7.5 7.5] [7.5 7.5 7.5]]");
}

TEST(TensorProtoTest, FewerValuesRepeatTheLast) {
  TensorProto proto;
  proto.set_dtype(tensorflow::DT_STRING);
  proto.mutable_tensor_shape()->add_dim()->set_size(4);
  proto.add_string_val("a");
  proto.add_string_val("b");
  Tensor t;
  ASSERT_TRUE(t.FromProto(proto).ok());
  EXPECT_EQ(t.DebugString(), "[\"a\" \"b\" \"b\" \"b\"]");

  proto.Clear();
  proto.set_dtype(tensorflow::DT_COMPLEX64);
  proto.mutable_tensor_shape()->add_dim()->set_size(3);
  proto.add_scomplex_val(1);
  proto.add_scomplex_val(-1);
  ASSERT_TRUE(t.FromProto(proto).ok());
  EXPECT_EQ(t.DebugString(), "[(1-1j) (1-1j) (1-1j)]");
}

TEST(TensorProtoTest, ExtraValuesAreIgnored) {
  TensorProto proto;
  proto.set_dtype(tensorflow::DT_INT64);
  proto.mutable_tensor_shape()->add_dim()->set_size(2);
  for (int64_t v : {5, 6, 7}) proto.add_int64_val(v);
  Tensor t;
  ASSERT_TRUE(t.FromProto(proto).ok());
  EXPECT_EQ(t.DebugString(), "[5 6]");
}

TEST(TensorProtoTest, NoValuesMeansZeros) {
  TensorProto proto;
  proto.set_dtype(tensorflow::DT_DOUBLE);
  proto.mutable_tensor_shape()->add_dim()->set_size(3);
  Tensor t;
  ASSERT_TRUE(t.FromProto(proto).ok());
  EXPECT_EQ(t.DebugString(), "[0 0 0]");

  proto.set_dtype(tensorflow::DT_BOOL);
  ASSERT_TRUE(t.FromProto(proto).ok());
  EXPECT_EQ(t.DebugString(), "[false false false]");

  proto.set_dtype(tensorflow::DT_STRING);
  ASSERT_TRUE(t.FromProto(proto).ok());
  EXPECT_EQ(t.DebugString(), "[\"\" \"\" \"\"]");
}

TEST(TensorProtoTest, ScalarAndEmptyProtos) {
  TensorProto proto;
  proto.set_dtype(tensorflow::DT_INT32);
  proto.add_int_val(42);
  Tensor t;
  ASSERT_TRUE(t.FromProto(proto).ok());
  EXPECT_EQ(t.dims(), 0);
  EXPECT_EQ(t.DebugString(), "42");

  proto.mutable_tensor_shape()->add_dim()->set_size(0);
  ASSERT_TRUE(t.FromProto(proto).ok());
  EXPECT_EQ(t.shape(), TensorShape({0}));
  EXPECT_TRUE(t.IsInitialized());

  Tensor empty(DT_FLOAT, TensorShape({0, 3}));
  TensorProto empty_proto;
  empty.AsProtoTensorContent(&empty_proto);
  EXPECT_TRUE(empty_proto.tensor_content().empty());
  ASSERT_TRUE(t.FromProto(empty_proto).ok());
  EXPECT_EQ(t.shape(), TensorShape({0, 3}));
}

TEST(TensorProtoTest, SliceSerializesOnlyItsRows) {
  Tensor t = test::AsTensor<int32_t>({1, 2, 3, 4, 5, 6}, TensorShape({3, 2}));
  TensorProto proto;
  t.Slice(1, 2).AsProtoField(&proto);
  ASSERT_EQ(proto.int_val_size(), 2);
  EXPECT_EQ(proto.int_val(0), 3);
  EXPECT_EQ(proto.int_val(1), 4);
  t.Slice(2, 3).AsProtoTensorContent(&proto);
  Tensor parsed;
  ASSERT_TRUE(parsed.FromProto(proto).ok());
  EXPECT_EQ(parsed.DebugString(), "[[5 6]]");
}

absl::Status ParseStatus(const TensorProto& proto) {
  Tensor t;
  return t.FromProto(proto);
}

TEST(TensorProtoTest, RejectsMalformedProtos) {
  TensorProto proto;
  EXPECT_EQ(ParseStatus(proto).message(), "Cannot parse a tensor proto of dtype INVALID");

  proto.set_dtype(tensorflow::DT_QINT8);
  EXPECT_EQ(ParseStatus(proto).code(), absl::StatusCode::kInvalidArgument);

  proto.set_dtype(tensorflow::DT_FLOAT);
  proto.mutable_tensor_shape()->add_dim()->set_size(-1);
  EXPECT_EQ(ParseStatus(proto).message(),
            "Invalid tensor proto shape: Dimension 0 of shape [-1] is -1; dimensions must "
            "be >= 0");

  proto.mutable_tensor_shape()->mutable_dim(0)->set_size(2);
  proto.set_tensor_content(std::string(7, '\0'));
  EXPECT_EQ(ParseStatus(proto).message(),
            "tensor_content has 7 bytes; shape [2] of float needs 8");

  proto.Clear();
  proto.set_dtype(tensorflow::DT_STRING);
  proto.set_tensor_content("abcd");
  EXPECT_EQ(ParseStatus(proto).message(),
            "A string tensor proto cannot use tensor_content");

  proto.Clear();
  proto.set_dtype(tensorflow::DT_UINT8);
  proto.add_int_val(1);
  proto.add_int_val(256);
  proto.mutable_tensor_shape()->add_dim()->set_size(2);
  EXPECT_EQ(ParseStatus(proto).message(), "int_val[1] = 256 is out of range for uint8");

  proto.Clear();
  proto.set_dtype(tensorflow::DT_HALF);
  proto.add_half_val(0x10000);
  EXPECT_EQ(ParseStatus(proto).message(),
            "half_val[0] = 65536 is not a 16-bit pattern for half");

  proto.Clear();
  proto.set_dtype(tensorflow::DT_COMPLEX128);
  proto.add_dcomplex_val(1);
  EXPECT_EQ(ParseStatus(proto).code(), absl::StatusCode::kInvalidArgument);

  proto.Clear();
  proto.set_dtype(tensorflow::DT_VARIANT);
  proto.add_variant_val()->set_type_name("TensorList");
  EXPECT_EQ(ParseStatus(proto).code(), absl::StatusCode::kUnimplemented);

  proto.Clear();
  proto.set_dtype(tensorflow::DT_FLOAT);
  proto.mutable_tensor_shape()->add_dim()->set_size(int64_t{1} << 62);
  proto.add_float_val(1);
  EXPECT_EQ(ParseStatus(proto).code(), absl::StatusCode::kResourceExhausted);
}

TEST(TensorProtoTest, FailedParseLeavesTensorUnchanged) {
  Tensor t(3.5f);
  TensorProto bad;
  bad.set_dtype(tensorflow::DT_INT8);
  bad.add_int_val(1000);
  EXPECT_FALSE(t.FromProto(bad).ok());
  EXPECT_EQ(t.dtype(), DT_FLOAT);
  EXPECT_EQ(t.DebugString(), "3.5");
}

TEST(TensorProtoTest, VariantsKeepOnlyTheirTypeName) {
  Tensor t(DT_VARIANT, TensorShape({1}));
  t.flat<Variant>()(0) = 5;
  TensorProto proto;
  t.AsProtoTensorContent(&proto);
  ASSERT_EQ(proto.variant_val_size(), 1);
  EXPECT_EQ(proto.variant_val(0).type_name(), "int");

  TensorProto empty_variants;
  empty_variants.set_dtype(tensorflow::DT_VARIANT);
  empty_variants.mutable_tensor_shape()->add_dim()->set_size(2);
  Tensor parsed;
  ASSERT_TRUE(parsed.FromProto(empty_variants).ok());
  EXPECT_TRUE(parsed.flat<Variant>()(1).is_empty());
}

}  // namespace
}  // namespace rill
