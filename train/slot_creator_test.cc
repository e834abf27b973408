// Tests of the slot creator: names as TensorFlow gives them, non-trainable global
// variables on the primary's device, filled with the value, also for a primary whose shape
// is only partly known.
#include "train/slot_creator.h"

#include <vector>

#include "absl/strings/match.h"
#include "core/client/client_session.h"
#include "core/client/scope.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "core/graph/graph.h"
#include "gtest/gtest.h"
#include "ops/array/array_ops.h"
#include "ops/state/variables.h"
#include "train/optimizer_test_util.h"

namespace rill {
namespace train {
namespace {

using ::rill::test::AsTensor;
using ::rill::test::ExpectTensorEqual;

TEST(SlotCreatorTest, NamesDeviceAndValues) {
  Scope root = Scope::NewRootScope();
  const Scope nested = root.NewSubScope("tower");
  ops::Variable w(nested.WithOpName("w").WithDevice("/cpu:0"), {{1.0, 2.0}, {3.0, 4.0}});
  const ops::Variable zeros = CreateZerosSlot(nested, w, "Adam");
  const ops::Variable ones = CreateSlot(root, w, 1.0, "Adam");
  const ops::Variable tenth = CreateSlot(root, w, 0.1, "Adagrad");
  ASSERT_TRUE(root.ok()) << root.status();
  EXPECT_EQ(w.name(), "tower/w");
  EXPECT_EQ(zeros.name(), "tower/w/Adam");
  EXPECT_EQ(ones.name(), "tower/w/Adam_1");
  EXPECT_EQ(tenth.name(), "tower/w/Adagrad");
  for (const ops::Variable& slot : {zeros, ones, tenth}) {
    EXPECT_FALSE(slot.trainable());
    EXPECT_EQ(slot.dtype(), DT_DOUBLE);
    EXPECT_EQ(slot.shape().DebugString(), "[2,2]");
    EXPECT_EQ(slot.handle().node()->requested_device(), "/cpu:0");
  }
  EXPECT_EQ(ops::GlobalVariables(root).size(), 4u);
  EXPECT_EQ(ops::TrainableVariables(root).size(), 1u);

  ClientSession session(root);
  test::Initialize(session, root);
  ExpectTensorEqual<double>(test::Value(session, zeros), AsTensor<double>({0, 0, 0, 0}, {2, 2}));
  ExpectTensorEqual<double>(test::Value(session, ones), AsTensor<double>({1, 1, 1, 1}, {2, 2}));
  // Exactly 0.1 in double.
  ExpectTensorEqual<double>(test::Value(session, tenth),
                            AsTensor<double>({0.1, 0.1, 0.1, 0.1}, {2, 2}));
}

TEST(SlotCreatorTest, PartlyKnownShapeTakesTheInitialValuesShape) {
  Scope root = Scope::NewRootScope();
  auto initial = ops::PlaceholderWithDefault(root, AsTensor<float>({1, 2, 3, 4, 5, 6}, {3, 2}),
                                             PartialTensorShape({-1, 2}));
  ops::Variable table(root.WithOpName("table"), initial);
  ASSERT_EQ(table.shape().DebugString(), "[?,2]");
  const ops::Variable slot = CreateSlot(root, table, 0.5, "Momentum");
  ASSERT_TRUE(root.ok()) << root.status();
  EXPECT_EQ(slot.name(), "table/Momentum");
  ClientSession session(root);
  test::Initialize(session, root);
  ExpectTensorEqual<float>(test::Value(session, slot),
                           AsTensor<float>(std::vector<float>(6, 0.5f), {3, 2}));
}

TEST(SlotCreatorTest, ValueThatDoesNotFitIsAnError) {
  Scope root = Scope::NewRootScope();
  ops::Variable counts(root.WithOpName("counts"), {1, 2});
  CreateSlot(root, counts, 0.5, "Adagrad");
  EXPECT_FALSE(root.ok());
  EXPECT_TRUE(absl::StrContains(root.status().message(), "counts/Adagrad")) << root.status();
}

}  // namespace
}  // namespace train
}  // namespace rill
