// NodeDefBuilder: assembles a NodeDef input by input, inferring type, number and
// list(type) attrs from the inputs, then fills defaults and validates against the OpDef.
#include "core/framework/node_def_builder.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/framework/errors.h"
#include "core/framework/node_def_util.h"
#include "core/framework/status_macros.h"

namespace rill {
namespace {

using tensorflow::OpDef;

DataType MaybeAddRef(const OpDef::ArgDef& arg, DataType dtype) {
  return arg.is_ref() ? MakeRefType(dtype) : dtype;
}

// TypesCompatible: a ref may be passed where its base type is expected (it is read).
bool TypesCompatible(DataType expected, DataType actual) {
  return expected == actual || expected == BaseType(actual);
}

}  // namespace

NodeDefBuilder::NodeDefBuilder(absl::string_view name, absl::string_view op_name,
                               const OpRegistryInterface* op_registry) {
  node_def_.set_name(std::string(name));
  node_def_.set_op(std::string(op_name));
  absl::StatusOr<const tensorflow::OpDef*> op_def =
      op_registry->LookUpOpDef(std::string(op_name));
  if (op_def.ok()) {
    op_def_ = *op_def;
  } else {
    lookup_status_ = op_def.status();
  }
}

NodeDefBuilder::NodeDefBuilder(absl::string_view name, const OpDef* op_def)
    : op_def_(op_def) {
  node_def_.set_name(std::string(name));
  node_def_.set_op(op_def->name());
}

const OpDef::ArgDef* NodeDefBuilder::NextArgDef() {
  if (op_def_ == nullptr) return nullptr;
  const int index = inputs_specified_++;
  if (index < op_def_->input_arg_size()) return &op_def_->input_arg(index);
  if (index == op_def_->input_arg_size()) {
    errors_.push_back(absl::StrCat("More Input() calls than the ", op_def_->input_arg_size(),
                                   " input_args"));
  }
  return nullptr;
}

void NodeDefBuilder::AddInput(absl::string_view src_node, int src_index) {
  if (src_node.empty()) {
    errors_.push_back("Empty input node name");
  } else if (src_node[0] == '^') {
    errors_.push_back(absl::StrCat("Non-control input starting with ^: ", src_node));
  } else if (src_index < 0) {
    errors_.push_back(absl::StrCat("Negative output index ", src_index, " of input '",
                                   src_node, "'"));
  } else if (src_index > 0) {
    node_def_.add_input(absl::StrCat(src_node, ":", src_index));
  } else {
    node_def_.add_input(std::string(src_node));
  }
}

void NodeDefBuilder::VerifyInputType(const OpDef::ArgDef& arg, DataType expected,
                                     DataType found) {
  if (!TypesCompatible(expected, found)) {
    errors_.push_back(absl::StrCat("Input '", arg.name(), "' passed ", DataTypeString(found),
                                   " expected ", DataTypeString(expected)));
  }
}

void NodeDefBuilder::VerifyInputRef(const OpDef::ArgDef& arg, DataType dtype) {
  if (arg.is_ref() && !IsRefType(dtype)) {
    errors_.push_back(absl::StrCat("Input '", arg.name(), "' passed ", DataTypeString(dtype),
                                   " expected ref type"));
  }
}

NodeDefBuilder& NodeDefBuilder::Input(absl::string_view src_node, int src_index,
                                      DataType data_type) {
  const OpDef::ArgDef* arg = NextArgDef();
  if (arg == nullptr) return *this;
  AddInput(src_node, src_index);
  if (!arg->number_attr().empty() || !arg->type_list_attr().empty()) {
    errors_.push_back(absl::StrCat("Single tensor passed to '", arg->name(),
                                   "', expected list"));
  } else if (arg->type() != DT_INVALID) {
    VerifyInputType(*arg, MaybeAddRef(*arg, arg->type()), data_type);
  } else {
    VerifyInputRef(*arg, data_type);
    Attr(arg->type_attr(), BaseType(data_type));
  }
  return *this;
}

NodeDefBuilder& NodeDefBuilder::Input(const NodeOut& src) {
  return Input(src.node, src.index, src.data_type);
}

NodeDefBuilder& NodeDefBuilder::Input(absl::Span<const NodeOut> src_list) {
  const OpDef::ArgDef* arg = NextArgDef();
  if (arg == nullptr) return *this;
  for (const NodeOut& src : src_list) AddInput(src.node, src.index);
  if (!arg->number_attr().empty()) {
    Attr(arg->number_attr(), static_cast<int64_t>(src_list.size()));
    DataType base = arg->type();
    if (base == DT_INVALID && !src_list.empty()) {
      base = BaseType(src_list[0].data_type);
      Attr(arg->type_attr(), base);
    }
    for (const NodeOut& src : src_list) {
      VerifyInputType(*arg, MaybeAddRef(*arg, base), src.data_type);
    }
  } else if (!arg->type_list_attr().empty()) {
    DataTypeVector types;
    for (const NodeOut& src : src_list) {
      VerifyInputRef(*arg, src.data_type);
      types.push_back(BaseType(src.data_type));
    }
    Attr(arg->type_list_attr(), types);
  } else {
    errors_.push_back(absl::StrCat("List provided to input '", arg->name(),
                                   "' when single Tensor expected"));
  }
  return *this;
}

NodeDefBuilder& NodeDefBuilder::ControlInput(absl::string_view src_node) {
  control_inputs_.push_back(std::string(src_node));
  return *this;
}

NodeDefBuilder& NodeDefBuilder::Device(absl::string_view device_spec) {
  node_def_.set_device(std::string(device_spec));
  return *this;
}

NodeDefBuilder& NodeDefBuilder::SetAttr(absl::string_view name, tensorflow::AttrValue value) {
  auto* attrs = node_def_.mutable_attr();
  const auto existing = attrs->find(std::string(name));
  if (existing == attrs->end()) {
    (*attrs)[std::string(name)] = std::move(value);
  } else if (!AreAttrValuesEqual(existing->second, value)) {
    errors_.push_back(absl::StrCat("Inconsistent values for attr '", name, "' ",
                                   SummarizeAttrValue(existing->second), " vs. ",
                                   SummarizeAttrValue(value)));
  }
  return *this;
}

absl::Status NodeDefBuilder::Finalize(tensorflow::NodeDef* node_def) const {
  if (op_def_ == nullptr) {
    return errors::AppendToMessage(lookup_status_, " (while building NodeDef '",
                                   node_def_.name(), "')");
  }
  std::vector<std::string> errors = errors_;
  if (inputs_specified_ < op_def_->input_arg_size()) {
    errors.push_back(absl::StrCat(inputs_specified_, " inputs specified of ",
                                  op_def_->input_arg_size(), " inputs in Op"));
  }
  if (errors.size() == 1) {
    return errors::InvalidArgument(errors[0], " while building NodeDef '", node_def_.name(),
                                   "' using ", SummarizeOpDef(*op_def_));
  }
  if (!errors.empty()) {
    return errors::InvalidArgument(errors.size(), " errors while building NodeDef '",
                                   node_def_.name(), "' using ", SummarizeOpDef(*op_def_),
                                   ":\n", absl::StrJoin(errors, "\n"));
  }
  tensorflow::NodeDef result = node_def_;
  for (const std::string& control : control_inputs_) result.add_input(absl::StrCat("^", control));
  AddDefaultsToNodeDef(*op_def_, &result);
  RETURN_IF_ERROR(ValidateNodeDef(result, *op_def_));
  *node_def = std::move(result);
  return absl::OkStatus();
}

}  // namespace rill
