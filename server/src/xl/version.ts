// Comparing Xen release numbers such as "4.17" and "4.19".
import type { XenVersion } from './schema/types';

export function versionAtLeast(version: XenVersion | string, min: string): boolean {
  const [a1, a2] = version.split('.').map(Number);
  const [b1, b2] = min.split('.').map(Number);
  return a1 !== b1 ? a1 > b1 : a2 >= b2;
}
