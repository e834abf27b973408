// Checkpoint op definitions: SaveV2 and RestoreV2, with TensorFlow's names, attrs and shape
// functions. Kernels live in kernels/cpu/io; the Saver that builds them in train/checkpoint.
#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "core/framework/common_shape_fns.h"
#include "core/framework/errors.h"
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"
#include "core/framework/status_macros.h"

namespace rill {
namespace {

// SliceShape parses a shape_and_slices element, "dim0 dim1 ... dimN-1 slice-spec" where
// slice-spec is "spec0:spec1:...:specN-1" and each spec is "-" (the whole dimension) or
// "start,length", and returns the shape of the slice it names.
absl::StatusOr<std::vector<int64_t>> SliceShape(const std::string& shape_and_slice) {
  const std::vector<std::string> parts = absl::StrSplit(shape_and_slice, ' ', absl::SkipEmpty());
  auto bad = [&](absl::string_view why) {
    return errors::InvalidArgument("Bad shape_and_slice '", shape_and_slice, "': ", why);
  };
  if (parts.empty()) return bad("empty");
  const std::vector<std::string> specs = absl::StrSplit(parts.back(), ':');
  if (specs.size() != parts.size() - 1) {
    return bad("the slice spec must have one entry per dimension");
  }
  std::vector<int64_t> shape;
  for (size_t i = 0; i < specs.size(); ++i) {
    int64_t dim;
    if (!absl::SimpleAtoi(parts[i], &dim) || dim < 0) return bad("a dimension is not a size");
    if (specs[i] == "-") {
      shape.push_back(dim);
      continue;
    }
    const std::vector<std::string> range = absl::StrSplit(specs[i], ',');
    int64_t start, length;
    if (range.size() != 2 || !absl::SimpleAtoi(range[0], &start) ||
        !absl::SimpleAtoi(range[1], &length) || start < 0 || length < 0 || start > dim ||
        length > dim - start) {
      return bad("a slice is not 'start,length' within its dimension");
    }
    shape.push_back(length);
  }
  return shape;
}

}  // namespace

REGISTER_OP("SaveV2")
    .NoGradient()
    .Input("prefix: string")
    .Input("tensor_names: string")
    .Input("shape_and_slices: string")
    .Input("tensors: dtypes")
    .Attr("dtypes: list(type)")
    .SetIsStateful()
    .SetShapeFn([](InferenceContext* c) {
      ShapeHandle unused;
      RETURN_IF_ERROR(c->WithRank(c->input(0), 0, &unused));
      for (int i = 1; i <= 2; ++i) {
        ShapeHandle names;
        DimensionHandle unused_dim;
        RETURN_IF_ERROR(c->WithRank(c->input(i), 1, &names));
        RETURN_IF_ERROR(c->WithValue(c->Dim(names, 0), c->num_inputs() - 3, &unused_dim));
      }
      return absl::OkStatus();
    })
    .Doc(R"doc(
Saves tensors in the V2 checkpoint format.

Writes `tensors[i]` under the name `tensor_names[i]` to the checkpoint `prefix`
(`<prefix>.index` and `<prefix>.data-00000-of-00001`), first under temporary names,
then renamed into place, the index last. `shape_and_slices[i]` must be "" (the whole
tensor); saving slices of partitioned variables is not supported.
)doc");

REGISTER_OP("RestoreV2")
    .NoGradient()
    .Input("prefix: string")
    .Input("tensor_names: string")
    .Input("shape_and_slices: string")
    .Output("tensors: dtypes")
    .Attr("dtypes: list(type)")
    .SetIsStateful()
    .SetShapeFn([](InferenceContext* c) {
      ShapeHandle prefix, names, slices, unused;
      RETURN_IF_ERROR(c->WithRank(c->input(0), 0, &prefix));
      RETURN_IF_ERROR(c->WithRank(c->input(1), 1, &names));
      RETURN_IF_ERROR(c->WithRank(c->input(2), 1, &slices));
      RETURN_IF_ERROR(c->Merge(names, slices, &unused));
      const Tensor* shape_and_slices = c->input_tensor(2);
      if (shape_and_slices == nullptr) return UnknownShape(c);
      if (shape_and_slices->dtype() != DT_STRING) {
        return errors::InvalidArgument("Expected an input tensor of type string.");
      }
      const auto specs = shape_and_slices->flat<std::string>();
      if (specs.size() != c->num_outputs()) {
        return errors::InvalidArgument("The number of shape_and_slice doesn't match tensor outputs.");
      }
      for (int i = 0; i < c->num_outputs(); ++i) {
        if (specs(i).empty()) {
          c->set_output(i, c->UnknownShape());
          continue;
        }
        ASSIGN_OR_RETURN(const std::vector<int64_t> shape, SliceShape(specs(i)));
        std::vector<DimensionHandle> dims;
        for (int64_t dim : shape) dims.push_back(c->MakeDim(dim));
        c->set_output(i, c->MakeShape(dims));
      }
      return absl::OkStatus();
    })
    .Doc(R"doc(
Restores tensors from a V2 checkpoint.

Reads the tensors saved under `tensor_names` from the checkpoint `prefix`, with the
shapes they were saved with; `dtypes[i]` must be the saved dtype of tensor i.
`shape_and_slices[i]` must be "" (the whole tensor). NotFound when the checkpoint or a
name is missing, InvalidArgument for a dtype mismatch, DataLoss when the files are
corrupted or truncated.
)doc");

}  // namespace rill
