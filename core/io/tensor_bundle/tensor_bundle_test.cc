// Tests tensor bundles against a hand-built .index/.data pair (bytes from an independent
// Python script), round trips of every dtype, each kind of corruption (flipped bytes,
// truncation, missing files, bad headers), crash safety, and file systems chosen by scheme.
#include "core/io/tensor_bundle/tensor_bundle.h"

#include <complex>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "core/framework/errors.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "core/io/fault_injecting_file_system.h"
#include "core/io/file_system_registry.h"
#include "core/io/in_memory_file_system.h"
#include "core/io/local_file_system.h"
#include "core/io/table_builder.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace rill {
namespace io {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// The bundle of w = 1.0f (a float scalar) then s = ["ab", ""] (a string vector), computed by
// this Python, run once (crc32c, mask and the table layout as in core/io/table_test.cc):
//   w = struct.pack('<f', 1.0)
//   c = crc32c(struct.pack('<I', 2)); c = crc32c(struct.pack('<I', 0), c)  # lengths as uint32
//   lc = struct.pack('<I', mask(c)); c = crc32c(lc, c); c = crc32c(b'ab', c)
//   data = w + b'\x02\x00' + lc + b'ab'                # varint lengths, their CRC, the bytes
//   entries: "" -> 08 01 1a 02 08 01 (BundleHeaderProto: 1 shard, little-endian, producer 1)
//            "s" -> dtype 7, shape [2], offset 4, size 8, crc32c mask(c) = 0x4db08891
//            "w" -> dtype 1, shape [], size 4, crc32c 0x2bdaa581
constexpr char kData[] = "0000803f" "0200" "78270b34" "6162";
constexpr char kIndex[] =
    "00000608011a020801"                           // "" -> header
    "0001117308071204120208022004280835 9188b04d"  // "s" -> entry
    "00010b770801120028043581a5da2b"               // "w" -> entry
    "0000000001000000 009b510d9b"                  // restarts, trailer
    "0000000001000000 00c0f2a1b0"                  // metaindex
    "000102780035 0000000001000000 00ecb2222a"     // index: "x" -> (0, 53)
    "3a08470e000000000000000000000000000000000000000000000000000000000000000000000000"
    "57fb808b247547db";

std::string Unhex(std::string hex) {
  hex.erase(std::remove(hex.begin(), hex.end(), ' '), hex.end());
  return absl::HexStringToBytes(hex);
}

Tensor Strings(const std::vector<std::string>& values) {
  Tensor tensor(DT_STRING, TensorShape({static_cast<int64_t>(values.size())}));
  for (size_t i = 0; i < values.size(); ++i) tensor.flat<std::string>()(i) = values[i];
  return tensor;
}

class TensorBundleTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(fs_.RecursivelyCreateDir("/ckpt").ok()); }

  // Write saves `tensors` (key, value) as the bundle `prefix`.
  absl::Status Write(const std::string& prefix,
                     const std::vector<std::pair<std::string, Tensor>>& tensors,
                     FileSystem* fs = nullptr) {
    BundleWriter writer(fs == nullptr ? &fs_ : fs, prefix);
    for (const auto& [key, value] : tensors) {
      const absl::Status status = writer.Add(key, value);
      if (!status.ok()) return status;
    }
    return writer.Finish();
  }

  std::string Read(const std::string& path) {
    auto bytes = ReadFileToString(&fs_, path);
    EXPECT_TRUE(bytes.ok()) << bytes.status();
    return bytes.ok() ? *bytes : "";
  }

  absl::StatusOr<Tensor> Lookup(const std::string& prefix, const std::string& key) {
    auto reader = BundleReader::Open(&fs_, prefix);
    if (!reader.ok()) return reader.status();
    return (*reader)->Lookup(key);
  }

  void WriteReference() {
    ASSERT_TRUE(WriteStringToFile(&fs_, "/ckpt/ref.index", Unhex(kIndex)).ok());
    ASSERT_TRUE(WriteStringToFile(&fs_, "/ckpt/ref.data-00000-of-00001", Unhex(kData)).ok());
  }

  InMemoryFileSystem fs_;
};

TEST_F(TensorBundleTest, FileNamesFollowTensorFlow) {
  EXPECT_EQ(MetaFilename("/d/model-100"), "/d/model-100.index");
  EXPECT_EQ(DataFilename("/d/model-100", 0, 1), "/d/model-100.data-00000-of-00001");
  EXPECT_EQ(DataFilename("m", 3, 12), "m.data-00003-of-00012");
}

TEST_F(TensorBundleTest, WritesTheReferenceBytesAndLeavesNoTemporaryFile) {
  ASSERT_TRUE(Write("/ckpt/model", {{"w", Tensor(1.f)}, {"s", Strings({"ab", ""})}}).ok());
  EXPECT_EQ(absl::BytesToHexString(Read("/ckpt/model.data-00000-of-00001")),
            absl::BytesToHexString(Unhex(kData)));
  EXPECT_EQ(absl::BytesToHexString(Read("/ckpt/model.index")),
            absl::BytesToHexString(Unhex(kIndex)));
  EXPECT_THAT(*fs_.GetChildren("/ckpt"),
              ElementsAre("model.data-00000-of-00001", "model.index"));
}

TEST_F(TensorBundleTest, ReadsTheReferenceBytes) {
  WriteReference();
  auto reader = BundleReader::Open(&fs_, "/ckpt/ref");
  ASSERT_TRUE(reader.ok()) << reader.status();
  EXPECT_EQ((*reader)->header().num_shards(), 1);
  EXPECT_EQ((*reader)->header().version().producer(), 1);
  auto w = (*reader)->Lookup("w");
  ASSERT_TRUE(w.ok()) << w.status();
  test::ExpectTensorEqual<float>(*w, Tensor(1.f));
  auto s = (*reader)->Lookup("s");
  ASSERT_TRUE(s.ok()) << s.status();
  test::ExpectTensorEqual<std::string>(*s, Strings({"ab", ""}));
  EXPECT_TRUE((*reader)->Contains("w"));
  EXPECT_FALSE((*reader)->Contains("v"));
  EXPECT_FALSE((*reader)->Contains(""));
  auto entries = (*reader)->ListEntries();
  ASSERT_TRUE(entries.ok()) << entries.status();
  ASSERT_EQ(entries->size(), 2u);
  EXPECT_EQ((*entries)[0].first, "s");
  EXPECT_EQ((*entries)[0].second.offset(), 4);
  EXPECT_EQ((*entries)[0].second.shape().dim(0).size(), 2);
  EXPECT_EQ((*entries)[1].first, "w");
  EXPECT_EQ((*entries)[1].second.dtype(), tensorflow::DT_FLOAT);
}

TEST_F(TensorBundleTest, EveryDtypeRoundTrips) {
  Tensor half(DT_HALF, TensorShape({2}));
  half.flat<Eigen::half>()(0) = Eigen::half(1.5f);
  half.flat<Eigen::half>()(1) = Eigen::half(-2.f);
  Tensor bf16(DT_BFLOAT16, TensorShape({1}));
  bf16.flat<Eigen::bfloat16>()(0) = Eigen::bfloat16(3.f);
  const std::string long_string(300, 'z');  // a two-byte varint length
  const std::vector<std::pair<std::string, Tensor>> tensors = {
      {"layer1/weights", test::AsTensor<float>({1.f, -2.f, 3.5f, 0.f, 1e-30f, 7.f}, {2, 3})},
      {"layer1/bias", test::AsTensor<double>({0.25, -1e300})},
      {"global_step", Tensor(int64_t{462746})},
      {"counts", test::AsTensor<int32_t>({-1, 2, 2147483647}, {3, 1})},
      {"flags", test::AsTensor<bool>({true, false, true})},
      {"bytes", test::AsTensor<uint8_t>({0, 255})},
      {"i8", test::AsTensor<int8_t>({-128, 127})},
      {"i16", test::AsTensor<int16_t>({-32768})},
      {"u16", test::AsTensor<uint16_t>({65535})},
      {"c64", test::AsTensor<complex64>({complex64(1.f, -1.f)})},
      {"half", half},
      {"bf16", bf16},
      {"empty", Tensor(DT_FLOAT, TensorShape({0, 4}))},
      {"no_strings", Tensor(DT_STRING, TensorShape({0}))},
      {"words", Strings({"hello", long_string, "", std::string("\0\xff", 2)})},
  };
  ASSERT_TRUE(Write("/ckpt/all", tensors).ok());
  auto reader = BundleReader::Open(&fs_, "/ckpt/all");
  ASSERT_TRUE(reader.ok()) << reader.status();
  for (const auto& [key, expected] : tensors) {
    auto actual = (*reader)->Lookup(key);
    ASSERT_TRUE(actual.ok()) << key << ": " << actual.status();
    EXPECT_EQ(actual->dtype(), expected.dtype()) << key;
    EXPECT_EQ(actual->shape(), expected.shape()) << key;
    if (expected.dtype() == DT_STRING) {
      test::ExpectTensorEqual<std::string>(*actual, expected);
    } else {
      EXPECT_EQ(actual->tensor_data(), expected.tensor_data()) << key;
    }
  }
  // Entries are sorted by key whatever the order of Add.
  auto entries = (*reader)->ListEntries();
  ASSERT_TRUE(entries.ok());
  EXPECT_EQ(entries->front().first, "bf16");
  EXPECT_EQ(entries->back().first, "words");
}

TEST_F(TensorBundleTest, AlignmentPadsEachTensor) {
  BundleWriterOptions options;
  options.data_alignment = 8;
  BundleWriter writer(&fs_, "/ckpt/aligned", options);
  ASSERT_TRUE(writer.Add("a", test::AsTensor<int8_t>({1, 2, 3})).ok());
  ASSERT_TRUE(writer.Add("b", Tensor(2.f)).ok());
  ASSERT_TRUE(writer.Finish().ok());
  EXPECT_EQ(absl::BytesToHexString(Read("/ckpt/aligned.data-00000-of-00001")),
            "0102030000000000" "0000004000000000");
  auto b = Lookup("/ckpt/aligned", "b");
  ASSERT_TRUE(b.ok()) << b.status();
  test::ExpectTensorEqual<float>(*b, Tensor(2.f));
}

TEST_F(TensorBundleTest, WriterRejectsBadKeysAndDtypes) {
  BundleWriter writer(&fs_, "/ckpt/bad");
  EXPECT_TRUE(errors::IsInvalidArgument(writer.Add("", Tensor(1.f))));
  ASSERT_TRUE(writer.Add("x", Tensor(1.f)).ok());
  const absl::Status duplicate = writer.Add("x", Tensor(2.f));
  EXPECT_TRUE(errors::IsInvalidArgument(duplicate));
  EXPECT_THAT(duplicate.message(), HasSubstr("Adding duplicate key: x"));
  EXPECT_TRUE(errors::IsInvalidArgument(writer.Add("r", Tensor(DT_RESOURCE, TensorShape({})))));
  ASSERT_TRUE(writer.Finish().ok());
  EXPECT_TRUE(errors::IsFailedPrecondition(writer.Add("y", Tensor(1.f))));
  EXPECT_TRUE(errors::IsFailedPrecondition(writer.Finish()));
}

TEST_F(TensorBundleTest, MissingCheckpointsAndKeysAreNotFound) {
  auto missing = BundleReader::Open(&fs_, "/ckpt/nothing-here");
  EXPECT_TRUE(errors::IsNotFound(missing.status())) << missing.status();
  EXPECT_THAT(missing.status().message(),
              HasSubstr("Checkpoint /ckpt/nothing-here not found: there is no "
                        "/ckpt/nothing-here.index"));
  WriteReference();
  auto key = Lookup("/ckpt/ref", "v");
  EXPECT_TRUE(errors::IsNotFound(key.status())) << key.status();
  EXPECT_THAT(key.status().message(), HasSubstr("Key v not found in checkpoint /ckpt/ref"));
}

TEST_F(TensorBundleTest, FlippedDataBytesAreDataLossNamingTheFileAndTensor) {
  for (size_t i = 0; i < Unhex(kData).size(); ++i) {
    WriteReference();
    std::string data = Unhex(kData);
    data[i] ^= 0x01;
    ASSERT_TRUE(WriteStringToFile(&fs_, "/ckpt/ref.data-00000-of-00001", data).ok());
    const char* key = i < 4 ? "w" : "s";
    auto tensor = Lookup("/ckpt/ref", key);
    ASSERT_FALSE(tensor.ok()) << "flipping byte " << i << " went unnoticed";
    EXPECT_TRUE(errors::IsDataLoss(tensor.status())) << i << ": " << tensor.status();
    EXPECT_THAT(tensor.status().message(), HasSubstr("/ckpt/ref.data-00000-of-00001")) << i;
    EXPECT_THAT(tensor.status().message(), HasSubstr(absl::StrCat("tensor ", key))) << i;
  }
  WriteReference();
  std::string data = Unhex(kData);
  data[1] ^= 0x01;
  ASSERT_TRUE(WriteStringToFile(&fs_, "/ckpt/ref.data-00000-of-00001", data).ok());
  EXPECT_THAT(Lookup("/ckpt/ref", "w").status().message(),
              HasSubstr("Checksum mismatch for tensor w in /ckpt/ref.data-00000-of-00001 (4 "
                        "bytes at offset 0): stored 0x"));
}

TEST_F(TensorBundleTest, TruncatedOrMissingFilesAreDataLoss) {
  WriteReference();
  ASSERT_TRUE(
      WriteStringToFile(&fs_, "/ckpt/ref.data-00000-of-00001", Unhex(kData).substr(0, 10)).ok());
  auto cut = Lookup("/ckpt/ref", "s");
  EXPECT_TRUE(errors::IsDataLoss(cut.status())) << cut.status();
  EXPECT_THAT(cut.status().message(),
              HasSubstr("Tensor s lies at [4, 12) but /ckpt/ref.data-00000-of-00001 has only 10 "
                        "bytes: the file is truncated"));
  auto w = Lookup("/ckpt/ref", "w");  // before the cut: still readable
  ASSERT_TRUE(w.ok()) << w.status();

  ASSERT_TRUE(fs_.DeleteFile("/ckpt/ref.data-00000-of-00001").ok());
  auto gone = Lookup("/ckpt/ref", "w");
  EXPECT_TRUE(errors::IsDataLoss(gone.status())) << gone.status();
  EXPECT_THAT(gone.status().message(), HasSubstr("/ckpt/ref.data-00000-of-00001"));

  for (size_t size : {size_t{0}, size_t{30}, Unhex(kIndex).size() - 1}) {
    ASSERT_TRUE(WriteStringToFile(&fs_, "/ckpt/ref.index", Unhex(kIndex).substr(0, size)).ok());
    auto index = BundleReader::Open(&fs_, "/ckpt/ref");
    EXPECT_TRUE(errors::IsDataLoss(index.status())) << size << ": " << index.status();
    EXPECT_THAT(index.status().message(), HasSubstr("/ckpt/ref.index")) << size;
  }
  std::string flipped = Unhex(kIndex);
  flipped[20] ^= 0x04;  // inside "s"'s entry
  ASSERT_TRUE(WriteStringToFile(&fs_, "/ckpt/ref.index", flipped).ok());
  auto index = BundleReader::Open(&fs_, "/ckpt/ref");
  EXPECT_TRUE(errors::IsDataLoss(index.status())) << index.status();
  EXPECT_THAT(index.status().message(), HasSubstr("block checksum mismatch at offset 0"));
}

// WriteIndex writes an index table with `header` and the entry of "t" by hand.
void WriteIndex(FileSystem* fs, const std::string& path, const tensorflow::BundleHeaderProto& header,
                const tensorflow::BundleEntryProto& entry) {
  auto file = fs->NewWritableFile(path);
  ASSERT_TRUE(file.ok());
  table::TableBuilder builder(table::TableOptions(), file->get());
  ASSERT_TRUE(builder.Add("", header.SerializeAsString()).ok());
  ASSERT_TRUE(builder.Add("t", entry.SerializeAsString()).ok());
  ASSERT_TRUE(builder.Finish().ok());
  ASSERT_TRUE((*file)->Close().ok());
}

TEST_F(TensorBundleTest, HeadersAndEntriesOutsideTheFormatAreRejected) {
  tensorflow::BundleHeaderProto header;
  header.set_num_shards(1);
  header.mutable_version()->set_producer(1);
  tensorflow::BundleEntryProto entry;
  entry.set_dtype(tensorflow::DT_FLOAT);
  entry.mutable_shape();
  entry.set_size(4);
  ASSERT_TRUE(WriteStringToFile(&fs_, "/ckpt/h.data-00000-of-00001", Unhex("0000803f")).ok());

  tensorflow::BundleHeaderProto big = header;
  big.set_endianness(tensorflow::BundleHeaderProto::BIG);
  WriteIndex(&fs_, "/ckpt/h.index", big, entry);
  EXPECT_TRUE(errors::IsUnimplemented(BundleReader::Open(&fs_, "/ckpt/h").status()));

  tensorflow::BundleHeaderProto newer = header;
  newer.mutable_version()->set_min_consumer(2);
  WriteIndex(&fs_, "/ckpt/h.index", newer, entry);
  auto too_new = BundleReader::Open(&fs_, "/ckpt/h");
  EXPECT_TRUE(errors::IsInvalidArgument(too_new.status()));
  EXPECT_THAT(too_new.status().message(), HasSubstr("needs a reader of version 2 or newer"));

  tensorflow::BundleEntryProto sliced = entry;
  sliced.add_slices()->add_extent()->set_length(1);
  WriteIndex(&fs_, "/ckpt/h.index", header, sliced);
  EXPECT_TRUE(errors::IsUnimplemented(Lookup("/ckpt/h", "t").status()));

  tensorflow::BundleEntryProto wrong_size = entry;
  wrong_size.set_size(3);
  WriteIndex(&fs_, "/ckpt/h.index", header, wrong_size);
  auto size = Lookup("/ckpt/h", "t");
  EXPECT_TRUE(errors::IsDataLoss(size.status()));
  EXPECT_THAT(size.status().message(), HasSubstr("is float [] but its entry says 3 bytes"));

  tensorflow::BundleEntryProto bad_shape = entry;
  bad_shape.mutable_shape()->add_dim()->set_size(-1);
  WriteIndex(&fs_, "/ckpt/h.index", header, bad_shape);
  EXPECT_TRUE(errors::IsDataLoss(Lookup("/ckpt/h", "t").status()));

  tensorflow::BundleEntryProto far_shard = entry;
  far_shard.set_shard_id(3);
  WriteIndex(&fs_, "/ckpt/h.index", header, far_shard);
  EXPECT_TRUE(errors::IsDataLoss(Lookup("/ckpt/h", "t").status()));

  entry.set_crc32c(0x2bdaa581);
  WriteIndex(&fs_, "/ckpt/h.index", header, entry);
  auto good = Lookup("/ckpt/h", "t");
  ASSERT_TRUE(good.ok()) << good.status();
  test::ExpectTensorEqual<float>(*good, Tensor(1.f));
}

TEST_F(TensorBundleTest, ACrashBeforeTheRenamesLeavesNoBundleAndTheOldOneIntact) {
  ASSERT_TRUE(Write("/ckpt/model-1", {{"w", Tensor(1.f)}}).ok());
  FaultInjectingFileSystem faulty(&fs_);
  FaultInjectingFileSystem::Faults faults;
  faults.crash_before_rename = true;
  faulty.SetFaults(faults);
  const absl::Status crashed = Write("/ckpt/model-2", {{"w", Tensor(2.f)}}, &faulty);
  EXPECT_TRUE(errors::IsAborted(crashed)) << crashed;
  EXPECT_TRUE(errors::IsNotFound(BundleReader::Open(&fs_, "/ckpt/model-2").status()));
  EXPECT_THAT(*fs_.GetChildren("/ckpt"),
              ElementsAre("model-1.data-00000-of-00001", "model-1.index"));
  auto old = Lookup("/ckpt/model-1", "w");
  ASSERT_TRUE(old.ok()) << old.status();
  test::ExpectTensorEqual<float>(*old, Tensor(1.f));

  faults.crash_before_rename = false;
  faults.fail_writes_after = 2;  // a full disk
  faulty.SetFaults(faults);
  const absl::Status full = Write("/ckpt/model-3", {{"w", Tensor(3.f)}}, &faulty);
  EXPECT_TRUE(errors::IsResourceExhausted(full)) << full;
  EXPECT_EQ(fs_.GetChildren("/ckpt")->size(), 2u);
}

TEST_F(TensorBundleTest, PathsWithASchemeUseTheFileSystemRegisteredForIt) {
  EXPECT_EQ(Scheme("mem://ckpt/m"), "mem");
  EXPECT_EQ(Scheme("/tmp/a://b"), "");
  EXPECT_EQ(Scheme("model-100"), "");
  EXPECT_EQ(*FileSystemForPath("/tmp/x"), LocalFileSystem::Default());
  auto unknown = FileSystemForPath("nope://x");
  EXPECT_TRUE(errors::IsUnimplemented(unknown.status()));
  EXPECT_THAT(unknown.status().message(), HasSubstr("scheme 'nope'"));

  ASSERT_TRUE(RegisterFileSystem("mem", &fs_).ok());
  EXPECT_TRUE(errors::IsAlreadyExists(RegisterFileSystem("mem", &fs_)));
  EXPECT_TRUE(errors::IsInvalidArgument(RegisterFileSystem("1x", &fs_)));
  auto fs = FileSystemForPath("mem://ckpt/m");
  ASSERT_TRUE(fs.ok());
  EXPECT_EQ(*fs, &fs_);
  ASSERT_TRUE(Write("mem://bundles/m", {{"w", Tensor(5.f)}}, *fs).ok());
  auto reader = BundleReader::Open(*fs, "mem://bundles/m");
  ASSERT_TRUE(reader.ok()) << reader.status();
  test::ExpectTensorEqual<float>(*(*reader)->Lookup("w"), Tensor(5.f));
  UnregisterFileSystem("mem");
  EXPECT_FALSE(FileSystemForPath("mem://ckpt/m").ok());
}

}  // namespace
}  // namespace io
}  // namespace rill
