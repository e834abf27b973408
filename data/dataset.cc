// Dataset: each method adds its dataset op (with TensorFlow's helper constants: "count",
// "buffer_size", ...) and computes the element structure as TensorFlow's Python does.
#include "data/dataset.h"

#include <algorithm>
#include <cstring>
#include <utility>

#include "absl/strings/str_cat.h"
#include "core/client/const_op.h"
#include "core/framework/errors.h"
#include "core/graph/graph.h"
#include "core/graph/prune.h"
#include "data/function_builder.h"
#include "ops/data/dataset_ops.h"
#include "ops/random/random_seed.h"

namespace rill {
namespace data {
namespace {

// NoArguments is the other_arguments of a function dataset: Rill's functions capture
// nothing from the dataset's graph.
InputList NoArguments() { return InputList(absl::Span<const Input>()); }

// ToOutput is `input` as an Output of `scope`'s graph: a constant becomes a Const node
// named `name`.
Output ToOutput(const Scope& scope, const Input& input, absl::string_view name) {
  if (!input.status().ok()) {
    scope.UpdateStatus(input.status());
    return Output();
  }
  if (input.is_constant()) return ops::Const(scope.WithOpName(name), input.tensor());
  return input.output();
}

Output Int64Const(const Scope& scope, absl::string_view name, int64_t value) {
  return ops::Const(scope.WithOpName(name), Input::Initializer(value));
}

Output StringConst(const Scope& scope, absl::string_view name, const std::string& value) {
  return ops::Const(scope.WithOpName(name), Input::Initializer(value));
}

// ZeroScalar is the zero of `dtype` ("" for strings).
Tensor ZeroScalar(DataType dtype) {
  Tensor zero(dtype, TensorShape());
  if (DataTypeCanUseMemcpy(dtype)) std::memset(zero.data(), 0, DataTypeSize(dtype));
  return zero;
}

// MostSpecificCompatibleShape keeps the dims `a` and `b` agree on, unknown elsewhere.
PartialTensorShape MostSpecificCompatibleShape(const PartialTensorShape& a,
                                               const PartialTensorShape& b) {
  if (a.unknown_rank() || b.unknown_rank() || a.dims() != b.dims()) return PartialTensorShape();
  std::vector<int64_t> dims(a.dims());
  for (int d = 0; d < a.dims(); ++d) {
    dims[d] = a.dim_size(d) == b.dim_size(d) ? a.dim_size(d) : -1;
  }
  return PartialTensorShape(dims);
}

}  // namespace

Dataset::Dataset(const Scope& scope, Output variant, DataTypeVector dtypes,
                 std::vector<PartialTensorShape> shapes)
    : scope_(scope.NewSubScope("")),
      variant_(variant),
      types_{std::move(dtypes)},
      shapes_{std::move(shapes)} {}

Dataset Dataset::Failed(const Scope& scope) { return Dataset(scope, Output(), {}, {}); }

Dataset Dataset::Derived(Output variant, DataTypeVector dtypes,
                         std::vector<PartialTensorShape> shapes) const {
  if (variant.node() == nullptr) return Failed(scope_);
  return Dataset(scope_, variant, std::move(dtypes), std::move(shapes));
}

// --- sources ---

Dataset Dataset::FromTensors(const Scope& scope, const std::vector<Input>& components) {
  const Scope tensors = scope.NewSubScope("tensors");
  std::vector<Output> outputs;
  DataTypeVector dtypes;
  std::vector<PartialTensorShape> shapes;
  for (size_t i = 0; i < components.size(); ++i) {
    outputs.push_back(ToOutput(tensors, components[i], absl::StrCat("component_", i)));
    dtypes.push_back(outputs.back().type());
    shapes.push_back(outputs.back().shape());
  }
  if (!scope.ok()) return Failed(scope);
  std::vector<Input> inputs(outputs.begin(), outputs.end());
  ops::TensorDataset dataset(scope, InputList(inputs), shapes);
  return Dataset(scope, dataset.handle, std::move(dtypes), std::move(shapes));
}

Dataset Dataset::FromTensorSlices(const Scope& scope, const std::vector<Input>& components) {
  const Scope tensors = scope.NewSubScope("tensors");
  std::vector<Output> outputs;
  DataTypeVector dtypes;
  std::vector<PartialTensorShape> shapes;
  int64_t rows = -1;
  for (size_t i = 0; i < components.size(); ++i) {
    outputs.push_back(ToOutput(tensors, components[i], absl::StrCat("component_", i)));
    if (!scope.ok()) return Failed(scope);
    const PartialTensorShape shape = outputs.back().shape();
    if (shape.dims() == 0) {
      scope.UpdateStatus(errors::InvalidArgument("FromTensorSlices: component ", i,
                                                 " is a scalar; slicing needs rank >= 1"));
      return Failed(scope);
    }
    if (!shape.unknown_rank() && shape.dim_size(0) >= 0) {
      if (rows >= 0 && shape.dim_size(0) != rows) {
        scope.UpdateStatus(errors::InvalidArgument(
            "FromTensorSlices: all components must have the same size in dimension 0; "
            "component ",
            i, " has ", shape.dim_size(0), " rows, an earlier one ", rows));
        return Failed(scope);
      }
      rows = shape.dim_size(0);
    }
    dtypes.push_back(outputs.back().type());
    shapes.push_back(shape.unknown_rank()
                         ? PartialTensorShape()
                         : PartialTensorShape(std::vector<int64_t>(shape.dim_sizes().begin() + 1,
                                                                   shape.dim_sizes().end())));
  }
  std::vector<Input> inputs(outputs.begin(), outputs.end());
  ops::TensorSliceDataset dataset(scope, InputList(inputs), shapes);
  return Dataset(scope, dataset.handle, std::move(dtypes), std::move(shapes));
}

Dataset Dataset::FromGenerator(const Scope& scope, GeneratorFactory factory,
                               const DataTypeVector& dtypes,
                               const std::vector<PartialTensorShape>& shapes) {
  if (dtypes.empty() || dtypes.size() != shapes.size()) {
    scope.UpdateStatus(errors::InvalidArgument(
        "FromGenerator needs one shape per dtype and at least one component, got ", dtypes.size(),
        " dtypes and ", shapes.size(), " shapes"));
    return Failed(scope);
  }
  if (!scope.ok()) return Failed(scope);
  const std::string token = GeneratorRegistry::Global()->Register(std::move(factory));
  ops::CppGeneratorDataset dataset(scope, token, dtypes, shapes);
  return Dataset(scope, dataset.handle, dtypes, shapes);
}

Dataset Dataset::Range(const Scope& scope, int64_t stop) { return Range(scope, 0, stop, 1); }

Dataset Dataset::Range(const Scope& scope, int64_t start, int64_t stop, int64_t step) {
  const Output start_tensor = Int64Const(scope, "start", start);
  const Output stop_tensor = Int64Const(scope, "stop", stop);
  const Output step_tensor = Int64Const(scope, "step", step);
  const PartialTensorShape scalar{TensorShape()};
  ops::RangeDataset dataset(scope, start_tensor, stop_tensor, step_tensor, {DT_INT64}, {scalar});
  return Dataset(scope, dataset.handle, {DT_INT64}, {scalar});
}

Dataset Dataset::TextLine(const Scope& scope, const Input& filenames,
                          const std::string& compression_type, int64_t buffer_size) {
  const Output names = ToOutput(scope, filenames, "filenames");
  const Output compression = StringConst(scope, "compression_type", compression_type);
  const Output buffer = Int64Const(scope, "buffer_size", buffer_size);
  ops::TextLineDataset dataset(scope, names, compression, buffer);
  return Dataset(scope, dataset.handle, {DT_STRING}, {PartialTensorShape(TensorShape())});
}

Dataset Dataset::FixedLengthRecord(const Scope& scope, const Input& filenames, int64_t record_bytes,
                                   int64_t header_bytes, int64_t footer_bytes, int64_t buffer_size,
                                   const std::string& compression_type) {
  const Output names = ToOutput(scope, filenames, "filenames");
  const Output header = Int64Const(scope, "header_bytes", header_bytes);
  const Output record = Int64Const(scope, "record_bytes", record_bytes);
  const Output footer = Int64Const(scope, "footer_bytes", footer_bytes);
  const Output buffer = Int64Const(scope, "buffer_size", buffer_size);
  const Output compression = StringConst(scope, "compression_type", compression_type);
  ops::FixedLengthRecordDatasetV2 dataset(scope, names, header, record, footer, buffer,
                                          compression);
  return Dataset(scope, dataset.handle, {DT_STRING}, {PartialTensorShape(TensorShape())});
}

Dataset Dataset::TFRecord(const Scope& scope, const Input& filenames,
                          const std::string& compression_type, int64_t buffer_size) {
  const Output names = ToOutput(scope, filenames, "filenames");
  const Output compression = StringConst(scope, "compression_type", compression_type);
  const Output buffer = Int64Const(scope, "buffer_size", buffer_size);
  ops::TFRecordDataset dataset(scope, names, compression, buffer);
  return Dataset(scope, dataset.handle, {DT_STRING}, {PartialTensorShape(TensorShape())});
}

Dataset Dataset::Zip(const std::vector<Dataset>& datasets) {
  if (datasets.empty()) {
    Scope scope = Scope::NewRootScope();
    scope.UpdateStatus(errors::InvalidArgument("Zip needs at least one dataset"));
    return Failed(scope);
  }
  const Dataset& first = datasets[0];
  std::vector<Input> inputs;
  DataTypeVector dtypes;
  std::vector<PartialTensorShape> shapes;
  for (const Dataset& dataset : datasets) {
    if (!dataset.ok()) return Failed(first.scope_);
    inputs.push_back(dataset.variant_);
    dtypes.insert(dtypes.end(), dataset.types_.dtypes.begin(), dataset.types_.dtypes.end());
    shapes.insert(shapes.end(), dataset.shapes_.shapes.begin(), dataset.shapes_.shapes.end());
  }
  ops::ZipDataset zipped(first.scope_, InputList(inputs), dtypes, shapes);
  return first.Derived(zipped.handle, std::move(dtypes), std::move(shapes));
}

// --- transformations ---

Dataset Dataset::Map(const MapFn& fn, int num_parallel_calls) const {
  if (!ok()) return Failed(scope_);
  absl::StatusOr<BuiltFunction> built =
      BuildFunction(scope_, "Dataset_map", types_.dtypes, shapes_.shapes, fn);
  if (!built.ok()) {
    scope_.UpdateStatus(built.status());
    return Failed(scope_);
  }
  if (num_parallel_calls == 0) {
    ops::MapDataset mapped(scope_, variant_, NoArguments(), built->func, built->ret_types,
                           built->ret_shapes);
    return Derived(mapped.handle, built->ret_types, built->ret_shapes);
  }
  const Output calls = ops::Const(scope_.WithOpName("num_parallel_calls"),
                                  Input::Initializer(static_cast<int32_t>(num_parallel_calls)));
  ops::ParallelMapDataset mapped(scope_, variant_, NoArguments(), calls, built->func,
                                 built->ret_types, built->ret_shapes);
  return Derived(mapped.handle, built->ret_types, built->ret_shapes);
}

Dataset Dataset::Filter(const PredicateFn& predicate) const {
  if (!ok()) return Failed(scope_);
  absl::StatusOr<BuiltFunction> built =
      BuildFunction(scope_, "Dataset_filter", types_.dtypes, shapes_.shapes,
                    [&predicate](const Scope& scope, const std::vector<Output>& element) {
                      return std::vector<Output>{predicate(scope, element)};
                    });
  if (built.ok() && (built->ret_types != DataTypeVector{DT_BOOL} ||
                     !built->ret_shapes[0].IsCompatibleWith(PartialTensorShape(TensorShape())))) {
    built = errors::InvalidArgument(
        "`predicate` return type must be convertible to a scalar boolean tensor. Was ",
        DataTypeVectorString(built->ret_types), " of shape ", built->ret_shapes[0].DebugString());
  }
  if (!built.ok()) {
    scope_.UpdateStatus(built.status());
    return Failed(scope_);
  }
  ops::FilterDataset filtered(scope_, variant_, NoArguments(), built->func, types_.dtypes,
                              shapes_.shapes);
  return Derived(filtered.handle, types_.dtypes, shapes_.shapes);
}

Dataset Dataset::FunctionTransformation(absl::string_view kind, const DatasetFn& fn,
                                        int64_t cycle_length, int64_t block_length) const {
  if (!ok()) return Failed(scope_);
  DataTypes inner_types;
  Shapes inner_shapes;
  absl::StatusOr<BuiltFunction> built =
      BuildFunction(scope_, absl::StrCat("Dataset_", kind), types_.dtypes, shapes_.shapes,
                    [&](const Scope& scope, const std::vector<Output>& element) {
                      const Dataset inner = fn(scope, element);
                      inner_types = inner.types_;
                      inner_shapes = inner.shapes_;
                      return std::vector<Output>{inner.variant_};
                    });
  if (!built.ok()) {
    scope_.UpdateStatus(built.status());
    return Failed(scope_);
  }
  if (kind == "flat_map") {
    ops::FlatMapDataset flat(scope_, variant_, NoArguments(), built->func, inner_types.dtypes,
                             inner_shapes.shapes);
    return Derived(flat.handle, inner_types.dtypes, inner_shapes.shapes);
  }
  const Output cycle = Int64Const(scope_, "cycle_length", cycle_length);
  const Output block = Int64Const(scope_, "block_length", block_length);
  ops::InterleaveDataset interleaved(scope_, variant_, NoArguments(), cycle, block, built->func,
                                     inner_types.dtypes, inner_shapes.shapes);
  return Derived(interleaved.handle, inner_types.dtypes, inner_shapes.shapes);
}

Dataset Dataset::FlatMap(const DatasetFn& fn) const {
  return FunctionTransformation("flat_map", fn, 0, 0);
}

Dataset Dataset::Interleave(const DatasetFn& fn, int64_t cycle_length, int64_t block_length) const {
  return FunctionTransformation("interleave", fn, cycle_length, block_length);
}

Dataset Dataset::Shuffle(int64_t buffer_size, std::optional<int64_t> seed,
                         bool reshuffle_each_iteration) const {
  if (!ok()) return Failed(scope_);
  // As TensorFlow: buffer_size first, then the seeds, which count the graph's ops so far.
  const Output buffer = Int64Const(scope_, "buffer_size", buffer_size);
  const auto [seed1, seed2] = ops::get_seed(scope_, seed);
  const Output seed_tensor = Int64Const(scope_, "seed", seed1);
  const Output seed2_tensor = Int64Const(scope_, "seed2", seed2);
  ops::ShuffleDataset shuffled(
      scope_, variant_, buffer, seed_tensor, seed2_tensor, types_.dtypes, shapes_.shapes,
      ops::ShuffleDataset::ReshuffleEachIteration(reshuffle_each_iteration));
  return Derived(shuffled.handle, types_.dtypes, shapes_.shapes);
}

Dataset Dataset::Repeat(int64_t count) const {
  if (!ok()) return Failed(scope_);
  ops::RepeatDataset repeated(scope_, variant_, Int64Const(scope_, "count", count), types_.dtypes,
                              shapes_.shapes);
  return Derived(repeated.handle, types_.dtypes, shapes_.shapes);
}

Dataset Dataset::Batch(int64_t batch_size, bool drop_remainder) const {
  if (!ok()) return Failed(scope_);
  const Output size = Int64Const(scope_, "batch_size", batch_size);
  const Output drop =
      ops::Const(scope_.WithOpName("drop_remainder"), Input::Initializer(drop_remainder));
  std::vector<PartialTensorShape> shapes;
  for (const PartialTensorShape& shape : shapes_.shapes) {
    shapes.push_back(PartialTensorShape({drop_remainder ? batch_size : -1}).Concatenate(shape));
  }
  ops::BatchDatasetV2 batched(scope_, variant_, size, drop, types_.dtypes, shapes);
  return Derived(batched.handle, types_.dtypes, std::move(shapes));
}

Dataset Dataset::PaddedBatch(int64_t batch_size,
                             const std::vector<PartialTensorShape>& padded_shapes,
                             const std::vector<Input>& padding_values, bool drop_remainder) const {
  if (!ok()) return Failed(scope_);
  const size_t n = types_.dtypes.size();
  if (padded_shapes.size() != n || (!padding_values.empty() && padding_values.size() != n)) {
    scope_.UpdateStatus(errors::InvalidArgument(
        "PaddedBatch needs one padded shape (and one padding value, if any) per component: "
        "the dataset has ",
        n, " components, got ", padded_shapes.size(), " shapes and ", padding_values.size(),
        " values"));
    return Failed(scope_);
  }
  const Output size = Int64Const(scope_, "batch_size", batch_size);
  std::vector<Input> shape_inputs;
  std::vector<Input> value_inputs;
  std::vector<PartialTensorShape> shapes;
  for (size_t i = 0; i < n; ++i) {
    const PartialTensorShape& padded = padded_shapes[i];
    const PartialTensorShape& element = shapes_.shapes[i];
    bool fits =
        !padded.unknown_rank() && (element.unknown_rank() || element.dims() == padded.dims());
    for (int d = 0; fits && !element.unknown_rank() && d < element.dims(); ++d) {
      fits = padded.dim_size(d) < 0 || element.dim_size(d) < 0 ||
             element.dim_size(d) <= padded.dim_size(d);
    }
    if (!fits) {
      scope_.UpdateStatus(errors::InvalidArgument("The padded shape ", padded.DebugString(),
                                                  " is not compatible with the "
                                                  "corresponding input component shape ",
                                                  element.DebugString()));
      return Failed(scope_);
    }
    std::vector<int64_t> dims(padded.dim_sizes().begin(), padded.dim_sizes().end());
    shape_inputs.push_back(ToOutput(scope_, Input::Initializer(dims), "padded_shapes"));
    value_inputs.push_back(padding_values.empty()
                               ? ToOutput(scope_, ZeroScalar(types_.dtypes[i]), "padding_value")
                               : ToOutput(scope_, padding_values[i], "padding_value"));
    shapes.push_back(PartialTensorShape({drop_remainder ? batch_size : -1}).Concatenate(padded));
  }
  const Output drop =
      ops::Const(scope_.WithOpName("drop_remainder"), Input::Initializer(drop_remainder));
  ops::PaddedBatchDatasetV2 batched(scope_, variant_, size, InputList(shape_inputs),
                                    InputList(value_inputs), drop, shapes);
  return Derived(batched.handle, types_.dtypes, std::move(shapes));
}

Dataset Dataset::Take(int64_t count) const {
  if (!ok()) return Failed(scope_);
  ops::TakeDataset taken(scope_, variant_, Int64Const(scope_, "count", count), types_.dtypes,
                         shapes_.shapes);
  return Derived(taken.handle, types_.dtypes, shapes_.shapes);
}

Dataset Dataset::Skip(int64_t count) const {
  if (!ok()) return Failed(scope_);
  ops::SkipDataset skipped(scope_, variant_, Int64Const(scope_, "count", count), types_.dtypes,
                           shapes_.shapes);
  return Derived(skipped.handle, types_.dtypes, shapes_.shapes);
}

Dataset Dataset::Concatenate(const Dataset& other) const {
  if (!ok() || !other.ok()) return Failed(scope_);
  if (types_.dtypes != other.types_.dtypes) {
    scope_.UpdateStatus(errors::InvalidArgument(
        "Two datasets to concatenate have different types (", DataTypeVectorString(types_.dtypes),
        ") and (", DataTypeVectorString(other.types_.dtypes), ")"));
    return Failed(scope_);
  }
  std::vector<PartialTensorShape> shapes;
  for (size_t i = 0; i < shapes_.shapes.size(); ++i) {
    shapes.push_back(MostSpecificCompatibleShape(shapes_.shapes[i], other.shapes_.shapes[i]));
  }
  ops::ConcatenateDataset concatenated(scope_, variant_, other.variant_, types_.dtypes, shapes);
  return Derived(concatenated.handle, types_.dtypes, std::move(shapes));
}

Dataset Dataset::Prefetch(int64_t buffer_size) const {
  if (!ok()) return Failed(scope_);
  ops::PrefetchDataset prefetched(scope_, variant_, Int64Const(scope_, "buffer_size", buffer_size),
                                  types_.dtypes, shapes_.shapes);
  return Derived(prefetched.handle, types_.dtypes, shapes_.shapes);
}

Dataset Dataset::Cache(const std::string& filename) const {
  if (!ok()) return Failed(scope_);
  ops::CacheDataset cached(scope_, variant_, StringConst(scope_, "filename", filename),
                           types_.dtypes, shapes_.shapes);
  return Derived(cached.handle, types_.dtypes, shapes_.shapes);
}

// --- iterators ---

Iterator Dataset::MakeOneShotIterator() const {
  const Iterator failed(scope_, Output(), Operation(), types_, shapes_);
  if (!ok()) return failed;
  absl::StatusOr<std::vector<const Node*>> nodes =
      PruneGraph(*scope_.graph(), {}, {variant_.name()}, {});
  if (!nodes.ok()) {
    scope_.UpdateStatus(nodes.status());
    return failed;
  }
  for (const Node* node : *nodes) {
    const std::string& op = node->type_string();
    if (op == "Placeholder" || op == "PlaceholderWithDefault") {
      scope_.UpdateStatus(errors::InvalidArgument(
          "Cannot capture a placeholder (name:", node->name(), ", type:", op,
          ") by value: a one-shot iterator rebuilds its dataset in a function; use "
          "MakeInitializableIterator"));
      return failed;
    }
    for (DataType dtype : node->output_types()) {
      if (dtype == DT_RESOURCE) {
        scope_.UpdateStatus(errors::InvalidArgument(
            "Failed to create a one-shot iterator for a dataset that captures the stateful "
            "object ",
            node->DebugString(), ": use MakeInitializableIterator"));
        return failed;
      }
    }
  }
  const std::string name = UniqueFunctionName("make_dataset");
  absl::StatusOr<tensorflow::FunctionDef> factory =
      GraphToFunctionDef(name, *nodes, {}, {variant_});
  if (!factory.ok()) {
    scope_.UpdateStatus(factory.status());
    return failed;
  }
  AddFunctionToLibrary(*factory, scope_.graph());
  tensorflow::NameAttrList func;
  func.set_name(name);
  ops::OneShotIterator iterator(scope_, func, types_.dtypes, shapes_.shapes);
  if (iterator.node() == nullptr) return failed;
  return Iterator(scope_, iterator.handle, Operation(), types_, shapes_);
}

Iterator Dataset::MakeInitializableIterator(const std::string& shared_name) const {
  if (!ok()) return Iterator(scope_, Output(), Operation(), types_, shapes_);
  ops::IteratorV2 iterator(scope_, shared_name, "", types_.dtypes, shapes_.shapes);
  ops::MakeIterator initializer(scope_, variant_, iterator.handle);
  return Iterator(scope_, iterator.handle, initializer.operation, types_, shapes_);
}

}  // namespace data
}  // namespace rill
