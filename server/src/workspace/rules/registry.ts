// Rule ids of the checks that span configs and the host inventory (a contract, like the xl ids).
import type { RuleInfo } from '../../core/findings';

export const WORKSPACE_RULES: RuleInfo[] = [
  { id: 'xl/shared-writable-disk', severity: 'error', summary: 'One volume or image attached writable to two domains, or writable in one and read-only in another.' },
  { id: 'xl/vbd-overprovisioned', severity: 'warning', summary: 'The disks on a thin pool promise more than it holds, or the pool is above its autoextend threshold.' },
  { id: 'xl/missing-volume', severity: 'warning', summary: 'A disk on a logical volume that the host\'s LVM report does not list.' },
  { id: 'xl/duplicate-mac', severity: 'error', summary: 'Two network interfaces with the same MAC address.' },
  { id: 'xl/duplicate-name', severity: 'error', summary: 'Two domains with the same name (on one host, or across hosts, which breaks migration).' },
  { id: 'xl/duplicate-uuid', severity: 'error', summary: 'Two domains with the same UUID.' },
  { id: 'xl/host-memory-overcommit', severity: 'warning', summary: 'The guests of a host may take more memory than the host has beside dom0.' },
  { id: 'xl/host-cpus', severity: 'error', summary: 'Pinning to CPUs or NUMA nodes the host does not have; more vCPUs than host CPUs.' },
  { id: 'xl/numa-spread', severity: 'warning', summary: 'A domain pinned across NUMA nodes although its memory fits in one, or vNUMA naming nodes the host lacks.' },
  { id: 'inventory/syntax', severity: 'error', summary: 'xenops.yaml is not valid YAML.' },
  { id: 'inventory/schema', severity: 'error', summary: 'xenops.yaml has an unknown key or a value of the wrong kind.' },
  { id: 'inventory/lvm-report', severity: 'error', summary: 'The LVM report named by lvm_report cannot be read.' },
];
