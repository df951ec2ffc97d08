// Vif specs (`vif = [ 'NET_SPEC', ... ]`) read exactly as xl's parse_nic_config (tools/xl/xl_parse.c)
// reads them: strtok(",") items (empty ones skipped), leading spaces dropped, `key=` matched
// case-sensitively, flags `trusted`/`untrusted`. For a domain config xl ignores what
// parse_nic_config returns, so most complaints only print a line and creation goes on; bad rate,
// devid and mtu values make xl exit.
import type { SpecIssue, SpecPart, SpecResult } from './types';
import { parseRate, strtoull, type Rate } from './rate';
import { versionAtLeast } from '../version';

export interface Vif {
  /** The MAC xl sets (`xx:xx:xx:xx:xx:xx`, lower case); absent when libxl makes a random 00:16:3e one. */
  mac?: string;
  bridge?: string;
  /** `gatewaydev=` or its deprecated alias `netdev=`. */
  gatewaydev?: string;
  type?: 'vif' | 'ioemu';
  model?: string;
  vifname?: string;
  script?: string;
  ip?: string;
  /** The driver domain (`backend=`). */
  backend?: string;
  rate?: Rate;
  devid?: number;
  mtu?: number;
  vlan?: string;
  trusted?: boolean;
  /** `forwarddev` and the `colo_*` keys (COLO, unstable). */
  colo: Record<string, string>;
}

type StringKey = 'bridge' | 'gatewaydev' | 'model' | 'vifname' | 'script' | 'ip' | 'backend';
const STRING_KEYS: Record<string, StringKey> = {
  bridge: 'bridge',
  netdev: 'gatewaydev',
  gatewaydev: 'gatewaydev',
  model: 'model',
  vifname: 'vifname',
  script: 'script',
  ip: 'ip',
  backend: 'backend',
};
const COLO_KEYS = new Set([
  'forwarddev',
  'colo_filter_mirror_queue',
  'colo_filter_mirror_outdev',
  'colo_compare_pri_in',
  'colo_compare_sec_in',
  'colo_compare_out',
  'colo_compare_notify_dev',
  'colo_filter_sec_rewriter0_queue',
  'colo_checkpoint_host',
  'colo_checkpoint_port',
  ...['mirror', 'compare_sec_in', 'redirector0', 'redirector1', 'redirector2', 'compare_pri_in', 'compare_notify', 'sec_redirector0', 'sec_redirector1']
    .flatMap((s) => ['id', 'ip', 'port'].map((f) => `colo_sock_${s}_${f}`)),
  ...['redirector0', 'redirector1', 'sec_redirector0', 'sec_redirector1'].flatMap((s) => ['queue', 'indev', 'outdev'].map((f) => `colo_filter_${s}_${f}`)),
]);
const OTHER_KEYS = ['type', 'mac', 'rate', 'accel', 'devid', 'mtu'];
const ULONG_MAX = 0xffffffffffffffffn;

interface State {
  spec: string;
  guestType?: 'pv' | 'pvh' | 'hvm';
  vif: Vif;
  /** The octets xl has stored so far: a bad `mac=` keeps those it read before failing. */
  mac: number[];
  /** Where the `type=` in force was set. */
  typeAt?: { start: number; end: number };
  issues: SpecIssue[];
  /** xl has exited: it never reads the items after this one. */
  exited: boolean;
}

/** Parses one vif spec as xl `version` does; `guestType` enables libxl's type check. Offsets are into `spec`. */
export function parseVif(spec: string, guestType?: 'pv' | 'pvh' | 'hvm', version = '4.17'): SpecResult<Vif> {
  const st: State = { spec, guestType, vif: { colo: {} }, mac: [0, 0, 0, 0, 0, 0], issues: [], exited: false };
  const known = new Set([...Object.keys(STRING_KEYS), ...COLO_KEYS, ...OTHER_KEYS, ...(versionAtLeast(version, '4.19') ? ['vlan'] : [])]);
  const parts: SpecPart[] = [];
  const seen = new Set<string>();
  for (const m of spec.matchAll(/[^,]+/g)) {
    const start = m.index + m[0].search(/[^ ]|$/);
    const end = m.index + m[0].length;
    const token = spec.slice(start, end);
    const eq = token.indexOf('=');
    const key = eq < 0 ? token : token.slice(0, eq);
    const value = eq < 0 ? undefined : token.slice(eq + 1);
    const flag = token === 'trusted' || token === 'untrusted';
    if (token) parts.push({ key, ...(value === undefined ? {} : { value }), start, end });
    if (st.exited) continue;
    if (!flag && (value === undefined || !known.has(key))) {
      const hint = unknownHint(key, value !== undefined, known);
      const message = token ? `unrecognized argument \`${token}': xl ignores it${hint}` : 'empty item: xl calls it an unrecognized argument and ignores it';
      warn(st, message, token ? start : m.index, end, `unrecognized argument \`${token}'`);
      continue;
    }
    const field = flag ? 'trusted' : (STRING_KEYS[key] ?? key);
    if (seen.has(field)) warn(st, `\`${field}' is set more than once; xl uses the last one`, start, end);
    seen.add(field);
    if (value === undefined) st.vif.trusted = token === 'trusted';
    else readValue(st, key, value, start + eq + 1, start, end);
  }
  if (st.exited) return { parts, issues: st.issues };

  const vif = st.vif;
  if (st.mac.some((b) => b !== 0)) vif.mac = macText(st.mac);
  if (st.typeAt && vif.type === 'ioemu' && (guestType === 'pv' || guestType === 'pvh')) {
    const message = `type=ioemu (an emulated NIC) needs an HVM guest, this one is ${guestType.toUpperCase()}: use type=vif or leave type out`;
    warn(st, message, st.typeAt.start, st.typeAt.end, 'trying to create PV or PVH guest with an emulated interface', 'error');
  }
  // Linux hotplug renames the backend to vifname (the emulated twin to vifname-emu); IFNAMSIZ allows 15 characters.
  const nameMax = guestType === 'hvm' && vif.type !== 'vif' ? 11 : 15;
  const named = parts.filter((p) => p.key === 'vifname').pop();
  if (named && vif.vifname && vif.vifname.length > nameMax) {
    const twin = nameMax === 11 ? ' (HVM adds "-emu" for the emulated twin)' : '';
    warn(st, `vifname is longer than ${nameMax} characters${twin}: renaming the interface fails on a Linux dom0`, named.start, named.end);
  }
  return { value: vif, parts, issues: st.issues };
}

function warn(st: State, message: string, start: number, end: number, xl?: string, severity: SpecIssue['severity'] = 'warning'): void {
  st.issues.push({ severity, message, start, end, ...(xl ? { xl } : {}) });
}

function unknownHint(key: string, hasValue: boolean, known: Set<string>): string {
  if (key === 'vlan' && hasValue) return ' (vlan= needs Xen 4.19 or later)';
  const lower = key.toLowerCase();
  if (!hasValue && known.has(key)) return ` (${key} needs =value)`;
  if (lower !== key && (known.has(lower) || lower === 'trusted' || lower === 'untrusted')) return ` (keys are case-sensitive: ${lower})`;
  return '';
}

function readValue(st: State, key: string, value: string, vStart: number, start: number, end: number): void {
  const vif = st.vif;
  if (Object.hasOwn(STRING_KEYS, key)) {
    vif[STRING_KEYS[key]] = value;
    if (key === 'netdev') warn(st, 'netdev is deprecated: use gatewaydev', start, end, 'the netdev parameter is deprecated, please use gatewaydev instead');
    if (key === 'model' && st.guestType && st.guestType !== 'hvm') warn(st, 'model only applies to emulated NICs of HVM guests: ignored here', start, end, undefined, 'info');
  } else if (key === 'type') {
    if (value === 'vif' || value === 'ioemu') {
      vif.type = value;
      st.typeAt = { start, end };
    } else {
      warn(st, `invalid type \`${value}': expected vif or ioemu (case-sensitive); xl ignores it`, start, end, "Invalid parameter `type'.");
    }
  } else if (COLO_KEYS.has(key)) {
    vif.colo[key] = value;
  } else if (key === 'mac') {
    readMac(st, value, vStart, start, end);
  } else if (key === 'rate') {
    const r = parseRate(value);
    for (const i of r.issues) st.issues.push({ ...i, start: vStart + i.start, end: vStart + i.end });
    if (r.value) vif.rate = r.value;
    else st.exited = true;
  } else if (key === 'devid' || key === 'mtu') {
    const n = parseUlong(st, value, vStart, end);
    if (n !== undefined) vif[key] = n;
  } else if (key === 'vlan') {
    vif.vlan = value;
    checkVlan(st, value, vStart);
  } else {
    warn(st, 'accel is not supported: xl ignores it', start, end, 'the accel parameter for vifs is currently not supported');
  }
}

/**
 * xl's mac loop: six strtoul(…, 16) calls, each skipping one character after its number,
 * whatever it is. It can run on into the next item (strtok left a NUL where the comma was);
 * past the string's end C reads stray memory, which we count as a failure.
 */
function readMac(st: State, value: string, vStart: number, start: number, end: number): void {
  let q = vStart;
  let ok = true;
  for (let i = 0; i < 6; i++) {
    const r = q <= st.spec.length ? strtoull(st.spec, q, 16) : undefined;
    // xl stores the octet as an unsigned int before checking it.
    const octet = r ? Number(r.value & 0xffffffffn) : 256;
    ok = r !== undefined && r.end !== q && octet <= 255;
    if (!ok || !r) break;
    st.mac[i] = octet;
    q = r.end + 1;
  }
  const mac = macText(st.mac);
  const zero = st.mac.every((b) => b === 0);
  if (!ok) {
    const left = zero ? 'libxl picks a random MAC' : `the guest gets ${mac}, the octets read so far`;
    warn(st, `invalid MAC address \`${value}': expected six hex octets xx:xx:xx:xx:xx:xx; xl goes on and ${left}`, start, end, "Invalid parameter `mac'.");
  } else if (!/^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$/.test(value)) {
    warn(st, `MAC address \`${value}' is not written as xx:xx:xx:xx:xx:xx; xl reads it as ${mac}`, start, end);
  }
  if (st.mac[0] & 1) warn(st, `${mac} is a multicast address (odd first octet): a NIC cannot use it`, start, end);
  else if (ok && zero) warn(st, '00:00:00:00:00:00 means "no MAC" to libxl, which picks a random one', start, end, undefined, 'info');
}

function macText(octets: number[]): string {
  return octets.map((b) => b.toString(16).padStart(2, '0')).join(':');
}

/** parse_ulong: strtoul base 10; no digits or ULONG_MAX make xl exit. The result is stored in an int. */
function parseUlong(st: State, value: string, vStart: number, end: number): number | undefined {
  const r = strtoull(value, 0, 10);
  if (r.end === 0 || r.value === ULONG_MAX) {
    st.issues.push({ severity: 'error', message: `\`${value}' is not a number`, start: vStart, end, xl: `xl: failed to convert "${value}" to number` });
    st.exited = true;
    return undefined;
  }
  const n = Number(BigInt.asIntN(32, r.value));
  if (!/^[0-9]+$/.test(value) || String(n) !== value.replace(/^0+(?=.)/, '')) {
    warn(st, `xl reads \`${value}' as ${n}`, vStart, end);
  }
  return n;
}

/** `vlan=` as xl-network-configuration(5) describes it: `/`-separated `N[p|u]`, `A-B[u]`, `N+OxC[u]`. */
function checkVlan(st: State, value: string, vStart: number): void {
  let pvids = 0;
  let single = true;
  let at = vStart;
  const terms = value.split('/');
  for (const term of terms) {
    const end = at + term.length;
    const m = /^(\d+)(?:([pu])|-(\d+)u?|\+(\d+)x(\d+)u?)?$/.exec(term);
    if (!m) {
      warn(st, `invalid vlan term \`${term}': expected N, Np, Nu, A-B, A-Bu, N+OxC or N+OxCu`, at, Math.max(end, at + 1));
    } else {
      const first = Number(m[1]);
      const last = m[3] !== undefined ? Number(m[3]) : m[4] !== undefined ? first + Number(m[4]) * Number(m[5]) : first;
      if (first < 1 || last > 4094) warn(st, `VLAN IDs are 1-4094; \`${term}' goes outside`, at, end);
      else if (last < first) warn(st, `vlan range \`${term}' runs backwards`, at, end);
      if (m[2] === 'p') pvids++;
      if (m[3] !== undefined || m[4] !== undefined) single = false;
    }
    at = end + 1;
  }
  if (terms.length > 1) single = false;
  if (pvids > 1) warn(st, 'only one VLAN can be the PVID (p)', vStart, at - 1);
  else if (pvids === 0 && !single) warn(st, 'one VLAN must be marked as the PVID with p, e.g. 10p/20', vStart, at - 1);
}
