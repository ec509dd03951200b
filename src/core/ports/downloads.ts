// Downloads of release files (kind, kubectl, their checksums) over HTTP(S).
export interface Downloads {
  /** The body of a small text file (a checksum). */
  text(url: string): Promise<string>;
  /** Writes the body to `path` (replacing it); resolves with the bytes written. */
  file(url: string, path: string): Promise<number>;
}
