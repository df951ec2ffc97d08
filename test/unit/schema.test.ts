// The xl.cfg key schema: structural sanity and coverage of what xl really reads.
import * as assert from 'node:assert';
import { XL_KEYS, XL_CONF_KEYS, XM_ONLY_KEYS } from '../../server/src/xl/schema/keys';
import { SPEC_KEYS } from '../../server/src/xl/schema/specKeys';
import { XEN_VERSIONS, type KeySpec, type SpecKind, type ValueType } from '../../server/src/xl/schema/types';

// Every key that tools/xl/xl_parse.c at RELEASE-4.17.5 looks up: the literal names passed to
// xlu_cfg_get_* / xlu_cfg_replace_string, plus the three names the parse_extra_args() macro builds.
const KEYS_READ_BY_4_17 = [
  'acpi', 'acpi_firmware', 'acpi_laptop_slate', 'acpi_s3', 'acpi_s4', 'altp2m', 'altp2mhvm', 'apic', 'bios',
  'bios_path_override', 'boot', 'bootloader', 'bootloader_args', 'builder', 'cap', 'channel', 'cmdline',
  'cpu_weight', 'cpuid', 'cpus', 'cpus_soft', 'device_model', 'device_model_args', 'device_model_args_hvm',
  'device_model_args_pv', 'device_model_override', 'device_model_stubdomain_override',
  'device_model_stubdomain_seclabel', 'device_model_user', 'device_model_version', 'device_tree', 'disk',
  'display', 'dm_restrict', 'driver_domain', 'dtdev', 'e820_host', 'extra', 'extratime', 'firmware',
  'firmware_override', 'gfx_passthru', 'gic_version', 'hap', 'hdtype', 'hpet', 'init_seclabel', 'iomem',
  'ioports', 'irqs', 'kernel', 'keymap', 'latency', 'localtime', 'max_event_channels', 'max_grant_frames',
  'max_grant_version', 'max_maptrack_frames', 'maxmem', 'maxvcpus', 'mca_caps', 'memory', 'mmio_hole',
  'ms_vm_genid', 'msr_relaxed', 'name', 'nestedhvm', 'nographic', 'nomigrate', 'nx', 'on_crash', 'on_poweroff',
  'on_reboot', 'on_soft_reset', 'on_watchdog', 'oos', 'opengl', 'p9', 'pae', 'passthrough', 'pci',
  'pci_msitranslate', 'pci_permissive', 'pci_power_mgmt', 'pci_seize', 'period', 'pool', 'pvcalls', 'pvshim',
  'pvshim_cmdline', 'pvshim_extra', 'pvshim_path', 'ramdisk', 'rdm', 'rdm_mem_boundary', 'root',
  'rtc_timeoffset', 'sdl', 'seclabel', 'serial', 'shadow_memory', 'slice', 'smbios_firmware', 'soundhw',
  'spice', 'spice_clipboard_sharing', 'spice_image_compression', 'spice_streaming_video', 'spiceagent_mouse',
  'spicedisable_ticketing', 'spicehost', 'spicepasswd', 'spiceport', 'spicetls_port', 'spiceusbredirection',
  'spicevdagent', 'stdvga', 'stubdomain_cmdline', 'stubdomain_kernel', 'stubdomain_memory',
  'stubdomain_ramdisk', 'tee', 'timer_mode', 'tsc_mode', 'type', 'usb', 'usbctrl', 'usbdev', 'usbdevice',
  'usbversion', 'uuid', 'vcpus', 'vdispl', 'vendor_device', 'vfb', 'vga', 'videoram', 'vif', 'vif2',
  'viridian', 'vkb', 'vkb_device', 'vmtrace_buf_kb', 'vnc', 'vncdisplay', 'vnclisten', 'vncpasswd',
  'vncunused', 'vncviewer', 'vnuma', 'vpmu', 'vpt_align', 'vsnd', 'vtpm', 'vuart', 'xauthority',
  'xen_platform_pci', 'xend_suspend_evtchn_compat',
];

// Keys that RELEASE-4.22.0's xl_parse.c reads and RELEASE-4.17.5's did not, with the first release
// (by comparing the RELEASE-4.18.0 … RELEASE-4.22.0 tags) whose xl reads them.
const KEYS_ADDED_AFTER_4_17: Record<string, string> = {
  bootloader_restrict: '4.18',
  bootloader_user: '4.18',
  smbios: '4.18',
  sve: '4.18',
  virtio: '4.18',
  hvm_pirq: '4.19',
  nr_spis: '4.19',
  llc_colors: '4.20',
  altp2m_count: '4.21',
  arm_sci: '4.21',
  trap_unmapped_accesses: '4.21',
  xen_platform_pci_bar_uc: '4.21',
  xenstore_feature_mask: '4.21',
  xenstore_quota: '4.22',
};

// Keys that xl reads although xl.cfg(5) (as of 4.22) does not document them as top-level keys.
const UNDOCUMENTED = [
  'period', 'slice', 'latency', 'extratime', 'firmware_override', 'opengl', 'device_model', 'vif2', 'vncviewer',
  'display', 'xauthority',
];

const VALUE_TYPES: ValueType[] = [
  'string', 'integer', 'boolean', 'enum', 'list', 'string-or-list', 'integer-or-enum', 'boolean-or-enum',
  'boolean-or-list', 'nested-list',
];
const ENUM_TYPES: ValueType[] = ['enum', 'integer-or-enum', 'boolean-or-enum'];
const SPEC_KINDS: SpecKind[] = [
  'disk', 'vif', 'pci', 'cpus', 'vtpm', 'p9', 'pvcalls', 'vfb', 'channel', 'usbctrl', 'usbdev', 'vdispl', 'vkb',
  'virtio', 'rdm', 'smbios', 'iomem', 'ioports', 'irqs', 'viridian', 'xenstore_quota',
];
const KEY_RE = /^[a-z][._0-9a-z]*$/;
const OLD_VERSION_RE = /^4\.\d+$/;

function byKey(list: KeySpec[]): Map<string, KeySpec> {
  return new Map(list.map((k) => [k.key, k]));
}

function checkTable(name: string, table: KeySpec[]): void {
  describe(`${name}: structure`, () => {
    it('has unique keys that the xl lexer accepts', () => {
      const seen = new Set<string>();
      for (const k of table) {
        assert.match(k.key, KEY_RE, `bad key name ${k.key}`);
        assert.ok(!seen.has(k.key), `duplicate key ${k.key}`);
        seen.add(k.key);
      }
    });

    it('gives every key a section, a known type and a short doc without HTML', () => {
      for (const k of table) {
        assert.ok(k.section.trim().length > 0, `${k.key}: empty section`);
        assert.ok(VALUE_TYPES.includes(k.type), `${k.key}: unknown type ${k.type}`);
        assert.ok(k.doc.trim().length >= 20, `${k.key}: doc too short`);
        assert.ok(!/<\/?[a-zA-Z][^>]*>/.test(k.doc), `${k.key}: doc contains HTML`);
        assert.ok(!/[BCIFL]<[^>]*>/.test(k.doc), `${k.key}: doc contains POD markup`);
      }
    });

    it('gives every enum-typed key a non-empty list of distinct values', () => {
      for (const k of table) {
        if (ENUM_TYPES.includes(k.type)) {
          assert.ok(k.values && k.values.length > 0, `${k.key}: enum without values`);
          assert.strictEqual(new Set(k.values).size, k.values.length, `${k.key}: duplicate values`);
        }
      }
    });

    it('only marks values case-insensitive where there are values', () => {
      for (const k of table) {
        if (k.caseInsensitive) assert.ok(k.values && k.values.length > 0, `${k.key}: caseInsensitive without values`);
      }
    });

    it('keeps ranges consistent and on numeric keys only', () => {
      for (const k of table) {
        if (k.min !== undefined || k.max !== undefined) {
          assert.ok(['integer', 'integer-or-enum'].includes(k.type), `${k.key}: range on a ${k.type} key`);
        }
        if (k.min !== undefined) assert.ok(Number.isInteger(k.min), `${k.key}: min not an integer`);
        if (k.max !== undefined) assert.ok(Number.isInteger(k.max), `${k.key}: max not an integer`);
        if (k.min !== undefined && k.max !== undefined) assert.ok(k.min <= k.max, `${k.key}: min > max`);
      }
    });

    it('uses valid versions in since, deprecated and removed', () => {
      for (const k of table) {
        if (k.since !== undefined) {
          assert.ok((XEN_VERSIONS as readonly string[]).includes(k.since), `${k.key}: bad since ${k.since}`);
          assert.notStrictEqual(k.since, '4.17', `${k.key}: since 4.17 should be omitted`);
        }
        if (k.deprecated?.since !== undefined) assert.match(k.deprecated.since, OLD_VERSION_RE, `${k.key}: deprecated.since`);
        if (k.removed) assert.match(k.removed.since, OLD_VERSION_RE, `${k.key}: removed.since`);
      }
    });

    it('uses known spec kinds, guest types and architectures', () => {
      for (const k of table) {
        if (k.spec) assert.ok(SPEC_KINDS.includes(k.spec), `${k.key}: unknown spec ${k.spec}`);
        if (k.guests) {
          assert.ok(k.guests.length > 0 && k.guests.length < 3, `${k.key}: guests should be omitted when it is every type`);
          for (const g of k.guests) assert.ok(['pv', 'pvh', 'hvm'].includes(g), `${k.key}: bad guest ${g}`);
        }
        if (k.arch) assert.ok(['x86', 'arm'].includes(k.arch), `${k.key}: bad arch ${k.arch}`);
      }
    });

    it('only attaches string specs to string-ish types', () => {
      for (const k of table) {
        if (k.spec) {
          assert.ok(
            ['string', 'list', 'string-or-list', 'boolean-or-list'].includes(k.type),
            `${k.key}: spec ${k.spec} on a ${k.type} key`,
          );
        }
      }
    });
  });
}

checkTable('XL_KEYS', XL_KEYS);
checkTable('XL_CONF_KEYS', XL_CONF_KEYS);

describe('XL_KEYS: coverage of xl_parse.c', () => {
  const keys = byKey(XL_KEYS);

  it('contains every key that xl 4.17 reads, without a since', () => {
    const missing = KEYS_READ_BY_4_17.filter((k) => !keys.has(k));
    assert.deepStrictEqual(missing, []);
    for (const k of KEYS_READ_BY_4_17) assert.strictEqual(keys.get(k)?.since, undefined, `${k} has since`);
  });

  it('contains every key added after 4.17 with the right since', () => {
    for (const [k, since] of Object.entries(KEYS_ADDED_AFTER_4_17)) {
      const spec = keys.get(k);
      assert.ok(spec, `missing ${k}`);
      assert.strictEqual(spec.since, since, `${k}: since`);
    }
  });

  it('contains nothing that xl does not read', () => {
    const known = new Set([...KEYS_READ_BY_4_17, ...Object.keys(KEYS_ADDED_AFTER_4_17)]);
    const extra = XL_KEYS.map((k) => k.key).filter((k) => !known.has(k));
    assert.deepStrictEqual(extra, []);
  });

  it('marks the keys missing from xl.cfg(5) as undocumented, and only those', () => {
    const marked = XL_KEYS.filter((k) => k.undocumented).map((k) => k.key).sort();
    assert.deepStrictEqual(marked, [...UNDOCUMENTED].sort());
  });

  it('records the keys xl ignores as removed', () => {
    for (const k of ['device_model', 'vncviewer', 'vif2', 'slice', 'latency']) {
      assert.ok(keys.get(k)?.removed, `${k} should be removed`);
    }
    assert.strictEqual(keys.get('device_model')?.removed?.use, 'device_model_override');
    assert.strictEqual(keys.get('device_model_version')?.removed, undefined);
  });

  it('records the deprecated keys and forms', () => {
    assert.strictEqual(keys.get('builder')?.deprecated?.use, 'type');
    assert.strictEqual(keys.get('altp2mhvm')?.deprecated?.use, 'altp2m');
    assert.strictEqual(keys.get('stdvga')?.deprecated?.use, 'vga="stdvga"');
    for (const k of ['tsc_mode', 'timer_mode', 'bootloader_args']) assert.ok(keys.get(k)?.deprecated, `${k}`);
  });

  it('types the keys by the xlu_cfg_get_* call xl uses', () => {
    const expect: Record<string, ValueType> = {
      memory: 'integer',
      maxmem: 'integer',
      vcpus: 'integer',
      pae: 'boolean',
      hap: 'boolean',
      pci_permissive: 'integer',
      stdvga: 'integer',
      on_crash: 'enum',
      disk: 'list',
      cpus: 'string-or-list',
      cpuid: 'string-or-list',
      serial: 'string-or-list',
      usbdevice: 'string-or-list',
      bootloader_args: 'string-or-list',
      tsc_mode: 'integer-or-enum',
      timer_mode: 'integer-or-enum',
      altp2m: 'integer-or-enum',
      gfx_passthru: 'boolean-or-enum',
      viridian: 'boolean-or-list',
      vnuma: 'nested-list',
      vsnd: 'nested-list',
    };
    for (const [k, t] of Object.entries(expect)) assert.strictEqual(keys.get(k)?.type, t, k);
  });

  it('marks only libxl-parsed enums case-insensitive', () => {
    for (const k of ['type', 'builder', 'on_poweroff', 'vga', 'device_model_version', 'ms_vm_genid']) {
      assert.ok(!keys.get(k)?.caseInsensitive, `${k} is compared with strcmp`);
    }
    for (const k of ['tsc_mode', 'timer_mode', 'bios', 'hdtype', 'passthrough', 'gic_version', 'vendor_device']) {
      assert.ok(keys.get(k)?.caseInsensitive, `${k} goes through a libxl *_from_string parser`);
    }
  });

  it('limits HVM-only reads to HVM guests', () => {
    for (const k of ['pae', 'acpi_s3', 'viridian', 'vga', 'boot', 'serial', 'smbios', 'mmio_hole', 'firmware_override']) {
      assert.deepStrictEqual(keys.get(k)?.guests, ['hvm'], k);
    }
    assert.deepStrictEqual(keys.get('timer_mode')?.guests, ['pvh', 'hvm']);
    assert.deepStrictEqual(keys.get('bootloader')?.guests, ['pv', 'pvh']);
    assert.strictEqual(keys.get('kernel')?.guests, undefined);
  });

  it('has the enforced ranges', () => {
    assert.deepStrictEqual([keys.get('mmio_hole')?.min, keys.get('mmio_hole')?.max], [256, 3840]);
    assert.deepStrictEqual([keys.get('cpu_weight')?.min, keys.get('cpu_weight')?.max], [1, 65535]);
    assert.deepStrictEqual([keys.get('altp2m_count')?.min, keys.get('altp2m_count')?.max], [0, 65535]);
  });
});

describe('XM_ONLY_KEYS', () => {
  it('lists only keys that xl does not read', () => {
    const xl = byKey(XL_KEYS);
    for (const k of XM_ONLY_KEYS) assert.ok(!xl.has(k.key), `${k.key} is read by xl`);
  });

  it('has unique, well-formed keys with notes, and replacements that exist', () => {
    const xl = byKey(XL_KEYS);
    const seen = new Set<string>();
    for (const k of XM_ONLY_KEYS) {
      assert.match(k.key, KEY_RE);
      assert.ok(!seen.has(k.key), `duplicate ${k.key}`);
      seen.add(k.key);
      assert.ok(k.note.length > 0);
      if (k.use && !k.use.startsWith('xl ')) assert.ok(xl.has(k.use), `${k.key}: replacement ${k.use} is not an xl key`);
    }
    for (const k of ['cpu_cap', 'vcpu_avail', 'irq', 'on_xend_start', 'vscsi', 'superpages']) assert.ok(seen.has(k), k);
  });
});

describe('XL_CONF_KEYS', () => {
  it('covers everything xl.c parse_global_config reads', () => {
    const conf = byKey(XL_CONF_KEYS);
    for (const k of [
      'autoballoon', 'run_hotplug_scripts', 'lockfile', 'vifscript', 'vif.default.script', 'defaultbridge',
      'vif.default.bridge', 'vif.default.gatewaydev', 'vif.default.backend', 'output_format', 'blkdev_start',
      'claim_mode', 'remus.default.netbufscript', 'colo.default.proxyscript', 'max_grant_frames',
      'max_maptrack_frames', 'max_grant_version', 'vm.cpumask', 'vm.hvm.cpumask', 'vm.pv.cpumask',
      'domid_policy', 'bootloader_restrict',
    ]) {
      assert.ok(conf.has(k), `missing ${k}`);
    }
    assert.strictEqual(XL_CONF_KEYS.length, 22);
    for (const k of XL_CONF_KEYS) assert.strictEqual(k.section, 'xl.conf');
  });
});

describe('SPEC_KEYS', () => {
  it('has the disk keys of libxlu_disk_l.l', () => {
    const disk = SPEC_KEYS.disk.map((k) => k.key).sort();
    assert.deepStrictEqual(
      disk,
      [
        'target', 'format', 'vdev', 'access', 'devtype', 'backend', 'backendtype', 'specification', 'script',
        'direct-io-safe', 'discard', 'no-discard', 'colo', 'no-colo', 'colo-host', 'colo-port', 'colo-export',
        'active-disk', 'hidden-disk', 'trusted', 'untrusted', 'cdrom', 'grant_usage',
      ].sort(),
    );
    assert.strictEqual(SPEC_KEYS.disk.find((k) => k.key === 'grant_usage')?.since, '4.19');
    assert.ok(SPEC_KEYS.disk.filter((k) => k.since).every((k) => k.key === 'grant_usage'));
  });

  it('has the pci keys of libxlu_pci.c', () => {
    assert.deepStrictEqual(
      SPEC_KEYS.pci.map((k) => k.key).sort(),
      ['bdf', 'msitranslate', 'name', 'permissive', 'power_mgmt', 'rdm_policy', 'seize', 'vslot'],
    );
  });

  it('has exactly the vif keys of parse_nic_config (RELEASE-4.22.0)', () => {
    const expected = [
      'type', 'mac', 'bridge', 'netdev', 'gatewaydev', 'ip', 'script', 'backend', 'vifname', 'model', 'rate',
      'forwarddev', 'colo_sock_mirror_id', 'colo_sock_mirror_ip', 'colo_sock_mirror_port',
      'colo_sock_compare_sec_in_id', 'colo_sock_compare_sec_in_ip', 'colo_sock_compare_sec_in_port',
      'colo_sock_redirector0_id', 'colo_sock_redirector0_ip', 'colo_sock_redirector0_port',
      'colo_sock_redirector1_id', 'colo_sock_redirector1_ip', 'colo_sock_redirector1_port',
      'colo_sock_redirector2_id', 'colo_sock_redirector2_ip', 'colo_sock_redirector2_port',
      'colo_sock_compare_pri_in_id', 'colo_sock_compare_pri_in_ip', 'colo_sock_compare_pri_in_port',
      'colo_sock_compare_notify_id', 'colo_sock_compare_notify_ip', 'colo_sock_compare_notify_port',
      'colo_filter_mirror_queue', 'colo_filter_mirror_outdev', 'colo_filter_redirector0_queue',
      'colo_filter_redirector0_indev', 'colo_filter_redirector0_outdev', 'colo_filter_redirector1_queue',
      'colo_filter_redirector1_indev', 'colo_filter_redirector1_outdev', 'colo_compare_pri_in',
      'colo_compare_sec_in', 'colo_compare_out', 'colo_compare_notify_dev', 'colo_sock_sec_redirector0_id',
      'colo_sock_sec_redirector0_ip', 'colo_sock_sec_redirector0_port', 'colo_sock_sec_redirector1_id',
      'colo_sock_sec_redirector1_ip', 'colo_sock_sec_redirector1_port', 'colo_filter_sec_redirector0_queue',
      'colo_filter_sec_redirector0_indev', 'colo_filter_sec_redirector0_outdev',
      'colo_filter_sec_redirector1_queue', 'colo_filter_sec_redirector1_indev',
      'colo_filter_sec_redirector1_outdev', 'colo_filter_sec_rewriter0_queue', 'colo_checkpoint_host',
      'colo_checkpoint_port', 'accel', 'devid', 'mtu', 'vlan', 'trusted', 'untrusted',
    ];
    assert.deepStrictEqual(SPEC_KEYS.vif.map((k) => k.key).sort(), [...expected].sort());
    assert.strictEqual(SPEC_KEYS.vif.find((k) => k.key === 'vlan')?.since, '4.19');
    assert.ok(SPEC_KEYS.vif.filter((k) => k.since).every((k) => k.key === 'vlan'));
  });

  it('has unique, documented keys in every spec', () => {
    for (const [kind, list] of Object.entries(SPEC_KEYS)) {
      const seen = new Set<string>();
      for (const k of list) {
        assert.match(k.key, /^[a-z][-_0-9a-z]*$/, `${kind}: ${k.key}`);
        assert.ok(!seen.has(k.key), `${kind}: duplicate ${k.key}`);
        seen.add(k.key);
        assert.ok(k.doc.length >= 10, `${kind}.${k.key}: doc`);
        if (k.since) assert.ok((XEN_VERSIONS as readonly string[]).includes(k.since), `${kind}.${k.key}: since`);
        if (k.flag) assert.strictEqual(k.values, undefined, `${kind}.${k.key}: a flag has no values`);
      }
    }
  });
});
