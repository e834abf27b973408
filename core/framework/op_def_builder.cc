// OpDefBuilder: the parser for TensorFlow's op spec language (inputs, outputs, attrs with
// types, allowed values, minimums and defaults; doc strings) into a tensorflow::OpDef.
#include "core/framework/op_def_builder.h"

#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "core/framework/attr_value_util.h"
#include "core/framework/errors.h"
#include "core/framework/status_macros.h"
#include "core/framework/types.h"

namespace rill {
namespace {

using tensorflow::OpDef;

// Scanner walks a spec fragment; every Consume* skips leading whitespace.
class Scanner {
 public:
  explicit Scanner(absl::string_view text) : rest_(text) {}

  void SkipSpace() { rest_ = absl::StripLeadingAsciiWhitespace(rest_); }
  bool Empty() {
    SkipSpace();
    return rest_.empty();
  }
  bool Consume(absl::string_view token) {
    SkipSpace();
    return absl::ConsumePrefix(&rest_, token);
  }
  bool Peek(absl::string_view token) {
    SkipSpace();
    return absl::StartsWith(rest_, token);
  }
  // ConsumeIdentifier reads [A-Za-z_][A-Za-z0-9_]*.
  bool ConsumeIdentifier(std::string* out) {
    SkipSpace();
    size_t n = 0;
    while (n < rest_.size() &&
           (absl::ascii_isalpha(rest_[n]) || rest_[n] == '_' ||
            (n > 0 && absl::ascii_isdigit(rest_[n])))) {
      ++n;
    }
    if (n == 0) return false;
    *out = std::string(rest_.substr(0, n));
    rest_.remove_prefix(n);
    return true;
  }
  // ConsumeUntil reads up to (not including) the next `c`, then consumes `c`.
  bool ConsumeUntil(char c, std::string* out) {
    SkipSpace();
    const size_t pos = rest_.find(c);
    if (pos == absl::string_view::npos) return false;
    *out = std::string(absl::StripAsciiWhitespace(rest_.substr(0, pos)));
    rest_.remove_prefix(pos + 1);
    return true;
  }
  absl::string_view Rest() {
    SkipSpace();
    return absl::StripTrailingAsciiWhitespace(rest_);
  }

 private:
  absl::string_view rest_;
};

bool IsValidArgName(absl::string_view name) {
  if (name.empty() || !absl::ascii_islower(name[0])) return false;
  for (char c : name) {
    if (!absl::ascii_islower(c) && !absl::ascii_isdigit(c) && c != '_') return false;
  }
  return true;
}

bool IsValidAttrName(absl::string_view name) {
  if (name.empty() || !absl::ascii_isalpha(name[0])) return false;
  for (char c : name) {
    if (!absl::ascii_isalnum(c) && c != '_') return false;
  }
  return true;
}

bool IsValidOpName(absl::string_view name) {
  if (name.empty()) return false;
  if (name[0] == '_') return name.size() > 1;
  if (!absl::ascii_isupper(name[0])) return false;
  for (char c : name) {
    if (!absl::ascii_isalnum(c) && c != '_' && c != '>') return false;
  }
  return true;
}

// TypeGroup returns the dtypes of a named group, or false when `name` is not one.
bool TypeGroup(absl::string_view name, std::vector<DataType>* types) {
  static const DataType kRealNumberTypes[] = {
      DT_FLOAT, DT_DOUBLE, DT_INT32,  DT_UINT8,  DT_INT16,  DT_INT8,
      DT_INT64, DT_BFLOAT16, DT_UINT16, DT_HALF, DT_UINT32, DT_UINT64};
  static const DataType kQuantizedTypes[] = {DT_QINT8, DT_QUINT8, DT_QINT32, DT_QINT16,
                                             DT_QUINT16};
  if (name == "realnumbertype") {
    types->assign(std::begin(kRealNumberTypes), std::end(kRealNumberTypes));
  } else if (name == "quantizedtype") {
    types->assign(std::begin(kQuantizedTypes), std::end(kQuantizedTypes));
  } else if (name == "numbertype") {
    types->assign(std::begin(kRealNumberTypes), std::end(kRealNumberTypes));
    types->push_back(DT_COMPLEX64);
    types->push_back(DT_COMPLEX128);
    types->insert(types->end(), std::begin(kQuantizedTypes), std::end(kQuantizedTypes));
  } else {
    return false;
  }
  return true;
}

bool IsScalarAttrType(absl::string_view type) {
  return type == "string" || type == "int" || type == "float" || type == "bool" ||
         type == "type" || type == "shape" || type == "tensor" || type == "func";
}

// ParseAllowedSet parses the inside of "{float, int32}" or "{'SAME', 'VALID'}", returning
// the element attr type ("type" or "string") and filling `allowed`.
absl::Status ParseAllowedSet(absl::string_view inside, std::string* element_type,
                             tensorflow::AttrValue* allowed) {
  auto* list = allowed->mutable_list();
  std::vector<std::string> items;
  for (absl::string_view item : absl::StrSplit(inside, ',')) {
    items.push_back(std::string(absl::StripAsciiWhitespace(item)));
  }
  if (items.empty() || items[0].empty()) {
    return errors::InvalidArgument("empty set of allowed values {", inside, "}");
  }
  const bool strings = items[0][0] == '\'' || items[0][0] == '"';
  *element_type = strings ? "string" : "type";
  for (const std::string& item : items) {
    tensorflow::AttrValue parsed;
    if (!ParseAttrValue(*element_type, item, &parsed).ok()) {
      return errors::InvalidArgument(
          strings ? "unparseable string '" : "unrecognized type '", item,
          "' in allowed values {", inside, "}");
    }
    if (strings) {
      list->add_s(parsed.s());
    } else {
      list->add_type(parsed.type());
    }
  }
  return absl::OkStatus();
}

// ParseAttrType parses an attr type: a base type, a set, a group, or list(...) of these.
absl::Status ParseAttrType(Scanner* scanner, OpDef::AttrDef* attr) {
  const bool is_list = scanner->Consume("list(");
  std::string element_type;
  if (scanner->Consume("{")) {
    std::string inside;
    if (!scanner->ConsumeUntil('}', &inside)) {
      return errors::InvalidArgument("unterminated '{' in type");
    }
    RETURN_IF_ERROR(ParseAllowedSet(inside, &element_type, attr->mutable_allowed_values()));
  } else {
    std::string name;
    if (!scanner->ConsumeIdentifier(&name)) {
      return errors::InvalidArgument("missing attr type");
    }
    std::vector<DataType> group;
    if (TypeGroup(name, &group)) {
      element_type = "type";
      for (DataType dtype : group) attr->mutable_allowed_values()->mutable_list()->add_type(dtype);
    } else if (IsScalarAttrType(name)) {
      element_type = name;
    } else {
      return errors::InvalidArgument("unknown attr type '", name, "'");
    }
  }
  if (is_list && !scanner->Consume(")")) {
    return errors::InvalidArgument("missing ')' after list(", element_type);
  }
  attr->set_type(is_list ? absl::StrCat("list(", element_type, ")") : element_type);
  return absl::OkStatus();
}

absl::Status ParseAttrSpec(absl::string_view spec, OpDef::AttrDef* attr) {
  Scanner scanner(spec);
  std::string name;
  if (!scanner.ConsumeIdentifier(&name) || !scanner.Consume(":")) {
    return errors::InvalidArgument("expected 'name: type'");
  }
  if (!IsValidAttrName(name)) {
    return errors::InvalidArgument("invalid attr name '", name, "'");
  }
  attr->set_name(name);
  RETURN_IF_ERROR(ParseAttrType(&scanner, attr));
  if (scanner.Consume(">=")) {
    // The minimum runs up to the default's '=', if any.
    const absl::string_view rest = scanner.Rest();
    const size_t end = rest.find('=');
    const std::string minimum_text(absl::StripAsciiWhitespace(rest.substr(0, end)));
    int64_t minimum;
    if (!absl::SimpleAtoi(minimum_text, &minimum)) {
      return errors::InvalidArgument("could not parse minimum '", minimum_text, "'");
    }
    const bool is_list = absl::StartsWith(attr->type(), "list(");
    if (attr->type() != "int" && !is_list) {
      return errors::InvalidArgument("a minimum is only allowed for int and list attrs, not '",
                                     attr->type(), "'");
    }
    if (is_list && minimum < 0) {
      return errors::InvalidArgument("a list's minimum length must be >= 0, not ", minimum);
    }
    attr->set_has_minimum(true);
    attr->set_minimum(minimum);
    scanner = Scanner(end == absl::string_view::npos ? "" : rest.substr(end));
  }
  if (scanner.Consume("=")) {
    const std::string default_text(scanner.Rest());
    tensorflow::AttrValue default_value;
    const absl::Status parsed = ParseAttrValue(attr->type(), default_text, &default_value);
    if (!parsed.ok()) {
      return errors::InvalidArgument("bad default value '", default_text, "': ",
                                     parsed.message());
    }
    const absl::Status valid = ValidateAttrValue(default_value, *attr);
    if (!valid.ok()) {
      return errors::InvalidArgument("bad default value '", default_text, "': ",
                                     valid.message());
    }
    *attr->mutable_default_value() = std::move(default_value);
  } else if (!scanner.Empty()) {
    return errors::InvalidArgument("unexpected '", scanner.Rest(), "'");
  }
  return absl::OkStatus();
}

const OpDef::AttrDef* FindAttr(const OpDef& op_def, absl::string_view name) {
  for (const auto& attr : op_def.attr()) {
    if (attr.name() == name) return &attr;
  }
  return nullptr;
}

// ResolveArgType sets the arg's type from `name`: a concrete dtype, a type attr or a
// list(type) attr.
absl::Status ResolveArgType(const OpDef& op_def, const std::string& name,
                            bool allow_type_list, OpDef::ArgDef* arg) {
  if (const OpDef::AttrDef* attr = FindAttr(op_def, name)) {
    if (attr->type() == "type") {
      arg->set_type_attr(name);
    } else if (attr->type() == "list(type)" && allow_type_list) {
      arg->set_type_list_attr(name);
    } else {
      return errors::InvalidArgument("attr '", name, "' has type ", attr->type(),
                                     allow_type_list ? ", not type or list(type)"
                                                     : ", not type");
    }
    return absl::OkStatus();
  }
  DataType dtype;
  if (DataTypeFromString(name, &dtype) && !absl::StartsWith(name, "DT_") &&
      !IsRefType(dtype)) {
    arg->set_type(dtype);
    return absl::OkStatus();
  }
  return errors::InvalidArgument("reference to unknown attr or type '", name, "'");
}

absl::Status ParseArgSpec(absl::string_view spec, const OpDef& op_def, OpDef::ArgDef* arg) {
  Scanner scanner(spec);
  std::string name;
  if (!scanner.ConsumeIdentifier(&name) || !scanner.Consume(":")) {
    return errors::InvalidArgument("expected 'name: type'");
  }
  if (!IsValidArgName(name)) {
    return errors::InvalidArgument("invalid arg name '", name,
                                   "' (must match [a-z][a-z0-9_]*)");
  }
  arg->set_name(name);
  const bool is_ref = scanner.Consume("Ref(");
  arg->set_is_ref(is_ref);
  std::string first;
  if (!scanner.ConsumeIdentifier(&first)) return errors::InvalidArgument("missing type");
  if (scanner.Consume("*")) {
    const OpDef::AttrDef* number = FindAttr(op_def, first);
    if (number == nullptr) {
      return errors::InvalidArgument("reference to unknown attr '", first, "'");
    }
    if (number->type() != "int") {
      return errors::InvalidArgument("length attr '", first, "' has type ", number->type(),
                                     ", not int");
    }
    if (!number->has_minimum() || number->minimum() < 0) {
      return errors::InvalidArgument("length attr '", first,
                                     "' needs a minimum >= 0 (e.g. \"", first,
                                     ": int >= 1\")");
    }
    arg->set_number_attr(first);
    std::string element;
    if (!scanner.ConsumeIdentifier(&element)) {
      return errors::InvalidArgument("missing type after '", first, " *'");
    }
    RETURN_IF_ERROR(ResolveArgType(op_def, element, /*allow_type_list=*/false, arg));
  } else {
    RETURN_IF_ERROR(ResolveArgType(op_def, first, /*allow_type_list=*/true, arg));
  }
  if (is_ref && !scanner.Consume(")")) return errors::InvalidArgument("missing ')' of Ref(");
  if (!scanner.Empty()) return errors::InvalidArgument("unexpected '", scanner.Rest(), "'");
  return absl::OkStatus();
}

// ParseDoc fills the summary, description and the per-arg/attr descriptions of `op_def`.
void ParseDoc(absl::string_view doc, OpDef* op_def) {
  std::vector<absl::string_view> lines = absl::StrSplit(doc, '\n');
  size_t i = 0;
  while (i < lines.size() && absl::StripAsciiWhitespace(lines[i]).empty()) ++i;
  std::vector<std::string> summary;
  for (; i < lines.size() && !absl::StripAsciiWhitespace(lines[i]).empty(); ++i) {
    summary.push_back(std::string(absl::StripAsciiWhitespace(lines[i])));
  }
  op_def->set_summary(absl::StrJoin(summary, " "));

  std::string description;
  std::string* target = &description;
  const auto find_target = [op_def](absl::string_view name) -> std::string* {
    for (auto& arg : *op_def->mutable_input_arg()) {
      if (arg.name() == name) return arg.mutable_description();
    }
    for (auto& arg : *op_def->mutable_output_arg()) {
      if (arg.name() == name) return arg.mutable_description();
    }
    for (auto& attr : *op_def->mutable_attr()) {
      if (attr.name() == name) return attr.mutable_description();
    }
    return nullptr;
  };
  for (; i < lines.size(); ++i) {
    const absl::string_view line = lines[i];
    const size_t colon = line.find(": ");
    std::string* named = nullptr;
    if (colon != absl::string_view::npos && !line.empty() && !absl::ascii_isspace(line[0])) {
      named = find_target(line.substr(0, colon));
    }
    if (named != nullptr) {
      target = named;
      *target = std::string(absl::StripAsciiWhitespace(line.substr(colon + 2)));
    } else if (target != &description && !line.empty() && absl::ascii_isspace(line[0])) {
      absl::StrAppend(target, " ", absl::StripAsciiWhitespace(line));
    } else {
      target = &description;
      absl::StrAppend(&description, line, "\n");
    }
  }
  op_def->set_description(std::string(absl::StripAsciiWhitespace(description)));
}

}  // namespace

OpDefBuilder::OpDefBuilder(std::string op_name) : op_name_(std::move(op_name)) {}

OpDefBuilder& OpDefBuilder::Attr(std::string spec) {
  attrs_.push_back(std::move(spec));
  return *this;
}
OpDefBuilder& OpDefBuilder::Input(std::string spec) {
  inputs_.push_back(std::move(spec));
  return *this;
}
OpDefBuilder& OpDefBuilder::Output(std::string spec) {
  outputs_.push_back(std::move(spec));
  return *this;
}
OpDefBuilder& OpDefBuilder::SetIsCommutative() {
  flags_.set_is_commutative(true);
  return *this;
}
OpDefBuilder& OpDefBuilder::SetIsAggregate() {
  flags_.set_is_aggregate(true);
  return *this;
}
OpDefBuilder& OpDefBuilder::SetIsStateful() {
  flags_.set_is_stateful(true);
  return *this;
}
OpDefBuilder& OpDefBuilder::SetAllowsUninitializedInput() {
  flags_.set_allows_uninitialized_input(true);
  return *this;
}
OpDefBuilder& OpDefBuilder::Differentiable() {
  gradient_ = GradientDeclaration::kDifferentiable;
  return *this;
}
OpDefBuilder& OpDefBuilder::NoGradient() {
  gradient_ = GradientDeclaration::kNoGradient;
  return *this;
}
OpDefBuilder& OpDefBuilder::Deprecated(int graph_def_version, std::string explanation) {
  flags_.mutable_deprecation()->set_version(graph_def_version);
  flags_.mutable_deprecation()->set_explanation(std::move(explanation));
  return *this;
}
OpDefBuilder& OpDefBuilder::Doc(std::string text) {
  doc_ = std::move(text);
  return *this;
}
OpDefBuilder& OpDefBuilder::SetShapeFn(ShapeInferenceFn fn) {
  shape_fn_ = std::move(fn);
  return *this;
}

absl::Status OpDefBuilder::Finalize(OpRegistrationData* op_reg_data) const {
  OpDef op_def = flags_;
  op_def.set_name(op_name_);
  if (!IsValidOpName(op_name_)) {
    return errors::InvalidArgument("Invalid op name '", op_name_,
                                   "' (must match [A-Z][a-zA-Z0-9>_]* or start with '_')");
  }
  absl::flat_hash_set<std::string> names;
  const auto check_unique = [&](const std::string& name, absl::string_view kind,
                                const std::string& spec) -> absl::Status {
    if (!names.insert(name).second) {
      return errors::InvalidArgument("Duplicate name '", name, "' in ", kind, "(\"", spec,
                                     "\") for Op ", op_name_);
    }
    return absl::OkStatus();
  };
  for (const std::string& spec : attrs_) {
    OpDef::AttrDef* attr = op_def.add_attr();
    const absl::Status status = ParseAttrSpec(spec, attr);
    if (!status.ok()) {
      return errors::InvalidArgument("Bad Attr(\"", spec, "\") for Op ", op_name_, ": ",
                                     status.message());
    }
    RETURN_IF_ERROR(check_unique(attr->name(), "Attr", spec));
  }
  const auto parse_args = [&](const std::vector<std::string>& specs, absl::string_view kind,
                              google::protobuf::RepeatedPtrField<OpDef::ArgDef>* args)
      -> absl::Status {
    for (const std::string& spec : specs) {
      OpDef::ArgDef* arg = args->Add();
      const absl::Status status = ParseArgSpec(spec, op_def, arg);
      if (!status.ok()) {
        return errors::InvalidArgument("Bad ", kind, "(\"", spec, "\") for Op ", op_name_,
                                       ": ", status.message());
      }
      RETURN_IF_ERROR(check_unique(arg->name(), kind, spec));
    }
    return absl::OkStatus();
  };
  RETURN_IF_ERROR(parse_args(inputs_, "Input", op_def.mutable_input_arg()));
  RETURN_IF_ERROR(parse_args(outputs_, "Output", op_def.mutable_output_arg()));
  ParseDoc(doc_, &op_def);
  op_reg_data->op_def = std::move(op_def);
  op_reg_data->shape_inference_fn = shape_fn_;
  op_reg_data->gradient = gradient_;
  return absl::OkStatus();
}

}  // namespace rill
