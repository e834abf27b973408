// OpBuilder: adds one node to a Scope's graph from Inputs and attrs. The generated op
// builders (tools/op_gen) are written with it; hand-written builders may use it too.
#ifndef RILL_CORE_CLIENT_OP_BUILDER_H_
#define RILL_CORE_CLIENT_OP_BUILDER_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
#include "core/client/ops.h"
#include "core/client/scope.h"
#include "core/framework/attr_value_util.h"
#include "core/framework/node_def_builder.h"
#include "core/protos/attr_value.pb.h"

namespace rill {

class Node;

// OpBuilder builds one node of op `op_type` in `scope`:
//
//   OpBuilder builder(scope, "Add");
//   builder.Input(x).Input(y);
//   Node* node = builder.Finalize();    // nullptr on error; the error is in scope.status()
//   Output z = builder.SingleOutput("z");
//
// Inputs are given in the order of the op's input args, one Input per arg and one
// InputList per list arg. A constant Input becomes a `Const` node right away (named
// "Const", "Const_1", ... in the scope's name scope, with its device and control
// dependencies, never with its op name), so constants are named before the op, as in
// TensorFlow. Type attrs inferred from the inputs (T, N, list(type)) need not be set.
// Finalize names the node (scope.GetUniqueNameForOp(op_type)), applies the scope's device
// and control dependencies, and adds it with Graph::AddNode.
//
// Errors never throw: the first one goes into the scope's status and every later call does
// nothing. Nothing is built on a scope that already has an error.
class OpBuilder {
 public:
  OpBuilder(const Scope& scope, absl::string_view op_type);

  OpBuilder(const OpBuilder&) = delete;
  OpBuilder& operator=(const OpBuilder&) = delete;

  // Input adds the next data input arg.
  OpBuilder& Input(const ::rill::Input& input);
  // Input adds the next list input arg.
  OpBuilder& Input(const InputList& inputs);

  // Attr sets attr `name` to `value` (any type SetAttrValue takes).
  template <typename T>
  OpBuilder& Attr(absl::string_view name, const T& value) {
    tensorflow::AttrValue attr_value;
    SetAttrValue(value, &attr_value);
    attrs_.emplace_back(std::string(name), std::move(attr_value));
    return *this;
  }

  // Finalize adds the node to the scope's graph and returns it; nullptr (with the error in
  // the scope) when it could not. Call once.
  Node* Finalize();

  // SingleOutput / ListOutput: the output(s) of output arg `arg_name` of the finalized
  // node; an empty Output / list when Finalize failed.
  Output SingleOutput(absl::string_view arg_name) const;
  OutputList ListOutput(absl::string_view arg_name) const;

 private:
  // ToNodeOut turns `input` (for the next input arg) into a NodeOut, building a Const
  // for a constant; false (with the error in the scope) when it cannot.
  bool ToNodeOut(const ::rill::Input& input, NodeDefBuilder::NodeOut* node_out);

  Scope scope_;
  std::string op_type_;
  // One entry per input arg: a single input is a list of one with `is_list` false.
  struct InputArg {
    bool is_list = false;
    std::vector<NodeDefBuilder::NodeOut> node_outs;
  };
  std::vector<InputArg> inputs_;
  std::vector<std::pair<std::string, tensorflow::AttrValue>> attrs_;
  Node* node_ = nullptr;
};

}  // namespace rill

#endif  // RILL_CORE_CLIENT_OP_BUILDER_H_
