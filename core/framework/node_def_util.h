// NodeDef utilities: typed attr access (GetNodeAttr), validation of a NodeDef against its
// OpDef, default filling, input/output types and name ranges, and error formatting.
#ifndef RILL_CORE_FRAMEWORK_NODE_DEF_UTIL_H_
#define RILL_CORE_FRAMEWORK_NODE_DEF_UTIL_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "core/framework/attr_value_util.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_shape.h"
#include "core/framework/types.h"
#include "core/protos/attr_value.pb.h"
#include "core/protos/node_def.pb.h"
#include "core/protos/op_def.pb.h"

namespace rill {

using AttrValueMap = google::protobuf::Map<std::string, tensorflow::AttrValue>;

// AttrSlice is a cheap read-only view of a node's attrs (a NodeDef's, or a bare attr map such
// as a NameAttrList's). It does not own them: the NodeDef/map must outlive the slice.
class AttrSlice {
 public:
  AttrSlice();                                  // No attrs.
  AttrSlice(const tensorflow::NodeDef& node_def);  // NOLINT: implicit on purpose.
  explicit AttrSlice(const AttrValueMap* attrs);

  int size() const { return attrs_->size(); }

  // Find returns the attr named `attr_name`, or nullptr.
  const tensorflow::AttrValue* Find(absl::string_view attr_name) const;

  // Find sets `*attr_value` or returns NotFound "No attr named 'x' in NodeDef: ...".
  absl::Status Find(absl::string_view attr_name,
                    const tensorflow::AttrValue** attr_value) const;

  // SummarizeNode is the node summary used in errors ("name = Op[attrs](inputs)"), or the
  // attr summary alone when the slice is not a NodeDef's.
  std::string SummarizeNode() const;

  const tensorflow::NodeDef* node_def() const { return node_def_; }
  AttrValueMap::const_iterator begin() const { return attrs_->begin(); }
  AttrValueMap::const_iterator end() const { return attrs_->end(); }

 private:
  const tensorflow::NodeDef* node_def_;
  const AttrValueMap* attrs_;
};

// HasNodeAttr says whether `node_def` has an attr named `attr_name`.
bool HasNodeAttr(const tensorflow::NodeDef& node_def, absl::string_view attr_name);

// GetNodeAttr reads attr `attr_name` into `value`. NotFound "No attr named 'x' in NodeDef:"
// when absent; InvalidArgument naming the attr, the expected type and the node when the
// value has another type (or, for Tensor, does not parse; for int32_t, does not fit).
absl::Status GetNodeAttr(const AttrSlice& attrs, absl::string_view attr_name, int64_t* value);
absl::Status GetNodeAttr(const AttrSlice& attrs, absl::string_view attr_name, int32_t* value);
absl::Status GetNodeAttr(const AttrSlice& attrs, absl::string_view attr_name, float* value);
absl::Status GetNodeAttr(const AttrSlice& attrs, absl::string_view attr_name, bool* value);
absl::Status GetNodeAttr(const AttrSlice& attrs, absl::string_view attr_name,
                         std::string* value);
absl::Status GetNodeAttr(const AttrSlice& attrs, absl::string_view attr_name, DataType* value);
absl::Status GetNodeAttr(const AttrSlice& attrs, absl::string_view attr_name,
                         TensorShape* value);
absl::Status GetNodeAttr(const AttrSlice& attrs, absl::string_view attr_name,
                         PartialTensorShape* value);
absl::Status GetNodeAttr(const AttrSlice& attrs, absl::string_view attr_name,
                         tensorflow::TensorShapeProto* value);
absl::Status GetNodeAttr(const AttrSlice& attrs, absl::string_view attr_name,
                         tensorflow::TensorProto* value);
absl::Status GetNodeAttr(const AttrSlice& attrs, absl::string_view attr_name, Tensor* value);
absl::Status GetNodeAttr(const AttrSlice& attrs, absl::string_view attr_name,
                         tensorflow::NameAttrList* value);
absl::Status GetNodeAttr(const AttrSlice& attrs, absl::string_view attr_name,
                         std::vector<int64_t>* value);
absl::Status GetNodeAttr(const AttrSlice& attrs, absl::string_view attr_name,
                         std::vector<int32_t>* value);
absl::Status GetNodeAttr(const AttrSlice& attrs, absl::string_view attr_name,
                         std::vector<float>* value);
absl::Status GetNodeAttr(const AttrSlice& attrs, absl::string_view attr_name,
                         std::vector<bool>* value);
absl::Status GetNodeAttr(const AttrSlice& attrs, absl::string_view attr_name,
                         std::vector<std::string>* value);
absl::Status GetNodeAttr(const AttrSlice& attrs, absl::string_view attr_name,
                         DataTypeVector* value);
absl::Status GetNodeAttr(const AttrSlice& attrs, absl::string_view attr_name,
                         std::vector<TensorShape>* value);
absl::Status GetNodeAttr(const AttrSlice& attrs, absl::string_view attr_name,
                         std::vector<PartialTensorShape>* value);
absl::Status GetNodeAttr(const AttrSlice& attrs, absl::string_view attr_name,
                         std::vector<Tensor>* value);

// AddNodeAttr sets attr `name` of `node_def` to `value` (any type SetAttrValue takes),
// replacing an existing value.
template <typename T>
void AddNodeAttr(absl::string_view name, T&& value, tensorflow::NodeDef* node_def) {
  tensorflow::AttrValue attr_value;
  SetAttrValue(std::forward<T>(value), &attr_value);
  (*node_def->mutable_attr())[std::string(name)] = std::move(attr_value);
}

// AddDefaultsToNodeDef sets every attr of `op_def` that has a default and is missing from
// `node_def`.
void AddDefaultsToNodeDef(const tensorflow::OpDef& op_def, tensorflow::NodeDef* node_def);

// ValidateNodeDef checks `node_def` against `op_def`: same op name, every attr present with
// the right type, allowed value and minimum, no unknown attrs (internal "_"-prefixed ones
// aside), data inputs before control inputs, and a data input count matching the op's args
// after resolving N and list(type) attrs. InvalidArgument naming the node and the attr.
absl::Status ValidateNodeDef(const tensorflow::NodeDef& node_def,
                             const tensorflow::OpDef& op_def);

// InOutTypesForNode resolves the dtype of every input and output of `node_def` (type attrs,
// N * T, list(type), Ref(T) -> the _REF type).
absl::Status InOutTypesForNode(const tensorflow::NodeDef& node_def,
                               const tensorflow::OpDef& op_def, DataTypeVector* inputs,
                               DataTypeVector* outputs);
absl::Status InputTypesForNode(const tensorflow::NodeDef& node_def,
                               const tensorflow::OpDef& op_def, DataTypeVector* inputs);
absl::Status OutputTypesForNode(const tensorflow::NodeDef& node_def,
                                const tensorflow::OpDef& op_def, DataTypeVector* outputs);

// NameRangeMap maps an arg name to the [start, end) positions it occupies among the node's
// inputs or outputs ("values: N * T" with N = 3 after "axis: int32" is values -> [1, 4)).
using NameRangeMap = absl::flat_hash_map<std::string, std::pair<int, int>>;

// NameRangesForNode fills either map (null to skip). Only number and list(type) attrs are
// read, so a NodeDef without its type attrs is fine.
absl::Status NameRangesForNode(const AttrSlice& attrs, const tensorflow::OpDef& op_def,
                               NameRangeMap* inputs, NameRangeMap* outputs);

// SummarizeNodeDef renders `name = Op[attr=value, ...](input, ...)`, attrs sorted by name,
// with the device last in the brackets as _device="/cpu:0" when set.
std::string SummarizeNodeDef(const tensorflow::NodeDef& node_def);

// SummarizeOpDef renders an op's signature for error messages:
// Op<name=MatMul; signature=a:T, b:T -> product:T; attr=T:type,allowed=[DT_FLOAT]; ...>.
std::string SummarizeOpDef(const tensorflow::OpDef& op_def);

// FormatNodeForError returns "node name", the tag error messages use to name a node.
std::string FormatNodeForError(absl::string_view node_name);
std::string FormatNodeDefForError(const tensorflow::NodeDef& node_def);

// AttachDef appends "\n\t [[node name = Op[...](...)]]" to a non-OK `status`.
absl::Status AttachDef(const absl::Status& status, const tensorflow::NodeDef& node_def);

}  // namespace rill

#endif  // RILL_CORE_FRAMEWORK_NODE_DEF_UTIL_H_
