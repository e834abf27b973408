// Dataset op definitions (tf.data) with TensorFlow's names, inputs and attrs: sources,
// readers, transformations and iterators. Each dataset op outputs a scalar DT_VARIANT
// holding a dataset; kernels live in kernels/cpu/data, the client in data/.
#include <cstdint>
#include <initializer_list>
#include <vector>

#include "core/framework/common_shape_fns.h"
#include "core/framework/errors.h"
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor_shape.h"

namespace rill {
namespace {

// ScalarInputs checks that each input in `indices` is a scalar, then outputs a scalar.
absl::Status ScalarInputs(InferenceContext* c, std::initializer_list<int> indices) {
  ShapeHandle unused;
  for (int i : indices) RETURN_IF_ERROR(c->WithRank(c->input(i), 0, &unused));
  return ScalarShape(c);
}

// FileReaderShape: `filenames` (input 0) is a scalar or a vector, the other inputs scalars.
absl::Status FileReaderShape(InferenceContext* c) {
  ShapeHandle unused;
  RETURN_IF_ERROR(c->WithRankAtMost(c->input(0), 1, &unused));
  for (int i = 1; i < c->num_inputs(); ++i) {
    RETURN_IF_ERROR(c->WithRank(c->input(i), 0, &unused));
  }
  return ScalarShape(c);
}

// IteratorGetNextShape: one output per `output_shapes` entry, of that shape.
absl::Status IteratorGetNextShape(InferenceContext* c) {
  ShapeHandle unused;
  RETURN_IF_ERROR(c->WithRank(c->input(0), 0, &unused));
  std::vector<PartialTensorShape> output_shapes;
  RETURN_IF_ERROR(c->GetAttr("output_shapes", &output_shapes));
  if (static_cast<int>(output_shapes.size()) != c->num_outputs()) {
    return errors::InvalidArgument("`output_shapes` must be the same length as `output_types` (",
                                   output_shapes.size(), " vs. ", c->num_outputs(), ")");
  }
  for (int i = 0; i < c->num_outputs(); ++i) {
    c->set_output(i, c->MakeShapeFromPartialTensorShape(output_shapes[i]));
  }
  return absl::OkStatus();
}

}  // namespace

// --- sources ---

REGISTER_OP("TensorDataset")
    .NoGradient()
    .Input("components: Toutput_types")
    .Output("handle: variant")
    .Attr("Toutput_types: list(type) >= 1")
    .Attr("output_shapes: list(shape) >= 1")
    .SetIsStateful()
    .SetShapeFn(ScalarShape)
    .Doc(R"doc(
Creates a dataset that emits `components` as a tuple of tensors once.
)doc");

REGISTER_OP("TensorSliceDataset")
    .NoGradient()
    .Input("components: Toutput_types")
    .Output("handle: variant")
    .Attr("Toutput_types: list(type) >= 1")
    .Attr("output_shapes: list(shape) >= 1")
    .SetIsStateful()
    .SetShapeFn(ScalarShape)
    .Doc(R"doc(
Creates a dataset that emits each dim-0 slice of `components` once.

Every component must have the same size in dimension 0; element i is the tuple of row i
of each component.
)doc");

REGISTER_OP("RangeDataset")
    .NoGradient()
    .Input("start: int64")
    .Input("stop: int64")
    .Input("step: int64")
    .Output("handle: variant")
    .Attr("output_types: list(type) >= 1")
    .Attr("output_shapes: list(shape) >= 1")
    .SetIsStateful()
    .SetShapeFn([](InferenceContext* c) {
      return ScalarInputs(c, {0, 1, 2});
    })
    .Doc(R"doc(
Creates a dataset with a range of int64 values: start, start + step, ... before stop.

step: Must not be zero; a negative step counts down.
)doc");

REGISTER_OP("CppGeneratorDataset")
    .NoGradient()
    .Output("handle: variant")
    .Attr("token: string")
    .Attr("output_types: list(type) >= 1")
    .Attr("output_shapes: list(shape) >= 1")
    .SetIsStateful()
    .SetShapeFn(ScalarShape)
    .Doc(R"doc(
Creates a dataset whose elements a C++ generator produces (Rill's from_generator).

Like TensorFlow's PyFunc, the op names its callable by `token` in a process-wide
registry (ops/data/generator_registry.h), so a graph holding it runs only in the process
that registered the callable. Every element is checked against `output_types` and
`output_shapes`.

token: The registry key of the generator.
)doc");

// --- file readers ---

REGISTER_OP("TextLineDataset")
    .NoGradient()
    .Input("filenames: string")
    .Input("compression_type: string")
    .Input("buffer_size: int64")
    .Output("handle: variant")
    .SetIsStateful()
    .SetShapeFn(FileReaderShape)
    .Doc(R"doc(
Creates a dataset that emits the lines of one or more text files.

Lines end at "\n"; a trailing "\r" is dropped too. Files are read in order, streaming.

filenames: A scalar or a vector of file names.
compression_type: "", "NONE", "ZLIB" or "GZIP".
buffer_size: Bytes read at a time; 0 picks 256 KiB.
)doc");

REGISTER_OP("FixedLengthRecordDatasetV2")
    .NoGradient()
    .Input("filenames: string")
    .Input("header_bytes: int64")
    .Input("record_bytes: int64")
    .Input("footer_bytes: int64")
    .Input("buffer_size: int64")
    .Input("compression_type: string")
    .Output("handle: variant")
    .SetIsStateful()
    .SetShapeFn(FileReaderShape)
    .Doc(R"doc(
Creates a dataset that emits the fixed-length records of one or more files.

Each file is a header of `header_bytes`, records of `record_bytes`, and a footer of
`footer_bytes`. A file whose body is not a whole number of records is DataLoss.

buffer_size: Bytes read at a time; 0 picks 256 KiB.
compression_type: "", "NONE", "ZLIB" or "GZIP".
)doc");

REGISTER_OP("TFRecordDataset")
    .NoGradient()
    .Input("filenames: string")
    .Input("compression_type: string")
    .Input("buffer_size: int64")
    .Output("handle: variant")
    .SetIsStateful()
    .SetShapeFn(FileReaderShape)
    .Doc(R"doc(
Creates a dataset that emits the records of one or more TFRecord files.

Both CRCs of every record are checked; corruption is DataLoss naming the file and offset.

compression_type: "", "NONE", "ZLIB" or "GZIP".
buffer_size: Bytes read at a time; 0 picks 256 KiB.
)doc");

// --- transformations ---

REGISTER_OP("MapDataset")
    .NoGradient()
    .Input("input_dataset: variant")
    .Input("other_arguments: Targuments")
    .Output("handle: variant")
    .Attr("f: func")
    .Attr("Targuments: list(type) >= 0")
    .Attr("output_types: list(type) >= 1")
    .Attr("output_shapes: list(shape) >= 1")
    .Attr("use_inter_op_parallelism: bool = true")
    .Attr("preserve_cardinality: bool = false")
    .SetShapeFn(ScalarShape)
    .Doc(R"doc(
Creates a dataset that applies `f` to the elements of `input_dataset`.

f: A function of an element's components followed by `other_arguments`.
)doc");

REGISTER_OP("ParallelMapDataset")
    .NoGradient()
    .Input("input_dataset: variant")
    .Input("other_arguments: Targuments")
    .Input("num_parallel_calls: int32")
    .Output("handle: variant")
    .Attr("f: func")
    .Attr("Targuments: list(type) >= 0")
    .Attr("output_types: list(type) >= 1")
    .Attr("output_shapes: list(shape) >= 1")
    .Attr("use_inter_op_parallelism: bool = true")
    .Attr("sloppy: bool = false")
    .Attr("preserve_cardinality: bool = false")
    .SetShapeFn([](InferenceContext* c) { return ScalarInputs(c, {c->num_inputs() - 1}); })
    .Doc(R"doc(
Creates a dataset that applies `f` to the elements of `input_dataset`, up to
`num_parallel_calls` at a time, producing results in input order.

num_parallel_calls: Concurrent calls of `f`; -1 picks the number of cores.
)doc");

REGISTER_OP("FilterDataset")
    .NoGradient()
    .Input("input_dataset: variant")
    .Input("other_arguments: Targuments")
    .Output("handle: variant")
    .Attr("predicate: func")
    .Attr("Targuments: list(type) >= 0")
    .Attr("output_types: list(type) >= 1")
    .Attr("output_shapes: list(shape) >= 1")
    .SetShapeFn(ScalarShape)
    .Doc(R"doc(
Creates a dataset containing the elements of `input_dataset` matching `predicate`.

predicate: A function of an element's components (then `other_arguments`) returning a
  scalar bool.
)doc");

REGISTER_OP("FlatMapDataset")
    .NoGradient()
    .Input("input_dataset: variant")
    .Input("other_arguments: Targuments")
    .Output("handle: variant")
    .Attr("f: func")
    .Attr("Targuments: list(type) >= 0")
    .Attr("output_types: list(type) >= 1")
    .Attr("output_shapes: list(shape) >= 1")
    .SetShapeFn(ScalarShape)
    .Doc(R"doc(
Creates a dataset that maps each element of `input_dataset` to a dataset with `f` and
emits the elements of those datasets one after another.

f: A function of an element's components (then `other_arguments`) returning a dataset
  variant whose elements match `output_types` and `output_shapes`.
)doc");

REGISTER_OP("InterleaveDataset")
    .NoGradient()
    .Input("input_dataset: variant")
    .Input("other_arguments: Targuments")
    .Input("cycle_length: int64")
    .Input("block_length: int64")
    .Output("handle: variant")
    .Attr("f: func")
    .Attr("Targuments: list(type) >= 0")
    .Attr("output_types: list(type) >= 1")
    .Attr("output_shapes: list(shape) >= 1")
    .SetShapeFn([](InferenceContext* c) {
      return ScalarInputs(c, {c->num_inputs() - 2, c->num_inputs() - 1});
    })
    .Doc(R"doc(
Creates a dataset that maps each element of `input_dataset` to a dataset with `f` and
interleaves them: `block_length` elements from each of `cycle_length` open datasets in
turn.
)doc");

REGISTER_OP("ShuffleDataset")
    .NoGradient()
    .Input("input_dataset: variant")
    .Input("buffer_size: int64")
    .Input("seed: int64")
    .Input("seed2: int64")
    .Output("handle: variant")
    .Attr("reshuffle_each_iteration: bool = true")
    .Attr("output_types: list(type) >= 1")
    .Attr("output_shapes: list(shape) >= 1")
    .SetShapeFn([](InferenceContext* c) {
      return ScalarInputs(c, {1, 2, 3});
    })
    .Doc(R"doc(
Creates a dataset that shuffles elements from `input_dataset` pseudorandomly, through a
buffer of `buffer_size` elements.

seed: With seed2, the Philox seed; both 0 means a nondeterministic seed.
reshuffle_each_iteration: Each new iterator (each initialization, each repetition) draws
  new seeds from a generator seeded by (seed, seed2), so the order changes; false
  replays one order.
)doc");

REGISTER_OP("RepeatDataset")
    .NoGradient()
    .Input("input_dataset: variant")
    .Input("count: int64")
    .Output("handle: variant")
    .Attr("output_types: list(type) >= 1")
    .Attr("output_shapes: list(shape) >= 1")
    .SetShapeFn([](InferenceContext* c) { return ScalarInputs(c, {1}); })
    .Doc(R"doc(
Creates a dataset that emits the elements of `input_dataset` `count` times.

count: -1 repeats forever.
)doc");

REGISTER_OP("BatchDatasetV2")
    .NoGradient()
    .Input("input_dataset: variant")
    .Input("batch_size: int64")
    .Input("drop_remainder: bool")
    .Output("handle: variant")
    .Attr("parallel_copy: bool = false")
    .Attr("output_types: list(type) >= 1")
    .Attr("output_shapes: list(shape) >= 1")
    .SetShapeFn([](InferenceContext* c) {
      return ScalarInputs(c, {1, 2});
    })
    .Doc(R"doc(
Creates a dataset that stacks `batch_size` consecutive elements of `input_dataset`.

drop_remainder: Drop a last batch smaller than `batch_size` instead of emitting it.
)doc");

REGISTER_OP("PaddedBatchDatasetV2")
    .NoGradient()
    .Input("input_dataset: variant")
    .Input("batch_size: int64")
    .Input("padded_shapes: N * int64")
    .Input("padding_values: Toutput_types")
    .Input("drop_remainder: bool")
    .Output("handle: variant")
    .Attr("parallel_copy: bool = false")
    .Attr("Toutput_types: list(type) >= 1")
    .Attr("output_shapes: list(shape) >= 1")
    .Attr("N: int >= 1")
    .SetShapeFn([](InferenceContext* c) {
      ShapeHandle unused;
      const int n = (c->num_inputs() - 3) / 2;
      for (int i = 0; i < n; ++i) {
        RETURN_IF_ERROR(c->WithRank(c->input(2 + i), 1, &unused));
        RETURN_IF_ERROR(c->WithRank(c->input(2 + n + i), 0, &unused));
      }
      return ScalarInputs(c, {1, c->num_inputs() - 1});
    })
    .Doc(R"doc(
Creates a dataset that batches elements of `input_dataset`, padding each component to
`padded_shapes` with its `padding_values`.

padded_shapes: One vector per component; a -1 dimension pads to the largest in the batch.
padding_values: One scalar per component.
)doc");

REGISTER_OP("TakeDataset")
    .NoGradient()
    .Input("input_dataset: variant")
    .Input("count: int64")
    .Output("handle: variant")
    .Attr("output_types: list(type) >= 1")
    .Attr("output_shapes: list(shape) >= 1")
    .SetShapeFn([](InferenceContext* c) { return ScalarInputs(c, {1}); })
    .Doc(R"doc(
Creates a dataset with at most `count` elements of `input_dataset` (-1: all).
)doc");

REGISTER_OP("SkipDataset")
    .NoGradient()
    .Input("input_dataset: variant")
    .Input("count: int64")
    .Output("handle: variant")
    .Attr("output_types: list(type) >= 1")
    .Attr("output_shapes: list(shape) >= 1")
    .SetShapeFn([](InferenceContext* c) { return ScalarInputs(c, {1}); })
    .Doc(R"doc(
Creates a dataset that skips `count` elements of `input_dataset` (-1: all).
)doc");

REGISTER_OP("ZipDataset")
    .NoGradient()
    .Input("input_datasets: N * variant")
    .Output("handle: variant")
    .Attr("output_types: list(type) >= 1")
    .Attr("output_shapes: list(shape) >= 1")
    .Attr("N: int >= 1")
    .SetShapeFn(ScalarShape)
    .Doc(R"doc(
Creates a dataset whose elements join the components of one element of each input; it
ends with the shortest input.
)doc");

REGISTER_OP("ConcatenateDataset")
    .NoGradient()
    .Input("input_dataset: variant")
    .Input("another_dataset: variant")
    .Output("handle: variant")
    .Attr("output_types: list(type) >= 1")
    .Attr("output_shapes: list(shape) >= 1")
    .SetShapeFn(ScalarShape)
    .Doc(R"doc(
Creates a dataset with the elements of `input_dataset`, then those of `another_dataset`.
)doc");

REGISTER_OP("PrefetchDataset")
    .NoGradient()
    .Input("input_dataset: variant")
    .Input("buffer_size: int64")
    .Output("handle: variant")
    .Attr("output_types: list(type) >= 1")
    .Attr("output_shapes: list(shape) >= 1")
    .Attr("slack_period: int = 0")
    .Attr("legacy_autotune: bool = true")
    .SetShapeFn([](InferenceContext* c) { return ScalarInputs(c, {1}); })
    .Doc(R"doc(
Creates a dataset that computes up to `buffer_size` elements of `input_dataset` ahead, on
a background thread.

buffer_size: 0 passes elements through; -1 (AUTOTUNE) buffers one.
)doc");

REGISTER_OP("CacheDataset")
    .NoGradient()
    .Input("input_dataset: variant")
    .Input("filename: string")
    .Output("handle: variant")
    .Attr("output_types: list(type) >= 1")
    .Attr("output_shapes: list(shape) >= 1")
    .SetShapeFn([](InferenceContext* c) { return ScalarInputs(c, {1}); })
    .Doc(R"doc(
Creates a dataset that keeps the elements of `input_dataset` in memory after a first full
pass, and replays them on later passes of the same iterator.

filename: Must be "" (Rill caches in memory only).
)doc");

// --- iterators ---

REGISTER_OP("IteratorV2")
    .NoGradient()
    .Output("handle: resource")
    .Attr("shared_name: string")
    .Attr("container: string")
    .Attr("output_types: list(type) >= 1")
    .Attr("output_shapes: list(shape) >= 1")
    .SetShapeFn(ScalarShape)
    .Doc(R"doc(
A handle to an iterator resource of the session, which MakeIterator initializes.

shared_name: Its name; empty means the node's name.
container: Its container; empty means the device's default container.
)doc");

REGISTER_OP("MakeIterator")
    .NoGradient()
    .Input("dataset: variant")
    .Input("iterator: resource")
    .SetShapeFn([](InferenceContext* c) {
      ShapeHandle unused;
      RETURN_IF_ERROR(c->WithRank(c->input(0), 0, &unused));
      RETURN_IF_ERROR(c->WithRank(c->input(1), 0, &unused));
      return NoOutputs(c);
    })
    .Doc(R"doc(
Makes a new iterator from `dataset` and stores it in `iterator`, restarting it.
)doc");

REGISTER_OP("OneShotIterator")
    .NoGradient()
    .Output("handle: resource")
    .Attr("dataset_factory: func")
    .Attr("output_types: list(type) >= 1")
    .Attr("output_shapes: list(shape) >= 1")
    .Attr("container: string = ''")
    .Attr("shared_name: string = ''")
    .SetIsStateful()
    .SetShapeFn(ScalarShape)
    .Doc(R"doc(
An iterator initialized, at its first run, from the dataset `dataset_factory` returns.

dataset_factory: A function of no arguments returning a dataset variant.
)doc");

REGISTER_OP("IteratorGetNext")
    .NoGradient()
    .Input("iterator: resource")
    .Output("components: output_types")
    .Attr("output_types: list(type) >= 1")
    .Attr("output_shapes: list(shape) >= 1")
    .SetShapeFn(IteratorGetNextShape)
    .Doc(R"doc(
Gets the next element of an iterator; OutOfRange once the iterator is exhausted.
)doc");

}  // namespace rill
