// Tests of EventsWriter: the file name, the byte-exact version record of FORMATS.md
// section 9, events appended as TFRecords, name clashes, the log directory, and errors.
#include "train/summary/events_writer.h"

#include <cstdlib>
#include <string>

#include "absl/strings/escaping.h"
#include "core/io/file_system.h"
#include "core/io/in_memory_file_system.h"
#include "core/io/local_file_system.h"
#include "core/io/path.h"
#include "core/protos/event.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "train/summary/events_reader.h"

namespace rill {
namespace summary {
namespace {

using ::testing::HasSubstr;

// FORMATS.md section 9, the first record of an event file written at 1700000000 (CRCs
// computed in Python and cross-checked against TensorBoard's implementation):
//   18 00 00 00 00 00 00 00 | a3 7f 4b 22            length 24, its masked CRC
//   09 00 00 00 40 fc 54 d9 41                       wall_time 1700000000.0
//   1a 0d "brain.Event:2"                            file_version
//   ec ed 8f 9d                                      masked CRC of the data
constexpr char kFirstRecordHex[] =
    "1800000000000000a37f4b22"
    "0900000040fc54d9411a0d627261696e2e4576656e743a32"
    "eced8f9d";

EventsWriterOptions FixedOptions(io::FileSystem* fs, double now = 1700000000.75) {
  EventsWriterOptions options;
  options.file_system = fs;
  options.hostname = "myhost";
  options.now = [now] { return now; };
  return options;
}

TEST(EventsWriterTest, FileNameIsTensorFlows) {
  EXPECT_EQ(EventFileName("/logs/events", 1700000000.9, "myhost", ""),
            "/logs/events.out.tfevents.1700000000.myhost");
  EXPECT_EQ(EventFileName("events", 12, "h", ".v2"), "events.out.tfevents.0000000012.h.v2");
}

TEST(EventsWriterTest, FirstRecordMatchesTheWorkedBytes) {
  io::InMemoryFileSystem fs;
  EventsWriter writer("/logs/run1/events", FixedOptions(&fs));
  ASSERT_TRUE(writer.Init().ok());
  EXPECT_EQ(writer.filename(), "/logs/run1/events.out.tfevents.1700000000.myhost");
  // The version record is flushed by Init, before anything else is written or closed.
  const auto bytes = io::ReadFileToString(&fs, writer.filename());
  ASSERT_TRUE(bytes.ok()) << bytes.status();
  EXPECT_EQ(absl::BytesToHexString(*bytes), kFirstRecordHex);
}

TEST(EventsWriterTest, EventsFollowTheVersionRecord) {
  const std::string dir = io::JoinPath(std::getenv("TEST_TMPDIR"), "follow");
  EventsWriter writer(io::JoinPath(dir, "events"), FixedOptions(nullptr));
  ASSERT_TRUE(writer.Init().ok());
  tensorflow::Event event;
  event.set_step(4);
  event.set_wall_time(1700000001.25);
  tensorflow::Summary::Value* value = event.mutable_summary()->add_value();
  value->set_tag("loss");
  value->set_simple_value(0.5f);
  ASSERT_TRUE(writer.WriteEvent(event).ok());
  ASSERT_TRUE(writer.Flush().ok());

  // Flushed: another reader of the local file sees both records before Close.
  const auto events = ReadEventFile(writer.filename());
  ASSERT_TRUE(events.ok()) << events.status();
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ((*events)[0].file_version(), "brain.Event:2");
  EXPECT_EQ((*events)[0].wall_time(), 1700000000.0);
  EXPECT_EQ((*events)[1].step(), 4);
  EXPECT_EQ((*events)[1].wall_time(), 1700000001.25);
  EXPECT_EQ((*events)[1].summary().value(0).tag(), "loss");
  EXPECT_EQ((*events)[1].summary().value(0).simple_value(), 0.5f);
  EXPECT_TRUE(writer.Close().ok());
}

TEST(EventsWriterTest, ATakenNameGetsACounter) {
  io::InMemoryFileSystem fs;
  EventsWriter first("/logs/events", FixedOptions(&fs));
  ASSERT_TRUE(first.Init().ok());
  ASSERT_TRUE(first.Close().ok());
  EventsWriter second("/logs/events", FixedOptions(&fs));
  ASSERT_TRUE(second.Init().ok());
  EventsWriter third("/logs/events", FixedOptions(&fs));
  ASSERT_TRUE(third.Init().ok());
  EXPECT_EQ(second.filename(), "/logs/events.out.tfevents.1700000000.myhost.1");
  EXPECT_EQ(third.filename(), "/logs/events.out.tfevents.1700000000.myhost.2");
  // The first file is untouched.
  const auto bytes = io::ReadFileToString(&fs, first.filename());
  ASSERT_TRUE(bytes.ok());
  EXPECT_EQ(absl::BytesToHexString(*bytes), kFirstRecordHex);
}

TEST(EventsWriterTest, SuffixAndRelativePrefix) {
  io::InMemoryFileSystem fs;
  EventsWriterOptions options = FixedOptions(&fs, 5);
  options.file_suffix = ".eval";
  EventsWriter writer("events", options);
  ASSERT_TRUE(writer.Init().ok());
  EXPECT_EQ(writer.filename(), "events.out.tfevents.0000000005.myhost.eval");
  EXPECT_TRUE(fs.FileExists(writer.filename()).ok());
}

TEST(EventsWriterTest, MisuseAndFileSystemErrors) {
  io::InMemoryFileSystem fs;
  EventsWriter writer("/logs/events", FixedOptions(&fs));
  absl::Status status = writer.WriteEvent(tensorflow::Event());
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(status.message(), HasSubstr("/logs/events was not initialized"));
  ASSERT_TRUE(writer.Init().ok());
  EXPECT_EQ(writer.Init().code(), absl::StatusCode::kFailedPrecondition);
  ASSERT_TRUE(writer.Close().ok());
  status = writer.Flush();
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(status.message(), HasSubstr("is closed"));

  // A file where the log directory should be.
  ASSERT_TRUE(io::WriteStringToFile(&fs, "/blocked", "x").ok());
  EventsWriter blocked("/blocked/run/events", FixedOptions(&fs));
  status = blocked.Init();
  EXPECT_FALSE(status.ok());
  EXPECT_THAT(status.message(),
              HasSubstr("creating the log directory for /blocked/run/events.out.tfevents.*"));
}

TEST(EventsWriterTest, HostnameAndClockDefaults) {
  EXPECT_FALSE(LocalHostname().empty());
  // Some time after 2023-11-14 (1700000000) and before 2100.
  EXPECT_GT(WallTimeNow(), 1700000000.0);
  EXPECT_LT(WallTimeNow(), 4102444800.0);
}

}  // namespace
}  // namespace summary
}  // namespace rill
