// One rule pack, compiled, with the literals each log format's prefilter searches
// (rules limited to some formats only add their literals to those formats).
import { builtinPack } from './builtinPack';
import { Prefilter } from './prefilter';
import { compilePack, type CompiledPack, mergePacks, parsePack } from './rules';

export interface Engine {
  pack: CompiledPack;
  /** A prefilter for `format`; one tuned to `sample` (the file's head) when given, else a shared one. */
  prefilterFor(format: string, sample?: Uint8Array): Prefilter;
}

/** The built-in pack, plus a workspace pack (`.xenops/rules.yaml`) when given. */
export function createEngine(workspacePack?: { text: string; source: string }): Engine {
  const pack = compilePack(mergePacks(builtinPack(), workspacePack ? parsePack(workspacePack.text, workspacePack.source) : undefined));
  const literals = (format: string) => [
    ...pack.rules.filter((r) => !r.formats || r.formats.includes(format)).flatMap((r) => r.literals),
    ...pack.links.flatMap((l) => l.literals),
  ];
  const shared = new Map<string, Prefilter>();
  return {
    pack,
    prefilterFor(format, sample) {
      if (sample) return new Prefilter(literals(format), sample);
      let p = shared.get(format);
      if (!p) shared.set(format, (p = new Prefilter(literals(format))));
      return p;
    },
  };
}

/** Every literal of the pack, for tools that search the same failures (the benchmark's ripgrep). */
export function allLiterals(pack: CompiledPack): string[] {
  return [...new Set(pack.rules.flatMap((r) => r.literals))];
}
