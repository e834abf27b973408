// NodeDef utilities: typed attr access, validation against an OpDef, defaults, arg types
// and name ranges, and the summaries error messages use.
#include "core/framework/node_def_util.h"

#include <algorithm>
#include <limits>
#include <map>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/framework/errors.h"
#include "core/framework/status_macros.h"

namespace rill {
namespace {

using tensorflow::AttrValue;
using tensorflow::NodeDef;
using tensorflow::OpDef;

const AttrValueMap* EmptyAttrs() {
  static const AttrValueMap* const empty = new AttrValueMap;
  return empty;
}

std::string SummarizeAttrs(const AttrValueMap& attrs, absl::string_view device) {
  std::map<std::string, const AttrValue*> sorted;
  for (const auto& [name, value] : attrs) sorted[name] = &value;
  std::vector<std::string> entries;
  for (const auto& [name, value] : sorted) {
    entries.push_back(absl::StrCat(name, "=", SummarizeAttrValue(*value)));
  }
  if (!device.empty()) entries.push_back(absl::StrCat("_device=\"", device, "\""));
  return absl::StrJoin(entries, ", ");
}

// Owner names the node an AttrSlice belongs to, for error messages.
std::string Owner(const AttrSlice& attrs) {
  if (attrs.node_def() == nullptr) return absl::StrCat("attrs [", attrs.SummarizeNode(), "]");
  return absl::StrCat("node '", attrs.node_def()->name(), "' (op: '", attrs.node_def()->op(),
                      "')");
}

// FindWithType finds attr `name` and checks that it holds a value of attr type `type`.
absl::Status FindWithType(const AttrSlice& attrs, absl::string_view name,
                          absl::string_view type, const AttrValue** value) {
  RETURN_IF_ERROR(attrs.Find(name, value));
  const absl::Status status = AttrValueHasType(**value, type);
  if (!status.ok()) {
    return errors::InvalidArgument(status.message(), " for attr '", name, "' of ",
                                   Owner(attrs));
  }
  return absl::OkStatus();
}

absl::Status CheckFitsInt32(const AttrSlice& attrs, absl::string_view name, int64_t value) {
  if (value < std::numeric_limits<int32_t>::min() ||
      value > std::numeric_limits<int32_t>::max()) {
    return errors::InvalidArgument("Attr '", name, "' of ", Owner(attrs), " has value ", value,
                                   " out of range for an int32");
  }
  return absl::OkStatus();
}

absl::Status ParseShape(const AttrSlice& attrs, absl::string_view name,
                        const tensorflow::TensorShapeProto& proto, TensorShape* value) {
  absl::StatusOr<TensorShape> shape = TensorShape::FromProto(proto);
  if (!shape.ok()) {
    return errors::InvalidArgument("Attr '", name, "' of ", Owner(attrs),
                                   " is not a valid TensorShape: ", shape.status().message());
  }
  *value = *std::move(shape);
  return absl::OkStatus();
}

absl::Status ParsePartialShape(const AttrSlice& attrs, absl::string_view name,
                               const tensorflow::TensorShapeProto& proto,
                               PartialTensorShape* value) {
  absl::StatusOr<PartialTensorShape> shape = PartialTensorShape::FromProto(proto);
  if (!shape.ok()) {
    return errors::InvalidArgument("Attr '", name, "' of ", Owner(attrs),
                                   " is not a valid shape: ", shape.status().message());
  }
  *value = *std::move(shape);
  return absl::OkStatus();
}

absl::Status ParseTensor(const AttrSlice& attrs, absl::string_view name,
                         const tensorflow::TensorProto& proto, Tensor* value) {
  Tensor tensor;
  const absl::Status status = tensor.FromProto(proto);
  if (!status.ok()) {
    return errors::InvalidArgument("Attr '", name, "' of ", Owner(attrs),
                                   " is not a valid tensor: ", status.message());
  }
  *value = std::move(tensor);
  return absl::OkStatus();
}

// kMaxArgCount bounds how many inputs or outputs one arg may stand for, so a hostile
// GraphDef (N = 2^31 - 1) is an error, not a multi-gigabyte allocation.
constexpr int kMaxArgCount = 1 << 24;

// ArgCount computes how many inputs/outputs one arg stands for.
absl::Status ArgCount(const AttrSlice& attrs, const OpDef::ArgDef& arg, const OpDef& op_def,
                      int* count) {
  if (!arg.number_attr().empty()) {
    int32_t n;
    RETURN_IF_ERROR(GetNodeAttr(attrs, arg.number_attr(), &n));
    if (n < 0) {
      return errors::InvalidArgument("Attr '", arg.number_attr(), "' of ", Owner(attrs),
                                     " is ", n, ", but a count must be >= 0");
    }
    if (n > kMaxArgCount) {
      return errors::InvalidArgument("Attr '", arg.number_attr(), "' of ", Owner(attrs),
                                     " is ", n, ", more than the ", kMaxArgCount,
                                     " values an arg may have");
    }
    *count = n;
  } else if (!arg.type_list_attr().empty()) {
    const AttrValue* value;
    RETURN_IF_ERROR(FindWithType(attrs, arg.type_list_attr(), "list(type)", &value));
    *count = value->list().type_size();
  } else if (!arg.type_attr().empty() || arg.type() != DT_INVALID) {
    *count = 1;
  } else {
    return errors::InvalidArgument("Argument '", arg.name(),
                                   "' incorrectly specified in op definition: ",
                                   SummarizeOpDef(op_def));
  }
  return absl::OkStatus();
}

absl::Status NameRangesForArgs(const AttrSlice& attrs,
                               const google::protobuf::RepeatedPtrField<OpDef::ArgDef>& args,
                               const OpDef& op_def, NameRangeMap* ranges) {
  int start = 0;
  for (const OpDef::ArgDef& arg : args) {
    int count;
    RETURN_IF_ERROR(ArgCount(attrs, arg, op_def, &count));
    if (count > std::numeric_limits<int>::max() - start) {
      return errors::InvalidArgument("Too many arguments for ", Owner(attrs));
    }
    (*ranges)[arg.name()] = {start, start + count};
    start += count;
  }
  return absl::OkStatus();
}

absl::Status AddArgTypes(const AttrSlice& attrs, const OpDef::ArgDef& arg,
                         const OpDef& op_def, DataTypeVector* types) {
  const size_t first = types->size();
  if (!arg.number_attr().empty()) {
    int count;
    RETURN_IF_ERROR(ArgCount(attrs, arg, op_def, &count));
    DataType dtype = arg.type();
    if (!arg.type_attr().empty()) RETURN_IF_ERROR(GetNodeAttr(attrs, arg.type_attr(), &dtype));
    types->insert(types->end(), count, dtype);
  } else if (!arg.type_list_attr().empty()) {
    DataTypeVector list;
    RETURN_IF_ERROR(GetNodeAttr(attrs, arg.type_list_attr(), &list));
    types->insert(types->end(), list.begin(), list.end());
  } else if (!arg.type_attr().empty()) {
    DataType dtype;
    RETURN_IF_ERROR(GetNodeAttr(attrs, arg.type_attr(), &dtype));
    types->push_back(dtype);
  } else if (arg.type() != DT_INVALID) {
    types->push_back(arg.type());
  } else {
    return errors::InvalidArgument("Argument '", arg.name(),
                                   "' incorrectly specified in op definition: ",
                                   SummarizeOpDef(op_def));
  }
  if (arg.is_ref()) {
    for (size_t i = first; i < types->size(); ++i) {
      if (IsRefType((*types)[i])) {
        return errors::InvalidArgument("Arg '", arg.name(), "' of ", Owner(attrs),
                                       " requests a reference to a reference type");
      }
      (*types)[i] = MakeRefType((*types)[i]);
    }
  }
  return absl::OkStatus();
}

std::string SummarizeArgs(const google::protobuf::RepeatedPtrField<OpDef::ArgDef>& args) {
  std::vector<std::string> parts;
  for (const OpDef::ArgDef& arg : args) {
    std::string type;
    if (!arg.type_list_attr().empty()) {
      type = arg.type_list_attr();
    } else if (!arg.type_attr().empty()) {
      type = arg.type_attr();
    } else {
      type = DataTypeString(arg.type());
    }
    if (!arg.number_attr().empty()) type = absl::StrCat(arg.number_attr(), "*", type);
    if (arg.is_ref()) type = absl::StrCat("Ref(", type, ")");
    parts.push_back(absl::StrCat(arg.name(), ":", type));
  }
  return absl::StrJoin(parts, ", ");
}

}  // namespace

AttrSlice::AttrSlice() : node_def_(nullptr), attrs_(EmptyAttrs()) {}
AttrSlice::AttrSlice(const NodeDef& node_def) : node_def_(&node_def), attrs_(&node_def.attr()) {}
AttrSlice::AttrSlice(const AttrValueMap* attrs) : node_def_(nullptr), attrs_(attrs) {}

const AttrValue* AttrSlice::Find(absl::string_view attr_name) const {
  const auto it = attrs_->find(std::string(attr_name));
  return it == attrs_->end() ? nullptr : &it->second;
}

absl::Status AttrSlice::Find(absl::string_view attr_name, const AttrValue** attr_value) const {
  *attr_value = Find(attr_name);
  if (*attr_value != nullptr) return absl::OkStatus();
  if (node_def_ == nullptr) {
    return errors::NotFound("No attr named '", attr_name, "' in attrs [", SummarizeNode(),
                            "]");
  }
  return errors::NotFound("No attr named '", attr_name, "' in NodeDef: ", SummarizeNode());
}

std::string AttrSlice::SummarizeNode() const {
  return node_def_ != nullptr ? SummarizeNodeDef(*node_def_) : SummarizeAttrs(*attrs_, "");
}

bool HasNodeAttr(const NodeDef& node_def, absl::string_view attr_name) {
  return node_def.attr().contains(std::string(attr_name));
}

absl::Status GetNodeAttr(const AttrSlice& attrs, absl::string_view attr_name, int64_t* value) {
  const AttrValue* attr;
  RETURN_IF_ERROR(FindWithType(attrs, attr_name, "int", &attr));
  *value = attr->i();
  return absl::OkStatus();
}

absl::Status GetNodeAttr(const AttrSlice& attrs, absl::string_view attr_name, int32_t* value) {
  const AttrValue* attr;
  RETURN_IF_ERROR(FindWithType(attrs, attr_name, "int", &attr));
  RETURN_IF_ERROR(CheckFitsInt32(attrs, attr_name, attr->i()));
  *value = static_cast<int32_t>(attr->i());
  return absl::OkStatus();
}

absl::Status GetNodeAttr(const AttrSlice& attrs, absl::string_view attr_name, float* value) {
  const AttrValue* attr;
  RETURN_IF_ERROR(FindWithType(attrs, attr_name, "float", &attr));
  *value = attr->f();
  return absl::OkStatus();
}

absl::Status GetNodeAttr(const AttrSlice& attrs, absl::string_view attr_name, bool* value) {
  const AttrValue* attr;
  RETURN_IF_ERROR(FindWithType(attrs, attr_name, "bool", &attr));
  *value = attr->b();
  return absl::OkStatus();
}

absl::Status GetNodeAttr(const AttrSlice& attrs, absl::string_view attr_name,
                         std::string* value) {
  const AttrValue* attr;
  RETURN_IF_ERROR(FindWithType(attrs, attr_name, "string", &attr));
  *value = attr->s();
  return absl::OkStatus();
}

absl::Status GetNodeAttr(const AttrSlice& attrs, absl::string_view attr_name,
                         DataType* value) {
  const AttrValue* attr;
  RETURN_IF_ERROR(FindWithType(attrs, attr_name, "type", &attr));
  *value = attr->type();
  return absl::OkStatus();
}

absl::Status GetNodeAttr(const AttrSlice& attrs, absl::string_view attr_name,
                         TensorShape* value) {
  const AttrValue* attr;
  RETURN_IF_ERROR(FindWithType(attrs, attr_name, "shape", &attr));
  return ParseShape(attrs, attr_name, attr->shape(), value);
}

absl::Status GetNodeAttr(const AttrSlice& attrs, absl::string_view attr_name,
                         PartialTensorShape* value) {
  const AttrValue* attr;
  RETURN_IF_ERROR(FindWithType(attrs, attr_name, "shape", &attr));
  return ParsePartialShape(attrs, attr_name, attr->shape(), value);
}

absl::Status GetNodeAttr(const AttrSlice& attrs, absl::string_view attr_name,
                         tensorflow::TensorShapeProto* value) {
  const AttrValue* attr;
  RETURN_IF_ERROR(FindWithType(attrs, attr_name, "shape", &attr));
  *value = attr->shape();
  return absl::OkStatus();
}

absl::Status GetNodeAttr(const AttrSlice& attrs, absl::string_view attr_name,
                         tensorflow::TensorProto* value) {
  const AttrValue* attr;
  RETURN_IF_ERROR(FindWithType(attrs, attr_name, "tensor", &attr));
  *value = attr->tensor();
  return absl::OkStatus();
}

absl::Status GetNodeAttr(const AttrSlice& attrs, absl::string_view attr_name, Tensor* value) {
  const AttrValue* attr;
  RETURN_IF_ERROR(FindWithType(attrs, attr_name, "tensor", &attr));
  return ParseTensor(attrs, attr_name, attr->tensor(), value);
}

absl::Status GetNodeAttr(const AttrSlice& attrs, absl::string_view attr_name,
                         tensorflow::NameAttrList* value) {
  const AttrValue* attr;
  RETURN_IF_ERROR(FindWithType(attrs, attr_name, "func", &attr));
  *value = attr->func();
  return absl::OkStatus();
}

absl::Status GetNodeAttr(const AttrSlice& attrs, absl::string_view attr_name,
                         std::vector<int64_t>* value) {
  const AttrValue* attr;
  RETURN_IF_ERROR(FindWithType(attrs, attr_name, "list(int)", &attr));
  value->assign(attr->list().i().begin(), attr->list().i().end());
  return absl::OkStatus();
}

absl::Status GetNodeAttr(const AttrSlice& attrs, absl::string_view attr_name,
                         std::vector<int32_t>* value) {
  const AttrValue* attr;
  RETURN_IF_ERROR(FindWithType(attrs, attr_name, "list(int)", &attr));
  std::vector<int32_t> result;
  for (int64_t i : attr->list().i()) {
    RETURN_IF_ERROR(CheckFitsInt32(attrs, attr_name, i));
    result.push_back(static_cast<int32_t>(i));
  }
  *value = std::move(result);
  return absl::OkStatus();
}

absl::Status GetNodeAttr(const AttrSlice& attrs, absl::string_view attr_name,
                         std::vector<float>* value) {
  const AttrValue* attr;
  RETURN_IF_ERROR(FindWithType(attrs, attr_name, "list(float)", &attr));
  value->assign(attr->list().f().begin(), attr->list().f().end());
  return absl::OkStatus();
}

absl::Status GetNodeAttr(const AttrSlice& attrs, absl::string_view attr_name,
                         std::vector<bool>* value) {
  const AttrValue* attr;
  RETURN_IF_ERROR(FindWithType(attrs, attr_name, "list(bool)", &attr));
  value->assign(attr->list().b().begin(), attr->list().b().end());
  return absl::OkStatus();
}

absl::Status GetNodeAttr(const AttrSlice& attrs, absl::string_view attr_name,
                         std::vector<std::string>* value) {
  const AttrValue* attr;
  RETURN_IF_ERROR(FindWithType(attrs, attr_name, "list(string)", &attr));
  value->assign(attr->list().s().begin(), attr->list().s().end());
  return absl::OkStatus();
}

absl::Status GetNodeAttr(const AttrSlice& attrs, absl::string_view attr_name,
                         DataTypeVector* value) {
  const AttrValue* attr;
  RETURN_IF_ERROR(FindWithType(attrs, attr_name, "list(type)", &attr));
  value->clear();
  for (int dtype : attr->list().type()) value->push_back(static_cast<DataType>(dtype));
  return absl::OkStatus();
}

absl::Status GetNodeAttr(const AttrSlice& attrs, absl::string_view attr_name,
                         std::vector<TensorShape>* value) {
  const AttrValue* attr;
  RETURN_IF_ERROR(FindWithType(attrs, attr_name, "list(shape)", &attr));
  std::vector<TensorShape> result(attr->list().shape_size());
  for (int i = 0; i < attr->list().shape_size(); ++i) {
    RETURN_IF_ERROR(ParseShape(attrs, attr_name, attr->list().shape(i), &result[i]));
  }
  *value = std::move(result);
  return absl::OkStatus();
}

absl::Status GetNodeAttr(const AttrSlice& attrs, absl::string_view attr_name,
                         std::vector<PartialTensorShape>* value) {
  const AttrValue* attr;
  RETURN_IF_ERROR(FindWithType(attrs, attr_name, "list(shape)", &attr));
  std::vector<PartialTensorShape> result(attr->list().shape_size());
  for (int i = 0; i < attr->list().shape_size(); ++i) {
    RETURN_IF_ERROR(ParsePartialShape(attrs, attr_name, attr->list().shape(i), &result[i]));
  }
  *value = std::move(result);
  return absl::OkStatus();
}

absl::Status GetNodeAttr(const AttrSlice& attrs, absl::string_view attr_name,
                         std::vector<Tensor>* value) {
  const AttrValue* attr;
  RETURN_IF_ERROR(FindWithType(attrs, attr_name, "list(tensor)", &attr));
  std::vector<Tensor> result(attr->list().tensor_size());
  for (int i = 0; i < attr->list().tensor_size(); ++i) {
    RETURN_IF_ERROR(ParseTensor(attrs, attr_name, attr->list().tensor(i), &result[i]));
  }
  *value = std::move(result);
  return absl::OkStatus();
}

void AddDefaultsToNodeDef(const OpDef& op_def, NodeDef* node_def) {
  for (const OpDef::AttrDef& attr : op_def.attr()) {
    if (attr.has_default_value() && !node_def->attr().contains(attr.name())) {
      (*node_def->mutable_attr())[attr.name()] = attr.default_value();
    }
  }
}

absl::Status ValidateNodeDef(const NodeDef& node_def, const OpDef& op_def) {
  const auto context = [&]() {
    return absl::StrCat("; NodeDef: ", SummarizeNodeDef(node_def), "; ",
                        SummarizeOpDef(op_def));
  };
  if (node_def.op() != op_def.name()) {
    return errors::InvalidArgument("NodeDef '", node_def.name(), "' has op '", node_def.op(),
                                   "', not '", op_def.name(), "'", context());
  }
  bool seen_control = false;
  int num_inputs = 0;
  for (const std::string& input : node_def.input()) {
    if (absl::StartsWith(input, "^")) {
      seen_control = true;
      if (input.find(':') != std::string::npos) {
        return errors::InvalidArgument("Control input '", input, "' of node '",
                                       node_def.name(), "' must not have ':'", context());
      }
    } else if (seen_control) {
      return errors::InvalidArgument("Non-control input '", input, "' after control input in "
                                     "node '", node_def.name(), "'", context());
    } else {
      ++num_inputs;
    }
  }
  std::map<std::string, const OpDef::AttrDef*> missing;
  for (const OpDef::AttrDef& attr : op_def.attr()) missing[attr.name()] = &attr;
  std::map<std::string, const AttrValue*> sorted_attrs;
  for (const auto& [name, value] : node_def.attr()) sorted_attrs[name] = &value;
  for (const auto& [name, value] : sorted_attrs) {
    if (absl::StartsWith(name, "_")) continue;
    const auto it = missing.find(name);
    if (it == missing.end()) {
      return errors::InvalidArgument("NodeDef '", node_def.name(), "' mentions attr '", name,
                                     "' not in Op<name=", op_def.name(), ">", context());
    }
    if (value->placeholder().empty()) {
      const absl::Status status = ValidateAttrValue(*value, *it->second);
      if (!status.ok()) {
        return errors::InvalidArgument(status.message(), " of node '", node_def.name(), "'",
                                       context());
      }
    }
    missing.erase(it);
  }
  if (!missing.empty()) {
    std::vector<std::string> names;
    for (const auto& [name, attr] : missing) names.push_back(name);
    return errors::InvalidArgument("NodeDef '", node_def.name(), "' is missing attr",
                                   names.size() == 1 ? " '" : "s '",
                                   absl::StrJoin(names, "', '"), "'", context());
  }
  NameRangeMap input_ranges;
  RETURN_IF_ERROR(NameRangesForNode(node_def, op_def, &input_ranges, nullptr));
  int expected_inputs = 0;
  for (const auto& [name, range] : input_ranges) expected_inputs += range.second - range.first;
  if (expected_inputs != num_inputs) {
    DataTypeVector input_types;
    RETURN_IF_ERROR(InputTypesForNode(node_def, op_def, &input_types));
    return errors::InvalidArgument("NodeDef '", node_def.name(), "' expects ", expected_inputs,
                                   " inputs (",
                                   expected_inputs <= 16 ? DataTypeVectorString(input_types)
                                                         : "types omitted",
                                   ") but has ", num_inputs, context());
  }
  DataTypeVector inputs, outputs;
  return InOutTypesForNode(node_def, op_def, &inputs, &outputs);
}

absl::Status InputTypesForNode(const NodeDef& node_def, const OpDef& op_def,
                               DataTypeVector* inputs) {
  inputs->clear();
  for (const OpDef::ArgDef& arg : op_def.input_arg()) {
    RETURN_IF_ERROR(AddArgTypes(node_def, arg, op_def, inputs));
  }
  return absl::OkStatus();
}

absl::Status OutputTypesForNode(const NodeDef& node_def, const OpDef& op_def,
                                DataTypeVector* outputs) {
  outputs->clear();
  for (const OpDef::ArgDef& arg : op_def.output_arg()) {
    RETURN_IF_ERROR(AddArgTypes(node_def, arg, op_def, outputs));
  }
  return absl::OkStatus();
}

absl::Status InOutTypesForNode(const NodeDef& node_def, const OpDef& op_def,
                               DataTypeVector* inputs, DataTypeVector* outputs) {
  RETURN_IF_ERROR(InputTypesForNode(node_def, op_def, inputs));
  return OutputTypesForNode(node_def, op_def, outputs);
}

absl::Status NameRangesForNode(const AttrSlice& attrs, const OpDef& op_def,
                               NameRangeMap* inputs, NameRangeMap* outputs) {
  if (inputs != nullptr) {
    RETURN_IF_ERROR(NameRangesForArgs(attrs, op_def.input_arg(), op_def, inputs));
  }
  if (outputs != nullptr) {
    RETURN_IF_ERROR(NameRangesForArgs(attrs, op_def.output_arg(), op_def, outputs));
  }
  return absl::OkStatus();
}

std::string SummarizeNodeDef(const NodeDef& node_def) {
  return absl::StrCat(node_def.name(), " = ", node_def.op(), "[",
                      SummarizeAttrs(node_def.attr(), node_def.device()), "](",
                      absl::StrJoin(node_def.input(), ", "), ")");
}

std::string SummarizeOpDef(const OpDef& op_def) {
  std::string result = absl::StrCat("Op<name=", op_def.name(),
                                    "; signature=", SummarizeArgs(op_def.input_arg()), " -> ",
                                    SummarizeArgs(op_def.output_arg()));
  for (const OpDef::AttrDef& attr : op_def.attr()) {
    absl::StrAppend(&result, "; attr=", attr.name(), ":", attr.type());
    if (attr.has_default_value()) {
      absl::StrAppend(&result, ",default=", SummarizeAttrValue(attr.default_value()));
    }
    if (attr.has_minimum()) absl::StrAppend(&result, ",min=", attr.minimum());
    if (attr.has_allowed_values()) {
      absl::StrAppend(&result, ",allowed=", SummarizeAttrValue(attr.allowed_values()));
    }
  }
  if (op_def.is_commutative()) absl::StrAppend(&result, "; is_commutative=true");
  if (op_def.is_aggregate()) absl::StrAppend(&result, "; is_aggregate=true");
  if (op_def.is_stateful()) absl::StrAppend(&result, "; is_stateful=true");
  if (op_def.allows_uninitialized_input()) {
    absl::StrAppend(&result, "; allows_uninitialized_input=true");
  }
  absl::StrAppend(&result, ">");
  return result;
}

std::string FormatNodeForError(absl::string_view node_name) {
  return absl::StrCat("node ", node_name);
}

std::string FormatNodeDefForError(const NodeDef& node_def) {
  return FormatNodeForError(node_def.name());
}

absl::Status AttachDef(const absl::Status& status, const NodeDef& node_def) {
  return errors::AppendToMessage(status, "\n\t [[", FormatNodeDefForError(node_def), " = ",
                                 node_def.op(), "[",
                                 SummarizeAttrs(node_def.attr(), node_def.device()), "](",
                                 absl::StrJoin(node_def.input(), ", "), ")]]");
}

}  // namespace rill
