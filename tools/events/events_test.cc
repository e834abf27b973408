// Writes a log directory the way a training program does (summary ops run in a session,
// their output given to a FileWriter together with the graph) and checks what the `events`
// tool prints about it: the graph, two scalar series, a histogram and an image, per run.
// Also: corrupt, missing and empty inputs, usage errors, and relative paths.
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/client/client_session.h"
#include "core/client/scope.h"
#include "core/framework/tensor.h"
#include "core/io/file_system.h"
#include "core/io/local_file_system.h"
#include "core/io/path.h"
#include "core/protos/summary.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ops/array/array_ops.h"
#include "ops/math/math_ops.h"
#include "train/summary/file_writer.h"
#include "train/summary/summary.h"

namespace rill {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

struct Result {
  int exit_code;
  std::string output;  // stdout and stderr together
};

// RunEvents runs the tool with `args` (test paths hold no spaces), after the shell
// assignments in `env`, if any.
Result RunEvents(const std::string& args, const std::string& env = "") {
  const std::string binary = io::JoinPath(std::getenv("TEST_SRCDIR"),
                                          std::getenv("TEST_WORKSPACE"), "tools/events/events");
  FILE* pipe = popen(absl::StrCat(env, " ", binary, " ", args, " 2>&1").c_str(), "r");
  Result result{-1, ""};
  if (pipe == nullptr) return result;
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof(buffer), pipe)) > 0) result.output.append(buffer, n);
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

std::string TempPath(const std::string& name) {
  return io::JoinPath(std::getenv("TEST_TMPDIR"), name);
}

// WriteTrainingLogs writes `logdir`/train, three steps of a small model's summaries with
// its graph, and `logdir`/eval, one scalar.
void WriteTrainingLogs(const std::string& logdir) {
  Scope root = Scope::NewRootScope();
  auto images = ops::Placeholder(root.WithOpName("images"), DT_FLOAT,
                                 ops::Placeholder::Shape({1, 2, 3, 1}));
  auto w = ops::Placeholder(root.WithOpName("w"), DT_FLOAT, ops::Placeholder::Shape({4}));
  auto loss = ops::Placeholder(root.WithOpName("loss_value"), DT_FLOAT);
  auto accuracy = ops::Placeholder(root.WithOpName("accuracy_value"), DT_FLOAT);
  auto scaled = ops::Mul(root.WithOpName("scaled"), w, 2.f);
  summary::Scalar(root, "loss", loss);
  summary::Scalar(root, "accuracy", accuracy);
  summary::Histogram(root, "weights", scaled);
  summary::Image(root, "digits", images, 1);
  const Output merged = summary::MergeAll(root);
  ASSERT_TRUE(root.ok()) << root.status();

  auto writer = summary::FileWriter::Create(io::JoinPath(logdir, "train"), root.graph());
  ASSERT_TRUE(writer.ok()) << writer.status();
  ClientSession session(root);
  const float losses[] = {0.5f, 0.25f, 0.125f};
  const float accuracies[] = {0.5f, 0.75f, 0.875f};
  for (int step = 1; step <= 3; ++step) {
    std::vector<Tensor> out;
    ASSERT_TRUE(session
                    .Run({{images, {{{{0.f}, {0.25f}, {0.5f}}, {{0.75f}, {1.f}, {0.5f}}}}},
                          {w, {-0.5f, 0.f, 0.25f, 1.5f}},
                          {loss, losses[step - 1]},
                          {accuracy, accuracies[step - 1]}},
                         {merged}, &out)
                    .ok());
    ASSERT_TRUE((*writer)->AddSummary(out[0], step).ok());
  }
  ASSERT_TRUE((*writer)->Close().ok());

  auto eval = summary::FileWriter::Create(io::JoinPath(logdir, "eval"));
  ASSERT_TRUE(eval.ok()) << eval.status();
  tensorflow::Summary eval_summary;
  eval_summary.add_value()->set_tag("loss");
  eval_summary.mutable_value(0)->set_simple_value(0.3f);
  ASSERT_TRUE((*eval)->AddSummary(eval_summary, 3).ok());
  ASSERT_TRUE((*eval)->Close().ok());
}

// ExpectLines checks that `output` holds each of `lines` as a whole line.
void ExpectLines(const std::string& output, const std::vector<std::string>& lines) {
  for (const std::string& line : lines) {
    EXPECT_THAT("\n" + output, HasSubstr("\n" + line + "\n")) << "missing line: " << line;
  }
}

TEST(EventsToolTest, PrintsTheGraphScalarsHistogramAndImage) {
  const std::string logdir = TempPath("logs");
  WriteTrainingLogs(logdir);
  const Result result = RunEvents(logdir);
  EXPECT_EQ(result.exit_code, 0) << result.output;
  // The histogram of 2 * [-0.5, 0, 0.25, 1.5] = [-1, 0, 0.5, 3]: sum 2.5, sum of squares
  // 10.25, mean 0.625, stddev sqrt(10.25 / 4 - 0.625^2) = 1.47373; 9 buckets as in
  // kernels/cpu/summary/histogram_test.cc.
  const std::string histogram =
      "histogram weights: num 4, min -1, max 3, mean 0.625, stddev 1.47373, sum 2.5, "
      "sum_squares 10.25, 9 buckets";
  ExpectLines(result.output,
              {
                  "== run eval ==",
                  "  step 3: scalar loss = 0.3",
                  "run eval:",
                  "  graph: no",
                  "  scalars: loss (1 value, step 3)",
                  "== run train ==",
                  "  step 0: graph with 15 nodes",
                  "  step 1: scalar loss = 0.5",
                  "  step 1: scalar accuracy = 0.5",
                  "  step 1: " + histogram,
                  "  step 2: scalar loss = 0.25",
                  "  step 2: scalar accuracy = 0.75",
                  "  step 3: scalar loss = 0.125",
                  "  step 3: scalar accuracy = 0.875",
                  "  step 3: " + histogram,
                  "run train:",
                  "  graph: yes",
                  "  histograms: weights (3 values, steps 1..3)",
                  "  images: digits/image (3 values, steps 1..3)",
                  "  scalars: accuracy (3 values, steps 1..3), loss (3 values, steps 1..3)",
              });
  EXPECT_THAT(result.output, HasSubstr("  step 2: image digits/image: 3x2 grayscale, "));
  EXPECT_THAT(result.output, HasSubstr("-byte PNG\n"));
  EXPECT_THAT(result.output, HasSubstr("  version brain.Event:2, written "));
  // The eval run comes first (runs in name order) and has its own file.
  EXPECT_LT(result.output.find("== run eval =="), result.output.find("== run train =="));
}

TEST(EventsToolTest, ReadsOneFileAndRelativePaths) {
  const std::string dir = TempPath("single");
  auto writer = summary::FileWriter::Create(dir);
  ASSERT_TRUE(writer.ok()) << writer.status();
  tensorflow::Summary summary;
  summary.add_value()->set_tag("lr");
  summary.mutable_value(0)->set_simple_value(0.001f);
  ASSERT_TRUE((*writer)->AddSummary(summary, 10).ok());
  ASSERT_TRUE((*writer)->Close().ok());

  Result result = RunEvents((*writer)->filename());
  EXPECT_EQ(result.exit_code, 0) << result.output;
  ExpectLines(result.output, {"== run . ==", "file " + (*writer)->filename(),
                              "  step 10: scalar lr = 0.001", "  graph: no"});

  result = RunEvents("single", "BUILD_WORKING_DIRECTORY=" + TempPath(""));
  EXPECT_EQ(result.exit_code, 0) << result.output;
  ExpectLines(result.output, {"  step 10: scalar lr = 0.001"});
}

TEST(EventsToolTest, CorruptMissingAndEmptyInputs) {
  const std::string dir = TempPath("corrupt");
  auto writer = summary::FileWriter::Create(dir);
  ASSERT_TRUE(writer.ok()) << writer.status();
  ASSERT_TRUE((*writer)->AddSummary(tensorflow::Summary(), 1).ok());
  ASSERT_TRUE((*writer)->Close().ok());
  io::FileSystem* fs = io::LocalFileSystem::Default();
  auto bytes = io::ReadFileToString(fs, (*writer)->filename());
  ASSERT_TRUE(bytes.ok());
  (*bytes)[54] ^= 0x01;  // the second record's data: 40 + 12 header bytes + 2
  ASSERT_TRUE(io::WriteStringToFile(fs, (*writer)->filename(), *bytes).ok());
  Result result = RunEvents(dir);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.output, HasSubstr("corrupted record at offset 40"));
  EXPECT_THAT(result.output, HasSubstr("  version brain.Event:2"));

  result = RunEvents(TempPath("missing"));
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.output, HasSubstr("NOT_FOUND"));

  ASSERT_TRUE(fs->RecursivelyCreateDir(TempPath("empty/sub")).ok());
  result = RunEvents(TempPath("empty"));
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.output, HasSubstr("no event files"));

  result = RunEvents("");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.output, HasSubstr("usage: events PATH"));
  EXPECT_THAT(result.output, Not(HasSubstr("== run")));
}

}  // namespace
}  // namespace rill
