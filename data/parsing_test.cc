// Tests of Example parsing end to end: Examples written to TFRecord files (plain and GZIP)
// are read by TFRecordDataset and parse back to the same features with ParseSingleExample
// and ParseExample (dense with defaults, sparse triples); parsing errors name the example
// and key; DecodeRaw reads little- and big-endian bytes.
#include "data/parsing.h"

#include <cstdint>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/client/client_session.h"
#include "core/client/scope.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "core/io/compression.h"
#include "core/io/local_file_system.h"
#include "core/io/path.h"
#include "data/dataset.h"
#include "data/dataset_test_util.h"
#include "data/example_writer.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ops/parsing/parsing_ops.h"

namespace rill {
namespace data {
namespace {

using test::Elements;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

// Three examples: "label" (int64), "weights" (2 floats), "tags" (0 to 2 strings).
std::vector<tensorflow::Example> SomeExamples() {
  return {MakeExample({{"label", Int64Feature({1})},
                       {"weights", FloatFeature({0.5f, 1.5f})},
                       {"tags", BytesFeature({"a", "b"})}}),
          MakeExample({{"label", Int64Feature({2})}, {"weights", FloatFeature({2.f, 3.f})}}),
          MakeExample({{"weights", FloatFeature({4.f, 5.f})}, {"tags", BytesFeature({"c"})}})};
}

std::string WriteSomeExamples(const std::string& name, io::Compression compression) {
  const std::string path = io::JoinPath(::testing::TempDir(), name);
  EXPECT_TRUE(
      WriteExamples(io::LocalFileSystem::Default(), path, SomeExamples(), compression).ok());
  return path;
}

// DenseFeatures: "label" defaults to -1, "weights" is required.
std::map<std::string, FixedLenFeature> DenseFeatures() {
  return {{"label", {TensorShape(), DT_INT64, rill::test::AsScalar<int64_t>(-1)}},
          {"weights", {TensorShape({2}), DT_FLOAT}}};
}

std::map<std::string, VarLenFeature> SparseFeatures() { return {{"tags", {DT_STRING}}}; }

TEST(ParsingTest, ExamplesWrittenToTFRecordsParseBackOneByOne) {
  for (const auto compression : {io::Compression::kNone, io::Compression::kGzip}) {
    SCOPED_TRACE(io::CompressionName(compression));
    Scope root = Scope::NewRootScope();
    const std::string path = WriteSomeExamples(
        absl::StrCat("examples_", io::CompressionName(compression), ".tfrecord"), compression);
    const Dataset parsed =
        Dataset::TFRecord(root, Input(path), std::string(io::CompressionName(compression)))
            .Map([](const Scope& scope, const std::vector<Output>& record) {
              const ParsedFeatures features =
                  ParseSingleExample(scope, record[0], DenseFeatures(), SparseFeatures());
              const SparseTensor& tags = features.sparse.at("tags");
              return std::vector<Output>{features.dense.at("label"), features.dense.at("weights"),
                                         tags.indices, tags.values, tags.dense_shape};
            });
    std::ostringstream shapes;
    shapes << parsed.output_shapes();
    EXPECT_EQ(shapes.str(), "([], [2], [?,1], [?], [1])");
    EXPECT_THAT(*Elements(parsed),
                ElementsAre("1, [0.5 1.5], [[0] [1]], [\"a\" \"b\"], [2]", "2, [2 3], [], [], [0]",
                            "-1, [4 5], [[0]], [\"c\"], [1]"));
  }
}

TEST(ParsingTest, ParseExampleParsesABatch) {
  Scope root = Scope::NewRootScope();
  const std::string path = WriteSomeExamples("batch.tfrecord", io::Compression::kNone);
  const Dataset parsed =
      Dataset::TFRecord(root, Input(path))
          .Batch(3)
          .Map([](const Scope& scope, const std::vector<Output>& records) {
            const ParsedFeatures features =
                ParseExample(scope, records[0], DenseFeatures(), SparseFeatures());
            const SparseTensor& tags = features.sparse.at("tags");
            return std::vector<Output>{features.dense.at("label"), features.dense.at("weights"),
                                       tags.indices, tags.values, tags.dense_shape};
          });
  EXPECT_THAT(*Elements(parsed),
              ElementsAre("[1 2 -1], [[0.5 1.5] [2 3] [4 5]], [[0 0] [0 1] [2 0]], "
                          "[\"a\" \"b\" \"c\"], [3 2]"));
}

// ParseOne runs ParseSingleExample on `example` with `dense` features.
absl::Status ParseOne(const tensorflow::Example& example,
                      const std::map<std::string, FixedLenFeature>& dense) {
  Scope root = Scope::NewRootScope();
  const ParsedFeatures features =
      ParseSingleExample(root, Input(example.SerializeAsString()), dense);
  std::vector<Output> fetches;
  for (const auto& [key, value] : features.dense) fetches.push_back(value);
  ClientSession session(root);
  std::vector<Tensor> out;
  return session.Run(fetches, &out);
}

TEST(ParsingTest, ErrorsNameTheFeature) {
  const tensorflow::Example example = MakeExample({{"x", FloatFeature({1.f, 2.f, 3.f})}});
  EXPECT_THAT(ParseOne(example, {{"y", {TensorShape(), DT_FLOAT}}}).message(),
              HasSubstr("Feature: y (data type: float) is required but could not be found."));
  EXPECT_THAT(ParseOne(example, {{"x", {TensorShape({3}), DT_INT64}}}).message(),
              HasSubstr("Key: x, Index: 0.  Data types don't match. Expected type: int64, "
                        "Actual type: float"));
  EXPECT_THAT(ParseOne(example, {{"x", {TensorShape({2}), DT_FLOAT}}}).message(),
              HasSubstr("Key: x, Index: 0.  Number of float values != expected.  Values "
                        "size: 3 but output shape: [2]"));

  Scope root = Scope::NewRootScope();
  const ParsedFeatures parsed =
      ParseSingleExample(root, Input("not a proto \xff"), {{"x", {TensorShape(), DT_FLOAT}}});
  ClientSession session(root);
  std::vector<Tensor> out;
  EXPECT_THAT(session.Run({parsed.dense.at("x")}, &out).message(),
              HasSubstr("Could not parse example input"));

  Scope bad_default = Scope::NewRootScope();
  ParseSingleExample(bad_default, Input(""),
                     {{"x", {TensorShape({2}), DT_FLOAT, rill::test::AsScalar<float>(1.f)}}});
  EXPECT_THAT(bad_default.status().message(), HasSubstr("The default of feature 'x'"));
}

TEST(DecodeRawTest, ReadsLittleAndBigEndianNumbers) {
  Scope root = Scope::NewRootScope();
  const float values[2] = {1.5f, -2.f};
  std::string little(reinterpret_cast<const char*>(values), sizeof(values));
  auto floats = ops::DecodeRaw(root, Input({little, little}), DT_FLOAT);
  auto big_endian = ops::DecodeRaw(root, Input(std::string("\x00\x00\x01\x02", 4)), DT_INT32,
                                   ops::DecodeRaw::LittleEndian(false));
  auto ragged = ops::DecodeRaw(root, Input({std::string("abcd"), std::string("ab")}), DT_UINT8);
  auto uneven = ops::DecodeRaw(root, Input(std::string("abc")), DT_INT16);
  ClientSession session(root);
  std::vector<Tensor> out;
  ASSERT_TRUE(session.Run({floats, big_endian}, &out).ok());
  EXPECT_EQ(out[0].DebugString(), "[[1.5 -2] [1.5 -2]]");
  EXPECT_EQ(out[1].DebugString(), "[258]");
  EXPECT_THAT(session.Run({ragged}, &out).message(),
              HasSubstr("same size, but element 1 has size 2 != 4"));
  EXPECT_THAT(session.Run({uneven}, &out).message(),
              HasSubstr("length 3 that is not a multiple of 2, the size of int16"));
}

}  // namespace
}  // namespace data
}  // namespace rill
