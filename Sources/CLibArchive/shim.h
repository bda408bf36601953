#ifndef IATIX_CLIBARCHIVE_SHIM_H
#define IATIX_CLIBARCHIVE_SHIM_H

#include <archive.h>
#include <archive_entry.h>

/// `AE_IFREG` / `AE_IFDIR` are cast macros Swift does not import: compare here.
static inline int iatix_archive_entry_is_regular(struct archive_entry *entry) {
    return archive_entry_filetype(entry) == AE_IFREG;
}
static inline int iatix_archive_entry_is_directory(struct archive_entry *entry) {
    return archive_entry_filetype(entry) == AE_IFDIR;
}

#endif
