// Tests of FileWriter: the graph event TensorBoard's graph tab reads (with _output_shapes),
// summaries given as protos, bytes or tensors, session logs, run metadata, raw events, and
// the errors for things that are not summaries.
#include "train/summary/file_writer.h"

#include <cstdlib>
#include <string>
#include <vector>

#include "core/client/const_op.h"
#include "core/client/scope.h"
#include "core/framework/tensor_testutil.h"
#include "core/graph/graph.h"
#include "core/io/in_memory_file_system.h"
#include "core/io/path.h"
#include "core/protos/graph.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ops/array/array_ops.h"
#include "ops/math/math_ops.h"
#include "train/summary/events_reader.h"

namespace rill {
namespace summary {
namespace {

using ::testing::HasSubstr;

FileWriterOptions InMemory(io::FileSystem* fs) {
  FileWriterOptions options;
  options.file.file_system = fs;
  options.file.hostname = "myhost";
  options.file.now = [] { return 1700000000.5; };
  return options;
}

std::vector<tensorflow::Event> Events(FileWriter& writer, io::FileSystem* fs) {
  EXPECT_TRUE(writer.Flush().ok());
  const auto events = ReadEventFile(writer.filename(), fs);
  EXPECT_TRUE(events.ok()) << events.status();
  return events.ok() ? *events : std::vector<tensorflow::Event>{};
}

// ShapesOf lists a node's _output_shapes attr as strings: "[2,?]", "?" for unknown rank.
std::vector<std::string> ShapesOf(const tensorflow::NodeDef& node) {
  std::vector<std::string> shapes;
  for (const tensorflow::TensorShapeProto& shape : node.attr().at("_output_shapes").list().shape()) {
    if (shape.unknown_rank()) {
      shapes.push_back("?");
      continue;
    }
    std::string text = "[";
    for (int i = 0; i < shape.dim_size(); ++i) {
      if (i > 0) text += ",";
      text += shape.dim(i).size() < 0 ? "?" : std::to_string(shape.dim(i).size());
    }
    shapes.push_back(text + "]");
  }
  return shapes;
}

TEST(FileWriterTest, TheGraphCarriesOutputShapesAndNameScopes) {
  Scope root = Scope::NewRootScope();
  Scope layer = root.NewSubScope("layer");
  auto x = ops::Placeholder(layer.WithOpName("x"), DT_FLOAT,
                            ops::Placeholder::Shape(PartialTensorShape({-1, 3})));
  ops::Add(layer, x, {1.f, 2.f, 3.f});
  ASSERT_TRUE(root.ok()) << root.status();

  io::InMemoryFileSystem fs;
  auto writer = FileWriter::Create("/logs", root.graph(), InMemory(&fs));
  ASSERT_TRUE(writer.ok()) << writer.status();
  EXPECT_EQ((*writer)->filename(), "/logs/events.out.tfevents.1700000000.myhost");
  const std::vector<tensorflow::Event> events = Events(**writer, &fs);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].file_version(), "brain.Event:2");
  ASSERT_EQ(events[1].what_case(), tensorflow::Event::kGraphDef);
  EXPECT_EQ(events[1].wall_time(), 1700000000.5);
  tensorflow::GraphDef graph_def;
  ASSERT_TRUE(graph_def.ParseFromString(events[1].graph_def()));
  ASSERT_EQ(graph_def.node_size(), 3);
  EXPECT_EQ(graph_def.node(0).name(), "layer/x");
  EXPECT_EQ(graph_def.node(1).name(), "layer/Const");
  EXPECT_EQ(graph_def.node(2).name(), "layer/Add");
  EXPECT_EQ(graph_def.node(2).input(0), "layer/x");
  EXPECT_EQ(graph_def.node(2).input(1), "layer/Const");
  EXPECT_EQ(ShapesOf(graph_def.node(0)), std::vector<std::string>{"[?,3]"});
  EXPECT_EQ(ShapesOf(graph_def.node(1)), std::vector<std::string>{"[3]"});
  EXPECT_EQ(ShapesOf(graph_def.node(2)), std::vector<std::string>{"[?,3]"});
  EXPECT_EQ(graph_def.versions().producer(), kGraphDefProducerVersion);
}

TEST(FileWriterTest, GraphDefsAreWrittenUnchanged) {
  io::InMemoryFileSystem fs;
  auto writer = FileWriter::Create("/logs", nullptr, InMemory(&fs));
  ASSERT_TRUE(writer.ok()) << writer.status();
  tensorflow::GraphDef graph_def;
  graph_def.add_node()->set_name("a");
  graph_def.mutable_node(0)->set_op("NoOp");
  ASSERT_TRUE((*writer)->AddGraph(graph_def, 5).ok());
  const std::vector<tensorflow::Event> events = Events(**writer, &fs);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[1].step(), 5);
  EXPECT_EQ(events[1].graph_def(), graph_def.SerializeAsString());
}

TEST(FileWriterTest, SummariesAsProtosBytesAndTensors) {
  io::InMemoryFileSystem fs;
  auto writer = FileWriter::Create("/logs", nullptr, InMemory(&fs));
  ASSERT_TRUE(writer.ok()) << writer.status();
  tensorflow::Summary summary;
  summary.add_value()->set_tag("loss");
  summary.mutable_value(0)->set_simple_value(2.5f);
  ASSERT_TRUE((*writer)->AddSummary(summary, 1).ok());
  summary.mutable_value(0)->set_simple_value(1.5f);
  ASSERT_TRUE((*writer)->AddSummary(summary.SerializeAsString(), 2).ok());
  summary.mutable_value(0)->set_simple_value(0.5f);
  ASSERT_TRUE((*writer)->AddSummary(test::AsScalar<std::string>(summary.SerializeAsString()), 3)
                  .ok());
  const std::vector<tensorflow::Event> events = Events(**writer, &fs);
  ASSERT_EQ(events.size(), 4u);
  const float expected[] = {2.5f, 1.5f, 0.5f};
  for (int i = 1; i <= 3; ++i) {
    EXPECT_EQ(events[i].step(), i);
    EXPECT_EQ(events[i].wall_time(), 1700000000.5);
    EXPECT_EQ(events[i].summary().value(0).tag(), "loss");
    EXPECT_EQ(events[i].summary().value(0).simple_value(), expected[i - 1]);
  }
}

TEST(FileWriterTest, ThingsThatAreNotSummariesAreInvalidArguments) {
  io::InMemoryFileSystem fs;
  auto writer = FileWriter::Create("/logs", nullptr, InMemory(&fs));
  ASSERT_TRUE(writer.ok()) << writer.status();
  absl::Status status = (*writer)->AddSummary(absl::string_view("\xff\xff", 2), 7);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("2 bytes that are not a serialized Summary (step 7)"));
  status = (*writer)->AddSummary(test::AsTensor<float>({1.f, 2.f}), 8);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(), HasSubstr("got a float tensor of shape [2] (step 8)"));
  EXPECT_EQ(Events(**writer, &fs).size(), 1u);
}

TEST(FileWriterTest, SessionLogsRunMetadataAndRawEvents) {
  io::InMemoryFileSystem fs;
  auto writer = FileWriter::Create("/logs", nullptr, InMemory(&fs));
  ASSERT_TRUE(writer.ok()) << writer.status();
  tensorflow::SessionLog start;
  start.set_status(tensorflow::SessionLog::START);
  ASSERT_TRUE((*writer)->AddSessionLog(start, 100).ok());
  tensorflow::RunMetadata metadata;
  metadata.mutable_step_stats()->add_dev_stats()->set_device("/device:CPU:0");
  ASSERT_TRUE((*writer)->AddRunMetadata(metadata, "step100", 100).ok());
  tensorflow::Event raw;
  raw.set_step(101);
  raw.mutable_log_message()->set_message("hello");
  ASSERT_TRUE((*writer)->AddEvent(raw).ok());
  raw.set_wall_time(12.0);
  ASSERT_TRUE((*writer)->AddEvent(raw).ok());

  const std::vector<tensorflow::Event> events = Events(**writer, &fs);
  ASSERT_EQ(events.size(), 5u);
  EXPECT_EQ(events[1].session_log().status(), tensorflow::SessionLog::START);
  EXPECT_EQ(events[1].step(), 100);
  EXPECT_EQ(events[2].tagged_run_metadata().tag(), "step100");
  tensorflow::RunMetadata parsed;
  ASSERT_TRUE(parsed.ParseFromString(events[2].tagged_run_metadata().run_metadata()));
  EXPECT_EQ(parsed.step_stats().dev_stats(0).device(), "/device:CPU:0");
  EXPECT_EQ(events[3].log_message().message(), "hello");
  EXPECT_EQ(events[3].wall_time(), 1700000000.5);  // zero became now
  EXPECT_EQ(events[4].wall_time(), 12.0);
}

TEST(FileWriterTest, CloseAndReopen) {
  io::InMemoryFileSystem fs;
  auto writer = FileWriter::Create("/logs/run", nullptr, InMemory(&fs));
  ASSERT_TRUE(writer.ok()) << writer.status();
  EXPECT_EQ((*writer)->logdir(), "/logs/run");
  const std::string first = (*writer)->filename();
  ASSERT_TRUE((*writer)->Close().ok());
  EXPECT_EQ((*writer)->AddSummary(tensorflow::Summary()).code(),
            absl::StatusCode::kFailedPrecondition);
  ASSERT_TRUE((*writer)->Reopen().ok());
  // Reopened within the same (fixed) second: a new file beside the first.
  EXPECT_EQ((*writer)->filename(), first + ".1");
  EXPECT_TRUE((*writer)->AddSummary(tensorflow::Summary()).ok());
  EXPECT_TRUE((*writer)->Close().ok());
}

TEST(FileWriterTest, WritesToTheLocalDisk) {
  const std::string logdir = io::JoinPath(std::getenv("TEST_TMPDIR"), "local/run");
  auto writer = FileWriter::Create(logdir);
  ASSERT_TRUE(writer.ok()) << writer.status();
  EXPECT_THAT((*writer)->filename(), HasSubstr(logdir + "/events.out.tfevents."));
  ASSERT_TRUE((*writer)->AddSummary(tensorflow::Summary(), 1).ok());
  ASSERT_TRUE((*writer)->Close().ok());
  const auto events = ReadEventFile((*writer)->filename());
  ASSERT_TRUE(events.ok()) << events.status();
  EXPECT_EQ(events->size(), 2u);
}

}  // namespace
}  // namespace summary
}  // namespace rill
