// `lvs --reportformat json --units m -o lv_name,vg_name,lv_size,lv_attr,pool_lv,data_percent`
// plus `vgs --reportformat json --units m` output (optionally with vg_uuid), read into sizes in MiB.

export interface LogicalVolume {
  vg: string;
  name: string;
  sizeMiB: number;
  attr: string;
  /** The thin pool a thin volume lives in. */
  pool?: string;
  dataPercent?: number;
  thinPool: boolean;
  thin: boolean;
}

export interface VolumeGroup {
  name: string;
  sizeMiB?: number;
  freeMiB?: number;
  /** `vg_mda_size`: the smallest metadata area of the VG's PVs. */
  mdaSizeMiB?: number;
  /** `lv_count`: logical volumes, hidden ones not counted. */
  lvCount?: number;
  /** `vg_lock_type`: sanlock, dlm, or none. */
  lockType?: string;
  /** `vg_uuid`: tells one shared VG seen by two hosts from two local VGs of the same name. */
  uuid?: string;
}

export interface LvmReport {
  lvs: Map<string, LogicalVolume>;
  vgs: Map<string, VolumeGroup>;
  /** Every VG the report knows, from vgs output or as the VG of a listed LV. */
  vgNames: Set<string>;
}

export type LvmReportResult = { report: LvmReport } | { error: string; offset: number };

/** Reads one or more JSON report documents (lvs and vgs output, concatenated or merged). */
export function parseLvmReport(text: string): LvmReportResult {
  const lvs = new Map<string, LogicalVolume>();
  const vgs = new Map<string, VolumeGroup>();
  let offset = 0;
  for (const { value, start, error } of jsonDocuments(text)) {
    if (error) return { error, offset: start };
    offset = start;
    const reports = (value as { report?: unknown })?.report;
    if (!Array.isArray(reports)) return { error: 'not an LVM JSON report: no "report" array (use --reportformat json)', offset };
    for (const r of reports as Array<Record<string, unknown>>) {
      for (const raw of (Array.isArray(r.lv) ? r.lv : []) as Array<Record<string, string>>) {
        const lv = toLv(raw);
        if (lv) lvs.set(`${lv.vg}/${lv.name}`, lv);
      }
      for (const raw of (Array.isArray(r.vg) ? r.vg : []) as Array<Record<string, string>>) {
        if (!raw.vg_name) continue;
        const lvCount = Number.parseInt(raw.lv_count ?? '', 10);
        vgs.set(raw.vg_name, {
          name: raw.vg_name,
          sizeMiB: sizeMiB(raw.vg_size),
          freeMiB: sizeMiB(raw.vg_free),
          mdaSizeMiB: sizeMiB(raw.vg_mda_size),
          lvCount: Number.isFinite(lvCount) ? lvCount : undefined,
          lockType: raw.vg_lock_type || undefined,
          uuid: raw.vg_uuid || undefined,
        });
      }
    }
  }
  if (!lvs.size && !vgs.size) return { error: 'the report lists no logical volumes and no volume groups', offset: 0 };
  const vgNames = new Set([...vgs.keys(), ...[...lvs.values()].map((lv) => lv.vg)]);
  return { report: { lvs, vgs, vgNames } };
}

function toLv(raw: Record<string, string>): LogicalVolume | undefined {
  if (!raw.lv_name || !raw.vg_name) return undefined;
  // `lvs -a` brackets hidden volumes: [lvmlock], [pool_tdata]
  const attr = raw.lv_attr ?? '';
  const data = raw.data_percent ? Number.parseFloat(raw.data_percent.replace(',', '.')) : undefined;
  return {
    vg: raw.vg_name,
    name: raw.lv_name.replace(/^\[(.*)\]$/, '$1'),
    sizeMiB: sizeMiB(raw.lv_size) ?? 0,
    attr,
    pool: raw.pool_lv || undefined,
    dataPercent: Number.isFinite(data) ? data : undefined,
    thinPool: attr[0] === 't',
    thin: attr[0] === 'V',
  };
}

const UNIT_MIB: Record<string, number> = { b: 1 / 1048576, s: 512 / 1048576, k: 1 / 1024, m: 1, g: 1024, t: 1024 ** 2, p: 1024 ** 3, e: 1024 ** 4 };

/** "<10240.00m", "1,50g", "512.00M": lowercase units are powers of 1024, uppercase of 1000. */
export function sizeMiB(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const m = /^[<>]?\s*([0-9]+(?:[.,][0-9]+)?)\s*([bBsSkKmMgGtTpPeE]?)$/.exec(value.trim());
  if (!m) return undefined;
  const n = Number.parseFloat(m[1].replace(',', '.'));
  const unit = m[2] || 'm';
  const lower = unit.toLowerCase();
  const factor = unit === lower || unit === 'S' ? UNIT_MIB[lower] : (UNIT_MIB[lower] * 1000 ** 'bkmgtpe'.indexOf(lower)) / 1024 ** 'bkmgtpe'.indexOf(lower);
  return n * factor;
}

/** Splits concatenated JSON documents, as `lvs ...; vgs ...` writes them. */
function* jsonDocuments(text: string): Generator<{ value?: unknown; start: number; error?: string }> {
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i])) i++;
    if (i >= text.length) return;
    const end = matchingBrace(text, i);
    if (end < 0) {
      yield { start: i, error: 'not valid JSON: an object is not closed' };
      return;
    }
    try {
      yield { value: JSON.parse(text.slice(i, end)), start: i };
    } catch (e) {
      yield { start: i, error: `not valid JSON: ${(e as Error).message}` };
      return;
    }
    i = end;
  }
}

function matchingBrace(text: string, start: number): number {
  if (text[start] !== '{') return -1;
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i + 1;
  }
  return -1;
}
