#ifndef SUIVI_CLIBZIP_SHIM_H
#define SUIVI_CLIBZIP_SHIM_H
#include <zip.h>
#endif
