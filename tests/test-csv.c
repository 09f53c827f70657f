/* test-csv.c — the RFC 4180 reader and writer. */
#include "config.h"

#include "core/nk-csv.h"

/* Reads every record of text; returns them as "line:field|field|…". */
static GPtrArray *
read_all (const char *text, gssize len, GError **error)
{
  g_autoptr(NkCsvReader) reader = nk_csv_reader_new (text, len);
  GPtrArray *records = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *fields = NULL;
  guint line = 0;

  while (nk_csv_reader_next (reader, &fields, &line, error))
    {
      g_autoptr(GPtrArray) owned = fields;
      g_autoptr(GString) record = g_string_new (NULL);

      g_string_append_printf (record, "%u:", line);
      for (guint i = 0; i < fields->len; i++)
        {
          if (i > 0)
            g_string_append_c (record, '|');
          g_string_append (record, g_ptr_array_index (fields, i));
        }
      g_ptr_array_add (records, g_string_free (g_steal_pointer (&record), FALSE));
    }
  return records;
}

static void
assert_records (const char *text, const char *const *want)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = read_all (text, -1, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, g_strv_length ((GStrv) want));
  for (guint i = 0; i < records->len; i++)
    g_assert_cmpstr (g_ptr_array_index (records, i), ==, want[i]);
}

static void
test_simple (void)
{
  const char *want[] = { "1:a|b|c", "2:1|2|3", NULL };
  assert_records ("a,b,c\n1,2,3\n", want);
}

static void
test_no_final_newline (void)
{
  const char *want[] = { "1:a|b|", "2:x||z", NULL };
  assert_records ("a,b,\nx,,z", want);
}

static void
test_quoted (void)
{
  const char *want[] = {
    "1:name|note",
    "2:Chen, Lily|she said \"hi\"",
    "3:multi\nline|after",
    "5:\"|",
    NULL
  };
  assert_records ("name,note\n"
                  "\"Chen, Lily\",\"she said \"\"hi\"\"\"\n"
                  "\"multi\nline\",after\n"
                  "\"\"\"\",\"\"\n",
                  want);
}

static void
test_spaces_around_quotes (void)
{
  const char *want[] = { "1:a b|x,y|c ", NULL };
  assert_records ("a b, \"x,y\" ,c \n", want);
}

static void
test_bom (void)
{
  const char *want[] = { "1:child_id|name", "2:C1|王小明", NULL };
  assert_records ("\xEF\xBB\xBF" "child_id,name\nC1,王小明\n", want);
}

static void
test_crlf (void)
{
  const char *want[] = { "1:a|b", "2:c\nd|e", "4:f|g", "5:h|i", NULL };
  /* CRLF, a CRLF inside quotes (kept as \n), and a lone CR (old Mac). */
  assert_records ("a,b\r\n\"c\r\nd\",e\r\nf,g\rh,i\r\n", want);
}

static void
test_empty_lines (void)
{
  const char *want[] = { "2:a|b", "5:c|d", NULL };
  assert_records ("\na,b\r\n\r\n\nc,d\n\n", want);
}

static void
test_empty_input (void)
{
  const char *want[] = { NULL };
  assert_records ("", want);
  assert_records ("\xEF\xBB\xBF", want);
  assert_records ("\r\n\n", want);
}

static void
test_unterminated_quote (void)
{
  g_autoptr(NkCsvReader) reader = nk_csv_reader_new ("a,b\n1,\"open\nstill open\n", -1);
  g_autoptr(GError) error = NULL;
  GPtrArray *fields = NULL;
  guint line = 0;

  g_assert_true (nk_csv_reader_next (reader, &fields, &line, &error));
  g_assert_no_error (error);
  g_ptr_array_unref (fields);

  g_assert_false (nk_csv_reader_next (reader, &fields, &line, &error));
  g_assert_error (error, NK_CSV_ERROR, NK_CSV_ERROR_UNTERMINATED_QUOTE);
  g_assert_null (fields);
  g_assert_cmpuint (line, ==, 2);

  /* The reader stays at its end after an error. */
  g_clear_error (&error);
  g_assert_false (nk_csv_reader_next (reader, &fields, &line, &error));
  g_assert_no_error (error);
}

static void
test_text_after_quote (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = read_all ("a,b\n1,2\n3,\"x\"y\n", -1, &error);

  g_assert_error (error, NK_CSV_ERROR, NK_CSV_ERROR_BAD_QUOTE);
  g_assert_cmpuint (records->len, ==, 2);
}

static void
test_stray_quote_in_bare_field (void)
{
  const char *want[] = { "1:5\" tall|b", NULL };
  assert_records ("5\" tall,b\n", want);
}

static void
test_bad_utf8 (void)
{
  g_autoptr(NkCsvReader) reader = nk_csv_reader_new ("a,b\nok,fine\n\xC0\xC1,x\n", -1);
  g_autoptr(GError) error = NULL;
  GPtrArray *fields = NULL;
  guint line = 0;
  guint n = 0;

  while (nk_csv_reader_next (reader, &fields, &line, &error))
    {
      g_ptr_array_unref (fields);
      n++;
    }
  g_assert_cmpuint (n, ==, 2);
  g_assert_error (error, NK_CSV_ERROR, NK_CSV_ERROR_BAD_ENCODING);
  g_assert_cmpuint (line, ==, 3);
}

static void
test_embedded_nul (void)
{
  /* Explicit length: a NUL byte inside is data, not the end. */
  static const char text[] = "a,b\n1,2\n";
  const char *want[] = { "1:a|b", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = read_all (text, 4, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (records, 0), ==, want[0]);
}

static void
test_write (void)
{
  const char *row[] = { "plain", "a,b", "say \"hi\"", "two\nlines", "", " padded", "王小明" };
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;

  nk_csv_append_row (out, row, G_N_ELEMENTS (row));
  g_assert_cmpstr (out->str, ==,
                   "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",,\" padded\",王小明\r\n");

  /* What the writer writes, the reader reads back. */
  records = read_all (out->str, out->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (records, 0), ==,
                   "1:plain|a,b|say \"hi\"|two\nlines|| padded|王小明");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/nk/csv/simple", test_simple);
  g_test_add_func ("/nk/csv/no-final-newline", test_no_final_newline);
  g_test_add_func ("/nk/csv/quoted", test_quoted);
  g_test_add_func ("/nk/csv/spaces-around-quotes", test_spaces_around_quotes);
  g_test_add_func ("/nk/csv/bom", test_bom);
  g_test_add_func ("/nk/csv/crlf", test_crlf);
  g_test_add_func ("/nk/csv/empty-lines", test_empty_lines);
  g_test_add_func ("/nk/csv/empty-input", test_empty_input);
  g_test_add_func ("/nk/csv/unterminated-quote", test_unterminated_quote);
  g_test_add_func ("/nk/csv/text-after-quote", test_text_after_quote);
  g_test_add_func ("/nk/csv/stray-quote", test_stray_quote_in_bare_field);
  g_test_add_func ("/nk/csv/bad-utf8", test_bad_utf8);
  g_test_add_func ("/nk/csv/explicit-length", test_embedded_nul);
  g_test_add_func ("/nk/csv/write", test_write);

  return g_test_run ();
}
