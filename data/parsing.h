// Parsing tf.train.Example protos in a graph, as TensorFlow's tf.io.parse_example and
// parse_single_example: FixedLenFeature gives a dense tensor, VarLenFeature a SparseTensor.
#ifndef RILL_DATA_PARSING_H_
#define RILL_DATA_PARSING_H_

#include <map>
#include <string>

#include "core/client/ops.h"
#include "core/client/scope.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_shape.h"
#include "core/framework/types.h"

namespace rill {
namespace data {

// FixedLenFeature is a feature with `shape.num_elements()` values of `dtype` (float, int64
// or string) in every example. An example without it takes `default_value` (that many
// values, reshaped to `shape`); when default_value has no elements the feature is
// required (InvalidArgument naming it when missing).
struct FixedLenFeature {
  TensorShape shape;
  DataType dtype = DT_FLOAT;
  Tensor default_value = Tensor(DT_FLOAT, TensorShape({0}));
};

// VarLenFeature is a feature with any number of values of `dtype`.
struct VarLenFeature {
  DataType dtype = DT_FLOAT;
};

// SparseTensor is TensorFlow's (indices, values, dense_shape) triple: indices [N, rank]
// int64, values [N], dense_shape [rank] int64.
struct SparseTensor {
  Output indices;
  Output values;
  Output dense_shape;
};

// ParsedFeatures maps each feature key to its parsed tensor.
struct ParsedFeatures {
  std::map<std::string, Output> dense;
  std::map<std::string, SparseTensor> sparse;
};

// ParseExample parses a vector of serialized Examples (ParseExample op). Dense values are
// [batch] + shape; a sparse feature's indices are (example, position) and its dense_shape
// [batch, longest list]. Errors go into the scope's status (default values of the wrong
// dtype or size); parsing errors come at run time, naming the example and key.
ParsedFeatures ParseExample(const Scope& scope, const Input& serialized,
                            const std::map<std::string, FixedLenFeature>& dense_features,
                            const std::map<std::string, VarLenFeature>& sparse_features = {});

// ParseSingleExample parses one serialized Example (a scalar): dense values have their
// feature's shape, sparse indices are [N, 1] and dense_shape [N].
ParsedFeatures ParseSingleExample(const Scope& scope, const Input& serialized,
                                  const std::map<std::string, FixedLenFeature>& dense_features,
                                  const std::map<std::string, VarLenFeature>& sparse_features = {});

}  // namespace data
}  // namespace rill

#endif  // RILL_DATA_PARSING_H_
