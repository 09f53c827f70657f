/* bench-make-centre.c — writes the benchmarks' centre (2,000 children, a
 * year of history) to a database file, for benchmarks of the whole
 * program:  bench-make-centre DATA_DIR/kiosk.db [CHILDREN] [DAYS] */
#include "config.h"

#include <stdlib.h>

#include "bench-data.h"

int
main (int argc, char *argv[])
{
  g_autoptr (GError) error = NULL;

  if (argc < 2)
    {
      g_printerr ("usage: bench-make-centre DB [CHILDREN] [DAYS]\n");
      return 2;
    }
  if (!nk_bench_make_centre (argv[1], argc > 2 ? (guint) atoi (argv[2]) : 2000,
                             argc > 3 ? (guint) atoi (argv[3]) : 365, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return 0;
}
