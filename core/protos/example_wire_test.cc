// Checks that Example, SequenceExample and the Feature messages serialize to the bytes
// TensorFlow's field numbers give (FORMATS.md section 4), packed lists included, and parse
// the unpacked form too.
#include <string>

#include "absl/strings/escaping.h"
#include "core/protos/example.pb.h"
#include "core/protos/feature.pb.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "google/protobuf/text_format.h"
#include "gtest/gtest.h"

namespace tensorflow {
namespace {

// Expected bytes come from this hand-written encoder, run once with python3:
//   def varint(n):
//       out = b''; n &= (1 << 64) - 1
//       while True:
//           b = n & 0x7f; n >>= 7
//           if n: out += bytes([b | 0x80])
//           else: return out + bytes([b])
//   def ld(field, payload): return varint(field << 3 | 2) + varint(len(payload)) + payload
//   int64_list = lambda vals: ld(1, b''.join(varint(v) for v in vals))
//   float_list = lambda vals: ld(1, b''.join(struct.pack('<f', v) for v in vals))
//   bytes_list = lambda vals: b''.join(ld(1, v) for v in vals)
//   def feature(kind, payload): return ld({'bytes': 1, 'float': 2, 'int64': 3}[kind], payload)
//   def features(d): return b''.join(ld(1, ld(1, k) + ld(2, v)) for k, v in sorted(d.items()))
//   ex = ld(1, features({b'label': feature('int64', int64_list([7, -1])),
//                        b'name': feature('bytes', bytes_list([b'cat', b''])),
//                        b'weights': feature('float', float_list([0.5, 2.0]))}))
//   ctx = features({b'length': feature('int64', int64_list([2]))})
//   fl = ld(1, feature('int64', int64_list([1]))) + ld(1, feature('int64', int64_list([2, 3])))
//   seq = ld(1, ctx) + ld(2, ld(1, ld(1, b'tokens') + ld(2, fl)))
//   empty = ld(1, features({b'e': b''}))
//   unpacked = ld(1, ld(1, ld(1, b'u') + ld(2, ld(3, bytes([8, 5, 8, 6])))))
//   for b in (ex, seq, empty, unpacked): print(b.hex())
constexpr char kExampleHex[] =
    "0a460a180a056c6162656c120f1a0d0a0b07ffffffffffffffffff010a110a046e616d6512090a070a0363"
    "61740a000a170a0777656967687473120c120a0a080000003f00000040";
constexpr char kSequenceExampleHex[] =
    "0a110a0f0a066c656e67746812051a030a0102121b0a190a06746f6b656e73120f0a051a030a01010a061a"
    "040a020203";
constexpr char kEmptyFeatureHex[] = "0a070a050a01651200";
constexpr char kUnpackedHex[] = "0a0d0a0b0a017512061a0408050806";

// DeterministicHex serializes with map entries sorted by key and returns lowercase hex.
std::string DeterministicHex(const google::protobuf::MessageLite& message) {
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    message.SerializeToCodedStream(&coded);
  }
  return absl::BytesToHexString(bytes);
}

TEST(ExampleWireTest, ExampleWithEveryListKind) {
  Example example;
  auto& feature = *example.mutable_features()->mutable_feature();
  feature["label"].mutable_int64_list()->add_value(7);
  feature["label"].mutable_int64_list()->add_value(-1);
  feature["name"].mutable_bytes_list()->add_value("cat");
  feature["name"].mutable_bytes_list()->add_value("");
  feature["weights"].mutable_float_list()->add_value(0.5f);
  feature["weights"].mutable_float_list()->add_value(2.0f);
  EXPECT_EQ(DeterministicHex(example), kExampleHex);

  Example parsed;
  ASSERT_TRUE(parsed.ParseFromString(absl::HexStringToBytes(kExampleHex)));
  EXPECT_EQ(parsed.features().feature().at("label").int64_list().value(1), -1);
  EXPECT_EQ(parsed.features().feature().at("name").bytes_list().value(0), "cat");
  EXPECT_EQ(parsed.features().feature().at("weights").float_list().value(0), 0.5f);
  EXPECT_EQ(parsed.features().feature().at("weights").kind_case(), Feature::kFloatList);
}

TEST(ExampleWireTest, SequenceExample) {
  SequenceExample sequence;
  (*sequence.mutable_context()->mutable_feature())["length"].mutable_int64_list()->add_value(2);
  FeatureList& tokens = (*sequence.mutable_feature_lists()->mutable_feature_list())["tokens"];
  tokens.add_feature()->mutable_int64_list()->add_value(1);
  Int64List* second = tokens.add_feature()->mutable_int64_list();
  second->add_value(2);
  second->add_value(3);
  EXPECT_EQ(DeterministicHex(sequence), kSequenceExampleHex);
}

TEST(ExampleWireTest, EmptyFeatureHasNoKind) {
  Example example;
  (*example.mutable_features()->mutable_feature())["e"];
  EXPECT_EQ(DeterministicHex(example), kEmptyFeatureHex);
  EXPECT_EQ(example.features().feature().at("e").kind_case(), Feature::KIND_NOT_SET);
}

TEST(ExampleWireTest, ParsesUnpackedInt64Lists) {
  Example example;
  ASSERT_TRUE(example.ParseFromString(absl::HexStringToBytes(kUnpackedHex)));
  const Int64List& list = example.features().feature().at("u").int64_list();
  ASSERT_EQ(list.value_size(), 2);
  EXPECT_EQ(list.value(0), 5);
  EXPECT_EQ(list.value(1), 6);
}

TEST(ExampleWireTest, TextFormatUsesTensorFlowNames) {
  Example example;
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(
      "features { feature { key: \"label\" value { int64_list { value: [7, -1] } } } "
      "feature { key: \"name\" value { bytes_list { value: [\"cat\", \"\"] } } } "
      "feature { key: \"weights\" value { float_list { value: [0.5, 2] } } } }",
      &example));
  EXPECT_EQ(DeterministicHex(example), kExampleHex);
}

}  // namespace
}  // namespace tensorflow
