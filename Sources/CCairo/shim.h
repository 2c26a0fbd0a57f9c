#ifndef SUIVI_CCAIRO_SHIM_H
#define SUIVI_CCAIRO_SHIM_H
#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

/* PANGO_SCALE and the weights are macros or enums Swift sees; these wrap what it does not. */
static inline int suivi_pango_scale(void) { return PANGO_SCALE; }
#endif
