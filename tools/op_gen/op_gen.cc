// The op-builder generator: maps each OpDef's inputs, attrs and outputs to C++ parameter
// and member types, then prints the builder classes (header) and constructors (source).
#include "tools/op_gen/op_gen.h"

#include <cctype>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "core/framework/attr_value_util.h"
#include "core/framework/errors.h"
#include "core/framework/status_macros.h"

namespace rill {
namespace op_gen {
namespace {

using tensorflow::OpDef;

// CppAttrType is how one attr type appears in the generated code.
struct CppAttrType {
  std::string param;    // Constructor/setter parameter: "::absl::Span<const int64_t>".
  std::string storage;  // Type the Attrs struct keeps: "std::vector<int64_t>".

  // StoredValue is the expression turning parameter `x` into the storage type.
  std::string StoredValue() const {
    if (absl::StartsWith(param, "::absl::")) return absl::StrCat(storage, "(x.begin(), x.end())");
    return "x";
  }
};

absl::StatusOr<CppAttrType> CppTypeForAttr(const OpDef& op, const OpDef::AttrDef& attr) {
  static const auto* const kTypes = new absl::flat_hash_map<std::string, CppAttrType>({
      {"string", {"const std::string&", "std::string"}},
      {"int", {"int64_t", "int64_t"}},
      {"float", {"float", "float"}},
      {"bool", {"bool", "bool"}},
      {"type", {"::rill::DataType", "::rill::DataType"}},
      {"shape", {"const ::rill::PartialTensorShape&", "::rill::PartialTensorShape"}},
      {"tensor", {"const ::rill::Tensor&", "::rill::Tensor"}},
      {"func", {"const ::tensorflow::NameAttrList&", "::tensorflow::NameAttrList"}},
      {"list(string)", {"::absl::Span<const std::string>", "std::vector<std::string>"}},
      {"list(int)", {"::absl::Span<const int64_t>", "std::vector<int64_t>"}},
      {"list(float)", {"::absl::Span<const float>", "std::vector<float>"}},
      {"list(bool)", {"const std::vector<bool>&", "std::vector<bool>"}},
      {"list(type)", {"::absl::Span<const ::rill::DataType>", "std::vector<::rill::DataType>"}},
      {"list(shape)",
       {"::absl::Span<const ::rill::PartialTensorShape>",
        "std::vector<::rill::PartialTensorShape>"}},
      {"list(tensor)", {"::absl::Span<const ::rill::Tensor>", "std::vector<::rill::Tensor>"}},
      {"list(func)",
       {"::absl::Span<const ::tensorflow::NameAttrList>",
        "std::vector<::tensorflow::NameAttrList>"}},
  });
  const auto found = kTypes->find(attr.type());
  if (found == kTypes->end()) {
    return errors::InvalidArgument("Op ", op.name(), ": attr '", attr.name(), "' has type '",
                                   attr.type(), "', which the builder generator does not know");
  }
  return found->second;
}

bool IsCppKeyword(absl::string_view name) {
  static const auto* const kKeywords = new absl::flat_hash_set<absl::string_view>(absl::StrSplit(
      "alignas alignof and and_eq asm auto bitand bitor bool break case catch char char16_t "
      "char32_t class compl const constexpr const_cast continue decltype default delete do "
      "double dynamic_cast else enum explicit export extern false float for friend goto if "
      "inline int long mutable namespace new noexcept not not_eq nullptr operator or or_eq "
      "private protected public register reinterpret_cast return short signed sizeof static "
      "static_assert static_cast struct switch template this thread_local throw true try "
      "typedef typeid typename union unsigned using virtual void volatile wchar_t while xor "
      "xor_eq",
      ' '));
  return kKeywords->contains(name);
}

// The builder's own names, which args must not shadow.
bool IsBuilderName(absl::string_view name) {
  return name == "scope" || name == "attrs" || name == "operation" || name == "node" ||
         name == "builder";
}

// CppArgName is an input, output or attr name usable as a C++ identifier in the builder.
std::string CppArgName(absl::string_view name) {
  if (IsCppKeyword(name) || IsBuilderName(name)) return absl::StrCat(name, "_");
  return std::string(name);
}

// CamelCase turns "keep_dims" into "KeepDims" (an attr's setter name).
std::string CamelCase(absl::string_view name) {
  std::string result;
  bool upper_next = true;
  for (char c : name) {
    if (c == '_') {
      upper_next = true;
      continue;
    }
    result.push_back(upper_next ? absl::ascii_toupper(c) : c);
    upper_next = false;
  }
  return result;
}

// kCommentWidth is the longest comment text line (after "// ") the generator writes.
constexpr size_t kCommentWidth = 97;

// WrapLine breaks `line` at spaces into lines of at most kCommentWidth characters (a
// longer word stays whole); a bullet's ("* x: ...") continuation lines are indented.
std::vector<std::string> WrapLine(absl::string_view line) {
  const std::string continuation = absl::StartsWith(line, "* ") ? "  " : "";
  std::vector<std::string> lines = {""};
  for (absl::string_view word : absl::StrSplit(line, ' ', absl::SkipEmpty())) {
    std::string& current = lines.back();
    if (current.empty() || current == continuation) {
      absl::StrAppend(&current, word);
    } else if (current.size() + 1 + word.size() <= kCommentWidth) {
      absl::StrAppend(&current, " ", word);
    } else {
      lines.push_back(absl::StrCat(continuation, word));
    }
  }
  return lines;
}

// CommentLines turns `text` into "// " comment lines ("//" when empty), wrapped.
std::string CommentLines(absl::string_view text) {
  std::string result;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    line = absl::StripTrailingAsciiWhitespace(line);
    if (line.size() <= kCommentWidth) {
      absl::StrAppend(&result, line.empty() ? "//" : absl::StrCat("// ", line), "\n");
      continue;
    }
    for (const std::string& wrapped : WrapLine(line)) {
      absl::StrAppend(&result, "// ", wrapped, "\n");
    }
  }
  return result;
}

std::string OneLine(absl::string_view text) {
  return absl::StrReplaceAll(absl::StripAsciiWhitespace(text), {{"\n", " "}});
}

// OpInfo is one op's builder, worked out before printing.
struct OpInfo {
  const OpDef* op = nullptr;
  struct Arg {
    std::string name;      // In the OpDef.
    std::string cpp_name;  // In the generated code.
    bool is_list = false;  // N * T or list(type).
    std::string description;
  };
  struct Attr {
    const OpDef::AttrDef* def = nullptr;
    std::string cpp_name;  // Parameter name (required attrs).
    std::string setter;    // CamelCase setter name (optional attrs).
    CppAttrType type;
  };
  std::vector<Arg> inputs;
  std::vector<Arg> outputs;
  std::vector<Attr> required_attrs;
  std::vector<Attr> optional_attrs;
};

bool IsListArg(const OpDef::ArgDef& arg) {
  return !arg.number_attr().empty() || !arg.type_list_attr().empty();
}

absl::StatusOr<OpInfo> AnalyzeOp(const OpDef& op) {
  OpInfo info;
  info.op = &op;
  absl::flat_hash_set<std::string> inferred_attrs;
  for (const OpDef::ArgDef& arg : op.input_arg()) {
    info.inputs.push_back({arg.name(), CppArgName(arg.name()), IsListArg(arg), arg.description()});
    for (const std::string& attr : {arg.type_attr(), arg.number_attr(), arg.type_list_attr()}) {
      if (!attr.empty()) inferred_attrs.insert(attr);
    }
  }
  absl::flat_hash_set<std::string> used_names;
  for (const OpInfo::Arg& input : info.inputs) used_names.insert(input.cpp_name);
  for (const OpDef::ArgDef& arg : op.output_arg()) {
    info.outputs.push_back({arg.name(), CppArgName(arg.name()), IsListArg(arg), arg.description()});
  }
  for (const OpDef::AttrDef& attr : op.attr()) {
    if (inferred_attrs.contains(attr.name())) continue;
    ASSIGN_OR_RETURN(CppAttrType type, CppTypeForAttr(op, attr));
    OpInfo::Attr cpp_attr{&attr, CppArgName(attr.name()), CamelCase(attr.name()), type};
    if (attr.has_default_value()) {
      // A setter named like the class would be a constructor; like Attrs, the struct.
      if (cpp_attr.setter == op.name() || cpp_attr.setter == "Attrs") {
        absl::StrAppend(&cpp_attr.setter, "_");
      }
      info.optional_attrs.push_back(std::move(cpp_attr));
    } else {
      // A required attr named like an input takes a trailing underscore.
      while (used_names.contains(cpp_attr.cpp_name)) absl::StrAppend(&cpp_attr.cpp_name, "_");
      used_names.insert(cpp_attr.cpp_name);
      info.required_attrs.push_back(std::move(cpp_attr));
    }
  }
  return info;
}

// ConstructorParams is "const ::rill::Scope& scope, ::rill::Input x, ..." (without attrs).
std::string ConstructorParams(const OpInfo& info) {
  std::vector<std::string> params = {"const ::rill::Scope& scope"};
  for (const OpInfo::Arg& input : info.inputs) {
    params.push_back(
        absl::StrCat(input.is_list ? "::rill::InputList " : "::rill::Input ", input.cpp_name));
  }
  for (const OpInfo::Attr& attr : info.required_attrs) {
    params.push_back(absl::StrCat(attr.type.param, " ", attr.cpp_name));
  }
  return absl::StrJoin(params, ", ");
}

std::string DocComment(const OpInfo& info) {
  const OpDef& op = *info.op;
  std::string doc;
  if (!op.summary().empty()) absl::StrAppend(&doc, op.summary(), "\n");
  if (!op.description().empty()) absl::StrAppend(&doc, "\n", op.description(), "\n");
  if (op.has_deprecation()) {
    absl::StrAppend(&doc, "\nDEPRECATED at GraphDef version ", op.deprecation().version(), ": ",
                    op.deprecation().explanation(), "\n");
  }
  std::vector<std::string> args;
  for (const OpInfo::Arg& input : info.inputs) {
    args.push_back(absl::StrCat("* ", input.cpp_name, input.description.empty() ? "" : ": ",
                                OneLine(input.description)));
  }
  for (const OpInfo::Attr& attr : info.required_attrs) {
    args.push_back(absl::StrCat("* ", attr.cpp_name, attr.def->description().empty() ? "" : ": ",
                                OneLine(attr.def->description())));
  }
  if (!args.empty()) absl::StrAppend(&doc, "\nArgs:\n", absl::StrJoin(args, "\n"), "\n");
  if (!info.optional_attrs.empty()) {
    absl::StrAppend(&doc, "\nOptional attrs (see Attrs):\n");
    for (const OpInfo::Attr& attr : info.optional_attrs) {
      absl::StrAppend(&doc, "* ", attr.setter, ": ",
                      attr.def->description().empty()
                          ? ""
                          : absl::StrCat(OneLine(attr.def->description()), " "),
                      "Defaults to ", SummarizeAttrValue(attr.def->default_value()), ".\n");
    }
  }
  std::vector<std::string> outputs;
  for (const OpInfo::Arg& output : info.outputs) {
    outputs.push_back(absl::StrCat("* ", output.is_list ? "OutputList " : "Output ",
                                   output.cpp_name, output.description.empty() ? "" : ": ",
                                   OneLine(output.description)));
  }
  if (!outputs.empty()) {
    absl::StrAppend(&doc, "\nOutputs:\n", absl::StrJoin(outputs, "\n"), "\n");
  }
  const absl::string_view text = absl::StripAsciiWhitespace(doc);
  return text.empty() ? "" : CommentLines(text);
}

std::string ClassDeclaration(const OpInfo& info) {
  const std::string& name = info.op->name();
  std::string out = DocComment(info);
  absl::StrAppend(&out, "class ", name, " {\n public:\n");
  if (!info.optional_attrs.empty()) {
    absl::StrAppend(&out, "  // Attrs holds the optional attrs of ", name,
                    "; unset ones keep their defaults.\n  struct Attrs {\n");
    for (const OpInfo::Attr& attr : info.optional_attrs) {
      absl::StrAppend(&out, "    // ", attr.setter, " sets attr '", attr.def->name(), "' (default ",
                      SummarizeAttrValue(attr.def->default_value()), ").\n", "    Attrs ",
                      attr.setter, "(", attr.type.param, " x) const {\n",
                      "      Attrs ret = *this;\n", "      ret.", attr.def->name(),
                      "_ = ", attr.type.StoredValue(), ";\n", "      return ret;\n", "    }\n\n");
    }
    for (const OpInfo::Attr& attr : info.optional_attrs) {
      absl::StrAppend(&out, "    std::optional<", attr.type.storage, "> ", attr.def->name(),
                      "_;\n");
    }
    absl::StrAppend(&out, "  };\n\n");
  }
  const std::string params = ConstructorParams(info);
  absl::StrAppend(&out, "  ", name, "(", params, ");\n");
  if (!info.optional_attrs.empty()) {
    absl::StrAppend(&out, "  ", name, "(", params, ", const ", name, "::Attrs& attrs);\n");
  }
  if (info.outputs.size() == 1 && !info.outputs[0].is_list) {
    const std::string& output = info.outputs[0].cpp_name;
    absl::StrAppend(&out, "  operator ::rill::Output() const { return ", output, "; }\n",
                    "  operator ::rill::Input() const { return ", output, "; }\n");
  } else if (info.outputs.size() == 1) {
    absl::StrAppend(&out, "  ::rill::Output operator[](size_t index) const { return ",
                    info.outputs[0].cpp_name, "[index]; }\n");
  } else if (info.outputs.empty()) {
    absl::StrAppend(&out, "  operator ::rill::Operation() const { return operation; }\n");
  }
  absl::StrAppend(&out, "  ::rill::Node* node() const { return operation.node(); }\n");
  if (!info.optional_attrs.empty()) {
    absl::StrAppend(&out, "\n");
    for (const OpInfo::Attr& attr : info.optional_attrs) {
      absl::StrAppend(&out, "  static Attrs ", attr.setter, "(", attr.type.param,
                      " x) { return Attrs().", attr.setter, "(x); }\n");
    }
  }
  absl::StrAppend(&out, "\n  ::rill::Operation operation;\n");
  for (const OpInfo::Arg& output : info.outputs) {
    absl::StrAppend(&out, "  ", output.is_list ? "::rill::OutputList " : "::rill::Output ",
                    output.cpp_name, ";\n");
  }
  absl::StrAppend(&out, "};\n");
  return out;
}

std::string ConstructorDefinitions(const OpInfo& info) {
  const std::string& name = info.op->name();
  const std::string params = ConstructorParams(info);
  std::string out;
  if (info.optional_attrs.empty()) {
    absl::StrAppend(&out, name, "::", name, "(", params, ") {\n");
  } else {
    absl::StrAppend(&out, name, "::", name, "(", params, ", const ", name, "::Attrs& attrs) {\n");
  }
  absl::StrAppend(&out, "  ::rill::OpBuilder builder(scope, \"", name, "\");\n");
  for (const OpInfo::Arg& input : info.inputs) {
    absl::StrAppend(&out, "  builder.Input(", input.cpp_name, ");\n");
  }
  for (const OpInfo::Attr& attr : info.required_attrs) {
    absl::StrAppend(&out, "  builder.Attr(\"", attr.def->name(), "\", ", attr.cpp_name, ");\n");
  }
  for (const OpInfo::Attr& attr : info.optional_attrs) {
    absl::StrAppend(&out, "  if (attrs.", attr.def->name(), "_) builder.Attr(\"", attr.def->name(),
                    "\", *attrs.", attr.def->name(), "_);\n");
  }
  absl::StrAppend(&out, "  ::rill::Node* node = builder.Finalize();\n",
                  "  if (node == nullptr) return;\n",
                  "  this->operation = ::rill::Operation(node);\n");
  for (const OpInfo::Arg& output : info.outputs) {
    absl::StrAppend(&out, "  this->", output.cpp_name, " = builder.",
                    output.is_list ? "ListOutput" : "SingleOutput", "(\"", output.name, "\");\n");
  }
  absl::StrAppend(&out, "}\n");
  if (!info.optional_attrs.empty()) {
    std::vector<std::string> args = {"scope"};
    for (const OpInfo::Arg& input : info.inputs) args.push_back(input.cpp_name);
    for (const OpInfo::Attr& attr : info.required_attrs) args.push_back(attr.cpp_name);
    args.push_back(absl::StrCat(name, "::Attrs()"));
    absl::StrAppend(&out, "\n", name, "::", name, "(", params, ")\n    : ", name, "(",
                    absl::StrJoin(args, ", "), ") {}\n");
  }
  return out;
}

std::string IncludeGuard(absl::string_view header_path) {
  std::string guard = "RILL_";
  for (char c : header_path) {
    guard.push_back(absl::ascii_isalnum(c) ? absl::ascii_toupper(c) : '_');
  }
  return absl::StrCat(guard, "_");
}

}  // namespace

bool IsGeneratedFor(const OpDef& op) {
  return !absl::StartsWith(op.name(), "_") && op.name() != "Const";
}

absl::StatusOr<GeneratedCode> GenerateOpBuilders(const tensorflow::OpList& ops,
                                                 const OpGenOptions& options) {
  std::vector<OpInfo> infos;
  for (const OpDef& op : ops.op()) {
    if (!IsGeneratedFor(op)) continue;
    ASSIGN_OR_RETURN(OpInfo info, AnalyzeOp(op));
    infos.push_back(std::move(info));
  }
  const std::string opening = absl::StrCat(
      "// C++ builders for the ops of ", options.library_label,
      ", generated by tools/op_gen\n// from their REGISTER_OP definitions. Do not edit.\n");
  const std::string guard = IncludeGuard(options.header_path);
  GeneratedCode code;
  absl::StrAppend(
      &code.header, opening, "#ifndef ", guard, "\n#define ", guard, "\n\n",
      "#include <cstddef>\n#include <cstdint>\n#include <optional>\n",
      "#include <string>\n#include <vector>\n\n", "#include \"absl/types/span.h\"\n",
      "#include \"core/client/const_op.h\"\n", "#include \"core/client/ops.h\"\n",
      "#include \"core/client/scope.h\"\n", "#include \"core/framework/tensor.h\"\n",
      "#include \"core/framework/tensor_shape.h\"\n", "#include \"core/framework/types.h\"\n",
      "#include \"core/protos/attr_value.pb.h\"\n\n", "namespace rill {\nnamespace ops {\n");
  for (const OpInfo& info : infos) absl::StrAppend(&code.header, "\n", ClassDeclaration(info));
  absl::StrAppend(&code.header, "\n}  // namespace ops\n}  // namespace rill\n\n#endif  // ", guard,
                  "\n");

  absl::StrAppend(&code.source, opening, "#include \"", options.header_path, "\"\n\n",
                  "#include \"core/client/op_builder.h\"\n\n",
                  "namespace rill {\nnamespace ops {\n");
  for (const OpInfo& info : infos) {
    absl::StrAppend(&code.source, "\n", ConstructorDefinitions(info));
  }
  absl::StrAppend(&code.source, "\n}  // namespace ops\n}  // namespace rill\n");
  return code;
}

}  // namespace op_gen
}  // namespace rill
