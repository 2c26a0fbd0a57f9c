/* Cairo, Pango and libcurl, loaded on first use (see DocumentLibraries.h): each function the
   header declares is defined here and forwards to the library's, found by dlsym once
   loaded. A function Documents starts calling is declared in the header and defined here;
   the executable then stays free of the libraries at start-up (DocumentLibrariesTests
   checks it). */
#include "DocumentLibraries.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static cairo_t *(*p_cairo_create)(cairo_surface_t *target);
static void (*p_cairo_destroy)(cairo_t *cr);
static void (*p_cairo_fill)(cairo_t *cr);
static cairo_surface_t *(*p_cairo_image_surface_create_from_png_stream)(cairo_read_func_t read_func, void *closure);
static int (*p_cairo_image_surface_get_height)(cairo_surface_t *surface);
static int (*p_cairo_image_surface_get_width)(cairo_surface_t *surface);
static void (*p_cairo_line_to)(cairo_t *cr, double x, double y);
static void (*p_cairo_move_to)(cairo_t *cr, double x, double y);
static void (*p_cairo_paint)(cairo_t *cr);
static cairo_surface_t *(*p_cairo_pdf_surface_create_for_stream)(cairo_write_func_t write_func, void *closure, double width, double height);
static void (*p_cairo_pdf_surface_set_metadata)(cairo_surface_t *surface, cairo_pdf_metadata_t metadata, const char *utf8);
static void (*p_cairo_rectangle)(cairo_t *cr, double x, double y, double width, double height);
static void (*p_cairo_restore)(cairo_t *cr);
static void (*p_cairo_save)(cairo_t *cr);
static void (*p_cairo_scale)(cairo_t *cr, double sx, double sy);
static void (*p_cairo_set_line_width)(cairo_t *cr, double width);
static void (*p_cairo_set_source_rgb)(cairo_t *cr, double red, double green, double blue);
static void (*p_cairo_set_source_surface)(cairo_t *cr, cairo_surface_t *surface, double x, double y);
static void (*p_cairo_show_page)(cairo_t *cr);
static const char *(*p_cairo_status_to_string)(cairo_status_t status);
static void (*p_cairo_stroke)(cairo_t *cr);
static void (*p_cairo_surface_destroy)(cairo_surface_t *surface);
static void (*p_cairo_surface_finish)(cairo_surface_t *surface);
static cairo_status_t (*p_cairo_surface_status)(cairo_surface_t *surface);
static void (*p_cairo_translate)(cairo_t *cr, double tx, double ty);
static void (*p_pango_cairo_context_set_resolution)(PangoContext *context, double dpi);
static PangoLayout *(*p_pango_cairo_create_layout)(cairo_t *cr);
static void (*p_pango_cairo_show_layout)(cairo_t *cr, PangoLayout *layout);
static void (*p_pango_font_description_free)(PangoFontDescription *desc);
static PangoFontDescription *(*p_pango_font_description_from_string)(const char *str);
static void (*p_pango_font_description_set_style)(PangoFontDescription *desc, PangoStyle style);
static void (*p_pango_font_description_set_weight)(PangoFontDescription *desc, PangoWeight weight);
static void (*p_pango_layout_context_changed)(PangoLayout *layout);
static PangoContext *(*p_pango_layout_get_context)(PangoLayout *layout);
static void (*p_pango_layout_get_size)(PangoLayout *layout, int *width, int *height);
static void (*p_pango_layout_set_alignment)(PangoLayout *layout, PangoAlignment alignment);
static void (*p_pango_layout_set_font_description)(PangoLayout *layout, const PangoFontDescription *desc);
static void (*p_pango_layout_set_text)(PangoLayout *layout, const char *text, int length);
static void (*p_pango_layout_set_width)(PangoLayout *layout, int width);
static void (*p_pango_layout_set_wrap)(PangoLayout *layout, PangoWrapMode wrap);
static void (*p_g_object_unref)(void *object);
static void (*p_curl_easy_cleanup)(CURL *curl);
static CURL *(*p_curl_easy_init)(void);
static CURLcode (*p_curl_easy_perform)(CURL *curl);
static const char *(*p_curl_easy_strerror)(CURLcode code);
static CURLcode (*p_curl_global_init)(long flags);
static struct curl_slist *(*p_curl_slist_append)(struct curl_slist *list, const char *data);
static void (*p_curl_slist_free_all)(struct curl_slist *list);
static CURLcode (*p_curl_easy_setopt)(CURL *curl, CURLoption option, ...);

static pthread_once_t once = PTHREAD_ONCE_INIT;
static char failure[512];

static void *open_library(const char *linux_name, const char *mac_name) {
#ifdef __APPLE__
  (void)linux_name;
  return dlopen(mac_name, RTLD_LAZY | RTLD_LOCAL);
#else
  (void)mac_name;
  return dlopen(linux_name, RTLD_LAZY | RTLD_LOCAL);
#endif
}

/* Opens a library, or keeps why it cannot be: NULL then. */
static void *open_required(const char *linux_name, const char *mac_name) {
  void *library = open_library(linux_name, mac_name);
  if (!library) snprintf(failure, sizeof failure, "cannot load %s: %s", linux_name, dlerror());
  return library;
}

/* Finds `name` in `library` into `*slot`; false (the reason kept) when it is missing. */
static int find(void *library, const char *soname, const char *name, void **slot) {
  *slot = dlsym(library, name);
  if (*slot) return 1;
  snprintf(failure, sizeof failure, "%s has no %s", soname, name);
  return 0;
}

/* The function `name` of `library` into its pointer `p_name`. */
#define FIND(library, soname, name) find(library, soname, #name, (void **)&p_##name)

static void load(void) {
  void *cairo = open_required("libcairo.so.2", "libcairo.2.dylib");
  if (!cairo) return;
  void *gobject = open_required("libgobject-2.0.so.0", "libgobject-2.0.0.dylib");
  if (!gobject) return;
  void *pango = open_required("libpango-1.0.so.0", "libpango-1.0.0.dylib");
  if (!pango) return;
  void *pangocairo = open_required("libpangocairo-1.0.so.0", "libpangocairo-1.0.0.dylib");
  if (!pangocairo) return;
  void *curl = open_required("libcurl.so.4", "libcurl.4.dylib");
  if (!curl) return;
  (void)(FIND(cairo, "libcairo.so.2", cairo_create)
    && FIND(cairo, "libcairo.so.2", cairo_destroy)
    && FIND(cairo, "libcairo.so.2", cairo_fill)
    && FIND(cairo, "libcairo.so.2", cairo_image_surface_create_from_png_stream)
    && FIND(cairo, "libcairo.so.2", cairo_image_surface_get_height)
    && FIND(cairo, "libcairo.so.2", cairo_image_surface_get_width)
    && FIND(cairo, "libcairo.so.2", cairo_line_to)
    && FIND(cairo, "libcairo.so.2", cairo_move_to)
    && FIND(cairo, "libcairo.so.2", cairo_paint)
    && FIND(cairo, "libcairo.so.2", cairo_pdf_surface_create_for_stream)
    && FIND(cairo, "libcairo.so.2", cairo_pdf_surface_set_metadata)
    && FIND(cairo, "libcairo.so.2", cairo_rectangle)
    && FIND(cairo, "libcairo.so.2", cairo_restore)
    && FIND(cairo, "libcairo.so.2", cairo_save)
    && FIND(cairo, "libcairo.so.2", cairo_scale)
    && FIND(cairo, "libcairo.so.2", cairo_set_line_width)
    && FIND(cairo, "libcairo.so.2", cairo_set_source_rgb)
    && FIND(cairo, "libcairo.so.2", cairo_set_source_surface)
    && FIND(cairo, "libcairo.so.2", cairo_show_page)
    && FIND(cairo, "libcairo.so.2", cairo_status_to_string)
    && FIND(cairo, "libcairo.so.2", cairo_stroke)
    && FIND(cairo, "libcairo.so.2", cairo_surface_destroy)
    && FIND(cairo, "libcairo.so.2", cairo_surface_finish)
    && FIND(cairo, "libcairo.so.2", cairo_surface_status)
    && FIND(cairo, "libcairo.so.2", cairo_translate)
    && FIND(pangocairo, "libpangocairo-1.0.so.0", pango_cairo_context_set_resolution)
    && FIND(pangocairo, "libpangocairo-1.0.so.0", pango_cairo_create_layout)
    && FIND(pangocairo, "libpangocairo-1.0.so.0", pango_cairo_show_layout)
    && FIND(pango, "libpango-1.0.so.0", pango_font_description_free)
    && FIND(pango, "libpango-1.0.so.0", pango_font_description_from_string)
    && FIND(pango, "libpango-1.0.so.0", pango_font_description_set_style)
    && FIND(pango, "libpango-1.0.so.0", pango_font_description_set_weight)
    && FIND(pango, "libpango-1.0.so.0", pango_layout_context_changed)
    && FIND(pango, "libpango-1.0.so.0", pango_layout_get_context)
    && FIND(pango, "libpango-1.0.so.0", pango_layout_get_size)
    && FIND(pango, "libpango-1.0.so.0", pango_layout_set_alignment)
    && FIND(pango, "libpango-1.0.so.0", pango_layout_set_font_description)
    && FIND(pango, "libpango-1.0.so.0", pango_layout_set_text)
    && FIND(pango, "libpango-1.0.so.0", pango_layout_set_width)
    && FIND(pango, "libpango-1.0.so.0", pango_layout_set_wrap)
    && FIND(gobject, "libgobject-2.0.so.0", g_object_unref)
    && FIND(curl, "libcurl.so.4", curl_easy_cleanup)
    && FIND(curl, "libcurl.so.4", curl_easy_init)
    && FIND(curl, "libcurl.so.4", curl_easy_perform)
    && FIND(curl, "libcurl.so.4", curl_easy_strerror)
    && FIND(curl, "libcurl.so.4", curl_global_init)
    && FIND(curl, "libcurl.so.4", curl_slist_append)
    && FIND(curl, "libcurl.so.4", curl_slist_free_all)
    && FIND(curl, "libcurl.so.4", curl_easy_setopt));
}

int suivi_document_libraries_load(char *message, size_t size) {
  pthread_once(&once, load);
  if (failure[0] == 0) return 0;
  if (message && size) snprintf(message, size, "%s", failure);
  return -1;
}

/* A function called before a successful load: a programming error. */
static void unloaded(const char *name) {
  fprintf(stderr, "suivi: %s called before the document libraries were loaded\n", name);
  abort();
}

cairo_t *cairo_create(cairo_surface_t *target) {
  if (!p_cairo_create) unloaded("cairo_create");
  return p_cairo_create(target);
}

void cairo_destroy(cairo_t *cr) {
  if (!p_cairo_destroy) unloaded("cairo_destroy");
  p_cairo_destroy(cr);
}

void cairo_fill(cairo_t *cr) {
  if (!p_cairo_fill) unloaded("cairo_fill");
  p_cairo_fill(cr);
}

cairo_surface_t *cairo_image_surface_create_from_png_stream(cairo_read_func_t read_func, void *closure) {
  if (!p_cairo_image_surface_create_from_png_stream) unloaded("cairo_image_surface_create_from_png_stream");
  return p_cairo_image_surface_create_from_png_stream(read_func, closure);
}

int cairo_image_surface_get_height(cairo_surface_t *surface) {
  if (!p_cairo_image_surface_get_height) unloaded("cairo_image_surface_get_height");
  return p_cairo_image_surface_get_height(surface);
}

int cairo_image_surface_get_width(cairo_surface_t *surface) {
  if (!p_cairo_image_surface_get_width) unloaded("cairo_image_surface_get_width");
  return p_cairo_image_surface_get_width(surface);
}

void cairo_line_to(cairo_t *cr, double x, double y) {
  if (!p_cairo_line_to) unloaded("cairo_line_to");
  p_cairo_line_to(cr, x, y);
}

void cairo_move_to(cairo_t *cr, double x, double y) {
  if (!p_cairo_move_to) unloaded("cairo_move_to");
  p_cairo_move_to(cr, x, y);
}

void cairo_paint(cairo_t *cr) {
  if (!p_cairo_paint) unloaded("cairo_paint");
  p_cairo_paint(cr);
}

cairo_surface_t *cairo_pdf_surface_create_for_stream(cairo_write_func_t write_func, void *closure, double width, double height) {
  if (!p_cairo_pdf_surface_create_for_stream) unloaded("cairo_pdf_surface_create_for_stream");
  return p_cairo_pdf_surface_create_for_stream(write_func, closure, width, height);
}

void cairo_pdf_surface_set_metadata(cairo_surface_t *surface, cairo_pdf_metadata_t metadata, const char *utf8) {
  if (!p_cairo_pdf_surface_set_metadata) unloaded("cairo_pdf_surface_set_metadata");
  p_cairo_pdf_surface_set_metadata(surface, metadata, utf8);
}

void cairo_rectangle(cairo_t *cr, double x, double y, double width, double height) {
  if (!p_cairo_rectangle) unloaded("cairo_rectangle");
  p_cairo_rectangle(cr, x, y, width, height);
}

void cairo_restore(cairo_t *cr) {
  if (!p_cairo_restore) unloaded("cairo_restore");
  p_cairo_restore(cr);
}

void cairo_save(cairo_t *cr) {
  if (!p_cairo_save) unloaded("cairo_save");
  p_cairo_save(cr);
}

void cairo_scale(cairo_t *cr, double sx, double sy) {
  if (!p_cairo_scale) unloaded("cairo_scale");
  p_cairo_scale(cr, sx, sy);
}

void cairo_set_line_width(cairo_t *cr, double width) {
  if (!p_cairo_set_line_width) unloaded("cairo_set_line_width");
  p_cairo_set_line_width(cr, width);
}

void cairo_set_source_rgb(cairo_t *cr, double red, double green, double blue) {
  if (!p_cairo_set_source_rgb) unloaded("cairo_set_source_rgb");
  p_cairo_set_source_rgb(cr, red, green, blue);
}

void cairo_set_source_surface(cairo_t *cr, cairo_surface_t *surface, double x, double y) {
  if (!p_cairo_set_source_surface) unloaded("cairo_set_source_surface");
  p_cairo_set_source_surface(cr, surface, x, y);
}

void cairo_show_page(cairo_t *cr) {
  if (!p_cairo_show_page) unloaded("cairo_show_page");
  p_cairo_show_page(cr);
}

const char *cairo_status_to_string(cairo_status_t status) {
  if (!p_cairo_status_to_string) unloaded("cairo_status_to_string");
  return p_cairo_status_to_string(status);
}

void cairo_stroke(cairo_t *cr) {
  if (!p_cairo_stroke) unloaded("cairo_stroke");
  p_cairo_stroke(cr);
}

void cairo_surface_destroy(cairo_surface_t *surface) {
  if (!p_cairo_surface_destroy) unloaded("cairo_surface_destroy");
  p_cairo_surface_destroy(surface);
}

void cairo_surface_finish(cairo_surface_t *surface) {
  if (!p_cairo_surface_finish) unloaded("cairo_surface_finish");
  p_cairo_surface_finish(surface);
}

cairo_status_t cairo_surface_status(cairo_surface_t *surface) {
  if (!p_cairo_surface_status) unloaded("cairo_surface_status");
  return p_cairo_surface_status(surface);
}

void cairo_translate(cairo_t *cr, double tx, double ty) {
  if (!p_cairo_translate) unloaded("cairo_translate");
  p_cairo_translate(cr, tx, ty);
}

void pango_cairo_context_set_resolution(PangoContext *context, double dpi) {
  if (!p_pango_cairo_context_set_resolution) unloaded("pango_cairo_context_set_resolution");
  p_pango_cairo_context_set_resolution(context, dpi);
}

PangoLayout *pango_cairo_create_layout(cairo_t *cr) {
  if (!p_pango_cairo_create_layout) unloaded("pango_cairo_create_layout");
  return p_pango_cairo_create_layout(cr);
}

void pango_cairo_show_layout(cairo_t *cr, PangoLayout *layout) {
  if (!p_pango_cairo_show_layout) unloaded("pango_cairo_show_layout");
  p_pango_cairo_show_layout(cr, layout);
}

void pango_font_description_free(PangoFontDescription *desc) {
  if (!p_pango_font_description_free) unloaded("pango_font_description_free");
  p_pango_font_description_free(desc);
}

PangoFontDescription *pango_font_description_from_string(const char *str) {
  if (!p_pango_font_description_from_string) unloaded("pango_font_description_from_string");
  return p_pango_font_description_from_string(str);
}

void pango_font_description_set_style(PangoFontDescription *desc, PangoStyle style) {
  if (!p_pango_font_description_set_style) unloaded("pango_font_description_set_style");
  p_pango_font_description_set_style(desc, style);
}

void pango_font_description_set_weight(PangoFontDescription *desc, PangoWeight weight) {
  if (!p_pango_font_description_set_weight) unloaded("pango_font_description_set_weight");
  p_pango_font_description_set_weight(desc, weight);
}

void pango_layout_context_changed(PangoLayout *layout) {
  if (!p_pango_layout_context_changed) unloaded("pango_layout_context_changed");
  p_pango_layout_context_changed(layout);
}

PangoContext *pango_layout_get_context(PangoLayout *layout) {
  if (!p_pango_layout_get_context) unloaded("pango_layout_get_context");
  return p_pango_layout_get_context(layout);
}

void pango_layout_get_size(PangoLayout *layout, int *width, int *height) {
  if (!p_pango_layout_get_size) unloaded("pango_layout_get_size");
  p_pango_layout_get_size(layout, width, height);
}

void pango_layout_set_alignment(PangoLayout *layout, PangoAlignment alignment) {
  if (!p_pango_layout_set_alignment) unloaded("pango_layout_set_alignment");
  p_pango_layout_set_alignment(layout, alignment);
}

void pango_layout_set_font_description(PangoLayout *layout, const PangoFontDescription *desc) {
  if (!p_pango_layout_set_font_description) unloaded("pango_layout_set_font_description");
  p_pango_layout_set_font_description(layout, desc);
}

void pango_layout_set_text(PangoLayout *layout, const char *text, int length) {
  if (!p_pango_layout_set_text) unloaded("pango_layout_set_text");
  p_pango_layout_set_text(layout, text, length);
}

void pango_layout_set_width(PangoLayout *layout, int width) {
  if (!p_pango_layout_set_width) unloaded("pango_layout_set_width");
  p_pango_layout_set_width(layout, width);
}

void pango_layout_set_wrap(PangoLayout *layout, PangoWrapMode wrap) {
  if (!p_pango_layout_set_wrap) unloaded("pango_layout_set_wrap");
  p_pango_layout_set_wrap(layout, wrap);
}

void g_object_unref(void *object) {
  if (!p_g_object_unref) unloaded("g_object_unref");
  p_g_object_unref(object);
}

void curl_easy_cleanup(CURL *curl) {
  if (!p_curl_easy_cleanup) unloaded("curl_easy_cleanup");
  p_curl_easy_cleanup(curl);
}

CURL *curl_easy_init(void) {
  if (!p_curl_easy_init) unloaded("curl_easy_init");
  return p_curl_easy_init();
}

CURLcode curl_easy_perform(CURL *curl) {
  if (!p_curl_easy_perform) unloaded("curl_easy_perform");
  return p_curl_easy_perform(curl);
}

const char *curl_easy_strerror(CURLcode code) {
  if (!p_curl_easy_strerror) unloaded("curl_easy_strerror");
  return p_curl_easy_strerror(code);
}

CURLcode curl_global_init(long flags) {
  if (!p_curl_global_init) unloaded("curl_global_init");
  return p_curl_global_init(flags);
}

struct curl_slist *curl_slist_append(struct curl_slist *list, const char *data) {
  if (!p_curl_slist_append) unloaded("curl_slist_append");
  return p_curl_slist_append(list, data);
}

void curl_slist_free_all(struct curl_slist *list) {
  if (!p_curl_slist_free_all) unloaded("curl_slist_free_all");
  p_curl_slist_free_all(list);
}

/* Variadic: the value's type follows from the option's number (curl.h's CURLOPTTYPE_*:
   long below 10000, off_t from 30000 to 39999, a pointer otherwise). */
CURLcode curl_easy_setopt(CURL *curl, CURLoption option, ...) {
  if (!p_curl_easy_setopt) unloaded("curl_easy_setopt");
  va_list values;
  va_start(values, option);
  CURLcode result;
  if ((int)option < 10000) {
    long value = va_arg(values, long);
    result = p_curl_easy_setopt(curl, option, value);
  } else if ((int)option >= 30000 && (int)option < 40000) {
    long long value = va_arg(values, long long);
    result = p_curl_easy_setopt(curl, option, value);
  } else {
    void *value = va_arg(values, void *);
    result = p_curl_easy_setopt(curl, option, value);
  }
  va_end(values);
  return result;
}
