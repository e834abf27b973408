// NodeDefBuilder: builds a NodeDef for a registered op from its inputs and attrs, inferring
// type attrs from input dtypes, filling defaults and validating against the OpDef.
#ifndef RILL_CORE_FRAMEWORK_NODE_DEF_BUILDER_H_
#define RILL_CORE_FRAMEWORK_NODE_DEF_BUILDER_H_

#include <initializer_list>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "core/framework/attr_value_util.h"
#include "core/framework/op_registry.h"
#include "core/framework/types.h"
#include "core/protos/attr_value.pb.h"
#include "core/protos/node_def.pb.h"
#include "core/protos/op_def.pb.h"

namespace rill {

// NodeDefBuilder("my_add", "Add").Input("a", 0, DT_FLOAT).Input("b", 0, DT_FLOAT)
//     .Finalize(&node_def);
// Inputs are given in the order of the op's input args: one Input() per arg, a list of
// NodeOuts for "N * T" and list(type) args. Errors (unknown op, too many inputs, a type that
// contradicts an attr, ...) are kept and reported by Finalize, all of them.
class NodeDefBuilder {
 public:
  // NodeOut names one output of another node, with its dtype.
  struct NodeOut {
    NodeOut() = default;
    NodeOut(absl::string_view node, int index, DataType data_type)
        : node(node), index(index), data_type(data_type) {}
    std::string node;
    int index = 0;
    DataType data_type = DT_INVALID;
  };

  NodeDefBuilder(absl::string_view name, absl::string_view op_name,
                 const OpRegistryInterface* op_registry = OpRegistry::Global());
  // REQUIRES: `op_def` outlives the builder.
  NodeDefBuilder(absl::string_view name, const tensorflow::OpDef* op_def);

  NodeDefBuilder& Input(absl::string_view src_node, int src_index, DataType data_type);
  NodeDefBuilder& Input(const NodeOut& src);
  NodeDefBuilder& Input(absl::Span<const NodeOut> src_list);
  NodeDefBuilder& ControlInput(absl::string_view src_node);
  NodeDefBuilder& Device(absl::string_view device_spec);

  // Attr sets attr `name` (any type SetAttrValue takes). Setting it twice to different
  // values is an error.
  template <typename T>
  NodeDefBuilder& Attr(absl::string_view name, T&& value) {
    tensorflow::AttrValue attr_value;
    SetAttrValue(std::forward<T>(value), &attr_value);
    return SetAttr(name, std::move(attr_value));
  }
  template <typename T>
  NodeDefBuilder& Attr(absl::string_view name, std::initializer_list<T> value) {
    using Element = std::conditional_t<std::is_same_v<T, const char*>, std::string, T>;
    return Attr(name, std::vector<Element>(value.begin(), value.end()));
  }
  // Finalize writes the NodeDef: explicit attrs, attrs inferred from input dtypes, defaults;
  // then validates it. InvalidArgument listing every problem, naming node and op.
  absl::Status Finalize(tensorflow::NodeDef* node_def) const;

  const tensorflow::OpDef& op_def() const { return *op_def_; }

 private:
  NodeDefBuilder& SetAttr(absl::string_view name, tensorflow::AttrValue value);
  const tensorflow::OpDef::ArgDef* NextArgDef();
  void AddInput(absl::string_view src_node, int src_index);
  void VerifyInputType(const tensorflow::OpDef::ArgDef& arg, DataType expected,
                       DataType found);
  void VerifyInputRef(const tensorflow::OpDef::ArgDef& arg, DataType dt);

  const tensorflow::OpDef* op_def_ = nullptr;  // Null when the op lookup failed.
  absl::Status lookup_status_;
  tensorflow::NodeDef node_def_;
  int inputs_specified_ = 0;
  std::vector<std::string> control_inputs_;
  std::vector<std::string> errors_;
};

}  // namespace rill

#endif  // RILL_CORE_FRAMEWORK_NODE_DEF_BUILDER_H_
