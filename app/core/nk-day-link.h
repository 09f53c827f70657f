/* nk-day-link.h — the address of a child's day on the platform, which the
 * QR code at pick-up carries (docs/platform-api.md, "The family's day"):
 *
 *   {platform}/families/day/{centre_id}/{child_id}/{YYYY-MM-DD}?d={device_id}&s={sig}
 *
 * sig is the first 128 bits, in hex, of HMAC-SHA256 keyed with the kiosk's
 * device token over "nk-day-link/1\n" centre "\n" child "\n" date "\n"
 * device.  The platform, which issued the token, checks it; nobody can
 * reach another child's day by changing an id, and the kiosk makes the
 * link without asking the network. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* NULL when any part is missing or empty (no platform, not enrolled). */
char *nk_day_link (const char *platform_url, const char *centre_id, const char *device_id,
                   const char *token, const char *child_id, const char *date);

G_END_DECLS
