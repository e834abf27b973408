// Pulls the generated code of every proto file into a program that links the core, so that
// plugins (built against headers only) find each message's symbols when they are loaded.
#include "core/protos/allocation_description.pb.h"
#include "core/protos/attr_value.pb.h"
#include "core/protos/checkpoint_state.pb.h"
#include "core/protos/config.pb.h"
#include "core/protos/cost_graph.pb.h"
#include "core/protos/event.pb.h"
#include "core/protos/example.pb.h"
#include "core/protos/feature.pb.h"
#include "core/protos/function.pb.h"
#include "core/protos/graph.pb.h"
#include "core/protos/meta_graph.pb.h"
#include "core/protos/node_def.pb.h"
#include "core/protos/op_def.pb.h"
#include "core/protos/resource_handle.pb.h"
#include "core/protos/saver.pb.h"
#include "core/protos/step_stats.pb.h"
#include "core/protos/summary.pb.h"
#include "core/protos/tensor_bundle.pb.h"
#include "core/protos/tensor.pb.h"
#include "core/protos/tensor_description.pb.h"
#include "core/protos/tensor_shape.pb.h"
#include "core/protos/tensor_slice.pb.h"
#include "core/protos/types.pb.h"
#include "core/protos/variable.pb.h"
#include "core/protos/versions.pb.h"

namespace rill {
namespace internal {

// One message (or enum) per .proto file: referencing it keeps that file's object linked in.
// External linkage (and -rdynamic on the programs) keeps the table itself from being dropped.
extern const void* const kOneMessagePerProtoFile[];
const void* const kOneMessagePerProtoFile[] = {
    &tensorflow::AllocationDescription::default_instance(),
    &tensorflow::AttrValue::default_instance(),
    &tensorflow::CheckpointState::default_instance(),
    &tensorflow::ConfigProto::default_instance(),
    &tensorflow::CostGraphDef::default_instance(),
    &tensorflow::Event::default_instance(),
    &tensorflow::Example::default_instance(),
    &tensorflow::Feature::default_instance(),
    &tensorflow::FunctionDefLibrary::default_instance(),
    &tensorflow::GraphDef::default_instance(),
    &tensorflow::MetaGraphDef::default_instance(),
    &tensorflow::NodeDef::default_instance(),
    &tensorflow::OpList::default_instance(),
    &tensorflow::ResourceHandleProto::default_instance(),
    &tensorflow::SaverDef::default_instance(),
    &tensorflow::StepStats::default_instance(),
    &tensorflow::Summary::default_instance(),
    &tensorflow::BundleEntryProto::default_instance(),
    &tensorflow::TensorProto::default_instance(),
    &tensorflow::TensorDescription::default_instance(),
    &tensorflow::TensorShapeProto::default_instance(),
    &tensorflow::TensorSliceProto::default_instance(),
    tensorflow::DataType_descriptor(),
    &tensorflow::VariableDef::default_instance(),
    &tensorflow::VersionDef::default_instance(),
};

}  // namespace internal
}  // namespace rill
