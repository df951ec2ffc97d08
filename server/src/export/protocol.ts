// What the extension and the language server agree on for `xenops/export`.

/** The error code of an export refused because the file exists (and `force` was not set). */
export const EXPORT_EXISTS = -32001;
