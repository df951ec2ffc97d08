// Builds and drives test/reference/xlu-harness.c: Debian's libxlutil (the parser
// `xl` uses) reading the same inputs as xenops, one JSON answer per record.
import { execFileSync, spawn, ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SOURCE = path.join(ROOT, 'test', 'reference', 'xlu-harness.c');
const BINARY = path.join(ROOT, 'test', 'reference', 'build', 'xlu-harness');

/** Compiles the harness when needed. Returns the reason when libxlutil is not installed. */
export function buildHarness(): { binary: string } | { missing: string } {
  if (!existsSync('/usr/include/libxlutil.h')) {
    return { missing: 'libxlutil is not installed (Debian package libxen-dev)' };
  }
  if (!existsSync(BINARY) || statSync(BINARY).mtimeMs < statSync(SOURCE).mtimeMs) {
    mkdirSync(path.dirname(BINARY), { recursive: true });
    execFileSync('cc', ['-O2', '-Wall', '-o', BINARY, SOURCE, '-lxlutil', '-lxenlight'], { stdio: 'pipe' });
  }
  return { binary: BINARY };
}

export interface CfgAnswer {
  rc: number;
  report: string;
  values: Record<string, null | { list: unknown[] } | { string: string; long?: number; numberWarning: string | null }>;
}

export interface DiskAnswer {
  rc: number;
  report: string;
  target?: string | null;
  vdev?: string | null;
  format?: string;
  backendtype?: string;
  backend?: string | null;
  script?: string | null;
  specification?: string;
  readwrite?: number;
  removable?: number;
  cdrom?: number;
  directIoSafe?: number;
  discard?: number;
  colo?: number;
  trusted?: number;
  coloPort?: number;
  coloHost?: string | null;
  coloExport?: string | null;
  activeDisk?: string | null;
  hiddenDisk?: string | null;
}

export interface RateAnswer {
  rc: number;
  report: string;
  bytesPerInterval?: number;
  intervalUsecs?: number;
}

export interface PciAnswer {
  rc: number;
  report: string;
  domain?: number;
  bus?: number;
  dev?: number;
  func?: number;
  vdevfn?: number;
  vfuncMask?: number;
  msitranslate?: number;
  powerMgmt?: number;
  permissive?: number;
  seize?: number;
  rdmPolicy?: string;
  name?: string | null;
}

/** One long-lived harness process; answers come back in request order. */
export class Harness {
  private proc: ChildProcessWithoutNullStreams;
  private buffer = '';
  private waiting: Array<(line: string) => void> = [];

  constructor(binary: string) {
    this.proc = spawn(binary, [], { stdio: 'pipe' });
    this.proc.stdout.setEncoding('utf8');
    this.proc.stdout.on('data', (chunk: string) => {
      this.buffer += chunk;
      let nl: number;
      while ((nl = this.buffer.indexOf('\n')) >= 0) {
        const line = this.buffer.slice(0, nl);
        this.buffer = this.buffer.slice(nl + 1);
        this.waiting.shift()?.(line);
      }
    });
  }

  private ask<T>(header: string, body: Buffer): Promise<T> {
    return new Promise((resolve, reject) => {
      this.waiting.push((line) => {
        try {
          resolve(JSON.parse(line) as T);
        } catch (e) {
          reject(new Error(`harness answered ${line}: ${e}`));
        }
      });
      this.proc.stdin.write(Buffer.concat([Buffer.from(header), body]));
    });
  }

  cfg(text: string, keys: string[]): Promise<CfgAnswer> {
    const body = Buffer.from(text, 'utf8');
    return this.ask(`cfg ${keys.length} ${body.length}\n${keys.map((k) => k + '\n').join('')}`, body);
  }

  disk(spec: string): Promise<DiskAnswer> {
    return this.record('disk', spec);
  }

  rate(rate: string): Promise<RateAnswer> {
    return this.record('rate', rate);
  }

  pci(spec: string): Promise<PciAnswer> {
    return this.record('pci', spec);
  }

  private record<T>(kind: string, text: string): Promise<T> {
    const body = Buffer.from(text, 'utf8');
    return this.ask(`${kind} ${body.length}\n`, body);
  }

  close(): void {
    this.proc.stdin.end();
  }
}

/**
 * Mocha hooks for a suite that needs the reference harness: starts it before the
 * suite, stops it after. Without libxlutil the suite is skipped, except in CI,
 * which must run it.
 */
export function useHarness(): () => Harness {
  let harness: Harness | undefined;
  before(function () {
    const built = buildHarness();
    if ('missing' in built) {
      if (process.env.CI) throw new Error(`CI must run the reference tests: ${built.missing}`);
      this.skip();
    }
    harness = new Harness((built as { binary: string }).binary);
  });
  after(() => harness?.close());
  return () => harness!;
}
