// Helpers for tensorflow::AttrValue: setting, type checking, parsing spec defaults,
// validation against an AttrDef, summaries and comparison.
#include "core/framework/attr_value_util.h"

#include <algorithm>
#include <map>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "core/framework/errors.h"
#include "core/framework/status_macros.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/util/message_differencer.h"

namespace rill {
namespace {

using tensorflow::AttrValue;

// ListTypeOf returns the element type name of a list value ("int" for list(int)), "" for
// an empty list, and "multiple" when several element fields are set.
std::string ListTypeOf(const AttrValue::ListValue& list) {
  std::vector<std::string> set;
  if (list.s_size() > 0) set.push_back("string");
  if (list.i_size() > 0) set.push_back("int");
  if (list.f_size() > 0) set.push_back("float");
  if (list.b_size() > 0) set.push_back("bool");
  if (list.type_size() > 0) set.push_back("type");
  if (list.shape_size() > 0) set.push_back("shape");
  if (list.tensor_size() > 0) set.push_back("tensor");
  if (list.func_size() > 0) set.push_back("func");
  if (set.size() > 1) return "multiple";
  return set.empty() ? "" : set[0];
}

bool IsValidDataType(int value) {
  return tensorflow::DataType_IsValid(value) && value != tensorflow::DT_INVALID;
}

std::string SummarizeString(const std::string& s) {
  return absl::StrCat("\"", absl::CEscape(s), "\"");
}

std::string SummarizeShape(const tensorflow::TensorShapeProto& shape) {
  if (shape.unknown_rank()) return "<unknown>";
  std::vector<std::string> dims;
  for (const auto& dim : shape.dim()) {
    dims.push_back(dim.size() < 0 ? "?" : absl::StrCat(dim.size()));
  }
  return absl::StrCat("[", absl::StrJoin(dims, ","), "]");
}

std::string SummarizeTensor(const tensorflow::TensorProto& proto) {
  Tensor tensor;
  if (!tensor.FromProto(proto).ok()) {
    return absl::StrCat("<Invalid TensorProto: ", proto.ShortDebugString(), ">");
  }
  return absl::StrCat("<Tensor<type: ", DataTypeString(tensor.dtype()),
                      " shape: ", tensor.shape().DebugString(),
                      " values: ", tensor.SummarizeValue(10), ">>");
}

std::string SummarizeFunc(const tensorflow::NameAttrList& func) {
  std::map<std::string, std::string> sorted;
  for (const auto& [name, value] : func.attr()) sorted[name] = SummarizeAttrValue(value);
  std::vector<std::string> entries;
  for (const auto& [name, text] : sorted) entries.push_back(absl::StrCat(name, "=", text));
  return absl::StrCat(func.name(), "[", absl::StrJoin(entries, ", "), "]");
}

std::string SummarizeList(const AttrValue::ListValue& list) {
  std::vector<std::string> items;
  for (const auto& s : list.s()) items.push_back(SummarizeString(s));
  for (int64_t i : list.i()) items.push_back(absl::StrCat(i));
  for (float f : list.f()) items.push_back(absl::StrCat(f));
  for (bool b : list.b()) items.push_back(b ? "true" : "false");
  for (int type : list.type()) {
    items.push_back(tensorflow::DataType_Name(static_cast<DataType>(type)));
  }
  for (const auto& shape : list.shape()) items.push_back(SummarizeShape(shape));
  for (const auto& tensor : list.tensor()) items.push_back(SummarizeTensor(tensor));
  for (const auto& func : list.func()) items.push_back(SummarizeFunc(func));
  return absl::StrCat("[", absl::StrJoin(items, ", "), "]");
}

// SplitListItems splits the inside of "[a, 'b,c', {x: 1}]" at top-level commas.
absl::Status SplitListItems(absl::string_view text, std::vector<std::string>* items) {
  int depth = 0;
  char quote = 0;
  std::string current;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quote != 0) {
      current.push_back(c);
      if (c == '\\' && i + 1 < text.size()) {
        current.push_back(text[++i]);
      } else if (c == quote) {
        quote = 0;
      }
      continue;
    }
    if (c == '\'' || c == '"') quote = c;
    if (c == '[' || c == '{') ++depth;
    if (c == ']' || c == '}') --depth;
    if (depth < 0) return errors::InvalidArgument("unbalanced '", std::string(1, c), "'");
    if (c == ',' && depth == 0) {
      items->push_back(std::string(absl::StripAsciiWhitespace(current)));
      current.clear();
    } else {
      current.push_back(c);
    }
  }
  if (quote != 0 || depth != 0) return errors::InvalidArgument("unterminated list item");
  const std::string last(absl::StripAsciiWhitespace(current));
  if (!last.empty() || !items->empty()) items->push_back(last);
  return absl::OkStatus();
}

// ParseTextProto parses "{ field: value ... }" into `message`.
bool ParseTextProto(absl::string_view text, google::protobuf::Message* message) {
  if (!absl::ConsumePrefix(&text, "{") || !absl::ConsumeSuffix(&text, "}")) return false;
  return google::protobuf::TextFormat::ParseFromString(std::string(text), message);
}

bool ParseShape(absl::string_view text, tensorflow::TensorShapeProto* shape) {
  if (text == "?") {
    shape->set_unknown_rank(true);
    return true;
  }
  if (absl::StartsWith(text, "{")) return ParseTextProto(text, shape);
  if (!absl::ConsumePrefix(&text, "[") || !absl::ConsumeSuffix(&text, "]")) return false;
  std::vector<std::string> dims;
  if (!SplitListItems(text, &dims).ok()) return false;
  for (const std::string& dim : dims) {
    int64_t size = -1;
    if (dim != "?" && (!absl::SimpleAtoi(dim, &size) || size < -1)) return false;
    shape->add_dim()->set_size(size);
  }
  return true;
}

bool ParseString(absl::string_view text, std::string* out) {
  if (text.size() < 2 || (text.front() != '\'' && text.front() != '"') ||
      text.back() != text.front()) {
    return false;
  }
  return absl::CUnescape(text.substr(1, text.size() - 2), out);
}

// ParseScalar parses one value of scalar attr type `type` into `out`.
bool ParseScalar(absl::string_view type, absl::string_view text, AttrValue* out) {
  if (type == "string") {
    std::string s;
    if (!ParseString(text, &s)) return false;
    out->set_s(s);
  } else if (type == "int") {
    int64_t i;
    if (!absl::SimpleAtoi(text, &i)) return false;
    out->set_i(i);
  } else if (type == "float") {
    float f;
    if (!absl::SimpleAtof(text, &f)) return false;
    out->set_f(f);
  } else if (type == "bool") {
    if (text != "true" && text != "false") return false;
    out->set_b(text == "true");
  } else if (type == "type") {
    DataType dtype;
    if (!DataTypeFromString(text, &dtype)) return false;
    out->set_type(dtype);
  } else if (type == "shape") {
    return ParseShape(text, out->mutable_shape());
  } else if (type == "tensor") {
    return ParseTextProto(text, out->mutable_tensor());
  } else if (type == "func") {
    if (absl::StartsWith(text, "{")) return ParseTextProto(text, out->mutable_func());
    if (text.empty()) return false;
    out->mutable_func()->set_name(std::string(text));
  } else {
    return false;
  }
  return true;
}

void AppendToList(const AttrValue& item, AttrValue::ListValue* list) {
  switch (item.value_case()) {
    case AttrValue::kS: list->add_s(item.s()); break;
    case AttrValue::kI: list->add_i(item.i()); break;
    case AttrValue::kF: list->add_f(item.f()); break;
    case AttrValue::kB: list->add_b(item.b()); break;
    case AttrValue::kType: list->add_type(item.type()); break;
    case AttrValue::kShape: *list->add_shape() = item.shape(); break;
    case AttrValue::kTensor: *list->add_tensor() = item.tensor(); break;
    case AttrValue::kFunc: *list->add_func() = item.func(); break;
    default: break;
  }
}

}  // namespace

void SetAttrValue(int64_t value, AttrValue* out) { out->set_i(value); }
void SetAttrValue(int32_t value, AttrValue* out) { out->set_i(value); }
void SetAttrValue(float value, AttrValue* out) { out->set_f(value); }
void SetAttrValue(double value, AttrValue* out) { out->set_f(static_cast<float>(value)); }
void SetAttrValue(bool value, AttrValue* out) { out->set_b(value); }
void SetAttrValue(absl::string_view value, AttrValue* out) { out->set_s(std::string(value)); }
void SetAttrValue(const std::string& value, AttrValue* out) { out->set_s(value); }
void SetAttrValue(const char* value, AttrValue* out) { out->set_s(value); }
void SetAttrValue(DataType value, AttrValue* out) { out->set_type(value); }
void SetAttrValue(const TensorShape& value, AttrValue* out) {
  value.AsProto(out->mutable_shape());
}
void SetAttrValue(const PartialTensorShape& value, AttrValue* out) {
  value.AsProto(out->mutable_shape());
}
void SetAttrValue(const tensorflow::TensorShapeProto& value, AttrValue* out) {
  *out->mutable_shape() = value;
}
void SetAttrValue(const Tensor& value, AttrValue* out) {
  value.AsProtoTensorContent(out->mutable_tensor());
}
void SetAttrValue(const tensorflow::TensorProto& value, AttrValue* out) {
  *out->mutable_tensor() = value;
}
void SetAttrValue(const tensorflow::NameAttrList& value, AttrValue* out) {
  *out->mutable_func() = value;
}
void SetAttrValue(const AttrValue& value, AttrValue* out) { *out = value; }

void SetAttrValue(absl::Span<const int64_t> value, AttrValue* out) {
  auto* list = out->mutable_list();
  list->Clear();
  for (int64_t v : value) list->add_i(v);
}
void SetAttrValue(absl::Span<const int32_t> value, AttrValue* out) {
  auto* list = out->mutable_list();
  list->Clear();
  for (int32_t v : value) list->add_i(v);
}
void SetAttrValue(absl::Span<const float> value, AttrValue* out) {
  auto* list = out->mutable_list();
  list->Clear();
  for (float v : value) list->add_f(v);
}
void SetAttrValue(const std::vector<bool>& value, AttrValue* out) {
  auto* list = out->mutable_list();
  list->Clear();
  for (bool v : value) list->add_b(v);
}
void SetAttrValue(absl::Span<const std::string> value, AttrValue* out) {
  auto* list = out->mutable_list();
  list->Clear();
  for (const std::string& v : value) list->add_s(v);
}
void SetAttrValue(absl::Span<const absl::string_view> value, AttrValue* out) {
  auto* list = out->mutable_list();
  list->Clear();
  for (absl::string_view v : value) list->add_s(std::string(v));
}
void SetAttrValue(absl::Span<const char* const> value, AttrValue* out) {
  auto* list = out->mutable_list();
  list->Clear();
  for (const char* v : value) list->add_s(v);
}
void SetAttrValue(absl::Span<const DataType> value, AttrValue* out) {
  auto* list = out->mutable_list();
  list->Clear();
  for (DataType v : value) list->add_type(v);
}
void SetAttrValue(absl::Span<const TensorShape> value, AttrValue* out) {
  auto* list = out->mutable_list();
  list->Clear();
  for (const TensorShape& v : value) v.AsProto(list->add_shape());
}
void SetAttrValue(absl::Span<const PartialTensorShape> value, AttrValue* out) {
  auto* list = out->mutable_list();
  list->Clear();
  for (const PartialTensorShape& v : value) v.AsProto(list->add_shape());
}
void SetAttrValue(absl::Span<const tensorflow::TensorShapeProto> value, AttrValue* out) {
  auto* list = out->mutable_list();
  list->Clear();
  for (const auto& v : value) *list->add_shape() = v;
}
void SetAttrValue(absl::Span<const Tensor> value, AttrValue* out) {
  auto* list = out->mutable_list();
  list->Clear();
  for (const Tensor& v : value) v.AsProtoTensorContent(list->add_tensor());
}
void SetAttrValue(absl::Span<const tensorflow::NameAttrList> value, AttrValue* out) {
  auto* list = out->mutable_list();
  list->Clear();
  for (const auto& v : value) *list->add_func() = v;
}

absl::Status AttrValueHasType(const AttrValue& value, absl::string_view type) {
  std::string actual;
  switch (value.value_case()) {
    case AttrValue::kS: actual = "string"; break;
    case AttrValue::kI: actual = "int"; break;
    case AttrValue::kF: actual = "float"; break;
    case AttrValue::kB: actual = "bool"; break;
    case AttrValue::kType: actual = "type"; break;
    case AttrValue::kShape: actual = "shape"; break;
    case AttrValue::kTensor: actual = "tensor"; break;
    case AttrValue::kFunc: actual = "func"; break;
    case AttrValue::kPlaceholder:
      return errors::InvalidArgument("AttrValue is a placeholder ('", value.placeholder(),
                                     "') when '", type, "' expected");
    case AttrValue::kList: {
      const std::string element = ListTypeOf(value.list());
      if (element == "multiple") {
        return errors::InvalidArgument("AttrValue list holds values of several types when '",
                                       type, "' expected");
      }
      if (element.empty()) {
        if (absl::StartsWith(type, "list(")) return absl::OkStatus();
        return errors::InvalidArgument("AttrValue had value with type 'list' when '", type,
                                       "' expected");
      }
      actual = absl::StrCat("list(", element, ")");
      break;
    }
    case AttrValue::VALUE_NOT_SET:
      return errors::InvalidArgument("AttrValue missing value with expected type '", type,
                                     "'");
  }
  if (actual != type) {
    return errors::InvalidArgument("AttrValue had value with type '", actual, "' when '",
                                   type, "' expected");
  }
  if (value.value_case() == AttrValue::kType && !IsValidDataType(value.type())) {
    return errors::InvalidArgument("AttrValue has invalid DataType ",
                                   static_cast<int>(value.type()));
  }
  if (value.value_case() == AttrValue::kList) {
    for (int type_value : value.list().type()) {
      if (!IsValidDataType(type_value)) {
        return errors::InvalidArgument("AttrValue has invalid DataType ", type_value);
      }
    }
  }
  return absl::OkStatus();
}

absl::Status ParseAttrValue(absl::string_view type, absl::string_view text, AttrValue* out) {
  const absl::string_view stripped = absl::StripAsciiWhitespace(text);
  const auto fail = [&]() {
    return errors::InvalidArgument("Could not parse '", text, "' as a value of type '", type,
                                   "'");
  };
  out->Clear();
  absl::string_view element_type = type;
  if (absl::ConsumePrefix(&element_type, "list(")) {
    if (!absl::ConsumeSuffix(&element_type, ")")) return fail();
    absl::string_view inner = stripped;
    if (!absl::ConsumePrefix(&inner, "[") || !absl::ConsumeSuffix(&inner, "]")) return fail();
    std::vector<std::string> items;
    if (!SplitListItems(inner, &items).ok()) return fail();
    auto* list = out->mutable_list();
    for (const std::string& item : items) {
      AttrValue parsed;
      if (!ParseScalar(element_type, item, &parsed)) return fail();
      AppendToList(parsed, list);
    }
    return absl::OkStatus();
  }
  if (!ParseScalar(type, stripped, out)) return fail();
  return absl::OkStatus();
}

absl::Status ValidateAttrValue(const AttrValue& value,
                               const tensorflow::OpDef::AttrDef& attr_def) {
  const absl::Status type_status = AttrValueHasType(value, attr_def.type());
  if (!type_status.ok()) {
    return errors::InvalidArgument(type_status.message(), " for attr '", attr_def.name(),
                                   "'");
  }
  const bool is_list = absl::StartsWith(attr_def.type(), "list(");
  if (attr_def.has_minimum()) {
    if (is_list) {
      const auto& list = value.list();
      const int64_t length = list.s_size() + list.i_size() + list.f_size() + list.b_size() +
                             list.type_size() + list.shape_size() + list.tensor_size() +
                             list.func_size();
      if (length < attr_def.minimum()) {
        return errors::InvalidArgument("Length for attr '", attr_def.name(), "' of ", length,
                                       " must be at least minimum ", attr_def.minimum());
      }
    } else if (attr_def.type() == "int" && value.i() < attr_def.minimum()) {
      return errors::InvalidArgument("Value for attr '", attr_def.name(), "' of ", value.i(),
                                     " must be at least minimum ", attr_def.minimum());
    }
  }
  if (!attr_def.has_allowed_values()) return absl::OkStatus();
  const auto& allowed = attr_def.allowed_values().list();
  if (attr_def.type() == "type" || attr_def.type() == "list(type)") {
    std::vector<DataType> values;
    if (is_list) {
      for (int t : value.list().type()) values.push_back(static_cast<DataType>(t));
    } else {
      values.push_back(value.type());
    }
    for (DataType dtype : values) {
      if (std::find(allowed.type().begin(), allowed.type().end(), dtype) ==
          allowed.type().end()) {
        std::vector<DataType> allowed_types;
        for (int t : allowed.type()) allowed_types.push_back(static_cast<DataType>(t));
        return errors::InvalidArgument("Value for attr '", attr_def.name(), "' of ",
                                       DataTypeString(dtype),
                                       " is not in the list of allowed values: ",
                                       DataTypeVectorString(allowed_types));
      }
    }
  } else if (attr_def.type() == "string" || attr_def.type() == "list(string)") {
    std::vector<std::string> values;
    if (is_list) {
      values.assign(value.list().s().begin(), value.list().s().end());
    } else {
      values.push_back(value.s());
    }
    for (const std::string& s : values) {
      if (std::find(allowed.s().begin(), allowed.s().end(), s) == allowed.s().end()) {
        std::vector<std::string> quoted;
        for (const auto& a : allowed.s()) quoted.push_back(SummarizeString(a));
        return errors::InvalidArgument("Value for attr '", attr_def.name(), "' of ",
                                       SummarizeString(s),
                                       " is not in the list of allowed values: ",
                                       absl::StrJoin(quoted, ", "));
      }
    }
  }
  return absl::OkStatus();
}

std::string SummarizeAttrValue(const AttrValue& value) {
  switch (value.value_case()) {
    case AttrValue::kS: return SummarizeString(value.s());
    case AttrValue::kI: return absl::StrCat(value.i());
    case AttrValue::kF: return absl::StrCat(value.f());
    case AttrValue::kB: return value.b() ? "true" : "false";
    case AttrValue::kType: return tensorflow::DataType_Name(value.type());
    case AttrValue::kShape: return SummarizeShape(value.shape());
    case AttrValue::kTensor: return SummarizeTensor(value.tensor());
    case AttrValue::kFunc: return SummarizeFunc(value.func());
    case AttrValue::kPlaceholder: return absl::StrCat("$", value.placeholder());
    case AttrValue::kList: return SummarizeList(value.list());
    case AttrValue::VALUE_NOT_SET: break;
  }
  return "<Unknown AttrValue type>";
}

bool AreAttrValuesEqual(const AttrValue& a, const AttrValue& b) {
  return google::protobuf::util::MessageDifferencer::Equals(a, b);
}

}  // namespace rill
