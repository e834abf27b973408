// Dataset: the C++ client of tf.data. Each source and transformation adds a dataset op to
// the scope's graph (a DT_VARIANT tensor) and knows the dtypes and shapes of its elements;
// iterators (data/iterator.h) pull the elements into a session's steps.
#ifndef RILL_DATA_DATASET_H_
#define RILL_DATA_DATASET_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/client/ops.h"
#include "core/client/scope.h"
#include "core/framework/tensor_shape.h"
#include "core/framework/types.h"
#include "data/iterator.h"
#include "data/structure.h"
#include "ops/data/generator_registry.h"

namespace rill {
namespace data {

class Dataset;

// MapFn builds a map's body: the outputs of one element (given as Outputs of its
// components) in `scope`, a graph of the function's own. It may use those Outputs and
// constants, never Outputs of the dataset's graph.
using MapFn =
    std::function<std::vector<Output>(const Scope& scope, const std::vector<Output>& element)>;
// PredicateFn builds a filter's body: a scalar bool Output.
using PredicateFn = std::function<Output(const Scope& scope, const std::vector<Output>& element)>;
// DatasetFn builds a flat_map's or interleave's body: the dataset of one element.
using DatasetFn = std::function<Dataset(const Scope& scope, const std::vector<Output>& element)>;

// Dataset is a value: a DT_VARIANT Output of the scope's graph and the structure of its
// elements. Building follows the client's rules: nothing throws; the first error goes into
// the scope's status, and later datasets built from a failed one do nothing.
//
//   Dataset dataset = Dataset::FromTensorSlices(root, {x_values, y_values});
//   std::cout << dataset.output_types();   // (float32, float32)
//   Iterator iterator = dataset.Shuffle(100, 7).Batch(32).MakeInitializableIterator();
//
// Ops are named as in TensorFlow ("TensorSliceDataset", "MapDataset_1") inside the name
// scope of the scope the source was built in. Not thread-safe, like all graph building.
class Dataset {
 public:
  // --- sources ---

  // FromTensors is a dataset of one element: `components`.
  static Dataset FromTensors(const Scope& scope, const std::vector<Input>& components);
  // FromTensorSlices has one element per row (dim 0) of `components`, which must all have
  // the same number of rows: the lecture's from_tensor_slices((data[:,0], data[:,1])).
  static Dataset FromTensorSlices(const Scope& scope, const std::vector<Input>& components);
  // FromGenerator has the elements each fresh Generator of `factory` returns, which must
  // match `dtypes` and `shapes` (InvalidArgument naming the element index otherwise). The
  // callable lives in this process's GeneratorRegistry, not in the GraphDef: a graph using
  // it runs only in this process.
  static Dataset FromGenerator(const Scope& scope, GeneratorFactory factory,
                               const DataTypeVector& dtypes,
                               const std::vector<PartialTensorShape>& shapes);
  // Range is Python's range: 0 .. stop - 1, or start, start + step, ... before stop.
  static Dataset Range(const Scope& scope, int64_t stop);
  static Dataset Range(const Scope& scope, int64_t start, int64_t stop, int64_t step = 1);

  // --- file readers: `filenames` is a string scalar or vector, read in order ---

  // TextLine has each line of the files (without "\n" or "\r\n"). `compression_type` is
  // "", "ZLIB" or "GZIP"; `buffer_size` 0 means 256 KiB.
  static Dataset TextLine(const Scope& scope, const Input& filenames,
                          const std::string& compression_type = "", int64_t buffer_size = 0);
  // FixedLengthRecord has each `record_bytes` record between a header and a footer.
  static Dataset FixedLengthRecord(const Scope& scope, const Input& filenames, int64_t record_bytes,
                                   int64_t header_bytes = 0, int64_t footer_bytes = 0,
                                   int64_t buffer_size = 0,
                                   const std::string& compression_type = "");
  // TFRecord has each record of the TFRecord files.
  static Dataset TFRecord(const Scope& scope, const Input& filenames,
                          const std::string& compression_type = "", int64_t buffer_size = 0);

  // Zip joins the components of one element of each dataset; it ends with the shortest.
  static Dataset Zip(const std::vector<Dataset>& datasets);

  // --- transformations ---

  // Map applies `fn` to each element; `num_parallel_calls` > 0 (or -1: one per core) runs
  // that many calls at once (ParallelMapDataset), keeping the order.
  Dataset Map(const MapFn& fn, int num_parallel_calls = 0) const;
  // Filter keeps the elements for which `predicate` is true.
  Dataset Filter(const PredicateFn& predicate) const;
  // FlatMap maps each element to a dataset and emits their elements in turn.
  Dataset FlatMap(const DatasetFn& fn) const;
  // Interleave takes `block_length` elements from each of `cycle_length` mapped datasets
  // in turn.
  Dataset Interleave(const DatasetFn& fn, int64_t cycle_length, int64_t block_length = 1) const;
  // Shuffle draws elements at random from a buffer of `buffer_size`. Seeds follow
  // TensorFlow 1.x: the graph seed (ops::set_random_seed) and `seed`; neither means a
  // nondeterministic order. `reshuffle_each_iteration` changes the order every pass.
  Dataset Shuffle(int64_t buffer_size, std::optional<int64_t> seed = std::nullopt,
                  bool reshuffle_each_iteration = true) const;
  // Repeat makes `count` passes (-1: forever).
  Dataset Repeat(int64_t count = -1) const;
  // Batch stacks `batch_size` elements; a smaller last batch is kept unless
  // `drop_remainder` (so the batch dimension is unknown unless `drop_remainder`).
  Dataset Batch(int64_t batch_size, bool drop_remainder = false) const;
  // PaddedBatch pads each component to `padded_shapes` (-1: the batch's largest) with
  // `padding_values` (one scalar per component; empty means zeros and "").
  Dataset PaddedBatch(int64_t batch_size, const std::vector<PartialTensorShape>& padded_shapes,
                      const std::vector<Input>& padding_values = {},
                      bool drop_remainder = false) const;
  // Take keeps the first `count` elements (-1: all); Skip drops them (-1: all).
  Dataset Take(int64_t count) const;
  Dataset Skip(int64_t count) const;
  // Concatenate emits this dataset's elements, then `other`'s (same dtypes).
  Dataset Concatenate(const Dataset& other) const;
  // Prefetch computes up to `buffer_size` elements ahead on a background thread.
  Dataset Prefetch(int64_t buffer_size) const;
  // Cache keeps the elements in memory after the first complete pass of an iterator;
  // later passes (repeats, re-initializations) replay them. `filename` must be "".
  Dataset Cache(const std::string& filename = "") const;

  // --- iterators ---

  // MakeOneShotIterator iterates once, initialized at its first run. Its dataset is
  // rebuilt inside a function, so it may not depend on placeholders or variables
  // (InvalidArgument in the scope's status); use MakeInitializableIterator then.
  Iterator MakeOneShotIterator() const;
  // MakeInitializableIterator needs its initializer() run before GetNext, and restarts
  // each time it is run.
  Iterator MakeInitializableIterator(const std::string& shared_name = "") const;

  // variant_tensor is the dataset's DT_VARIANT Output.
  const Output& variant_tensor() const { return variant_; }
  const DataTypes& output_types() const { return types_; }
  const Shapes& output_shapes() const { return shapes_; }
  // scope is where this dataset's transformations are built.
  const Scope& scope() const { return scope_; }

 private:
  Dataset(const Scope& scope, Output variant, DataTypeVector dtypes,
          std::vector<PartialTensorShape> shapes);
  // Failed is a dataset whose building failed (the error is in `scope`'s status).
  static Dataset Failed(const Scope& scope);
  // Derived is a dataset built from this one, with this one's scope.
  Dataset Derived(Output variant, DataTypeVector dtypes,
                  std::vector<PartialTensorShape> shapes) const;
  bool ok() const { return variant_.node() != nullptr && scope_.ok(); }
  Dataset FunctionTransformation(absl::string_view kind, const DatasetFn& fn, int64_t cycle_length,
                                 int64_t block_length) const;

  Scope scope_;
  Output variant_;
  DataTypes types_;
  Shapes shapes_;
};

}  // namespace data
}  // namespace rill

#endif  // RILL_DATA_DATASET_H_
