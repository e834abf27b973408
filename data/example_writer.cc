// Example builders and WriteExamples: each Example serialized into one TFRecord.
#include "data/example_writer.h"

#include <memory>

#include "core/framework/status_macros.h"
#include "core/io/record_writer.h"

namespace rill {
namespace data {

tensorflow::Feature FloatFeature(const std::vector<float>& values) {
  tensorflow::Feature feature;
  feature.mutable_float_list()->mutable_value()->Add(values.begin(), values.end());
  return feature;
}

tensorflow::Feature Int64Feature(const std::vector<int64_t>& values) {
  tensorflow::Feature feature;
  feature.mutable_int64_list()->mutable_value()->Add(values.begin(), values.end());
  return feature;
}

tensorflow::Feature BytesFeature(const std::vector<std::string>& values) {
  tensorflow::Feature feature;
  for (const std::string& value : values) feature.mutable_bytes_list()->add_value(value);
  return feature;
}

tensorflow::Example MakeExample(const std::map<std::string, tensorflow::Feature>& features) {
  tensorflow::Example example;
  for (const auto& [key, feature] : features) {
    (*example.mutable_features()->mutable_feature())[key] = feature;
  }
  return example;
}

absl::Status WriteExamples(io::FileSystem* file_system, const std::string& path,
                           const std::vector<tensorflow::Example>& examples,
                           io::Compression compression) {
  ASSIGN_OR_RETURN(std::unique_ptr<io::WritableFile> file, file_system->NewWritableFile(path));
  io::RecordWriterOptions options;
  options.compression = compression;
  io::RecordWriter writer(file.get(), options);
  for (const tensorflow::Example& example : examples) {
    RETURN_IF_ERROR(writer.WriteRecord(example.SerializeAsString()));
  }
  RETURN_IF_ERROR(writer.Close());
  return file->Close();
}

}  // namespace data
}  // namespace rill
