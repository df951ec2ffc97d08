// Shared by the capture tests: reading fixtures and picking series out of a capture.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseCapture } from '../../server/src/captures/index';
import type { Capture, CaptureOptions, Metric, Series, SubjectKind } from '../../server/src/captures/types';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'captures');

export function fixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), 'utf8');
}

/** Parses text (a fixture name ending in .txt/.json/.csv, or the capture itself). */
export function parse(textOrFixture: string, opts: Partial<CaptureOptions> = {}, name = 'capture.txt'): Capture {
  const isFile = /^[\w.-]+\.(?:txt|json|csv)$/.test(textOrFixture);
  return parseCapture(isFile ? textOrFixture : name, isFile ? fixture(textOrFixture) : textOrFixture, { zone: 'UTC', mtimeMs: Date.UTC(2030, 0, 1), ...opts });
}

export function find(c: Capture, metric: Metric, name: string, kind?: SubjectKind): Series {
  const s = c.series.find((x) => x.metric === metric && x.subject.name === name && (!kind || x.subject.kind === kind));
  assert.ok(s, `no ${metric} series for ${name} (have: ${[...new Set(c.series.map((x) => `${x.metric}/${x.subject.kind}:${x.subject.name}`))].join(', ')})`);
  return s;
}

/** [ISO time, value] pairs of one series. */
export function points(c: Capture, metric: Metric, name: string, kind?: SubjectKind): Array<[string, number]> {
  const s = find(c, metric, name, kind);
  return s.times.map((t, i) => [new Date(t).toISOString(), s.values[i]]);
}

export function iso(...parts: [number, number, number, number, number, number]): string {
  const [y, mo, d, h, mi, s] = parts;
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s)).toISOString();
}

export function subjects(c: Capture, kind: SubjectKind): string[] {
  return [...new Set(c.series.filter((s) => s.subject.kind === kind).map((s) => s.subject.name))].sort();
}
