// Tests for ResourceHandle: proto round trip, validation, equality and printing.
#include "core/framework/resource_handle.h"

#include "gtest/gtest.h"

namespace rill {
namespace {

ResourceHandle MakeHandle() {
  ResourceHandle handle;
  handle.set_device("/job:localhost/replica:0/task:0/device:CPU:0");
  handle.set_container("localhost");
  handle.set_name("weights");
  handle.set_hash_code(0x1234567890abcdefULL);
  handle.set_maybe_type_name("Var");
  handle.set_dtypes_and_shapes({{DT_FLOAT, PartialTensorShape({-1, 3})},
                                {DT_INT64, PartialTensorShape()}});
  return handle;
}

TEST(ResourceHandleTest, ProtoFields) {
  const tensorflow::ResourceHandleProto proto = MakeHandle().AsProto();
  EXPECT_EQ(proto.device(), "/job:localhost/replica:0/task:0/device:CPU:0");
  EXPECT_EQ(proto.container(), "localhost");
  EXPECT_EQ(proto.name(), "weights");
  EXPECT_EQ(proto.hash_code(), 0x1234567890abcdefULL);
  EXPECT_EQ(proto.maybe_type_name(), "Var");
  ASSERT_EQ(proto.dtypes_and_shapes_size(), 2);
  EXPECT_EQ(proto.dtypes_and_shapes(0).dtype(), tensorflow::DT_FLOAT);
  ASSERT_EQ(proto.dtypes_and_shapes(0).shape().dim_size(), 2);
  EXPECT_EQ(proto.dtypes_and_shapes(0).shape().dim(0).size(), -1);
  EXPECT_TRUE(proto.dtypes_and_shapes(1).shape().unknown_rank());
}

TEST(ResourceHandleTest, ProtoRoundTrip) {
  const ResourceHandle original = MakeHandle();
  ResourceHandle parsed;
  ASSERT_TRUE(parsed.FromProto(original.AsProto()).ok());
  EXPECT_EQ(parsed, original);
  EXPECT_EQ(parsed.dtypes_and_shapes()[0].shape.DebugString(), "[?,3]");
}

TEST(ResourceHandleTest, FromProtoRejectsBadShapeAndKeepsOldValue) {
  tensorflow::ResourceHandleProto proto;
  proto.set_name("v");
  proto.add_dtypes_and_shapes()->mutable_shape()->add_dim()->set_size(-3);
  ResourceHandle handle = MakeHandle();
  const absl::Status status = handle.FromProto(proto);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(),
            "Resource handle \"v\": Dimension 0 of shape [-3] is -3; dimensions must be >= -1");
  EXPECT_EQ(handle, MakeHandle());
}

TEST(ResourceHandleTest, EqualityLooksAtEveryField) {
  ResourceHandle other = MakeHandle();
  other.set_dtypes_and_shapes({{DT_FLOAT, PartialTensorShape({2, 3})},
                               {DT_INT64, PartialTensorShape()}});
  EXPECT_NE(other, MakeHandle());
  other = MakeHandle();
  other.set_container("other");
  EXPECT_NE(other, MakeHandle());
}

TEST(ResourceHandleTest, DebugString) {
  ResourceHandle handle;
  handle.set_name("v");
  handle.set_device("/cpu:0");
  handle.set_container("localhost");
  handle.set_maybe_type_name("Var");
  EXPECT_EQ(handle.DebugString(),
            "ResourceHandle(name=\"v\", device=\"/cpu:0\", container=\"localhost\", "
            "type=\"Var\")");
}

}  // namespace
}  // namespace rill
