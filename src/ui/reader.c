/* reader.c — placeholder for the interactive reader until it lands. */
#include <stdio.h>

#include "tandem/ui.h"

int ui_run(struct corpus *c, const struct ui_opts *o)
{
	(void)c;
	(void)o;
	fprintf(stderr, "tandem: the interactive reader is not built yet; use --dump ID, "
	                "--compare ID,ID or --list\n");
	return 1;
}
