// FileWriter: TensorFlow's tf.summary.FileWriter for Rill. Writes a graph, summaries and
// other events into an event file of a log directory, which TensorBoard then reads.
#ifndef RILL_TRAIN_SUMMARY_FILE_WRITER_H_
#define RILL_TRAIN_SUMMARY_FILE_WRITER_H_

#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "core/framework/tensor.h"
#include "core/protos/config.pb.h"
#include "core/protos/event.pb.h"
#include "core/protos/graph.pb.h"
#include "core/protos/summary.pb.h"
#include "train/summary/event_file_writer.h"

namespace rill {

class Graph;

namespace summary {

// FileWriterOptions: the queue (max_queue, flush_secs: TensorFlow's defaults 10 and 120 s)
// and the event file's naming (filename_suffix via file.file_suffix, file system, host).
using FileWriterOptions = EventFileWriterOptions;

// FileWriter writes events into a new event file in `logdir`:
//
//   ASSIGN_OR_RETURN(auto writer, summary::FileWriter::Create("graphs", root.graph()));
//   ...
//   RETURN_IF_ERROR(session.Run({}, {merged}, &out));
//   RETURN_IF_ERROR(writer->AddSummary(out[0], step));
//   RETURN_IF_ERROR(writer->Close());
//
// Events are queued and written by a background thread (see EventFileWriter): AddX returns
// at once, Flush and Close wait until everything added is on disk and return the first
// write error. Each event gets the wall time at which it was added and `global_step` as its
// step. Thread-safe. The destructor Closes.
class FileWriter {
 public:
  // Create opens a new event file in `logdir` (created if missing) and, when `graph` is
  // not null, adds it (AddGraph).
  static absl::StatusOr<std::unique_ptr<FileWriter>> Create(
      const std::string& logdir, const Graph* graph = nullptr,
      const FileWriterOptions& options = {});

  // AddGraph writes `graph` as TensorBoard's graph tab wants it: an Event whose graph_def
  // is the serialized GraphDef, every node carrying an `_output_shapes` attr (one shape per
  // output, -1 for an unknown dimension) so that edges are labelled with shapes. Name
  // scopes ("loss/Add") show as collapsible groups.
  absl::Status AddGraph(const Graph& graph, int64_t global_step = 0);
  // AddGraph writes `graph_def` unchanged.
  absl::Status AddGraph(const tensorflow::GraphDef& graph_def, int64_t global_step = 0);

  // AddSummary writes a Summary: a Summary proto, its serialized bytes (what summary ops
  // output), or the scalar string Tensor a session returned for a summary op.
  // InvalidArgument for bytes that are not a Summary or a Tensor of another dtype or shape.
  absl::Status AddSummary(const tensorflow::Summary& summary, int64_t global_step = 0);
  absl::Status AddSummary(absl::string_view serialized_summary, int64_t global_step = 0);
  absl::Status AddSummary(const Tensor& summary, int64_t global_step = 0);

  // AddSessionLog writes `session_log` (e.g. START after a restart from a checkpoint, so
  // TensorBoard drops the abandoned steps).
  absl::Status AddSessionLog(const tensorflow::SessionLog& session_log, int64_t global_step = 0);

  // AddRunMetadata writes a traced step's RunMetadata under `tag`, for the graph tab's
  // compute-time view.
  absl::Status AddRunMetadata(const tensorflow::RunMetadata& run_metadata, absl::string_view tag,
                              int64_t global_step = 0);

  // AddEvent writes `event` as it is, except that a zero wall_time becomes now.
  absl::Status AddEvent(tensorflow::Event event);

  // Flush returns when every event added so far is written and flushed.
  absl::Status Flush();
  // Close flushes and closes the event file; adding afterwards is FailedPrecondition.
  absl::Status Close();
  // Reopen starts a new event file in the same directory after Close.
  absl::Status Reopen();

  const std::string& logdir() const { return events_->logdir(); }
  // filename is the path of the current event file.
  std::string filename() const { return events_->filename(); }

 private:
  FileWriter(std::unique_ptr<EventFileWriter> events, const FileWriterOptions& options);

  // NewEvent is an Event stamped with the current time and `global_step`.
  tensorflow::Event NewEvent(int64_t global_step) const;

  const std::unique_ptr<EventFileWriter> events_;
  const FileWriterOptions options_;
};

// GraphDefForTensorBoard returns `graph` as a GraphDef whose nodes carry `_output_shapes`,
// the shapes shape inference gave each output (what TensorFlow's FileWriter writes with
// add_shapes=True).
tensorflow::GraphDef GraphDefForTensorBoard(const Graph& graph);

}  // namespace summary
}  // namespace rill

#endif  // RILL_TRAIN_SUMMARY_FILE_WRITER_H_
