#ifndef SUIVI_CLIBXML2_SHIM_H
#define SUIVI_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
/* Debian builds libxml2 with ICU, whose headers then clash with Foundation's own copy
   of ICU in any module that imports both. Suivi uses none of libxml2's ICU-specific
   declarations (only pointers to the converter structs cross this boundary), so hide them. */
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>
#endif
