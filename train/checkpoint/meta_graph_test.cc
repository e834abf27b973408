// Tests of meta graphs: what ExportMetaGraph writes (TensorFlow's collections of
// VariableDefs, the SaverDef, stripped OpDefs, node collections), and a graph trained and
// saved in one Scope, imported into a fresh one that never built it, restored, and trained
// one more step through ops found by name, matching the original bit for bit.
#include "train/checkpoint/meta_graph.h"

#include <algorithm>
#include <string>
#include <vector>

#include "core/client/client_session.h"
#include "core/client/scope.h"
#include "core/framework/errors.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "core/graph/graph.h"
#include "core/io/file_system.h"
#include "core/io/file_system_registry.h"
#include "core/io/in_memory_file_system.h"
#include "core/protos/variable.pb.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "ops/array/array_ops.h"
#include "ops/math/math_ops.h"
#include "ops/state/variables.h"
#include "train/checkpoint/checkpoint_management.h"
#include "train/checkpoint/saver.h"
#include "train/global_step.h"
#include "train/gradient_descent.h"

namespace rill {
namespace train {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// The lecture's linear regression: Y_predicted = X * w + b on fed X and Y, trained by
// gradient descent on the squared error, with a global step.
struct LinearRegression {
  LinearRegression() : root(Scope::NewRootScope()) {
    x = ops::Placeholder(root.WithOpName("X"), DT_FLOAT, ops::Placeholder::Shape(TensorShape()));
    y = ops::Placeholder(root.WithOpName("Y"), DT_FLOAT, ops::Placeholder::Shape(TensorShape()));
    w = ops::Variable(root.WithOpName("weights"), 0.f);
    b = ops::Variable(root.WithOpName("bias"), 0.f);
    const Output predicted = ops::Add(root, ops::Mul(root, x, w), b);
    loss = ops::Square(root.WithOpName("loss"), ops::Sub(root, y, predicted));
    step = GetOrCreateGlobalStep(root);
    GradientDescentOptimizer optimizer(0.001f);
    train = *optimizer.Minimize(root, loss, step);
    AddToCollection(root, "train_op", train);
    AddToCollection(root, "loss", loss);
  }
  Scope root;
  Output x, y, loss;
  ops::Variable w, b, step;
  Operation train;
};

class MetaGraphTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(io::RegisterFileSystem("meta", &fs_).ok()); }
  void TearDown() override { io::UnregisterFileSystem("meta"); }
  io::InMemoryFileSystem fs_;
};

TEST_F(MetaGraphTest, ExportWritesTheCollectionsAndSaverDefAsTensorFlowDoes) {
  LinearRegression model;
  Saver saver(model.root);
  MetaGraphOptions options;
  options.saver_def = saver.saver_def();
  options.tags = {"train"};
  auto meta = ExportMetaGraph(model.root, "meta://export/model.meta", options);
  ASSERT_TRUE(meta.ok()) << meta.status();

  // The file holds the same MetaGraphDef.
  tensorflow::MetaGraphDef read;
  ASSERT_TRUE(read.ParseFromString(*io::ReadFileToString(&fs_, "meta://export/model.meta")));
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(read, *meta));

  EXPECT_EQ(meta->saver_def().restore_op_name(), "save/restore_all");
  EXPECT_THAT(meta->meta_info_def().tags(), ElementsAre("train"));
  EXPECT_EQ(meta->graph_def().node_size(), model.root.graph()->num_nodes());

  // Every op used, sorted, without documentation.
  const tensorflow::OpList& ops = meta->meta_info_def().stripped_op_list();
  std::vector<std::string> names;
  for (const tensorflow::OpDef& op : ops.op()) {
    names.push_back(op.name());
    EXPECT_TRUE(op.description().empty() && op.summary().empty()) << op.name();
  }
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
  EXPECT_THAT(names, ::testing::IsSupersetOf({"SaveV2", "RestoreV2", "VarHandleOp",
                                              "ResourceApplyGradientDescent"}));

  const auto& collections = meta->collection_def();
  ASSERT_EQ(collections.count("variables"), 1u);
  ASSERT_EQ(collections.at("variables").bytes_list().value_size(), 3);
  tensorflow::VariableDef weights;
  ASSERT_TRUE(weights.ParseFromString(collections.at("variables").bytes_list().value(0)));
  EXPECT_EQ(weights.variable_name(), "weights:0");
  EXPECT_EQ(weights.initializer_name(), "weights/Assign");
  EXPECT_EQ(weights.snapshot_name(), "weights/Read/ReadVariableOp:0");
  EXPECT_EQ(weights.initial_value_name(), "weights/Initializer/initial_value:0");
  EXPECT_TRUE(weights.is_resource());
  EXPECT_TRUE(weights.trainable());
  EXPECT_EQ(collections.at("trainable_variables").bytes_list().value_size(), 2);
  tensorflow::VariableDef step;
  ASSERT_TRUE(step.ParseFromString(collections.at("global_step").bytes_list().value(0)));
  EXPECT_EQ(step.variable_name(), "global_step:0");
  EXPECT_FALSE(step.trainable());
  EXPECT_THAT(collections.at("train_op").node_list().value(),
              ElementsAre("GradientDescent/increment_global_step"));
  EXPECT_THAT(collections.at("loss").node_list().value(), ElementsAre("loss:0"));
}

TEST_F(MetaGraphTest, AGraphReloadedInAScopeThatNeverBuiltItRestoresAndTrainsOn) {
  LinearRegression model;
  Saver saver(model.root);
  ClientSession session(model.root);
  RILL_CHECK_OK(session.Run({}, {}, {ops::GlobalVariablesInitializer(model.root)}, nullptr));
  const std::vector<std::pair<float, float>> data = {{1.f, 3.f}, {2.f, 5.f}, {3.f, 7.5f}};
  for (const auto& [x, y] : data) {
    RILL_CHECK_OK(session.Run({{model.x, x}, {model.y, y}}, {}, {model.train}, nullptr));
  }
  auto path = saver.Save(session, "meta://run/model", model.step);
  ASSERT_TRUE(path.ok()) << path.status();
  EXPECT_EQ(*path, "meta://run/model-3");
  const Tensor saved_w = *model.w.Eval(session);
  const Tensor saved_b = *model.b.Eval(session);
  // The original takes one more step, for comparison.
  RILL_CHECK_OK(session.Run({{model.x, 4.f}, {model.y, 9.f}}, {}, {model.train}, nullptr));

  Scope fresh = Scope::NewRootScope();
  auto imported = ImportMetaGraph(fresh, *path + ".meta");
  ASSERT_TRUE(imported.ok()) << imported.status();
  ASSERT_TRUE(imported->saver.has_value());
  ASSERT_EQ(imported->variables.size(), 3u);
  EXPECT_EQ(ops::GlobalVariables(fresh).size(), 3u);
  ASSERT_EQ(ops::TrainableVariables(fresh).size(), 2u);
  EXPECT_EQ(ops::TrainableVariables(fresh)[0].name(), "weights");
  const std::optional<ops::Variable> step = GetGlobalStep(fresh);
  ASSERT_TRUE(step.has_value());
  EXPECT_EQ(step->dtype(), DT_INT64);

  ClientSession restored(fresh);
  ASSERT_TRUE(imported->saver->Restore(restored, *LatestCheckpoint("meta://run")).ok());
  const ops::Variable& w = imported->variables[0];
  EXPECT_EQ(w.name(), "weights");
  EXPECT_EQ(w.Eval(restored)->tensor_data(), saved_w.tensor_data());
  EXPECT_EQ(imported->variables[1].Eval(restored)->tensor_data(), saved_b.tensor_data());
  test::ExpectTensorEqual<int64_t>(*step->Eval(restored), Tensor(int64_t{3}));

  // One more step through the ops the collections and names give.
  const std::vector<std::string> train_ops = GetCollection(fresh, "train_op");
  ASSERT_EQ(train_ops.size(), 1u);
  const Operation train(fresh.graph()->FindNode(train_ops[0]));
  const Output x(fresh.graph()->FindNode("X"), 0);
  const Output y(fresh.graph()->FindNode("Y"), 0);
  ASSERT_NE(train.node(), nullptr);
  RILL_CHECK_OK(restored.Run({{x, 4.f}, {y, 9.f}}, {}, {train}, nullptr));
  EXPECT_EQ(w.Eval(restored)->tensor_data(), model.w.Eval(session)->tensor_data());
  EXPECT_EQ(imported->variables[1].Eval(restored)->tensor_data(),
            model.b.Eval(session)->tensor_data());
  test::ExpectTensorEqual<int64_t>(*step->Eval(restored), Tensor(int64_t{4}));
  const Output loss(fresh.graph()->FindNode("loss"), 0);
  std::vector<Tensor> fresh_loss, original_loss;
  RILL_CHECK_OK(restored.Run({{x, 5.f}, {y, 11.f}}, {loss}, &fresh_loss));
  RILL_CHECK_OK(session.Run({{model.x, 5.f}, {model.y, 11.f}}, {model.loss}, &original_loss));
  test::ExpectTensorEqual<float>(fresh_loss[0], original_loss[0]);

  // The imported Saver saves too, and a Saver built afterwards sees every variable.
  auto again = imported->saver->Save(restored, "meta://run/model", *step);
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(*again, "meta://run/model-4");
  Saver later(fresh);
  EXPECT_TRUE(fresh.ok()) << fresh.status();
}

TEST_F(MetaGraphTest, ImportErrorsNameTheFileOrTheMissingNode) {
  Scope fresh = Scope::NewRootScope();
  auto missing = ImportMetaGraph(fresh, "meta://none/model.meta");
  EXPECT_TRUE(errors::IsNotFound(missing.status())) << missing.status();
  ASSERT_TRUE(fs_.RecursivelyCreateDir("meta://bad").ok());
  ASSERT_TRUE(io::WriteStringToFile(&fs_, "meta://bad/garbage.meta", "\xff\xff not a proto").ok());
  auto garbage = ImportMetaGraph(fresh, "meta://bad/garbage.meta");
  EXPECT_TRUE(errors::IsDataLoss(garbage.status())) << garbage.status();
  EXPECT_THAT(garbage.status().message(),
              HasSubstr("meta://bad/garbage.meta is not a MetaGraphDef"));

  LinearRegression model;
  auto meta = ExportMetaGraph(model.root, "");
  ASSERT_TRUE(meta.ok());
  tensorflow::VariableDef bad;
  bad.set_variable_name("nothing:0");
  bad.set_is_resource(true);
  (*meta->mutable_collection_def())["variables"].mutable_bytes_list()->add_value(
      bad.SerializeAsString());
  auto broken = ImportMetaGraph(Scope::NewRootScope(), *meta);
  EXPECT_TRUE(errors::IsInvalidArgument(broken.status())) << broken.status();
  EXPECT_THAT(broken.status().message(),
              HasSubstr("Variable nothing:0: the graph has no VarHandleOp tensor nothing:0"));

  tensorflow::SaverDef saver_def;
  saver_def.set_filename_tensor_name("save/Const:0");
  saver_def.set_version(tensorflow::SaverDef::V2);
  auto no_saver = Saver::FromSaverDef(model.root, saver_def);
  EXPECT_TRUE(errors::IsInvalidArgument(no_saver.status())) << no_saver.status();
  EXPECT_THAT(no_saver.status().message(), HasSubstr("save/Const:0, which is not in the graph"));
}

}  // namespace
}  // namespace train
}  // namespace rill
