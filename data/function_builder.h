// Building the functions datasets run: a C++ callable's graph (a map's body) or part of a
// graph (a one-shot iterator's dataset) turned into a TensorFlow FunctionDef in the graph's
// library, which the dataset op then names in a `func` attr.
#ifndef RILL_DATA_FUNCTION_BUILDER_H_
#define RILL_DATA_FUNCTION_BUILDER_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "core/client/ops.h"
#include "core/client/scope.h"
#include "core/framework/tensor_shape.h"
#include "core/framework/types.h"
#include "core/graph/graph.h"
#include "core/protos/attr_value.pb.h"
#include "core/protos/function.pb.h"

namespace rill {
namespace data {

// GraphToFunctionDef writes FunctionDef `name` computing `rets` from `args` with `nodes`
// (every node to include; those of `args` are skipped). Each arg must be output 0 of a
// node with no inputs (a Placeholder); it becomes the input arg named after that node.
// Output j is "output_j". Node inputs take TensorFlow's function form ("node:out_arg:i").
// InvalidArgument when a node reads a tensor that is neither an arg nor made by `nodes`.
absl::StatusOr<tensorflow::FunctionDef> GraphToFunctionDef(const std::string& name,
                                                           absl::Span<const Node* const> nodes,
                                                           const std::vector<Output>& args,
                                                           const std::vector<Output>& rets);

// UniqueFunctionName returns "<prefix>_<n>" with an n no other call in this process got,
// so functions built in different graphs never collide when their libraries merge.
std::string UniqueFunctionName(absl::string_view prefix);

// AddFunctionToLibrary adds `function` to `graph`'s library; one already there under that
// name is kept.
void AddFunctionToLibrary(const tensorflow::FunctionDef& function, Graph* graph);

// BodyFn builds a function's body in `body_scope` (a graph of its own) from the Outputs of
// its args, and returns the Outputs it returns.
using BodyFn =
    std::function<std::vector<Output>(const Scope& body_scope, const std::vector<Output>& args)>;

// BuiltFunction is a function added to a graph's library: the attr value naming it and
// the dtypes and inferred shapes of its results.
struct BuiltFunction {
  tensorflow::NameAttrList func;
  DataTypeVector ret_types;
  std::vector<PartialTensorShape> ret_shapes;
};

// BuildFunction runs `body` on Placeholders "args_0", "args_1", ... of `arg_types` and
// `arg_shapes` in a new graph, and adds the result (and any function the body's graph
// made, such as a nested map's) to the library of `scope`'s graph under a new name
// starting with `prefix`. The body's graph is separate: it may use its args and constants,
// not Outputs of `scope`'s graph. Errors from building the body name the function.
absl::StatusOr<BuiltFunction> BuildFunction(const Scope& scope, absl::string_view prefix,
                                            const DataTypeVector& arg_types,
                                            const std::vector<PartialTensorShape>& arg_shapes,
                                            const BodyFn& body);

}  // namespace data
}  // namespace rill

#endif  // RILL_DATA_FUNCTION_BUILDER_H_
