#ifndef CHARTER_CPROTOBUFC_SHIM_H
#define CHARTER_CPROTOBUFC_SHIM_H
#include <protobuf-c/protobuf-c.h>
#endif
