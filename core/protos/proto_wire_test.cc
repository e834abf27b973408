// Checks that Rill's protos are byte-compatible with TensorFlow's: messages serialize to bytes
// computed by hand from TensorFlow's field numbers, and text format uses TensorFlow's names.
#include <cstdint>
#include <cstdio>
#include <string>

#include "core/protos/attr_value.pb.h"
#include "core/protos/config.pb.h"
#include "core/protos/cost_graph.pb.h"
#include "core/protos/function.pb.h"
#include "core/protos/graph.pb.h"
#include "core/protos/node_def.pb.h"
#include "core/protos/op_def.pb.h"
#include "core/protos/resource_handle.pb.h"
#include "core/protos/step_stats.pb.h"
#include "core/protos/tensor.pb.h"
#include "core/protos/tensor_description.pb.h"
#include "core/protos/tensor_shape.pb.h"
#include "core/protos/types.pb.h"
#include "core/protos/versions.pb.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"

namespace tensorflow {
namespace {

// WireHex serializes `message` deterministically (map entries sorted by key) and returns its
// bytes as lowercase hex pairs separated by single spaces, e.g. "08 01 12 00".
std::string WireHex(const google::protobuf::MessageLite& message) {
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    message.SerializeToCodedStream(&coded);
  }
  std::string hex;
  for (unsigned char byte : bytes) {
    char pair[4];
    std::snprintf(pair, sizeof(pair), "%02x", byte);
    if (!hex.empty()) hex += ' ';
    hex += pair;
  }
  return hex;
}

// BytesFromHex turns "2d 00 80" back into raw bytes.
std::string BytesFromHex(const std::string& hex) {
  std::string bytes;
  for (size_t i = 0; i < hex.size(); i += 3) {
    bytes.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  }
  return bytes;
}

// ---------------------------------------------------------------------------------------------
// types.proto

TEST(DataTypeTest, ValuesMatchTensorFlow) {
  EXPECT_EQ(DT_INVALID, 0);
  EXPECT_EQ(DT_FLOAT, 1);
  EXPECT_EQ(DT_DOUBLE, 2);
  EXPECT_EQ(DT_INT32, 3);
  EXPECT_EQ(DT_UINT8, 4);
  EXPECT_EQ(DT_INT16, 5);
  EXPECT_EQ(DT_INT8, 6);
  EXPECT_EQ(DT_STRING, 7);
  EXPECT_EQ(DT_COMPLEX64, 8);
  EXPECT_EQ(DT_INT64, 9);
  EXPECT_EQ(DT_BOOL, 10);
  EXPECT_EQ(DT_QINT8, 11);
  EXPECT_EQ(DT_QUINT8, 12);
  EXPECT_EQ(DT_QINT32, 13);
  EXPECT_EQ(DT_BFLOAT16, 14);
  EXPECT_EQ(DT_QINT16, 15);
  EXPECT_EQ(DT_QUINT16, 16);
  EXPECT_EQ(DT_UINT16, 17);
  EXPECT_EQ(DT_COMPLEX128, 18);
  EXPECT_EQ(DT_HALF, 19);
  EXPECT_EQ(DT_RESOURCE, 20);
  EXPECT_EQ(DT_VARIANT, 21);
  EXPECT_EQ(DT_UINT32, 22);
  EXPECT_EQ(DT_UINT64, 23);
  EXPECT_EQ(DT_FLOAT8_E5M2, 24);
  EXPECT_EQ(DT_UINT4, 30);
  EXPECT_EQ(DT_FLOAT4_E2M1FN, 33);
  EXPECT_EQ(DT_FLOAT_REF, 101);
  EXPECT_EQ(DT_INT32_REF, 103);
  EXPECT_EQ(DT_HALF_REF, 119);
  EXPECT_EQ(DT_UINT64_REF, 123);
  EXPECT_EQ(DT_FLOAT4_E2M1FN_REF, 133);
}

TEST(DataTypeTest, EveryTypeHasItsRefAtPlusOneHundred) {
  const google::protobuf::EnumDescriptor* descriptor = DataType_descriptor();
  int base_types = 0;
  for (int i = 0; i < descriptor->value_count(); ++i) {
    const google::protobuf::EnumValueDescriptor* value = descriptor->value(i);
    if (value->number() == 0 || value->number() > 100) continue;
    ++base_types;
    const google::protobuf::EnumValueDescriptor* ref =
        descriptor->FindValueByNumber(value->number() + 100);
    ASSERT_NE(ref, nullptr) << value->name();
    EXPECT_EQ(ref->name(), value->name() + "_REF");
  }
  EXPECT_EQ(base_types, 33);
  EXPECT_EQ(descriptor->value_count(), 1 + 33 + 33);
}

// ---------------------------------------------------------------------------------------------
// tensor_shape.proto

TEST(TensorShapeProtoWire, UnknownDimIsTenByteVarint) {
  TensorShapeProto shape;
  shape.add_dim()->set_size(-1);
  shape.add_dim()->set_size(3);
  EXPECT_EQ(WireHex(shape), "12 0b 08 ff ff ff ff ff ff ff ff ff 01 12 02 08 03");
}

TEST(TensorShapeProtoWire, DimNameAndUnknownRank) {
  TensorShapeProto named;
  TensorShapeProto::Dim* dim = named.add_dim();
  dim->set_size(2);
  dim->set_name("x");
  EXPECT_EQ(WireHex(named), "12 05 08 02 12 01 78");

  TensorShapeProto unknown;
  unknown.set_unknown_rank(true);
  EXPECT_EQ(WireHex(unknown), "18 01");
}

// ---------------------------------------------------------------------------------------------
// tensor.proto, resource_handle.proto

TEST(TensorProtoWire, FloatValIsPacked) {
  TensorProto tensor;
  tensor.set_dtype(DT_FLOAT);
  tensor.mutable_tensor_shape()->add_dim()->set_size(2);
  tensor.add_float_val(1.0f);
  tensor.add_float_val(2.0f);
  EXPECT_EQ(WireHex(tensor), "08 01 12 04 12 02 08 02 2a 08 00 00 80 3f 00 00 00 40");
}

TEST(TensorProtoWire, ScalarCarriesAnEmptyShape) {
  TensorProto tensor;
  tensor.set_dtype(DT_FLOAT);
  tensor.mutable_tensor_shape();
  tensor.add_float_val(1.0f);
  EXPECT_EQ(WireHex(tensor), "08 01 12 00 2a 04 00 00 80 3f");
}

TEST(TensorProtoWire, TensorContentIsField4) {
  TensorProto tensor;
  tensor.set_dtype(DT_INT32);
  tensor.set_tensor_content(std::string("\x01\x00\x00\x00\x02\x00\x00\x00", 8));
  EXPECT_EQ(WireHex(tensor), "08 03 22 08 01 00 00 00 02 00 00 00");
}

TEST(TensorProtoWire, EachTypedFieldHasTensorFlowsNumber) {
  TensorProto version;
  version.set_version_number(1);
  EXPECT_EQ(WireHex(version), "18 01");

  TensorProto doubles;
  doubles.add_double_val(1.0);
  EXPECT_EQ(WireHex(doubles), "32 08 00 00 00 00 00 00 f0 3f");

  TensorProto ints;
  ints.add_int_val(1);
  ints.add_int_val(-1);
  EXPECT_EQ(WireHex(ints), "3a 0b 01 ff ff ff ff ff ff ff ff ff 01");

  TensorProto strings;
  strings.add_string_val("ab");
  strings.add_string_val("");
  EXPECT_EQ(WireHex(strings), "42 02 61 62 42 00");

  TensorProto scomplex;
  scomplex.add_scomplex_val(1.0f);
  scomplex.add_scomplex_val(2.0f);
  EXPECT_EQ(WireHex(scomplex), "4a 08 00 00 80 3f 00 00 00 40");

  TensorProto int64s;
  int64s.add_int64_val(300);
  EXPECT_EQ(WireHex(int64s), "52 02 ac 02");

  TensorProto bools;
  bools.add_bool_val(true);
  bools.add_bool_val(false);
  EXPECT_EQ(WireHex(bools), "5a 02 01 00");

  TensorProto dcomplex;
  dcomplex.add_dcomplex_val(1.0);
  dcomplex.add_dcomplex_val(0.0);
  EXPECT_EQ(WireHex(dcomplex), "62 10 00 00 00 00 00 00 f0 3f 00 00 00 00 00 00 00 00");

  TensorProto halves;
  halves.add_half_val(0x3c00);  // 1.0 in IEEE half precision.
  EXPECT_EQ(WireHex(halves), "6a 02 80 78");

  TensorProto resources;
  resources.add_resource_handle_val()->set_name("v");
  EXPECT_EQ(WireHex(resources), "72 03 1a 01 76");

  TensorProto variants;
  variants.add_variant_val()->set_type_name("t");
  EXPECT_EQ(WireHex(variants), "7a 03 0a 01 74");

  TensorProto uint32s;
  uint32s.add_uint32_val(0xffffffffu);
  EXPECT_EQ(WireHex(uint32s), "82 01 05 ff ff ff ff 0f");

  TensorProto uint64s;
  uint64s.add_uint64_val(1);
  EXPECT_EQ(WireHex(uint64s), "8a 01 01 01");

  TensorProto float8s;
  float8s.set_float8_val("\x38");
  EXPECT_EQ(WireHex(float8s), "92 01 01 38");
}

TEST(TensorProtoWire, ParsesUnpackedRepeatedScalars) {
  TensorProto tensor;
  ASSERT_TRUE(tensor.ParseFromString(BytesFromHex("2d 00 00 80 3f 2d 00 00 00 40")));
  ASSERT_EQ(tensor.float_val_size(), 2);
  EXPECT_EQ(tensor.float_val(0), 1.0f);
  EXPECT_EQ(tensor.float_val(1), 2.0f);
}

TEST(TensorProtoWire, VariantTensorData) {
  VariantTensorDataProto variant;
  variant.set_type_name("t");
  variant.set_metadata("m");
  variant.add_tensors()->set_dtype(DT_INT32);
  EXPECT_EQ(WireHex(variant), "0a 01 74 12 01 6d 1a 02 08 03");
}

TEST(ResourceHandleProtoWire, AllFields) {
  ResourceHandleProto handle;
  handle.set_device("d");
  handle.set_container("c");
  handle.set_name("n");
  handle.set_hash_code(5);
  handle.set_maybe_type_name("t");
  ResourceHandleProto::DtypeAndShape* dtype_and_shape = handle.add_dtypes_and_shapes();
  dtype_and_shape->set_dtype(DT_FLOAT);
  dtype_and_shape->mutable_shape();
  EXPECT_EQ(WireHex(handle), "0a 01 64 12 01 63 1a 01 6e 20 05 2a 01 74 32 04 08 01 12 00");
}

// ---------------------------------------------------------------------------------------------
// attr_value.proto

TEST(AttrValueWire, EachOneofMemberHasTensorFlowsNumber) {
  AttrValue empty_list;
  empty_list.mutable_list();
  EXPECT_EQ(WireHex(empty_list), "0a 00");  // Present though empty.

  AttrValue s;
  s.set_s("x");
  EXPECT_EQ(WireHex(s), "12 01 78");

  AttrValue i;
  i.set_i(-1);
  EXPECT_EQ(WireHex(i), "18 ff ff ff ff ff ff ff ff ff 01");

  AttrValue f;
  f.set_f(1.0f);
  EXPECT_EQ(WireHex(f), "25 00 00 80 3f");

  AttrValue b;
  b.set_b(false);
  EXPECT_EQ(WireHex(b), "28 00");  // A oneof member is emitted even when it is the default.

  AttrValue type;
  type.set_type(DT_INT32);
  EXPECT_EQ(WireHex(type), "30 03");

  AttrValue shape;
  shape.mutable_shape();
  EXPECT_EQ(WireHex(shape), "3a 00");

  AttrValue tensor;
  tensor.mutable_tensor()->set_dtype(DT_STRING);
  EXPECT_EQ(WireHex(tensor), "42 02 08 07");

  AttrValue placeholder;
  placeholder.set_placeholder("T");
  EXPECT_EQ(WireHex(placeholder), "4a 01 54");

  AttrValue func;
  func.mutable_func()->set_name("f");
  EXPECT_EQ(WireHex(func), "52 03 0a 01 66");
}

TEST(AttrValueWire, ListValueFields) {
  AttrValue::ListValue list;
  list.add_s("a");
  list.add_s("b");
  list.add_i(1);
  list.add_i(2);
  list.add_f(1.0f);
  list.add_b(true);
  list.add_type(DT_FLOAT);
  list.add_type(DT_INT32);
  list.add_shape();
  list.add_tensor();
  list.add_func()->set_name("g");
  EXPECT_EQ(WireHex(list),
            "12 01 61 12 01 62 1a 02 01 02 22 04 00 00 80 3f 2a 01 01 32 02 01 03 3a 00 42 00 "
            "4a 03 0a 01 67");

  AttrValue value;
  value.mutable_list()->add_i(1);
  value.mutable_list()->add_i(2);
  EXPECT_EQ(WireHex(value), "0a 04 1a 02 01 02");
}

TEST(AttrValueWire, NameAttrList) {
  NameAttrList func;
  func.set_name("f");
  (*func.mutable_attr())["N"].set_i(2);
  EXPECT_EQ(WireHex(func), "0a 01 66 12 07 0a 01 4e 12 02 18 02");
}

// ---------------------------------------------------------------------------------------------
// node_def.proto, graph.proto, versions.proto

TEST(NodeDefWire, Fields) {
  NodeDef node;
  node.set_name("a");
  node.set_op("Const");
  node.add_input("b");
  node.add_input("^c");
  node.set_device("/cpu:0");
  (*node.mutable_attr())["T"].set_type(DT_FLOAT);
  EXPECT_EQ(WireHex(node),
            "0a 01 61 12 05 43 6f 6e 73 74 1a 01 62 1a 02 5e 63 22 06 2f 63 70 75 3a 30 "
            "2a 07 0a 01 54 12 02 30 01");
}

TEST(NodeDefWire, AttrMapEntriesAndDebugInfo) {
  NodeDef node;
  (*node.mutable_attr())["b"].set_b(true);
  (*node.mutable_attr())["a"].set_i(1);
  node.mutable_experimental_debug_info()->add_original_node_names("x");
  node.mutable_experimental_debug_info()->add_original_func_names("f");
  EXPECT_EQ(WireHex(node),
            "2a 07 0a 01 61 12 02 18 01 2a 07 0a 01 62 12 02 28 01 32 06 0a 01 78 12 01 66");
}

TEST(GraphDefWire, Fields) {
  GraphDef graph;
  graph.add_node()->set_name("a");
  graph.mutable_library();
  // The deprecated single `version` field, set through reflection to avoid the deprecation
  // warning its accessor carries.
  graph.GetReflection()->SetInt32(&graph, GraphDef::descriptor()->FindFieldByName("version"), 7);
  graph.mutable_versions()->set_producer(26);
  graph.mutable_versions()->set_min_consumer(12);
  EXPECT_EQ(WireHex(graph), "0a 03 0a 01 61 12 00 18 07 22 04 08 1a 10 0c");
}

TEST(VersionDefWire, Fields) {
  VersionDef versions;
  versions.set_producer(26);
  versions.set_min_consumer(12);
  versions.add_bad_consumers(5);
  versions.add_bad_consumers(7);
  EXPECT_EQ(WireHex(versions), "08 1a 10 0c 1a 02 05 07");
}

// ---------------------------------------------------------------------------------------------
// op_def.proto

TEST(OpDefWire, Fields) {
  OpDef op;
  op.set_name("Add");
  OpDef::ArgDef* input = op.add_input_arg();
  input->set_name("x");
  input->set_type_attr("T");
  OpDef::ArgDef* output = op.add_output_arg();
  output->set_name("z");
  output->set_type(DT_FLOAT);
  output->set_is_ref(true);
  OpDef::AttrDef* attr = op.add_attr();
  attr->set_name("T");
  attr->set_type("type");
  attr->mutable_default_value()->set_type(DT_FLOAT);
  attr->mutable_allowed_values()->mutable_list()->add_type(DT_FLOAT);
  attr->mutable_allowed_values()->mutable_list()->add_type(DT_INT32);
  op.set_summary("s");
  op.set_description("d");
  op.mutable_deprecation()->set_version(9);
  op.mutable_deprecation()->set_explanation("e");
  op.set_is_aggregate(true);
  op.set_is_stateful(true);
  op.set_is_commutative(true);
  op.set_allows_uninitialized_input(true);
  op.add_control_output("c");
  op.set_is_distributed_communication(true);
  EXPECT_EQ(WireHex(op),
            "0a 03 41 64 64 "                                                 // name
            "12 06 0a 01 78 22 01 54 "                                        // input_arg
            "1a 08 0a 01 7a 18 01 80 01 01 "                                  // output_arg
            "22 15 0a 01 54 12 04 74 79 70 65 1a 02 30 01 3a 06 0a 04 32 02 01 03 "  // attr
            "2a 01 73 32 01 64 42 05 08 09 12 01 65 "  // summary, description, deprecation
            "80 01 01 88 01 01 90 01 01 98 01 01 a2 01 01 63 a8 01 01");  // flags 16..21
}

TEST(OpDefWire, RemainingArgAndAttrFields) {
  OpDef::ArgDef arg;
  arg.set_description("d");
  arg.set_number_attr("N");
  arg.set_type_list_attr("L");
  arg.add_handle_data()->set_dtype(DT_FLOAT);
  EXPECT_EQ(WireHex(arg), "12 01 64 2a 01 4e 32 01 4c 3a 02 08 01");

  OpDef::AttrDef attr;
  attr.set_description("d");
  attr.set_has_minimum(true);
  attr.set_minimum(2);
  EXPECT_EQ(WireHex(attr), "22 01 64 28 01 30 02");

  OpList ops;
  ops.add_op()->set_name("A");
  EXPECT_EQ(WireHex(ops), "0a 03 0a 01 41");
}

// ---------------------------------------------------------------------------------------------
// function.proto

TEST(FunctionDefWire, Fields) {
  FunctionDef function;
  function.mutable_signature()->set_name("F");
  function.add_node_def()->set_name("n");
  (*function.mutable_ret())["y"] = "n:z:0";
  (*function.mutable_attr())["a"].set_b(true);
  (*function.mutable_control_ret())["c"] = "n";
  (*(*function.mutable_arg_attr())[1].mutable_attr())["x"].set_i(1);
  (*function.mutable_resource_arg_unique_id())[1] = 2;
  EXPECT_EQ(WireHex(function),
            "0a 03 0a 01 46 "                             // signature
            "1a 03 0a 01 6e "                             // node_def
            "22 0a 0a 01 79 12 05 6e 3a 7a 3a 30 "        // ret
            "2a 07 0a 01 61 12 02 28 01 "                 // attr
            "32 06 0a 01 63 12 01 6e "                    // control_ret
            "3a 0d 08 01 12 09 0a 07 0a 01 78 12 02 18 01 "  // arg_attr
            "42 04 08 01 10 02");                         // resource_arg_unique_id
}

TEST(FunctionDefLibraryWire, Fields) {
  FunctionDefLibrary library;
  library.add_function()->mutable_signature()->set_name("F");
  GradientDef* gradient = library.add_gradient();
  gradient->set_function_name("F");
  gradient->set_gradient_func("G");
  RegisteredGradient* registered = library.add_registered_gradients();
  registered->set_gradient_func("G");
  registered->set_registered_op_type("Op");
  EXPECT_EQ(WireHex(library),
            "0a 05 0a 03 0a 01 46 12 06 0a 01 46 12 01 47 1a 07 0a 01 47 12 02 4f 70");
}

// ---------------------------------------------------------------------------------------------
// config.proto

TEST(ConfigProtoWire, CommonFields) {
  ConfigProto config;
  (*config.mutable_device_count())["CPU"] = 1;
  config.set_intra_op_parallelism_threads(4);
  config.set_inter_op_parallelism_threads(2);
  config.mutable_gpu_options()->set_per_process_gpu_memory_fraction(0.5);
  config.mutable_gpu_options()->set_allow_growth(true);
  config.mutable_gpu_options()->set_visible_device_list("0");
  config.set_allow_soft_placement(true);
  config.set_log_device_placement(true);
  config.set_use_per_session_threads(true);
  EXPECT_EQ(WireHex(config),
            "0a 07 0a 03 43 50 55 10 01 "                                // device_count
            "10 04 28 02 "                                               // intra, inter
            "32 0e 09 00 00 00 00 00 00 e0 3f 20 01 2a 01 30 "           // gpu_options
            "38 01 40 01 48 01");  // soft placement, log placement, per-session threads
}

TEST(ConfigProtoWire, GraphOptionsTimeoutAndPools) {
  ConfigProto config;
  OptimizerOptions* optimizer = config.mutable_graph_options()->mutable_optimizer_options();
  optimizer->set_do_constant_folding(true);
  optimizer->set_opt_level(OptimizerOptions::L0);
  config.mutable_graph_options()->set_infer_shapes(true);
  config.set_operation_timeout_in_ms(100);
  ThreadPoolOptionProto* pool = config.add_session_inter_op_thread_pool();
  pool->set_num_threads(2);
  pool->set_global_name("g");
  config.set_isolate_session_state(true);
  EXPECT_EQ(WireHex(config),
            "52 11 1a 0d 10 01 18 ff ff ff ff ff ff ff ff ff 01 28 01 "  // graph_options
            "58 64 62 05 08 02 12 01 67 78 01");
}

TEST(RunOptionsWire, Fields) {
  RunOptions options;
  options.set_trace_level(RunOptions::FULL_TRACE);
  options.set_timeout_in_ms(1000);
  options.set_inter_op_thread_pool(-1);
  options.set_output_partition_graphs(true);
  options.set_report_tensor_allocations_upon_oom(true);
  EXPECT_EQ(WireHex(options), "08 03 10 e8 07 18 ff ff ff ff ff ff ff ff ff 01 28 01 38 01");
  EXPECT_EQ(RunOptions::NO_TRACE, 0);
  EXPECT_EQ(RunOptions::SOFTWARE_TRACE, 1);
  EXPECT_EQ(RunOptions::HARDWARE_TRACE, 2);
}

TEST(RunMetadataWire, Fields) {
  RunMetadata metadata;
  metadata.mutable_step_stats();
  metadata.mutable_cost_graph();
  metadata.add_partition_graphs();
  metadata.add_partition_graphs()->add_node()->set_name("a");
  metadata.add_function_graphs()->mutable_pre_optimization_graph();
  metadata.mutable_session_metadata()->set_name("s");
  metadata.mutable_session_metadata()->set_version(1);
  EXPECT_EQ(WireHex(metadata),
            "0a 00 12 00 1a 00 1a 05 0a 03 0a 01 61 22 02 12 00 2a 05 0a 01 73 10 01");
}

// ---------------------------------------------------------------------------------------------
// step_stats.proto, tensor_description.proto, allocation_description.proto, cost_graph.proto

TEST(StepStatsWire, DeviceAndNodeTimes) {
  StepStats stats;
  DeviceStepStats* device = stats.add_dev_stats();
  device->set_device("d");
  NodeExecStats* node = device->add_node_stats();
  node->set_node_name("n");
  node->set_all_start_micros(5);
  node->set_op_start_rel_micros(1);
  node->set_op_end_rel_micros(2);
  node->set_all_end_rel_micros(3);
  node->set_timeline_label("l");
  node->set_thread_id(7);
  EXPECT_EQ(WireHex(stats),
            "0a 15 0a 01 64 12 10 0a 01 6e 10 05 18 01 20 02 28 03 42 01 6c 50 07");
}

TEST(StepStatsWire, NodeExecStatsLaterFields) {
  NodeExecStats node;
  node.set_scheduled_micros(4);
  node.add_referenced_tensor()->set_allocation_id(1);
  node.mutable_memory_stats()->set_temp_memory_size(1);
  node.set_all_start_nanos(5);
  node.set_op_start_rel_nanos(1);
  node.set_op_end_rel_nanos(2);
  node.set_all_end_rel_nanos(3);
  node.set_scheduled_nanos(4);
  EXPECT_EQ(WireHex(node), "48 04 5a 02 20 01 62 02 08 01 68 05 70 01 78 02 80 01 03 88 01 04");

  DeviceStepStats device;
  (*device.mutable_thread_names())[7] = "main";
  EXPECT_EQ(WireHex(device), "1a 08 08 07 12 04 6d 61 69 6e");
}

TEST(StepStatsWire, MemoryAndOutputs) {
  AllocatorMemoryUsed memory;
  memory.set_allocator_name("cpu");
  memory.set_total_bytes(64);
  memory.set_peak_bytes(32);
  memory.set_live_bytes(16);
  memory.set_allocator_bytes_in_use(8);
  AllocationRecord* record = memory.add_allocation_records();
  record->set_alloc_micros(1);
  record->set_alloc_bytes(-4);
  EXPECT_EQ(WireHex(memory),
            "0a 03 63 70 75 10 40 18 20 20 10 28 08 32 0d 08 01 10 fc ff ff ff ff ff ff ff ff 01");

  NodeOutput output;
  output.set_slot(1);
  TensorDescription* description = output.mutable_tensor_description();
  description->set_dtype(DT_FLOAT);
  description->mutable_shape()->add_dim()->set_size(2);
  description->mutable_allocation_description()->set_requested_bytes(8);
  description->mutable_allocation_description()->set_allocator_name("cpu");
  EXPECT_EQ(WireHex(output), "08 01 1a 11 08 01 12 04 12 02 08 02 22 07 08 08 1a 03 63 70 75");

  AllocationDescription allocation;
  allocation.set_requested_bytes(1);
  allocation.set_allocated_bytes(2);
  allocation.set_allocator_name("c");
  allocation.set_allocation_id(3);
  allocation.set_has_single_reference(true);
  allocation.set_ptr(4);
  EXPECT_EQ(WireHex(allocation), "08 01 10 02 1a 01 63 20 03 28 01 30 04");

  MemoryStats memory_stats;
  memory_stats.set_temp_memory_size(1);
  memory_stats.set_persistent_memory_size(2);
  memory_stats.add_persistent_tensor_alloc_ids(5);
  memory_stats.add_persistent_tensor_alloc_ids(6);
  EXPECT_EQ(WireHex(memory_stats), "08 01 18 02 2a 02 05 06");
}

TEST(CostGraphDefWire, Fields) {
  CostGraphDef cost_graph;
  CostGraphDef::Node* node = cost_graph.add_node();
  node->set_name("a");
  node->set_device("d");
  node->set_id(1);
  node->add_input_info()->set_preceding_node(2);
  node->mutable_input_info(0)->set_preceding_port(1);
  node->add_output_info()->set_size(4);
  node->mutable_output_info(0)->set_dtype(DT_FLOAT);
  node->set_temporary_memory_size(6);
  node->set_is_final(true);
  node->add_control_input(3);
  node->set_compute_cost(9);
  node->set_persistent_memory_size(12);
  node->set_compute_time(14);
  node->set_memory_time(15);
  node->set_inaccurate(true);
  CostGraphDef::AggregatedCost* cost = cost_graph.add_cost();
  cost->set_cost(1.0f);
  cost->set_dimension("m");
  EXPECT_EQ(WireHex(cost_graph),
            "0a 26 0a 01 61 12 01 64 18 01 22 04 08 02 10 01 2a 04 08 04 20 01 30 06 38 01 "
            "42 01 03 48 09 60 0c 70 0e 78 0f 88 01 01 "
            "12 08 0d 00 00 80 3f 12 01 6d");
}

// ---------------------------------------------------------------------------------------------
// Text format: TensorFlow's field and enum names.

TEST(TextFormatTest, ParsesTensorFlowGraphText) {
  const char* kGraphText = R"pb(
    node {
      name: "v"
      op: "VariableV2"
      attr { key: "dtype" value { type: DT_FLOAT } }
      attr { key: "_output_shapes" value { list { shape { dim { size: -1 } dim { size: 3 } } } } }
    }
    node {
      name: "c"
      op: "Const"
      input: "^v"
      device: "/job:localhost/replica:0/task:0/device:CPU:0"
      attr {
        key: "value"
        value {
          tensor {
            dtype: DT_INT32
            tensor_shape { dim { size: 2 } }
            int_val: 4
            int_val: 5
          }
        }
      }
      experimental_debug_info { original_node_names: "orig" }
    }
    versions { producer: 26 }
    library { function { signature { name: "F" is_stateful: true } ret { key: "y" value: "x" } } }
  )pb";
  GraphDef graph;
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(kGraphText, &graph));
  ASSERT_EQ(graph.node_size(), 2);
  EXPECT_EQ(graph.node(0).attr().at("dtype").type(), DT_FLOAT);
  EXPECT_EQ(graph.node(0).attr().at("_output_shapes").list().shape(0).dim(0).size(), -1);
  EXPECT_EQ(graph.node(1).input(0), "^v");
  const TensorProto& value = graph.node(1).attr().at("value").tensor();
  EXPECT_EQ(value.dtype(), DT_INT32);
  ASSERT_EQ(value.int_val_size(), 2);
  EXPECT_EQ(value.int_val(1), 5);
  EXPECT_EQ(graph.node(1).experimental_debug_info().original_node_names(0), "orig");
  EXPECT_EQ(graph.versions().producer(), 26);
  EXPECT_TRUE(graph.library().function(0).signature().is_stateful());
  EXPECT_EQ(graph.library().function(0).ret().at("y"), "x");
}

TEST(TextFormatTest, RoundTripsThroughText) {
  GraphDef graph;
  NodeDef* node = graph.add_node();
  node->set_name("w");
  node->set_op("VariableV2");
  (*node->mutable_attr())["dtype"].set_type(DT_FLOAT_REF);
  (*node->mutable_attr())["shape"].mutable_shape()->set_unknown_rank(true);
  (*node->mutable_attr())["empty"].mutable_list();
  (*node->mutable_attr())["s"].set_s(std::string("a\0b", 3));
  graph.mutable_versions()->set_producer(26);

  std::string text;
  ASSERT_TRUE(google::protobuf::TextFormat::PrintToString(graph, &text));
  EXPECT_NE(text.find("type: DT_FLOAT_REF"), std::string::npos) << text;
  EXPECT_NE(text.find("unknown_rank: true"), std::string::npos) << text;

  GraphDef parsed;
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &parsed));
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(graph, parsed));
  EXPECT_TRUE(parsed.node(0).attr().at("empty").has_list());
  EXPECT_EQ(WireHex(parsed), WireHex(graph));
}

}  // namespace
}  // namespace tensorflow
