/* nk-report-pdf.c — a monthly report as an A4 PDF (nk-report-pdf.h).
 *
 * Every row is one line high, a header two at most (a text too wide
 * for its column is cut with "…"), so the pages are counted before
 * anything is drawn: the layout runs twice, once to count and once to draw with "page N of M"
 * at each foot. */
#define G_LOG_DOMAIN "nk-report"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "nk-report-pdf.h"

/* A4 in points, and the margins */
#define PAGE_W      595.28
#define PAGE_H      841.89
#define MARGIN_X    42.0
#define MARGIN_TOP  40.0
#define MARGIN_FOOT 36.0
#define HEAD_H      58.0      /* the centre, the title and the month, and a rule */
#define FOOT_H      22.0
#define ROW_H       15.5
#define HEADER_H    28.0      /* a table's header: two lines at most */
#define TITLE_H     24.0      /* a table's title above its header */
#define GAP_H       14.0      /* between two tables */
#define CELL_PAD    4.0
#define FONT        "Noto Sans CJK SC, Noto Sans, sans-serif"

typedef struct {
  cairo_t             *cr;        /* NULL while counting pages */
  const char          *centre_name;
  const char          *title;
  const char          *subtitle;
  guint                page;      /* 1-based, the page being laid out */
  guint                pages;     /* known when drawing */
  double               y;
  PangoLayout         *text;      /* one layout per style, its text set per cell */
  PangoLayout         *bold;
  PangoLayout         *big;
  PangoLayout         *header;    /* wraps to two lines */
} Pdf;

/* Sizes in points: the context at 72 dpi, the PDF's own unit. */
static PangoLayout *
make_layout (PangoContext *context, double size, PangoWeight weight)
{
  PangoLayout *layout = pango_layout_new (context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (FONT);

  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  pango_font_description_set_weight (font, weight);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  return layout;
}

/* Text in a box x..x+w, its line centred on the height h below y. */
static void
show (Pdf *pdf, PangoLayout *layout, const char *text, double x, double y, double w, double h,
      PangoAlignment align)
{
  int text_h;

  if (pdf->cr == NULL)
    return;
  pango_layout_set_width (layout, (int) (w * PANGO_SCALE));
  pango_layout_set_alignment (layout, align);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_size (layout, NULL, &text_h);
  cairo_move_to (pdf->cr, x, y + (h - (double) text_h / PANGO_SCALE) / 2);
  pango_cairo_show_layout (pdf->cr, layout);
}

static void
draw_page_frame (Pdf *pdf)
{
  cairo_t *cr = pdf->cr;
  double width = PAGE_W - 2 * MARGIN_X;
  g_autofree char *heading = g_strdup_printf ("%s · %s", pdf->title, pdf->subtitle);
  /* TRANSLATORS: at the foot of each page of a report */
  g_autofree char *number = g_strdup_printf (_("Page %u of %u"), pdf->page, pdf->pages);

  if (cr == NULL)
    return;
  cairo_set_source_rgb (cr, 0, 0, 0);
  show (pdf, pdf->big, pdf->centre_name, MARGIN_X, MARGIN_TOP, width, 22, PANGO_ALIGN_LEFT);
  show (pdf, pdf->bold, heading, MARGIN_X, MARGIN_TOP + 24, width, 18, PANGO_ALIGN_LEFT);
  cairo_set_line_width (cr, 0.8);
  cairo_move_to (cr, MARGIN_X, MARGIN_TOP + HEAD_H - 8);
  cairo_line_to (cr, PAGE_W - MARGIN_X, MARGIN_TOP + HEAD_H - 8);
  cairo_stroke (cr);
  cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
  show (pdf, pdf->text, number, MARGIN_X, PAGE_H - MARGIN_FOOT - FOOT_H + 8, width, FOOT_H - 8,
        PANGO_ALIGN_CENTER);
  cairo_set_source_rgb (cr, 0, 0, 0);
}

static gboolean
next_page (Pdf *pdf, gboolean first)
{
  if (!first)
    {
      if (pdf->cr != NULL)
        {
          cairo_show_page (pdf->cr);
          if (cairo_status (pdf->cr) != CAIRO_STATUS_SUCCESS)
            return FALSE;
        }
      pdf->page++;
    }
  pdf->y = MARGIN_TOP + HEAD_H;
  draw_page_frame (pdf);
  return TRUE;
}

static double
bottom (void)
{
  return PAGE_H - MARGIN_FOOT - FOOT_H;
}

static void
draw_row (Pdf *pdf, const NkReportTable *table, const char *const *cells, gboolean header, gboolean total,
          guint index)
{
  cairo_t *cr = pdf->cr;
  double width = PAGE_W - 2 * MARGIN_X;
  double x = MARGIN_X;
  double h = header ? HEADER_H : ROW_H;
  PangoLayout *layout = header ? pdf->header : total ? pdf->bold : pdf->text;

  if (cr != NULL && (header || total || index % 2 == 1))
    {
      double shade = header ? 0.86 : total ? 0.92 : 0.96;

      cairo_set_source_rgb (cr, shade, shade, shade);
      cairo_rectangle (cr, MARGIN_X, pdf->y, width, h);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0, 0, 0);
    }
  for (guint i = 0; i < table->n_columns; i++)
    {
      double w = table->columns[i].width * width;

      show (pdf, layout, cells[i], x + CELL_PAD, pdf->y, w - 2 * CELL_PAD, h,
            table->columns[i].numeric ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
      x += w;
    }
  pdf->y += h;
}

static gboolean
lay_out_table (Pdf *pdf, const NkReportTable *table, gboolean first)
{
  double width = PAGE_W - 2 * MARGIN_X;

  if (!first)
    pdf->y += GAP_H;
  /* the title, the header and at least one row together */
  if (pdf->y + TITLE_H + HEADER_H + ROW_H > bottom () && !next_page (pdf, FALSE))
    return FALSE;
  show (pdf, pdf->bold, table->title, MARGIN_X, pdf->y, width, TITLE_H - 4, PANGO_ALIGN_LEFT);
  pdf->y += TITLE_H;
  draw_row (pdf, table, table->headers, TRUE, FALSE, 0);

  for (guint r = 0; r < table->rows->len; r++)
    {
      if (pdf->y + ROW_H > bottom ())
        {
          if (!next_page (pdf, FALSE))
            return FALSE;
          draw_row (pdf, table, table->headers, TRUE, FALSE, 0);
        }
      draw_row (pdf, table, (const char *const *) table->rows->pdata[r], FALSE,
                g_array_index (table->totals, gboolean, r), r);
    }
  return TRUE;
}

static gboolean
lay_out (Pdf *pdf, GPtrArray *tables)
{
  pdf->page = 1;
  if (!next_page (pdf, TRUE))
    return FALSE;
  for (guint t = 0; t < tables->len; t++)
    if (!lay_out_table (pdf, tables->pdata[t], t == 0))
      return FALSE;
  if (pdf->cr != NULL)
    cairo_show_page (pdf->cr);
  return TRUE;
}

static cairo_status_t
append_bytes (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
pdf_clear (Pdf *pdf)
{
  g_clear_object (&pdf->text);
  g_clear_object (&pdf->bold);
  g_clear_object (&pdf->big);
  g_clear_object (&pdf->header);
  g_clear_pointer (&pdf->cr, cairo_destroy);
}

GBytes *
nk_report_pdf_tables (const char *centre_name, const char *title, const char *subtitle, GPtrArray *tables,
                      GError **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autofree char *subject = NULL;
  Pdf pdf = { NULL, centre_name != NULL ? centre_name : "", title, subtitle, 0, 0, 0, NULL, NULL, NULL, NULL };
  PangoContext *context;
  cairo_surface_t *surface;
  cairo_status_t status;
  gboolean ok;

  g_return_val_if_fail (title != NULL && subtitle != NULL && tables != NULL, NULL);

  /* count the pages */
  ok = lay_out (&pdf, tables);
  g_assert (ok);
  pdf.pages = pdf.page;

  surface = cairo_pdf_surface_create_for_stream (append_bytes, bytes, PAGE_W, PAGE_H);
  subject = g_strdup_printf ("%s %s", pdf.title, pdf.subtitle);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, subject);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, pdf.centre_name);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Nursery Kiosk " PACKAGE_VERSION);
  pdf.cr = cairo_create (surface);
  context = pango_cairo_create_context (pdf.cr);
  pango_cairo_context_set_resolution (context, 72);
  pdf.text = make_layout (context, 10.5, PANGO_WEIGHT_NORMAL);
  pdf.bold = make_layout (context, 10.5, PANGO_WEIGHT_BOLD);
  pdf.big = make_layout (context, 18, PANGO_WEIGHT_BOLD);
  pdf.header = make_layout (context, 10, PANGO_WEIGHT_BOLD);
  g_object_unref (context);   /* the layouts hold it */
  pango_layout_set_single_paragraph_mode (pdf.header, FALSE);
  pango_layout_set_wrap (pdf.header, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_height (pdf.header, -2);

  ok = lay_out (&pdf, tables);
  status = cairo_status (pdf.cr);
  g_clear_pointer (&pdf.cr, cairo_destroy);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  pdf_clear (&pdf);

  if (!ok || status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, NK_REPORT_ERROR, NK_REPORT_ERROR_PDF, _("Cannot write the PDF: %s"),
                   cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

GBytes *
nk_report_pdf (const NkReport *report, GError **error)
{
  g_autoptr(GPtrArray) tables = NULL;
  g_autofree char *month = NULL;

  g_return_val_if_fail (report != NULL, NULL);

  tables = nk_report_tables (report);
  month = nk_report_month_label (&report->month);
  return nk_report_pdf_tables (report->centre_name, nk_report_title (report), month, tables, error);
}

GBytes *
nk_report_render (const NkReport *report, NkReportFormat format, GError **error)
{
  GString *csv;

  if (format == NK_REPORT_PDF)
    return nk_report_pdf (report, error);
  csv = g_string_new (NULL);
  nk_report_to_csv (report, csv);
  return g_string_free_to_bytes (csv);
}

gboolean
nk_report_write_file (const NkReport *report, NkReportFormat format, const char *path, GError **error)
{
  g_autoptr(GBytes) bytes = nk_report_render (report, format, error);

  return bytes != NULL && nk_report_write_bytes (bytes, path, error);
}

gboolean
nk_report_write_bytes (GBytes *bytes, const char *path, GError **error)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  return g_file_set_contents_full (path, data, (gssize) len, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}
