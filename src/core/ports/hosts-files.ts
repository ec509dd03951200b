// The containerd hosts dir, as `up` writes it.
export interface HostsFiles {
  /** Host directory name -> hosts.toml content; returns the files written. */
  write(hostsDir: string, files: ReadonlyMap<string, string>): Promise<string[]>;
}
