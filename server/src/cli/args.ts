// A small, strict command-line parser: unknown flags are errors, not surprises.

export class UsageError extends Error {}

export interface ParsedArgs {
  flags: Map<string, string[]>;
  positional: string[];
}

/** `spec` maps each flag to whether it takes a value. */
export function parseArgs(argv: string[], spec: Record<string, boolean>): ParsedArgs {
  const flags = new Map<string, string[]>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--') || arg === '-') {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    if (!(name in spec)) throw new UsageError(`unknown option --${name}`);
    let value = eq > 0 ? arg.slice(eq + 1) : undefined;
    if (spec[name] && value === undefined) {
      if (i + 1 >= argv.length) throw new UsageError(`--${name} needs a value`);
      value = argv[++i];
    }
    if (!spec[name] && value !== undefined) throw new UsageError(`--${name} takes no value`);
    flags.set(name, [...(flags.get(name) ?? []), value ?? '']);
  }
  return { flags, positional };
}

export function single(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  if (v && v.length > 1) throw new UsageError(`--${name} given more than once`);
  return v?.[0];
}
