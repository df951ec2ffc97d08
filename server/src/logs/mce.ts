// Decoding a machine-check status word (IA32_MCi_STATUS) the way mcelog starts:
// valid, corrected or not, context corrupt, and the kind of error its MCA code names.

export interface MceStatus {
  valid: boolean;
  uncorrected: boolean;
  overflow: boolean;
  contextCorrupt: boolean;
  /** Software-recoverable (SER): action required / optional. */
  recovery?: 'SRAR' | 'SRAO' | 'UCNA';
  kind: string;
}

const bit = (v: bigint, n: number) => ((v >> BigInt(n)) & 1n) === 1n;

/** The error kind from the low 16 bits (the compound MCA error codes). */
function mcaKind(code: number): string {
  if (code === 0) return 'no error';
  if (code === 1) return 'unclassified error';
  if (code === 2) return 'microcode ROM parity error';
  if (code === 3) return 'external error';
  if (code === 4) return 'FRC error';
  if (code === 5) return 'internal parity error';
  if (code === 0x400 || (code & 0xfc00) === 0x0400) return 'internal error';
  if ((code & 0xef80) === 0x0080) return 'memory controller error';
  if ((code & 0xeffc) === 0x000c) return 'generic cache hierarchy error';
  if ((code & 0xeff0) === 0x0010) return 'TLB error';
  if ((code & 0xef00) === 0x0100) return 'cache error';
  if ((code & 0xe800) === 0x0800) return 'bus/interconnect error';
  return 'error';
}

export function decodeStatus(hex: string): MceStatus | undefined {
  if (!/^(0x)?[0-9a-fA-F]{1,16}$/.test(hex.trim())) return undefined;
  const v = BigInt(`0x${hex.trim().replace(/^0x/i, '')}`);
  const uncorrected = bit(v, 61);
  const s = bit(v, 56);
  const ar = bit(v, 55);
  const recovery = uncorrected && !bit(v, 57) ? (s && ar ? 'SRAR' : s ? 'SRAO' : 'UCNA') : undefined;
  return {
    valid: bit(v, 63),
    uncorrected,
    overflow: bit(v, 62),
    contextCorrupt: bit(v, 57),
    recovery,
    kind: mcaKind(Number(v & 0xffffn)),
  };
}

/** "uncorrected memory controller error, bank 4, processor context corrupt" */
export function describeMce(status: string, bank?: string): string | undefined {
  const d = decodeStatus(status);
  if (!d) return undefined;
  const parts = [`${d.uncorrected ? 'uncorrected' : 'corrected'} ${d.kind}`];
  if (bank !== undefined) parts.push(`bank ${bank}`);
  if (d.contextCorrupt) parts.push('processor context corrupt');
  if (d.recovery) parts.push(d.recovery);
  if (d.overflow) parts.push('earlier errors lost (overflow)');
  return parts.join(', ');
}
