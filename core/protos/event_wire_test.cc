// Checks that Event and Summary serialize to the bytes TensorFlow's field numbers give
// (FORMATS.md sections 2.2, 2.3 and 9): every kind of Value, packed histogram lists, graph
// bytes, session logs, run metadata, and parsing of the unpacked histogram form.
#include <cfloat>
#include <string>

#include "absl/strings/escaping.h"
#include "core/protos/event.pb.h"
#include "core/protos/summary.pb.h"
#include "gtest/gtest.h"

namespace tensorflow {
namespace {

// Expected bytes come from this hand-written encoder, run once with python3:
//   import struct
//   def varint(n):
//       out = b''; n &= (1 << 64) - 1
//       while True:
//           b = n & 0x7f; n >>= 7
//           if n: out += bytes([b | 0x80])
//           else: return out + bytes([b])
//   def key(f, wt): return varint(f << 3 | wt)
//   def ld(f, payload): return key(f, 2) + varint(len(payload)) + payload
//   def vi(f, n): return key(f, 0) + varint(n)
//   def dbl(f, x): return key(f, 1) + struct.pack('<d', x)
//   def flt(f, x): return key(f, 5) + struct.pack('<f', x)
//   def packed_d(f, xs): return ld(f, b''.join(struct.pack('<d', x) for x in xs))
//   DBL_MAX = 1.7976931348623157e308
//   first = dbl(1, 1700000000.0) + ld(3, b'brain.Event:2')
//   scalar = dbl(1, 1700000000.5) + vi(2, 3) + ld(5, ld(1, ld(1, b'loss') + flt(2, 0.25)))
//   histo = ld(1, ld(1, b'w') + ld(5, dbl(1, -1.0) + dbl(2, 2.0) + dbl(3, 3.0)
//       + dbl(4, 1.0) + dbl(5, 6.0) + packed_d(6, [-0.9, 0.0, 2.2, DBL_MAX])
//       + packed_d(7, [1.0, 0.0, 2.0, 0.0])))
//   image = ld(1, ld(1, b'in/image') + ld(4, vi(1, 2) + vi(2, 3) + vi(3, 3) + ld(4, b'\x89PNG')))
//   plugin = ld(1, ld(1, b'acc') + flt(2, 0.5) + ld(9, ld(1, ld(1, b'scalars')) + vi(4, 1)))
//   graph = dbl(1, 1.0) + ld(4, b'\x0a\x03\x0a\x01a') + ld(10, ld(1, b'rill'))
//   session = vi(2, 7) + ld(7, vi(1, 1) + ld(3, b'restart'))
//   tagged = ld(8, ld(1, b'step7') + ld(2, b'\x01\x02'))
//   unpacked_value = ld(5, key(6, 1) + struct.pack('<d', 1.0) + key(6, 1)
//       + struct.pack('<d', DBL_MAX) + key(7, 1) + struct.pack('<d', 4.0) + key(7, 1)
//       + struct.pack('<d', 0.0))
//   for b in (first, scalar, histo, image, plugin, graph, session, tagged, unpacked_value):
//       print(b.hex())
// `first` is the data of FORMATS.md section 9's worked record.
constexpr char kFirstEventHex[] = "0900000040fc54d9411a0d627261696e2e4576656e743a32";
constexpr char kScalarEventHex[] = "0900002040fc54d94110032a0d0a0b0a046c6f7373150000803e";
constexpr char kHistogramSummaryHex[] =
    "0a760a01772a7109000000000000f0bf11000000000000004019000000000000084021000000000000f03f"
    "2900000000000018403220cdccccccccccecbf00000000000000009a99999999990140ffffffffffffef7f"
    "3a20000000000000f03f000000000000000000000000000000400000000000000000";
constexpr char kImageSummaryHex[] = "0a180a08696e2f696d616765220c080210031803220489504e47";
constexpr char kPluginSummaryHex[] = "0a190a03616363150000003f4a0d0a090a077363616c6172732001";
constexpr char kGraphEventHex[] = "09000000000000f03f22050a030a016152060a0472696c6c";
constexpr char kSessionLogEventHex[] = "10073a0b08011a0772657374617274";
constexpr char kTaggedRunMetadataEventHex[] = "420b0a05737465703712020102";
constexpr char kUnpackedHistogramValueHex[] =
    "2a2431000000000000f03f31ffffffffffffef7f390000000000001040390000000000000000";

std::string Hex(const google::protobuf::MessageLite& message) {
  return absl::BytesToHexString(message.SerializeAsString());
}

TEST(EventWireTest, FirstRecordOfAnEventFile) {
  Event event;
  event.set_wall_time(1700000000.0);
  event.set_file_version("brain.Event:2");
  EXPECT_EQ(Hex(event), kFirstEventHex);
}

TEST(EventWireTest, ScalarSummaryEvent) {
  Event event;
  event.set_wall_time(1700000000.5);
  event.set_step(3);
  Summary::Value* value = event.mutable_summary()->add_value();
  value->set_tag("loss");
  value->set_simple_value(0.25f);
  EXPECT_EQ(Hex(event), kScalarEventHex);

  Event parsed;
  ASSERT_TRUE(parsed.ParseFromString(absl::HexStringToBytes(kScalarEventHex)));
  EXPECT_EQ(parsed.what_case(), Event::kSummary);
  EXPECT_EQ(parsed.summary().value(0).value_case(), Summary::Value::kSimpleValue);
  EXPECT_EQ(parsed.summary().value(0).simple_value(), 0.25f);
}

TEST(EventWireTest, HistogramListsArePacked) {
  Summary summary;
  Summary::Value* value = summary.add_value();
  value->set_tag("w");
  HistogramProto* histo = value->mutable_histo();
  histo->set_min(-1.0);
  histo->set_max(2.0);
  histo->set_num(3.0);
  histo->set_sum(1.0);
  histo->set_sum_squares(6.0);
  for (double limit : {-0.9, 0.0, 2.2, DBL_MAX}) histo->add_bucket_limit(limit);
  for (double count : {1.0, 0.0, 2.0, 0.0}) histo->add_bucket(count);
  EXPECT_EQ(Hex(summary), kHistogramSummaryHex);
}

TEST(EventWireTest, UnpackedHistogramListsParse) {
  Summary::Value value;
  ASSERT_TRUE(value.ParseFromString(absl::HexStringToBytes(kUnpackedHistogramValueHex)));
  ASSERT_EQ(value.histo().bucket_limit_size(), 2);
  EXPECT_EQ(value.histo().bucket_limit(0), 1.0);
  EXPECT_EQ(value.histo().bucket_limit(1), DBL_MAX);
  ASSERT_EQ(value.histo().bucket_size(), 2);
  EXPECT_EQ(value.histo().bucket(0), 4.0);
  EXPECT_EQ(value.histo().bucket(1), 0.0);
}

TEST(EventWireTest, ImageSummary) {
  Summary summary;
  Summary::Value* value = summary.add_value();
  value->set_tag("in/image");
  Summary::Image* image = value->mutable_image();
  image->set_height(2);
  image->set_width(3);
  image->set_colorspace(3);
  image->set_encoded_image_string("\x89PNG");
  EXPECT_EQ(Hex(summary), kImageSummaryHex);
}

TEST(EventWireTest, SummaryMetadataWithPluginName) {
  Summary summary;
  Summary::Value* value = summary.add_value();
  value->set_tag("acc");
  value->set_simple_value(0.5f);
  value->mutable_metadata()->mutable_plugin_data()->set_plugin_name("scalars");
  value->mutable_metadata()->set_data_class(DATA_CLASS_SCALAR);
  EXPECT_EQ(Hex(summary), kPluginSummaryHex);
}

TEST(EventWireTest, GraphDefTravelsAsBytes) {
  Event event;
  event.set_wall_time(1.0);
  // A serialized GraphDef holding one node named "a".
  event.set_graph_def(std::string("\x0a\x03\x0a\x01\x61", 5));
  event.mutable_source_metadata()->set_writer("rill");
  EXPECT_EQ(Hex(event), kGraphEventHex);
}

TEST(EventWireTest, SessionLogAndTaggedRunMetadata) {
  Event session;
  session.set_step(7);
  session.mutable_session_log()->set_status(SessionLog::START);
  session.mutable_session_log()->set_msg("restart");
  EXPECT_EQ(Hex(session), kSessionLogEventHex);

  Event tagged;
  tagged.mutable_tagged_run_metadata()->set_tag("step7");
  tagged.mutable_tagged_run_metadata()->set_run_metadata(std::string("\x01\x02", 2));
  EXPECT_EQ(Hex(tagged), kTaggedRunMetadataEventHex);
}

TEST(EventWireTest, EnumValuesMatchTensorFlow) {
  EXPECT_EQ(SessionLog::STATUS_UNSPECIFIED, 0);
  EXPECT_EQ(SessionLog::START, 1);
  EXPECT_EQ(SessionLog::STOP, 2);
  EXPECT_EQ(SessionLog::CHECKPOINT, 3);
  EXPECT_EQ(LogMessage::UNKNOWN, 0);
  EXPECT_EQ(LogMessage::DEBUGGING, 10);
  EXPECT_EQ(LogMessage::INFO, 20);
  EXPECT_EQ(LogMessage::WARN, 30);
  EXPECT_EQ(LogMessage::ERROR, 40);
  EXPECT_EQ(LogMessage::FATAL, 50);
  EXPECT_EQ(DATA_CLASS_UNKNOWN, 0);
  EXPECT_EQ(DATA_CLASS_TENSOR, 2);
  EXPECT_EQ(DATA_CLASS_BLOB_SEQUENCE, 3);
}

}  // namespace
}  // namespace tensorflow
