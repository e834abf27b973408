// Helpers for tensorflow::AttrValue: setting values from C++ types, checking a value against
// an attr type string ("list(int)"), parsing spec defaults, summarizing and comparing.
#ifndef RILL_CORE_FRAMEWORK_ATTR_VALUE_UTIL_H_
#define RILL_CORE_FRAMEWORK_ATTR_VALUE_UTIL_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_shape.h"
#include "core/framework/types.h"
#include "core/protos/attr_value.pb.h"
#include "core/protos/op_def.pb.h"

namespace rill {

// SetAttrValue overwrites `out` with `value`. Lists always set `out->list` (even when empty)
// so an empty list stays distinguishable from an unset value.
void SetAttrValue(int64_t value, tensorflow::AttrValue* out);
void SetAttrValue(int32_t value, tensorflow::AttrValue* out);
void SetAttrValue(float value, tensorflow::AttrValue* out);
void SetAttrValue(double value, tensorflow::AttrValue* out);
void SetAttrValue(bool value, tensorflow::AttrValue* out);
void SetAttrValue(absl::string_view value, tensorflow::AttrValue* out);
void SetAttrValue(const std::string& value, tensorflow::AttrValue* out);
void SetAttrValue(const char* value, tensorflow::AttrValue* out);
void SetAttrValue(DataType value, tensorflow::AttrValue* out);
void SetAttrValue(const TensorShape& value, tensorflow::AttrValue* out);
void SetAttrValue(const PartialTensorShape& value, tensorflow::AttrValue* out);
void SetAttrValue(const tensorflow::TensorShapeProto& value, tensorflow::AttrValue* out);
void SetAttrValue(const Tensor& value, tensorflow::AttrValue* out);
void SetAttrValue(const tensorflow::TensorProto& value, tensorflow::AttrValue* out);
void SetAttrValue(const tensorflow::NameAttrList& value, tensorflow::AttrValue* out);
void SetAttrValue(const tensorflow::AttrValue& value, tensorflow::AttrValue* out);

void SetAttrValue(absl::Span<const int64_t> value, tensorflow::AttrValue* out);
void SetAttrValue(absl::Span<const int32_t> value, tensorflow::AttrValue* out);
void SetAttrValue(absl::Span<const float> value, tensorflow::AttrValue* out);
void SetAttrValue(const std::vector<bool>& value, tensorflow::AttrValue* out);
void SetAttrValue(absl::Span<const std::string> value, tensorflow::AttrValue* out);
void SetAttrValue(absl::Span<const absl::string_view> value, tensorflow::AttrValue* out);
void SetAttrValue(absl::Span<const char* const> value, tensorflow::AttrValue* out);
void SetAttrValue(absl::Span<const DataType> value, tensorflow::AttrValue* out);
void SetAttrValue(absl::Span<const TensorShape> value, tensorflow::AttrValue* out);
void SetAttrValue(absl::Span<const PartialTensorShape> value, tensorflow::AttrValue* out);
void SetAttrValue(absl::Span<const tensorflow::TensorShapeProto> value,
                  tensorflow::AttrValue* out);
void SetAttrValue(absl::Span<const Tensor> value, tensorflow::AttrValue* out);
void SetAttrValue(absl::Span<const tensorflow::NameAttrList> value,
                  tensorflow::AttrValue* out);

// AttrValueHasType returns OK when `value` holds a value of attr type `type` ("int",
// "list(type)", ...). An empty list matches any list type. InvalidArgument otherwise, e.g.
// "AttrValue had value with type 'int' when 'list(int)' expected".
absl::Status AttrValueHasType(const tensorflow::AttrValue& value, absl::string_view type);

// ParseAttrValue parses `text`, written as in an op spec default, as a value of attr type
// `type`: -1, 0.5, true, 'SAME' or "SAME", DT_FLOAT or float, [1, 2], [DT_FLOAT],
// shapes as { unknown_rank: true } / { dim { size: 2 } } (text proto) or [2, ?] / [] / ?,
// tensors and funcs as text protos. InvalidArgument naming `text` and `type` otherwise.
absl::Status ParseAttrValue(absl::string_view type, absl::string_view text,
                            tensorflow::AttrValue* out);

// ValidateAttrValue checks `value` against `attr_def`: its type, its allowed values and its
// minimum (a value for int, a length for lists). InvalidArgument naming the attr otherwise.
absl::Status ValidateAttrValue(const tensorflow::AttrValue& value,
                               const tensorflow::OpDef::AttrDef& attr_def);

// SummarizeAttrValue renders a value as TensorFlow does in node summaries:
// 3, 0.5, true, "SAME", DT_FLOAT, [2,3] (shapes), [1, 2], [DT_FLOAT, DT_INT32], f[a=1].
std::string SummarizeAttrValue(const tensorflow::AttrValue& value);

// AreAttrValuesEqual compares two values by content (serialized form; maps are sorted).
bool AreAttrValuesEqual(const tensorflow::AttrValue& a, const tensorflow::AttrValue& b);

}  // namespace rill

#endif  // RILL_CORE_FRAMEWORK_ATTR_VALUE_UTIL_H_
