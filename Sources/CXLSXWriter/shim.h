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

/// Gives a new worksheet's temporary file of rows (constant_memory mode) `buffer`, of `size`
/// bytes, so that its rows are written, and read back by `workbook_close`, in large pieces
/// rather than the C library's 4 KiB (glibc takes a size only with a buffer). Only before the
/// sheet's first row: a stream's buffer is set before its first use. The buffer must outlive
/// the file, which `workbook_close` or `iatix_workbook_discard` closes. Returns 0, or non-zero
/// where no buffer was set (no such file, or refused: the sheet is written as before).
static inline int iatix_worksheet_buffer_rows(lxw_worksheet *worksheet, void *buffer, size_t size) {
    if (!worksheet->optimize_tmpfile) return -1;
    return setvbuf(worksheet->optimize_tmpfile, (char *)buffer, _IOFBF, size);
}

#endif
