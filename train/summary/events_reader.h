// EventsReader: reads the Events of one event file in order (TensorFlow's
// tf.compat.v1.train.summary_iterator), checking every record's CRCs.
#ifndef RILL_TRAIN_SUMMARY_EVENTS_READER_H_
#define RILL_TRAIN_SUMMARY_EVENTS_READER_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "core/io/file_system.h"
#include "core/io/record_reader.h"
#include "core/protos/event.pb.h"

namespace rill {
namespace summary {

// EventsReader streams the Events of an event file in constant memory. Not thread-safe.
class EventsReader {
 public:
  // Open opens the event file at `path` on `fs` (null: the local disk); NotFound when
  // it does not exist.
  static absl::StatusOr<std::unique_ptr<EventsReader>> Open(const std::string& path,
                                                            io::FileSystem* fs = nullptr);

  // Next reads the next Event into *event. OutOfRange at the end of the file; DataLoss
  // naming the file and offset for a corrupt or truncated record or for a record that is
  // not an Event.
  absl::Status Next(tensorflow::Event* event);

  const std::string& path() const { return file_->name(); }

 private:
  explicit EventsReader(std::unique_ptr<io::RandomAccessFile> file);

  const std::unique_ptr<io::RandomAccessFile> file_;
  io::SequentialRecordReader records_;
  std::string record_;
};

// ReadEventFile returns every Event of the file at `path`; the first error otherwise.
absl::StatusOr<std::vector<tensorflow::Event>> ReadEventFile(const std::string& path,
                                                             io::FileSystem* fs = nullptr);

}  // namespace summary
}  // namespace rill

#endif  // RILL_TRAIN_SUMMARY_EVENTS_READER_H_
