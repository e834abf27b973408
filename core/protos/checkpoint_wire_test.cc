// Checks the checkpoint protos (tensor bundle, SaverDef, CheckpointState, VariableDef,
// MetaGraphDef) byte for byte against bytes computed from TensorFlow's field numbers
// (FORMATS.md sections 5 and 8), and their text format names.
#include <string>

#include "absl/strings/escaping.h"
#include "absl/strings/str_replace.h"
#include "core/protos/checkpoint_state.pb.h"
#include "core/protos/meta_graph.pb.h"
#include "core/protos/saver.pb.h"
#include "core/protos/tensor_bundle.pb.h"
#include "core/protos/tensor_slice.pb.h"
#include "core/protos/variable.pb.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "google/protobuf/text_format.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace tensorflow {
namespace {

using ::testing::EndsWith;

// Hex serializes `message` deterministically (map entries sorted by key) as "08 01 12 00".
std::string Hex(const google::protobuf::MessageLite& message) {
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    message.SerializeToCodedStream(&coded);
  }
  std::string hex = absl::BytesToHexString(bytes);
  std::string spaced;
  for (size_t i = 0; i < hex.size(); i += 2) {
    if (i > 0) spaced += ' ';
    spaced += hex.substr(i, 2);
  }
  return spaced;
}

std::string Bytes(const std::string& hex) {
  return absl::HexStringToBytes(absl::StrReplaceAll(hex, {{" ", ""}}));
}

TEST(TensorBundleProtoTest, HeaderIsTheBytesTensorFlowWrites) {
  BundleHeaderProto header;
  header.set_num_shards(1);
  header.set_endianness(BundleHeaderProto::LITTLE);
  header.mutable_version()->set_producer(1);
  header.mutable_version()->set_min_consumer(0);
  EXPECT_EQ(Hex(header), "08 01 1a 02 08 01");  // FORMATS.md 5.3
  header.set_endianness(BundleHeaderProto::BIG);
  EXPECT_EQ(Hex(header), "08 01 10 01 1a 02 08 01");
  EXPECT_EQ(header.ShortDebugString(), "num_shards: 1 endianness: BIG version { producer: 1 }");
}

TEST(TensorBundleProtoTest, EntriesUseTensorFlowsFieldNumbersAndAFixed32Checksum) {
  // A float scalar 1.0 at offset 0: its 4 bytes' masked CRC-32C is 0x2bdaa581.
  BundleEntryProto scalar;
  scalar.set_dtype(DT_FLOAT);
  scalar.mutable_shape();  // a scalar's shape is present and empty
  scalar.set_size(4);
  scalar.set_crc32c(0x2bdaa581);
  EXPECT_EQ(Hex(scalar), "08 01 12 00 28 04 35 81 a5 da 2b");

  // An int32 [2, 3] matrix at offset 16 of shard 2.
  BundleEntryProto matrix;
  matrix.set_dtype(DT_INT32);
  matrix.mutable_shape()->add_dim()->set_size(2);
  matrix.mutable_shape()->add_dim()->set_size(3);
  matrix.set_shard_id(2);
  matrix.set_offset(16);
  matrix.set_size(24);
  matrix.set_crc32c(0x01020304);
  EXPECT_EQ(Hex(matrix),
            "08 03 12 08 12 02 08 02 12 02 08 03 18 02 20 10 28 18 35 04 03 02 01");

  BundleEntryProto parsed;
  ASSERT_TRUE(parsed.ParseFromString(Bytes("08 03 12 08 12 02 08 02 12 02 08 03 20 10 28 18")));
  EXPECT_EQ(parsed.shape().dim(1).size(), 3);
  EXPECT_EQ(parsed.offset(), 16);
}

TEST(TensorBundleProtoTest, SliceExtentsTellALengthOfZeroFromNoLength) {
  TensorSliceProto slice;
  slice.add_extent();                   // the whole dimension
  slice.add_extent()->set_length(0);    // start 0, length 0
  TensorSliceProto::Extent* extent = slice.add_extent();
  extent->set_start(1);
  extent->set_length(2);
  EXPECT_EQ(Hex(slice), "0a 00 0a 02 10 00 0a 04 08 01 10 02");
  BundleEntryProto entry;
  *entry.add_slices() = slice;
  EXPECT_EQ(Hex(entry), "3a 0c 0a 00 0a 02 10 00 0a 04 08 01 10 02");
}

TEST(SaverDefTest, TypicalSaverDefBytesAndText) {
  SaverDef saver;
  saver.set_filename_tensor_name("save/Const:0");
  saver.set_save_tensor_name("save/control_dependency:0");
  saver.set_restore_op_name("save/restore_all");
  saver.set_max_to_keep(5);
  saver.set_keep_checkpoint_every_n_hours(10000.f);
  saver.set_version(SaverDef::V2);
  // 10000.0f is 0x461c4000.
  EXPECT_EQ(Hex(saver),
            "0a 0c 73 61 76 65 2f 43 6f 6e 73 74 3a 30 "
            "12 19 73 61 76 65 2f 63 6f 6e 74 72 6f 6c 5f 64 65 70 65 6e 64 65 6e 63 79 3a 30 "
            "1a 10 73 61 76 65 2f 72 65 73 74 6f 72 65 5f 61 6c 6c "
            "20 05 35 00 40 1c 46 38 02");
  saver.set_sharded(true);
  EXPECT_THAT(Hex(saver), EndsWith("20 05 28 01 35 00 40 1c 46 38 02"));
  SaverDef parsed;
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString("version: V1 max_to_keep: 2", &parsed));
  EXPECT_EQ(parsed.version(), SaverDef::V1);
  EXPECT_EQ(SaverDef::LEGACY, 0);
  EXPECT_EQ(SaverDef::V2, 2);
}

TEST(CheckpointStateTest, TextFormatIsTheCheckpointFile) {
  CheckpointState state;
  state.set_model_checkpoint_path("model.ckpt-1000");
  state.add_all_model_checkpoint_paths("model.ckpt-500");
  state.add_all_model_checkpoint_paths("model.ckpt-1000");
  std::string text;
  ASSERT_TRUE(google::protobuf::TextFormat::PrintToString(state, &text));
  EXPECT_EQ(text,
            "model_checkpoint_path: \"model.ckpt-1000\"\n"
            "all_model_checkpoint_paths: \"model.ckpt-500\"\n"
            "all_model_checkpoint_paths: \"model.ckpt-1000\"\n");
  state.add_all_model_checkpoint_timestamps(1.5);
  state.add_all_model_checkpoint_timestamps(2.25);
  state.set_last_preserved_timestamp(0.5);
  // Timestamps are packed doubles (field 3), the last preserved one a double (field 4).
  EXPECT_EQ(Hex(state),
            "0a 0f 6d 6f 64 65 6c 2e 63 6b 70 74 2d 31 30 30 30 "
            "12 0e 6d 6f 64 65 6c 2e 63 6b 70 74 2d 35 30 30 "
            "12 0f 6d 6f 64 65 6c 2e 63 6b 70 74 2d 31 30 30 30 "
            "1a 10 00 00 00 00 00 00 f8 3f 00 00 00 00 00 00 02 40 "
            "21 00 00 00 00 00 00 e0 3f");
}

TEST(VariableDefTest, ResourceVariableBytes) {
  VariableDef variable;
  variable.set_variable_name("W:0");
  variable.set_initializer_name("W/Assign");
  variable.set_snapshot_name("W/Read/ReadVariableOp:0");
  variable.set_is_resource(true);
  variable.set_initial_value_name("W/initial_value:0");
  variable.set_trainable(true);
  EXPECT_EQ(Hex(variable),
            "0a 03 57 3a 30 12 08 57 2f 41 73 73 69 67 6e "
            "1a 17 57 2f 52 65 61 64 2f 52 65 61 64 56 61 72 69 61 62 6c 65 4f 70 3a 30 "
            "28 01 32 11 57 2f 69 6e 69 74 69 61 6c 5f 76 61 6c 75 65 3a 30 38 01");
  variable.set_aggregation(VARIABLE_AGGREGATION_ONLY_FIRST_REPLICA);
  variable.set_synchronization(VARIABLE_SYNCHRONIZATION_ON_READ);
  EXPECT_THAT(Hex(variable), EndsWith("38 01 40 03 48 03"));
}

TEST(MetaGraphDefTest, FieldNumbersOfEveryPart) {
  MetaGraphDef meta;
  meta.mutable_meta_info_def()->add_tags("train");
  (*meta.mutable_collection_def())["train_op"].mutable_node_list()->add_value("train");
  EXPECT_EQ(Hex(meta),
            "0a 07 22 05 74 72 61 69 6e "             // meta_info_def { tags: "train" }
            "22 15 0a 08 74 72 61 69 6e 5f 6f 70 "     // collection_def key "train_op"
            "12 09 0a 07 0a 05 74 72 61 69 6e");       // value { node_list { value } }

  MetaGraphDef parts;
  parts.mutable_graph_def();
  parts.mutable_saver_def()->set_max_to_keep(5);
  (*parts.mutable_signature_def())["s"].set_method_name("m");
  parts.add_asset_file_def()->set_filename("v");
  EXPECT_EQ(Hex(parts),
            "12 00 "                                   // graph_def (2)
            "1a 02 20 05 "                             // saver_def (3)
            "2a 08 0a 01 73 12 03 1a 01 6d "           // signature_def (5) "s" -> method "m"
            "32 03 12 01 76");                         // asset_file_def (6)

  CollectionDef numbers;
  numbers.mutable_int64_list()->add_value(1);
  numbers.mutable_int64_list()->add_value(300);
  EXPECT_EQ(Hex(numbers), "1a 05 0a 03 01 ac 02");  // packed int64s (field 3)
  CollectionDef floats;
  floats.mutable_float_list()->add_value(1.f);
  EXPECT_EQ(Hex(floats), "22 06 0a 04 00 00 80 3f");
  CollectionDef any;
  any.mutable_any_list()->add_value()->set_type_url("t");
  EXPECT_EQ(Hex(any), "2a 05 0a 03 0a 01 74");

  TensorInfo info;
  info.set_name("x:0");
  info.set_dtype(DT_FLOAT);
  info.mutable_tensor_shape();
  EXPECT_EQ(Hex(info), "0a 03 78 3a 30 10 01 1a 00");
  info.mutable_coo_sparse()->set_values_tensor_name("v");
  EXPECT_EQ(Hex(info), "10 01 1a 00 22 03 0a 01 76");  // the oneof drops the name

  // A TensorFlow 2 object graph (field 7) survives parsing as an unknown field.
  MetaGraphDef with_object_graph;
  ASSERT_TRUE(with_object_graph.ParseFromString(Bytes("3a 00 1a 02 20 05")));
  EXPECT_EQ(with_object_graph.saver_def().max_to_keep(), 5);
  EXPECT_EQ(Hex(with_object_graph), "1a 02 20 05 3a 00");
}

}  // namespace
}  // namespace tensorflow
