// What the C library declares outside Glibc's Swift module: extended attributes (a
// workbook's access control list is kept when it is saved).
#include <sys/types.h>
#include <sys/xattr.h>
