// Tests of EventsReader: events come back in order, the end is OutOfRange, and a missing
// file, a record that is not an Event and a truncated record are errors naming the file.
#include "train/summary/events_reader.h"

#include <cstdint>
#include <string>
#include <vector>

#include "core/io/file_system.h"
#include "core/io/in_memory_file_system.h"
#include "core/io/record_writer.h"
#include "core/protos/event.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace rill {
namespace summary {
namespace {

using ::testing::HasSubstr;

// WriteRecords writes `records` to `path` as TFRecords.
void WriteRecords(io::FileSystem* fs, const std::string& path,
                  const std::vector<std::string>& records) {
  auto file = fs->NewWritableFile(path);
  ASSERT_TRUE(file.ok());
  io::RecordWriter writer(file->get());
  for (const std::string& record : records) ASSERT_TRUE(writer.WriteRecord(record).ok());
  ASSERT_TRUE(writer.Close().ok());
  ASSERT_TRUE((*file)->Close().ok());
}

std::string StepEvent(int64_t step) {
  tensorflow::Event event;
  event.set_step(step);
  return event.SerializeAsString();
}

TEST(EventsReaderTest, ReadsEventsInOrder) {
  io::InMemoryFileSystem fs;
  WriteRecords(&fs, "/e", {StepEvent(1), StepEvent(2)});
  auto reader = EventsReader::Open("/e", &fs);
  ASSERT_TRUE(reader.ok()) << reader.status();
  tensorflow::Event event;
  ASSERT_TRUE((*reader)->Next(&event).ok());
  EXPECT_EQ(event.step(), 1);
  ASSERT_TRUE((*reader)->Next(&event).ok());
  EXPECT_EQ(event.step(), 2);
  EXPECT_EQ((*reader)->Next(&event).code(), absl::StatusCode::kOutOfRange);

  const auto all = ReadEventFile("/e", &fs);
  ASSERT_TRUE(all.ok()) << all.status();
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[1].step(), 2);
}

TEST(EventsReaderTest, Errors) {
  io::InMemoryFileSystem fs;
  EXPECT_EQ(EventsReader::Open("/missing", &fs).status().code(), absl::StatusCode::kNotFound);

  WriteRecords(&fs, "/junk", {StepEvent(1), "\xff\xff"});
  auto junk = ReadEventFile("/junk", &fs);
  ASSERT_FALSE(junk.ok());
  EXPECT_EQ(junk.status().code(), absl::StatusCode::kDataLoss);
  // The second record starts after the first: 16 bytes of framing + 2 bytes of data.
  EXPECT_THAT(junk.status().message(),
              HasSubstr("the record at offset 18 of /junk (2 bytes) is not an Event"));

  WriteRecords(&fs, "/whole", {StepEvent(1), StepEvent(2)});
  const auto whole = io::ReadFileToString(&fs, "/whole");
  ASSERT_TRUE(whole.ok());
  ASSERT_TRUE(io::WriteStringToFile(&fs, "/cut", whole->substr(0, whole->size() - 3)).ok());
  auto cut = ReadEventFile("/cut", &fs);
  ASSERT_FALSE(cut.ok());
  EXPECT_EQ(cut.status().code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(cut.status().message(), HasSubstr("truncated record at offset 18 in /cut"));
}

}  // namespace
}  // namespace summary
}  // namespace rill
