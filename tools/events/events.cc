// events: prints what TensorBoard event files hold, like `tensorboard --inspect`: for each
// event its step and what it carries (scalar values, histogram statistics, image sizes,
// graphs, session logs), then per run the tags of each kind and whether a graph is present.
//
//   events PATH
//
// PATH is an event file or a log directory; in a directory every file whose name contains
// "tfevents" is read, grouped into runs by the directory holding it (as TensorBoard does),
// in name order. Exit status: 0 when every file reads cleanly, 1 when PATH is missing, holds
// no event file, or a file is corrupt or truncated (the message names the file and offset),
// 2 for a usage error. Relative paths resolve against the directory `bazel run` was started
// from.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "core/framework/errors.h"
#include "core/framework/tensor.h"
#include "core/io/file_system.h"
#include "core/io/local_file_system.h"
#include "core/io/path.h"
#include "core/protos/event.pb.h"
#include "core/protos/graph.pb.h"
#include "core/protos/summary.pb.h"
#include "train/summary/events_reader.h"

namespace rill {
namespace {

constexpr char kUsage[] =
    "usage: events PATH\n"
    "  Prints the events of an event file, or of every event file (a name containing\n"
    "  \"tfevents\") under a log directory, then each run's tags and whether it has a graph.\n";

// Number prints `value` in the shortest form that reads back as the same float.
std::string Number(float value) {
  for (int precision = 6; precision < 9; ++precision) {
    const std::string text = absl::StrFormat("%.*g", precision, value);
    if (std::strtof(text.c_str(), nullptr) == value) return text;
  }
  return absl::StrFormat("%.9g", value);
}

// Stat prints a statistic with six significant digits.
std::string Stat(double value) { return absl::StrFormat("%g", value); }

// FindEventFiles adds every file under `dir` whose name contains "tfevents", by run (the
// directory relative to `root`, "." for the root itself), in name order.
absl::Status FindEventFiles(io::FileSystem* fs, const std::string& root, const std::string& dir,
                            std::map<std::string, std::vector<std::string>>* runs) {
  absl::StatusOr<std::vector<std::string>> children = fs->GetChildren(dir);
  if (!children.ok()) return children.status();
  const std::string run = dir == root ? "." : dir.substr(root.size() + 1);
  for (const std::string& child : *children) {
    const std::string path = io::JoinPath(dir, child);
    if (fs->IsDirectory(path).ok()) {
      const absl::Status status = FindEventFiles(fs, root, path, runs);
      if (!status.ok()) return status;
    } else if (absl::StrContains(child, "tfevents")) {
      (*runs)[run].push_back(path);
    }
  }
  return absl::OkStatus();
}

// TagStats is what one tag of one kind saw in a run.
struct TagStats {
  int64_t count = 0;
  int64_t first_step = 0;
  int64_t last_step = 0;
};

// RunStats gathers a run's tags by kind ("scalars", "histograms", ...) and its graphs.
struct RunStats {
  std::map<std::string, std::map<std::string, TagStats>> kinds;
  int graphs = 0;

  void Count(const std::string& kind, const std::string& tag, int64_t step) {
    TagStats& stats = kinds[kind][tag];
    if (stats.count++ == 0) stats.first_step = step;
    stats.last_step = step;
  }
};

const char* ColorspaceName(int colorspace) {
  switch (colorspace) {
    case 1:
      return "grayscale";
    case 2:
      return "grayscale+alpha";
    case 3:
      return "RGB";
    case 4:
      return "RGBA";
    case 5:
      return "YUV";
    case 6:
      return "BGRA";
    default:
      return "unknown colorspace";
  }
}

std::string DescribeHistogram(const tensorflow::HistogramProto& histo) {
  const double mean = histo.num() > 0 ? histo.sum() / histo.num() : 0.0;
  const double variance =
      histo.num() > 0 ? std::max(0.0, histo.sum_squares() / histo.num() - mean * mean) : 0.0;
  return absl::StrCat("num ", Stat(histo.num()), ", min ", Stat(histo.min()), ", max ",
                      Stat(histo.max()), ", mean ", Stat(mean), ", stddev ",
                      Stat(std::sqrt(variance)), ", sum ", Stat(histo.sum()), ", sum_squares ",
                      Stat(histo.sum_squares()), ", ", histo.bucket_size(), " buckets");
}

std::string DescribeImage(const tensorflow::Summary::Image& image) {
  const std::string& bytes = image.encoded_image_string();
  const bool png = bytes.size() >= 8 && bytes.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0;
  return absl::StrCat(image.width(), "x", image.height(), " ",
                      ColorspaceName(image.colorspace()), ", ", bytes.size(), "-byte ",
                      png ? "PNG" : "encoded image");
}

std::string DescribeTensor(const tensorflow::TensorProto& proto) {
  Tensor tensor;
  const absl::Status parsed = tensor.FromProto(proto);
  if (!parsed.ok()) return absl::StrCat("unreadable tensor (", parsed.message(), ")");
  return absl::StrCat(DataTypeString(tensor.dtype()), " ", tensor.shape().DebugString(), " ",
                      tensor.SummarizeValue(10));
}

// PrintValue prints one summary value of an event at `step` and counts its tag.
void PrintValue(const tensorflow::Summary::Value& value, int64_t step, RunStats* stats) {
  const std::string& plugin = value.metadata().plugin_data().plugin_name();
  const std::string prefix = absl::StrCat("  step ", step, ": ");
  switch (value.value_case()) {
    case tensorflow::Summary::Value::kSimpleValue:
      std::printf("%sscalar %s = %s\n", prefix.c_str(), value.tag().c_str(),
                  Number(value.simple_value()).c_str());
      stats->Count("scalars", value.tag(), step);
      break;
    case tensorflow::Summary::Value::kHisto:
      std::printf("%shistogram %s: %s\n", prefix.c_str(), value.tag().c_str(),
                  DescribeHistogram(value.histo()).c_str());
      stats->Count("histograms", value.tag(), step);
      break;
    case tensorflow::Summary::Value::kImage:
      std::printf("%simage %s: %s\n", prefix.c_str(), value.tag().c_str(),
                  DescribeImage(value.image()).c_str());
      stats->Count("images", value.tag(), step);
      break;
    case tensorflow::Summary::Value::kAudio:
      std::printf("%saudio %s: %s Hz, %lld channels, %lld frames\n", prefix.c_str(),
                  value.tag().c_str(), Number(value.audio().sample_rate()).c_str(),
                  static_cast<long long>(value.audio().num_channels()),
                  static_cast<long long>(value.audio().length_frames()));
      stats->Count("audio", value.tag(), step);
      break;
    case tensorflow::Summary::Value::kTensor:
      std::printf("%stensor %s%s: %s\n", prefix.c_str(), value.tag().c_str(),
                  plugin.empty() ? "" : absl::StrCat(" (plugin ", plugin, ")").c_str(),
                  DescribeTensor(value.tensor()).c_str());
      stats->Count(plugin.empty() ? "tensors" : plugin, value.tag(), step);
      break;
    default:
      std::printf("%sempty value %s\n", prefix.c_str(), value.tag().c_str());
      stats->Count("empty", value.tag(), step);
      break;
  }
}

void PrintEvent(const tensorflow::Event& event, RunStats* stats) {
  const int64_t step = event.step();
  switch (event.what_case()) {
    case tensorflow::Event::kFileVersion:
      std::printf("  version %s, written %s\n", event.file_version().c_str(),
                  absl::FormatTime("%Y-%m-%d %H:%M:%S UTC",
                                   absl::FromUnixSeconds(static_cast<int64_t>(event.wall_time())),
                                   absl::UTCTimeZone())
                      .c_str());
      break;
    case tensorflow::Event::kGraphDef: {
      tensorflow::GraphDef graph_def;
      if (graph_def.ParseFromString(event.graph_def())) {
        std::printf("  step %lld: graph with %d nodes\n", static_cast<long long>(step),
                    graph_def.node_size());
      } else {
        std::printf("  step %lld: graph that does not parse (%zu bytes)\n",
                    static_cast<long long>(step), event.graph_def().size());
      }
      ++stats->graphs;
      break;
    }
    case tensorflow::Event::kMetaGraphDef:
      std::printf("  step %lld: meta graph (%zu bytes)\n", static_cast<long long>(step),
                  event.meta_graph_def().size());
      ++stats->graphs;
      break;
    case tensorflow::Event::kSummary:
      for (const tensorflow::Summary::Value& value : event.summary().value()) {
        PrintValue(value, step, stats);
      }
      break;
    case tensorflow::Event::kSessionLog:
      std::printf("  step %lld: session_log %s%s\n", static_cast<long long>(step),
                  tensorflow::SessionLog::SessionStatus_Name(event.session_log().status()).c_str(),
                  event.session_log().checkpoint_path().empty()
                      ? ""
                      : absl::StrCat(" ", event.session_log().checkpoint_path()).c_str());
      stats->Count("session_logs",
                   tensorflow::SessionLog::SessionStatus_Name(event.session_log().status()), step);
      break;
    case tensorflow::Event::kTaggedRunMetadata:
      std::printf("  step %lld: run_metadata %s (%zu bytes)\n", static_cast<long long>(step),
                  event.tagged_run_metadata().tag().c_str(),
                  event.tagged_run_metadata().run_metadata().size());
      stats->Count("run_metadata", event.tagged_run_metadata().tag(), step);
      break;
    case tensorflow::Event::kLogMessage:
      std::printf("  step %lld: log_message %s\n", static_cast<long long>(step),
                  event.log_message().message().c_str());
      break;
    default:
      std::printf("  step %lld: empty event\n", static_cast<long long>(step));
      break;
  }
}

// PrintFile prints every event of `path` and counts them into `stats`.
absl::Status PrintFile(io::FileSystem* fs, const std::string& path, RunStats* stats) {
  std::printf("file %s\n", path.c_str());
  absl::StatusOr<std::unique_ptr<summary::EventsReader>> reader =
      summary::EventsReader::Open(path, fs);
  if (!reader.ok()) return reader.status();
  tensorflow::Event event;
  for (;;) {
    const absl::Status status = (*reader)->Next(&event);
    if (errors::IsOutOfRange(status)) return absl::OkStatus();
    if (!status.ok()) return status;
    PrintEvent(event, stats);
  }
}

void PrintTotals(const std::string& run, const RunStats& stats) {
  std::printf("run %s:\n", run.c_str());
  std::printf("  graph: %s\n", stats.graphs > 0 ? "yes" : "no");
  for (const auto& [kind, tags] : stats.kinds) {
    std::vector<std::string> described;
    for (const auto& [tag, tag_stats] : tags) {
      described.push_back(
          tag_stats.count == 1
              ? absl::StrCat(tag, " (1 value, step ", tag_stats.first_step, ")")
              : absl::StrCat(tag, " (", tag_stats.count, " values, steps ",
                             tag_stats.first_step, "..", tag_stats.last_step, ")"));
    }
    std::printf("  %s: %s\n", kind.c_str(), absl::StrJoin(described, ", ").c_str());
  }
}

int Main(int argc, char** argv) {
  if (argc != 2 || absl::StartsWith(argv[1], "-")) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  const std::string path = io::ResolveUserPath(argv[1]);
  io::FileSystem* fs = io::LocalFileSystem::Default();
  std::map<std::string, std::vector<std::string>> runs;
  if (fs->IsDirectory(path).ok()) {
    const absl::Status found = FindEventFiles(fs, path, path, &runs);
    if (!found.ok()) {
      std::fprintf(stderr, "events: %s\n", found.ToString().c_str());
      return 1;
    }
    if (runs.empty()) {
      std::fprintf(stderr, "events: no event files (names containing \"tfevents\") under %s\n",
                   path.c_str());
      return 1;
    }
  } else {
    runs["."].push_back(path);
  }
  bool failed = false;
  for (const auto& [run, files] : runs) {
    RunStats stats;
    std::printf("== run %s ==\n", run.c_str());
    for (const std::string& file : files) {
      const absl::Status status = PrintFile(fs, file, &stats);
      if (!status.ok()) {
        std::fflush(stdout);
        std::fprintf(stderr, "events: %s\n", status.ToString().c_str());
        failed = true;
      }
    }
    PrintTotals(run, stats);
  }
  return failed ? 1 : 0;
}

}  // namespace
}  // namespace rill

int main(int argc, char** argv) { return rill::Main(argc, argv); }
