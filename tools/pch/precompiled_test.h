// The precompiled headers of tests: the library set (precompiled.h), GoogleTest and
// GoogleMock, and the Rill headers most tests include (tensors, NodeDef building).
#ifndef RILL_TOOLS_PCH_PRECOMPILED_TEST_H_
#define RILL_TOOLS_PCH_PRECOMPILED_TEST_H_

#include "tools/pch/precompiled.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

#include "core/framework/node_def_builder.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"

#endif  // RILL_TOOLS_PCH_PRECOMPILED_TEST_H_
