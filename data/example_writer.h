// Writing tf.train.Example protos into TFRecord files (TensorFlow's tf.train.Example plus
// tf.io.TFRecordWriter), and builders for their features.
#ifndef RILL_DATA_EXAMPLE_WRITER_H_
#define RILL_DATA_EXAMPLE_WRITER_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "core/io/compression.h"
#include "core/io/file_system.h"
#include "core/protos/example.pb.h"
#include "core/protos/feature.pb.h"

namespace rill {
namespace data {

// FloatFeature, Int64Feature and BytesFeature make a Feature holding `values`.
tensorflow::Feature FloatFeature(const std::vector<float>& values);
tensorflow::Feature Int64Feature(const std::vector<int64_t>& values);
tensorflow::Feature BytesFeature(const std::vector<std::string>& values);

// MakeExample makes an Example with `features` by key.
tensorflow::Example MakeExample(const std::map<std::string, tensorflow::Feature>& features);

// WriteExamples writes `examples`, serialized, one record each, to the TFRecord file `path`
// (replacing it) on `file_system`, compressed as asked. Errors name the path.
absl::Status WriteExamples(io::FileSystem* file_system, const std::string& path,
                           const std::vector<tensorflow::Example>& examples,
                           io::Compression compression = io::Compression::kNone);

}  // namespace data
}  // namespace rill

#endif  // RILL_DATA_EXAMPLE_WRITER_H_
