// Results shared by the parsers of the strings inside values (disk, vif, pci, cpus, ...).

/** A problem inside a spec string. Offsets are into the string's value (after dequoting). */
export interface SpecIssue {
  severity: 'error' | 'warning' | 'info';
  message: string;
  start: number;
  end: number;
  /** The exact text xl or libxlutil prints for it, when it prints one. */
  xl?: string;
}

/** One `key=value`, flag or positional part of a spec string, with its place in the string. */
export interface SpecPart {
  /** The key (`target`, `vdev`, `mac`, ...) this part sets, or the flag's name. */
  key: string;
  value?: string;
  start: number;
  end: number;
  positional?: boolean;
}

export interface SpecResult<T> {
  /** The parsed device, when the spec is valid enough to have one. */
  value?: T;
  parts: SpecPart[];
  issues: SpecIssue[];
}
