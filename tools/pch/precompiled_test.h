// The precompiled headers of tests: the library set (precompiled.h) plus GoogleTest and
// GoogleMock, which every test includes.
#ifndef RILL_TOOLS_PCH_PRECOMPILED_TEST_H_
#define RILL_TOOLS_PCH_PRECOMPILED_TEST_H_

#include "tools/pch/precompiled.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

#endif  // RILL_TOOLS_PCH_PRECOMPILED_TEST_H_
