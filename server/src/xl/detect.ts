// Recognising a Xen domain config by its content, for `.cfg` files that could be
// anything (and for `xenops lint` walking a folder).

const DOMU_KEYS = new Set([
  'name', 'type', 'builder', 'memory', 'maxmem', 'vcpus', 'maxvcpus', 'kernel', 'ramdisk', 'bootloader', 'disk', 'vif',
  'on_poweroff', 'on_reboot', 'on_crash', 'uuid', 'firmware', 'cmdline', 'extra', 'root', 'pci', 'vfb', 'cpus', 'boot',
]);

/** True when the text reads like an xl / xm domain config: at least two typical keys near the top. */
export function looksLikeDomainConfig(text: string): boolean {
  const head = text.slice(0, 8192);
  if (/^\s*\[[^\]]+\]\s*$/m.test(head) && !/^\s*[a-z_]+\s*=\s*\[/m.test(head)) return false; // an INI file
  let hits = 0;
  for (const line of head.split('\n')) {
    const m = /^\s*([a-z][._0-9a-z]*)\s*\+?=/.exec(line);
    if (m && DOMU_KEYS.has(m[1]) && ++hits >= 2) return true;
  }
  return false;
}

/** File names that may hold a domain config: the ones a folder walk looks into. */
export const DOMAIN_CONFIG_FILE = /\.(cfg|xl|xlcfg)$/;

/** File names that are Xen domain configs whatever they contain. */
export function isDomainConfigName(path: string): boolean {
  return /\.(xl|xlcfg)$/.test(path) || /(^|\/)etc\/xen\/(.+\/)?[^/]+\.cfg$/.test(path);
}
