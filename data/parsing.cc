// ParseExample / ParseSingleExample: keys in sorted order (TensorFlow's), defaults checked
// and reshaped, outputs gathered into maps by key.
#include "data/parsing.h"

#include <vector>

#include "core/client/const_op.h"
#include "core/framework/errors.h"
#include "ops/parsing/parsing_ops.h"

namespace rill {
namespace data {
namespace {

// Specs are the op arguments the feature maps turn into.
struct Specs {
  std::vector<std::string> sparse_keys;
  DataTypeVector sparse_types;
  std::vector<std::string> dense_keys;
  std::vector<PartialTensorShape> dense_shapes;
  std::vector<Input> dense_defaults;
};

absl::StatusOr<Specs> MakeSpecs(const std::map<std::string, FixedLenFeature>& dense_features,
                                const std::map<std::string, VarLenFeature>& sparse_features) {
  Specs specs;
  for (const auto& [key, feature] : sparse_features) {
    specs.sparse_keys.push_back(key);
    specs.sparse_types.push_back(feature.dtype);
  }
  for (const auto& [key, feature] : dense_features) {
    const Tensor& given = feature.default_value;
    Tensor default_value(feature.dtype, TensorShape({0}));
    if (given.NumElements() > 0) {
      if (given.dtype() != feature.dtype || given.NumElements() != feature.shape.num_elements() ||
          !default_value.CopyFrom(given, feature.shape)) {
        return errors::InvalidArgument(
            "The default of feature '", key, "' is a ", DataTypeString(given.dtype()), " ",
            given.shape().DebugString(), ", but the feature is ", DataTypeString(feature.dtype),
            " ", feature.shape.DebugString());
      }
    }
    specs.dense_keys.push_back(key);
    specs.dense_shapes.push_back(feature.shape);
    specs.dense_defaults.push_back(default_value);
  }
  return specs;
}

ParsedFeatures Collect(const Specs& specs, const OutputList& sparse_indices,
                       const OutputList& sparse_values, const OutputList& sparse_shapes,
                       const OutputList& dense_values) {
  ParsedFeatures parsed;
  for (size_t j = 0; j < specs.sparse_keys.size() && j < sparse_indices.size(); ++j) {
    parsed.sparse[specs.sparse_keys[j]] = {sparse_indices[j], sparse_values[j], sparse_shapes[j]};
  }
  for (size_t j = 0; j < specs.dense_keys.size() && j < dense_values.size(); ++j) {
    parsed.dense[specs.dense_keys[j]] = dense_values[j];
  }
  return parsed;
}

}  // namespace

ParsedFeatures ParseExample(const Scope& scope, const Input& serialized,
                            const std::map<std::string, FixedLenFeature>& dense_features,
                            const std::map<std::string, VarLenFeature>& sparse_features) {
  absl::StatusOr<Specs> specs = MakeSpecs(dense_features, sparse_features);
  if (!specs.ok()) {
    scope.UpdateStatus(specs.status());
    return {};
  }
  std::vector<Input> sparse_keys;
  std::vector<Input> dense_keys;
  for (const std::string& key : specs->sparse_keys) {
    sparse_keys.push_back(ops::Const(scope.WithOpName("key"), Input::Initializer(key)));
  }
  for (const std::string& key : specs->dense_keys) {
    dense_keys.push_back(ops::Const(scope.WithOpName("key"), Input::Initializer(key)));
  }
  const Output names = ops::Const(scope.WithOpName("names"), Tensor(DT_STRING, TensorShape({0})));
  ops::ParseExample parse(scope, serialized, names, InputList(sparse_keys), InputList(dense_keys),
                          InputList(specs->dense_defaults), specs->sparse_types,
                          specs->dense_shapes);
  return Collect(*specs, parse.sparse_indices, parse.sparse_values, parse.sparse_shapes,
                 parse.dense_values);
}

ParsedFeatures ParseSingleExample(const Scope& scope, const Input& serialized,
                                  const std::map<std::string, FixedLenFeature>& dense_features,
                                  const std::map<std::string, VarLenFeature>& sparse_features) {
  absl::StatusOr<Specs> specs = MakeSpecs(dense_features, sparse_features);
  if (!specs.ok()) {
    scope.UpdateStatus(specs.status());
    return {};
  }
  ops::ParseSingleExample parse(scope, serialized, InputList(specs->dense_defaults),
                                static_cast<int64_t>(specs->sparse_keys.size()), specs->sparse_keys,
                                specs->dense_keys, specs->sparse_types, specs->dense_shapes);
  return Collect(*specs, parse.sparse_indices, parse.sparse_values, parse.sparse_shapes,
                 parse.dense_values);
}

}  // namespace data
}  // namespace rill
