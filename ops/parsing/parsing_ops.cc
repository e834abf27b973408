// Parsing op definitions with TensorFlow's names, inputs and attrs: ParseExample (a batch
// of tf.train.Example protos), ParseSingleExample (one) and DecodeRaw. Kernels live in
// kernels/cpu/parsing; the client's FixedLenFeature/VarLenFeature wrappers in data/.
#include <cstdint>
#include <string>
#include <vector>

#include "core/framework/common_shape_fns.h"
#include "core/framework/errors.h"
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor_shape.h"

namespace rill {
namespace {

// SetParsedShapes sets the sparse outputs (indices [?, rank + 1], values [?], shape
// [rank + 1], where rank is the rank of `serialized`) and the dense outputs
// (serialized's shape followed by each dense shape).
absl::Status SetParsedShapes(InferenceContext* c, ShapeHandle serialized, int num_sparse) {
  std::vector<PartialTensorShape> dense_shapes;
  RETURN_IF_ERROR(c->GetAttr("dense_shapes", &dense_shapes));
  const int rank = c->Rank(serialized);
  int output = 0;
  for (int i = 0; i < num_sparse; ++i)
    c->set_output(output++, c->Matrix(c->UnknownDim(), rank + 1));
  for (int i = 0; i < num_sparse; ++i) c->set_output(output++, c->Vector(c->UnknownDim()));
  for (int i = 0; i < num_sparse; ++i) c->set_output(output++, c->Vector(rank + 1));
  if (output + static_cast<int>(dense_shapes.size()) != c->num_outputs()) {
    return errors::InvalidArgument("dense_shapes has ", dense_shapes.size(),
                                   " shapes, but there are ", c->num_outputs() - output,
                                   " dense outputs");
  }
  for (const PartialTensorShape& shape : dense_shapes) {
    ShapeHandle dense;
    RETURN_IF_ERROR(c->Concatenate(serialized, c->MakeShapeFromPartialTensorShape(shape), &dense));
    c->set_output(output++, dense);
  }
  return absl::OkStatus();
}

}  // namespace

REGISTER_OP("ParseExample")
    .NoGradient()
    .Input("serialized: string")
    .Input("names: string")
    .Input("sparse_keys: Nsparse * string")
    .Input("dense_keys: Ndense * string")
    .Input("dense_defaults: Tdense")
    .Output("sparse_indices: Nsparse * int64")
    .Output("sparse_values: sparse_types")
    .Output("sparse_shapes: Nsparse * int64")
    .Output("dense_values: Tdense")
    .Attr("Nsparse: int >= 0")
    .Attr("Ndense: int >= 0")
    .Attr("sparse_types: list({float,int64,string}) >= 0")
    .Attr("Tdense: list({float,int64,string}) >= 0")
    .Attr("dense_shapes: list(shape) >= 0")
    .SetShapeFn([](InferenceContext* c) {
      ShapeHandle serialized;
      RETURN_IF_ERROR(c->WithRank(c->input(0), 1, &serialized));
      ShapeHandle unused;
      RETURN_IF_ERROR(c->WithRank(c->input(1), 1, &unused));
      int64_t num_sparse;
      RETURN_IF_ERROR(c->GetAttr("Nsparse", &num_sparse));
      return SetParsedShapes(c, serialized, static_cast<int>(num_sparse));
    })
    .Doc(R"doc(
Transforms a vector of serialized tf.train.Example protos into typed tensors.

For sparse key j (a VarLenFeature), the values of all examples form one SparseTensor:
sparse_indices[j] is [N, 2] (example, position), sparse_values[j] the N values and
sparse_shapes[j] [batch size, longest list]. For dense key j (a FixedLenFeature), dense
value j is [batch size] + dense_shapes[j]; an example without the feature takes
dense_defaults[j], which an empty tensor makes required.

names: Names of the examples for error messages, or an empty vector.
)doc");

REGISTER_OP("ParseSingleExample")
    .NoGradient()
    .Input("serialized: string")
    .Input("dense_defaults: Tdense")
    .Output("sparse_indices: num_sparse * int64")
    .Output("sparse_values: sparse_types")
    .Output("sparse_shapes: num_sparse * int64")
    .Output("dense_values: Tdense")
    .Attr("num_sparse: int >= 0")
    .Attr("sparse_keys: list(string) >= 0")
    .Attr("dense_keys: list(string) >= 0")
    .Attr("sparse_types: list({float,int64,string}) >= 0")
    .Attr("Tdense: list({float,int64,string}) >= 0")
    .Attr("dense_shapes: list(shape) >= 0")
    .SetShapeFn([](InferenceContext* c) {
      ShapeHandle serialized;
      RETURN_IF_ERROR(c->WithRank(c->input(0), 0, &serialized));
      int64_t num_sparse;
      RETURN_IF_ERROR(c->GetAttr("num_sparse", &num_sparse));
      return SetParsedShapes(c, serialized, static_cast<int>(num_sparse));
    })
    .Doc(R"doc(
Transforms one serialized tf.train.Example proto into typed tensors, as ParseExample does
for a batch: sparse indices are [N, 1] and sparse shapes [list length].
)doc");

REGISTER_OP("DecodeRaw")
    .NoGradient()
    .Input("bytes: string")
    .Output("output: out_type")
    .Attr(
        "out_type: "
        "{half,float,double,int32,uint16,uint8,int16,int8,int64,complex64,complex128,bool}")
    .Attr("little_endian: bool = true")
    .SetShapeFn([](InferenceContext* c) {
      ShapeHandle out;
      RETURN_IF_ERROR(c->Concatenate(c->input(0), c->Vector(c->UnknownDim()), &out));
      c->set_output(0, out);
      return absl::OkStatus();
    })
    .Doc(R"doc(
Reinterprets the bytes of each string as a vector of numbers.

bytes: Strings that all have the same length, a multiple of the size of out_type.
little_endian: Whether the bytes are little-endian (ignored for one-byte types).
output: One more dimension than `bytes`: the numbers of each string.
)doc");

}  // namespace rill
