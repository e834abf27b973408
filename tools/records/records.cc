// records: inspects a TFRecord file. Verifies every CRC, prints "N records", and dumps one
// record as a text-format tf.train.Example when it is one, as hex otherwise.
//
//   records FILE [--compression=NONE|GZIP|ZLIB] [--dump=N] [--hex]
//
// Without --compression the compression is detected from the first bytes. Exit status: 0 when
// every record checks out, 1 when the file is missing, corrupt or truncated (the message
// names the offset), 2 for a usage error. Relative paths resolve against the directory
// `bazel run` was started from.
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "core/framework/errors.h"
#include "core/io/coding.h"
#include "core/io/crc32c.h"
#include "core/io/local_file_system.h"
#include "core/io/path.h"
#include "core/io/record_reader.h"
#include "core/io/record_writer.h"
#include "core/protos/example.pb.h"
#include "google/protobuf/stubs/logging.h"
#include "google/protobuf/text_format.h"

namespace rill {
namespace {

constexpr char kUsage[] =
    "usage: records FILE [--compression=NONE|GZIP|ZLIB] [--dump=N] [--hex]\n"
    "  Verifies every record's CRCs and prints \"N records\".\n"
    "  --compression  how FILE is compressed (default: detected from its first bytes)\n"
    "  --dump=N       also print record N (from 0): a tf.train.Example as text, else hex\n"
    "  --hex          print the dumped record as hex even when it parses as an Example\n";

struct Args {
  std::string path;
  std::optional<io::Compression> compression;
  std::optional<uint64_t> dump;
  bool hex = false;
};

// ParseArgs fills `args` from the command line, or returns a message for a usage error.
std::optional<std::string> ParseArgs(int argc, char** argv, Args* args) {
  for (int i = 1; i < argc; ++i) {
    const absl::string_view arg = argv[i];
    if (absl::StartsWith(arg, "--compression=")) {
      absl::StatusOr<io::Compression> compression =
          io::ParseCompression(arg.substr(sizeof("--compression=") - 1));
      if (!compression.ok()) return std::string(compression.status().message());
      args->compression = *compression;
    } else if (absl::StartsWith(arg, "--dump=")) {
      uint64_t n;
      if (!absl::SimpleAtoi(arg.substr(sizeof("--dump=") - 1), &n)) {
        return absl::StrCat("--dump wants a record number, got \"", arg, "\"");
      }
      args->dump = n;
    } else if (arg == "--hex") {
      args->hex = true;
    } else if (absl::StartsWith(arg, "-")) {
      return absl::StrCat("unknown flag ", arg);
    } else if (args->path.empty()) {
      args->path = std::string(arg);
    } else {
      return absl::StrCat("more than one FILE: ", args->path, " and ", arg);
    }
  }
  if (args->path.empty()) return std::string("no FILE given");
  return std::nullopt;
}

// DetectCompression recognizes an uncompressed file by the CRC of its first length field,
// then gzip by its magic bytes and zlib by its header check, in that order: a plain file can
// start with bytes that look like a zlib header, but not also with a matching CRC.
io::Compression DetectCompression(const io::RandomAccessFile& file) {
  char scratch[io::kRecordHeaderSize];
  absl::string_view head;
  file.Read(0, sizeof(scratch), &head, scratch).IgnoreError();
  if (head.size() == io::kRecordHeaderSize &&
      crc32c::Unmask(io::DecodeFixed32(head.data() + 8)) == crc32c::Value(head.data(), 8)) {
    return io::Compression::kNone;
  }
  if (head.size() >= 2) {
    const uint8_t b0 = static_cast<uint8_t>(head[0]);
    const uint8_t b1 = static_cast<uint8_t>(head[1]);
    if (b0 == 0x1f && b1 == 0x8b) return io::Compression::kGzip;
    if ((b0 & 0x0f) == 8 && (b0 >> 4) <= 7 && ((b0 << 8) | b1) % 31 == 0) {
      return io::Compression::kZlib;
    }
  }
  return io::Compression::kNone;
}

// HasUnknownFields says whether `message` or any message inside it kept fields its type
// does not declare: a sign that the bytes were not really that type.
bool HasUnknownFields(const google::protobuf::Message& message) {
  const google::protobuf::Reflection* reflection = message.GetReflection();
  if (!reflection->GetUnknownFields(message).empty()) return true;
  std::vector<const google::protobuf::FieldDescriptor*> fields;
  reflection->ListFields(message, &fields);
  for (const google::protobuf::FieldDescriptor* field : fields) {
    if (field->cpp_type() != google::protobuf::FieldDescriptor::CPPTYPE_MESSAGE) continue;
    if (field->is_repeated()) {
      for (int i = 0; i < reflection->FieldSize(message, field); ++i) {
        if (HasUnknownFields(reflection->GetRepeatedMessage(message, field, i))) return true;
      }
    } else if (HasUnknownFields(reflection->GetMessage(message, field))) {
      return true;
    }
  }
  return false;
}

// AsExample parses `record` as a tf.train.Example with at least one feature and nothing
// undeclared, or returns nullopt.
std::optional<tensorflow::Example> AsExample(const std::string& record) {
  google::protobuf::LogSilencer silence_invalid_utf8_warnings;
  tensorflow::Example example;
  if (!example.ParseFromString(record) || example.features().feature().empty() ||
      HasUnknownFields(example)) {
    return std::nullopt;
  }
  return example;
}

// HexDump prints 16 bytes a line: offset, hex bytes, printable ASCII.
void HexDump(const std::string& data) {
  for (size_t line = 0; line < data.size(); line += 16) {
    std::string hex, ascii;
    for (size_t i = line; i < line + 16; ++i) {
      if (i < data.size()) {
        const unsigned char c = static_cast<unsigned char>(data[i]);
        absl::StrAppendFormat(&hex, "%02x ", c);
        ascii.push_back(c >= 0x20 && c < 0x7f ? static_cast<char>(c) : '.');
      } else {
        hex += "   ";
      }
    }
    std::printf("%08zx: %s %s\n", line, hex.c_str(), ascii.c_str());
  }
}

int Run(const Args& args) {
  const std::string path = io::ResolveUserPath(args.path);
  auto file = io::LocalFileSystem::Default()->NewRandomAccessFile(path);
  if (!file.ok()) {
    std::fprintf(stderr, "records: %s\n", file.status().ToString().c_str());
    return 1;
  }
  io::RecordReaderOptions options;
  options.compression = args.compression.value_or(DetectCompression(**file));
  io::RecordReader reader(file->get(), options);

  uint64_t count = 0;
  uint64_t offset = 0;
  uint64_t dumped_offset = 0;
  std::string record, dumped;
  absl::Status status;
  for (uint64_t start = 0; (status = reader.ReadRecord(&offset, &record)).ok(); start = offset) {
    if (args.dump == count) {
      dumped.swap(record);
      dumped_offset = start;
    }
    ++count;
  }
  if (!errors::IsOutOfRange(status)) {
    std::fprintf(stderr, "records: %s\n(%llu intact records precede it)\n",
                 status.ToString().c_str(), static_cast<unsigned long long>(count));
    return 1;
  }
  if (options.compression != io::Compression::kNone) {
    std::printf("compression: %s\n", std::string(io::CompressionName(options.compression)).c_str());
  }
  std::printf("%llu records\n", static_cast<unsigned long long>(count));
  if (!args.dump.has_value()) return 0;
  if (*args.dump >= count) {
    std::fprintf(stderr, "records: no record %llu: %s holds %llu records\n",
                 static_cast<unsigned long long>(*args.dump), path.c_str(),
                 static_cast<unsigned long long>(count));
    return 1;
  }
  std::printf("record %llu: %zu bytes at offset %llu\n",
              static_cast<unsigned long long>(*args.dump), dumped.size(),
              static_cast<unsigned long long>(dumped_offset));
  std::optional<tensorflow::Example> example;
  if (!args.hex) example = AsExample(dumped);
  if (example.has_value()) {
    google::protobuf::TextFormat::Printer printer;
    printer.SetUseShortRepeatedPrimitives(true);
    std::string text;
    printer.PrintToString(*example, &text);
    std::printf("tf.train.Example\n%s", text.c_str());
  } else {
    HexDump(dumped);
  }
  return 0;
}

}  // namespace
}  // namespace rill

int main(int argc, char** argv) {
  rill::Args args;
  if (std::optional<std::string> error = rill::ParseArgs(argc, argv, &args)) {
    std::fprintf(stderr, "records: %s\n%s", error->c_str(), rill::kUsage);
    return 2;
  }
  return rill::Run(args);
}
