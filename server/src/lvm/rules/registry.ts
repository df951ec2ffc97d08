// Rule ids for lvm.conf / lvmlocal.conf and the lock-manager configs (a contract,
// like the xl ids: `xenops.rules`, the CLI's JSON and SARIF use them).
import type { RuleInfo } from '../../core/findings';

export const LVM_RULES: RuleInfo[] = [
  { id: 'lvm/syntax', severity: 'error', summary: 'lvm2 cannot parse the file (its parse error, at the same place).' },
  { id: 'lvm/unknown-setting', severity: 'error', summary: 'A section or setting lvm2 does not know in that section (lvmconfig --validate fails).' },
  { id: 'lvm/type', severity: 'error', summary: 'A value of a type the setting does not take (a quoted number, a float, a non-boolean word, an empty value).' },
  { id: 'lvm/range', severity: 'warning', summary: 'A number or word outside what lvm2 accepts or acts on for that setting.' },
  { id: 'lvm/removed', severity: 'warning', summary: 'A setting lvm2 2.03 no longer acts on (locking_type, use_lvmetad, ...), with what replaces it.' },
  { id: 'lvm/deprecated', severity: 'info', summary: 'A deprecated setting that still works, with its replacement.' },
  { id: 'lvm/duplicate', severity: 'warning', summary: 'A setting given twice in one file: lvm2 warns and uses the last value.' },
  { id: 'lvm/filter', severity: 'error', summary: 'A filter or global_filter pattern lvm2 rejects or that can never match as intended.' },
  { id: 'lvm/metadata-size', severity: 'warning', summary: 'The metadata area is too small for the logical volumes the host carries.' },
  { id: 'lvm/thin-autoextend', severity: 'warning', summary: 'thin_pool_autoextend_threshold = 100 (never extend) on a host that uses thin pools.' },
  { id: 'lvm/lockd-host-id', severity: 'error', summary: 'use_lvmlockd = 1 with sanlock but no valid, unique host_id in lvmlocal.conf.' },
  { id: 'lock/syntax', severity: 'error', summary: 'A sanlock.conf / dlm.conf line the daemon cannot read (it skips or rejects it).' },
  { id: 'lock/boolean', severity: 'error', summary: 'A sanlock.conf / dlm.conf value the daemon reads as a different number than written (`yes` is 0, `10s` is 10).' },
  { id: 'lock/unknown-key', severity: 'warning', summary: 'A key sanlock or dlm_controld does not read (silently ignored).' },
  { id: 'lock/range', severity: 'warning', summary: 'A sanlock.conf / dlm.conf value the daemon ignores or clamps.' },
  { id: 'lock/duplicate', severity: 'warning', summary: 'A sanlock.conf / dlm.conf key set twice: the daemon applies the lines in order, so the last value wins.' },
  { id: 'lock/limits', severity: 'warning', summary: 'A setting that caps locks, leases or nodes below what the inventory needs.' },
];
