// Every rule id xenops reports for xl configs, with its default severity. The ids
// are a contract: settings (`xenops.rules`), the CLI's JSON and SARIF use them.
import type { RuleInfo, Severity } from '../../core/findings';

export const XL_RULES: RuleInfo[] = [
  { id: 'xl/syntax', severity: 'error', summary: 'xl cannot parse the file (lexical or syntax error, as libxlutil reports it).' },
  { id: 'xl/xm-config', severity: 'warning', summary: 'A legacy xm (Python) config: lists what xl cannot read.' },
  { id: 'xl/unknown-key', severity: 'warning', summary: 'A key xl does not read (a typo, an xm-only option, or newer than the target Xen).' },
  { id: 'xl/duplicate-key', severity: 'warning', summary: 'A key set twice: xl silently uses the last value.' },
  { id: 'xl/type', severity: 'error', summary: 'A value of the wrong shape (list vs single value, not a number, `+=` on a number).' },
  { id: 'xl/enum', severity: 'error', summary: 'A value that is not one of the allowed words.' },
  { id: 'xl/range', severity: 'error', summary: 'A number outside the range xl, libxl or Xen accepts.' },
  { id: 'xl/octal-number', severity: 'warning', summary: 'A number with a leading zero, which xl reads as octal.' },
  { id: 'xl/memory-maxmem', severity: 'error', summary: 'memory above maxmem, or ballooning that cannot work (PCI passthrough).' },
  { id: 'xl/vcpus-maxvcpus', severity: 'error', summary: 'vcpus above maxvcpus, or more vCPUs than the hypervisor allows.' },
  { id: 'xl/guest-type', severity: 'warning', summary: 'A key that the guest type ignores or rejects.' },
  { id: 'xl/conflict', severity: 'error', summary: 'Settings that contradict each other (builder vs type, kernel and firmware).' },
  { id: 'xl/missing-required', severity: 'error', summary: 'No name, or a PV/PVH guest with no kernel, bootloader or firmware.' },
  { id: 'xl/deprecated', severity: 'warning', summary: 'A deprecated or removed setting, with its replacement.' },
  { id: 'xl/disk-spec', severity: 'error', summary: 'A disk spec that xl rejects or that cannot work.' },
  { id: 'xl/vif-spec', severity: 'error', summary: 'A vif spec with an invalid key, MAC or rate.' },
  { id: 'xl/pci-spec', severity: 'error', summary: 'A PCI passthrough spec xl rejects.' },
  { id: 'xl/cpus-spec', severity: 'error', summary: 'A cpus / cpus_soft CPU list xl rejects.' },
  { id: 'xl/duplicate-vdev', severity: 'error', summary: 'Two disks with the same virtual device.' },
];

export const RULE_SEVERITY: Record<string, Severity> = Object.fromEntries(XL_RULES.map((r) => [r.id, r.severity]));
