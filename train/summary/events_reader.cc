// EventsReader: TFRecords through core/io's RecordReader, each parsed as an Event.
#include "train/summary/events_reader.h"

#include <utility>

#include "absl/memory/memory.h"
#include "core/framework/errors.h"
#include "core/framework/status_macros.h"
#include "core/io/local_file_system.h"

namespace rill {
namespace summary {

absl::StatusOr<std::unique_ptr<EventsReader>> EventsReader::Open(const std::string& path,
                                                                 io::FileSystem* fs) {
  if (fs == nullptr) fs = io::LocalFileSystem::Default();
  ASSIGN_OR_RETURN(std::unique_ptr<io::RandomAccessFile> file, fs->NewRandomAccessFile(path));
  return absl::WrapUnique(new EventsReader(std::move(file)));
}

EventsReader::EventsReader(std::unique_ptr<io::RandomAccessFile> file)
    : file_(std::move(file)), records_(file_.get()) {}

absl::Status EventsReader::Next(tensorflow::Event* event) {
  const uint64_t offset = records_.TellOffset();
  RETURN_IF_ERROR(records_.ReadRecord(&record_));
  if (!event->ParseFromString(record_)) {
    return errors::DataLoss("the record at offset ", offset, " of ", path(), " (",
                            record_.size(), " bytes) is not an Event");
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<tensorflow::Event>> ReadEventFile(const std::string& path,
                                                             io::FileSystem* fs) {
  ASSIGN_OR_RETURN(std::unique_ptr<EventsReader> reader, EventsReader::Open(path, fs));
  std::vector<tensorflow::Event> events;
  for (;;) {
    tensorflow::Event event;
    const absl::Status status = reader->Next(&event);
    if (errors::IsOutOfRange(status)) return events;
    RETURN_IF_ERROR(status);
    events.push_back(std::move(event));
  }
}

}  // namespace summary
}  // namespace rill
