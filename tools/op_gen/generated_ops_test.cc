// End-to-end test of the generated builders: rill_op_library generated
// tools/op_gen/testdata/test_ops.h from the test ops' registrations; graphs built with it
// get the right nodes and attrs and run through ClientSession to the right values.
#include <vector>

#include "core/client/client_session.h"
#include "core/client/scope.h"
#include "core/framework/node_def_util.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "core/graph/graph.h"
#include "gtest/gtest.h"
#include "tools/op_gen/testdata/test_ops.h"

namespace rill {
namespace {

TEST(GeneratedOpsTest, ListInputAndTwoOutputs) {
  Scope root = Scope::NewRootScope();
  // One Output and two constants in one InputList: N is inferred as 3.
  auto a = ops::Const(root, {1.f, 2.f});
  ops::OpGenTestSumAndCount sum_and_count(root, {a, {10.f, 20.f}, {100.f, 200.f}});
  ASSERT_TRUE(root.ok()) << root.status();
  int64_t n = 0;
  ASSERT_TRUE(GetNodeAttr(sum_and_count.node()->def(), "N", &n).ok());
  EXPECT_EQ(n, 3);
  EXPECT_EQ(sum_and_count.sum.name(), "OpGenTestSumAndCount:0");
  EXPECT_EQ(sum_and_count.count.name(), "OpGenTestSumAndCount:1");
  EXPECT_EQ(sum_and_count.count.type(), DT_INT32);

  ClientSession session(root);
  std::vector<Tensor> outputs;
  ASSERT_TRUE(session.Run({sum_and_count.sum, sum_and_count.count}, &outputs).ok());
  test::ExpectTensorEqual<float>(outputs[0], test::AsTensor<float>({111.f, 222.f}));
  test::ExpectTensorEqual<int32_t>(outputs[1], test::AsScalar<int32_t>(3));
}

TEST(GeneratedOpsTest, ListOutputRequiredAndOptionalAttrs) {
  Scope root = Scope::NewRootScope();
  ops::OpGenTestRepeat plain(root, 2.f, 2);
  ops::OpGenTestRepeat scaled(root, 2.f, 3, ops::OpGenTestRepeat::Scale(1.5f));
  ASSERT_TRUE(root.ok()) << root.status();
  ASSERT_EQ(plain.copies.size(), 2u);
  ASSERT_EQ(scaled.copies.size(), 3u);
  EXPECT_EQ(scaled[2].name(), "OpGenTestRepeat_1:2");
  float scale = 0;
  ASSERT_TRUE(GetNodeAttr(plain.node()->def(), "scale", &scale).ok());
  EXPECT_EQ(scale, 1.f);  // The default, filled in by the graph.

  ClientSession session(root);
  std::vector<Tensor> outputs;
  ASSERT_TRUE(session.Run({plain[1], scaled[0], scaled[2]}, &outputs).ok());
  test::ExpectTensorEqual<float>(outputs[0], test::AsScalar<float>(2.f));
  test::ExpectTensorEqual<float>(outputs[1], test::AsScalar<float>(3.f));
  test::ExpectTensorEqual<float>(outputs[2], test::AsScalar<float>(3.f));
}

TEST(GeneratedOpsTest, KeywordNamedArgsTakeUnderscore) {
  Scope root = Scope::NewRootScope();
  ops::OpGenTestKeywords difference(root, /*class_=*/{5.f, 7.f}, /*default_=*/{1.f, 2.f});
  ASSERT_TRUE(root.ok()) << root.status();
  EXPECT_EQ(difference.operator_.name(), "OpGenTestKeywords:0");

  ClientSession session(root);
  std::vector<Tensor> outputs;
  ASSERT_TRUE(session.Run({difference}, &outputs).ok());
  test::ExpectTensorEqual<float>(outputs[0], test::AsTensor<float>({4.f, 5.f}));
}

TEST(GeneratedOpsTest, BuilderErrorGoesToScopeNamingNode) {
  Scope root = Scope::NewRootScope();
  // An int32 constant where the op takes float.
  ops::OpGenTestKeywords bad(root.WithOpName("bad"), 1, 2.f);
  EXPECT_EQ(bad.node(), nullptr);
  EXPECT_EQ(bad.operator_.node(), nullptr);
  ASSERT_FALSE(root.ok());
  EXPECT_EQ(root.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(root.status().message().find("bad"), absl::string_view::npos) << root.status();
  EXPECT_NE(root.status().message().find("int32"), absl::string_view::npos) << root.status();
}

}  // namespace
}  // namespace rill
