/** The history formats `faultline check` reads, by name (the registry the CLI's choices come from). */

/** History formats `faultline check` reads. */
export const IMPORT_FORMATS = ['jsonl', 'jepsen-edn', 'porcupine-log', 'porcupine-kv'] as const;
/** One of `IMPORT_FORMATS`. */
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
