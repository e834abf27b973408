// FileWriter: turns graphs, summaries, session logs and run metadata into Events for the
// queued event file.
#include "train/summary/file_writer.h"

#include <utility>
#include <vector>

#include "absl/memory/memory.h"
#include "core/framework/attr_value_util.h"
#include "core/framework/errors.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor_shape.h"
#include "core/graph/graph.h"

namespace rill {
namespace summary {

tensorflow::GraphDef GraphDefForTensorBoard(const Graph& graph) {
  tensorflow::GraphDef graph_def = graph.ToGraphDef();
  for (tensorflow::NodeDef& node_def : *graph_def.mutable_node()) {
    const Node* node = graph.FindNode(node_def.name());
    std::vector<PartialTensorShape> shapes;
    for (int i = 0; i < node->num_outputs(); ++i) shapes.push_back(node->output_shape(i));
    SetAttrValue(absl::Span<const PartialTensorShape>(shapes),
                 &(*node_def.mutable_attr())["_output_shapes"]);
  }
  return graph_def;
}

absl::StatusOr<std::unique_ptr<FileWriter>> FileWriter::Create(const std::string& logdir,
                                                               const Graph* graph,
                                                               const FileWriterOptions& options) {
  ASSIGN_OR_RETURN(std::unique_ptr<EventFileWriter> events,
                   EventFileWriter::Create(logdir, options));
  auto writer = absl::WrapUnique(new FileWriter(std::move(events), options));
  if (graph != nullptr) RETURN_IF_ERROR(writer->AddGraph(*graph));
  return writer;
}

FileWriter::FileWriter(std::unique_ptr<EventFileWriter> events, const FileWriterOptions& options)
    : events_(std::move(events)), options_(options) {}

tensorflow::Event FileWriter::NewEvent(int64_t global_step) const {
  tensorflow::Event event;
  event.set_wall_time(options_.file.now ? options_.file.now() : WallTimeNow());
  event.set_step(global_step);
  return event;
}

absl::Status FileWriter::AddGraph(const Graph& graph, int64_t global_step) {
  return AddGraph(GraphDefForTensorBoard(graph), global_step);
}

absl::Status FileWriter::AddGraph(const tensorflow::GraphDef& graph_def, int64_t global_step) {
  tensorflow::Event event = NewEvent(global_step);
  if (!graph_def.SerializeToString(event.mutable_graph_def())) {
    return errors::InvalidArgument("could not serialize a GraphDef of ", graph_def.node_size(),
                                   " nodes for ", logdir());
  }
  return events_->AddEvent(event);
}

absl::Status FileWriter::AddSummary(const tensorflow::Summary& summary, int64_t global_step) {
  tensorflow::Event event = NewEvent(global_step);
  *event.mutable_summary() = summary;
  return events_->AddEvent(event);
}

absl::Status FileWriter::AddSummary(absl::string_view serialized_summary, int64_t global_step) {
  tensorflow::Event event = NewEvent(global_step);
  if (!event.mutable_summary()->ParseFromArray(serialized_summary.data(),
                                               static_cast<int>(serialized_summary.size()))) {
    return errors::InvalidArgument("AddSummary got ", serialized_summary.size(),
                                   " bytes that are not a serialized Summary (step ",
                                   global_step, ")");
  }
  return events_->AddEvent(event);
}

absl::Status FileWriter::AddSummary(const Tensor& summary, int64_t global_step) {
  if (summary.dtype() != DT_STRING || summary.NumElements() != 1) {
    return errors::InvalidArgument(
        "AddSummary wants the scalar string a summary op outputs, got a ",
        DataTypeString(summary.dtype()), " tensor of shape ", summary.shape().DebugString(),
        " (step ", global_step, ")");
  }
  return AddSummary(absl::string_view(summary.flat<std::string>()(0)), global_step);
}

absl::Status FileWriter::AddSessionLog(const tensorflow::SessionLog& session_log,
                                       int64_t global_step) {
  tensorflow::Event event = NewEvent(global_step);
  *event.mutable_session_log() = session_log;
  return events_->AddEvent(event);
}

absl::Status FileWriter::AddRunMetadata(const tensorflow::RunMetadata& run_metadata,
                                        absl::string_view tag, int64_t global_step) {
  tensorflow::Event event = NewEvent(global_step);
  tensorflow::TaggedRunMetadata* tagged = event.mutable_tagged_run_metadata();
  tagged->set_tag(std::string(tag));
  if (!run_metadata.SerializeToString(tagged->mutable_run_metadata())) {
    return errors::InvalidArgument("could not serialize the RunMetadata of tag '", tag, "'");
  }
  return events_->AddEvent(event);
}

absl::Status FileWriter::AddEvent(tensorflow::Event event) {
  if (event.wall_time() == 0) event.set_wall_time(NewEvent(0).wall_time());
  return events_->AddEvent(event);
}

absl::Status FileWriter::Flush() { return events_->Flush(); }

absl::Status FileWriter::Close() { return events_->Close(); }

absl::Status FileWriter::Reopen() { return events_->Reopen(); }

}  // namespace summary
}  // namespace rill
