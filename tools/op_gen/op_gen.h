// The op-builder generator: turns registered OpDefs into C++ builder classes (one per op,
// TensorFlow's cc_op_gen style) that build nodes through core/client's Scope and OpBuilder.
#ifndef RILL_TOOLS_OP_GEN_OP_GEN_H_
#define RILL_TOOLS_OP_GEN_OP_GEN_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "core/protos/op_def.pb.h"

namespace rill {
namespace op_gen {

// OpGenOptions says where the generated code lives.
struct OpGenOptions {
  // header_path is how the generated source includes the header: "ops/math/math_ops.h".
  // The include guard is derived from it.
  std::string header_path;
  // library_label names the op library in the files' opening comment: "//ops/math:math_ops".
  std::string library_label;
};

// GeneratedCode is one header and one source file.
struct GeneratedCode {
  std::string header;
  std::string source;
};

// IsGeneratedFor says whether `op` gets a builder: not an internal op (a name starting with
// "_"), and not Const, whose builder core/client writes by hand (every constant Input needs
// it, and its dtype comes from its value).
bool IsGeneratedFor(const tensorflow::OpDef& op);

// GenerateOpBuilders writes, in namespace rill::ops, one class per op of `ops` that
// IsGeneratedFor accepts, in the order given:
//
//   // Adds x and y elementwise.
//   class Add {
//    public:
//     Add(const ::rill::Scope& scope, ::rill::Input x, ::rill::Input y);
//     operator ::rill::Output() const { return z; }
//     operator ::rill::Input() const { return z; }
//     ::rill::Node* node() const { return operation.node(); }
//
//     ::rill::Operation operation;
//     ::rill::Output z;
//   };
//
// Inputs are ::rill::Input (::rill::InputList for list args); attrs without a default that
// the inputs do not determine (type and number attrs of input args are inferred) follow
// as arguments in declaration order; attrs with a default are optional, set through a
// nested `struct Attrs` with CamelCase setters and a static helper per setter, so
// `ops::Placeholder(scope, DT_FLOAT, ops::Placeholder::Shape({3}))` works. Each output
// is a member (::rill::OutputList for list outputs); a single output converts to Output
// and Input, an op without outputs to Operation. Names that are C++ keywords, or clash
// with the builder's own members, get a trailing underscore. The doc comment comes from
// the OpDef's summary, description and arg/attr descriptions.
//
// InvalidArgument naming the op and attr when an attr has a type the generator does not
// know.
absl::StatusOr<GeneratedCode> GenerateOpBuilders(const tensorflow::OpList& ops,
                                                 const OpGenOptions& options);

}  // namespace op_gen
}  // namespace rill

#endif  // RILL_TOOLS_OP_GEN_OP_GEN_H_
