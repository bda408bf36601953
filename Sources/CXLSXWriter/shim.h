#ifndef IATIX_CXLSXWRITER_SHIM_H
#define IATIX_CXLSXWRITER_SHIM_H

/* libxlsxwriter: the XLSX workbooks of the flat tables (Tables/XLSXTableOutput). */
#include <stdio.h>
#include <xlsxwriter.h>

/// Frees a workbook without writing it (a discarded output). In constant_memory mode each
/// worksheet keeps its rows in a temporary file that only `workbook_close` closes;
/// `lxw_workbook_free` leaves it open, so it is closed here first.
static inline void iatix_workbook_discard(lxw_workbook *workbook) {
    lxw_worksheet *worksheet;
    LXW_FOREACH_WORKSHEET(worksheet, workbook) {
        if (worksheet->optimize_tmpfile) {
            fclose(worksheet->optimize_tmpfile);
            worksheet->optimize_tmpfile = NULL;
            worksheet->file = NULL;
        }
    }
    lxw_workbook_free(workbook);
}

#endif
