#ifndef SUIVI_CZLIB_SHIM_H
#define SUIVI_CZLIB_SHIM_H
#include <zlib.h>
#endif
