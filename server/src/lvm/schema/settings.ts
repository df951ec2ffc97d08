// The lvm.conf schema: every section and setting that lvm2 2.03.x knows (one entry per
// cfg_section / cfg / cfg_array / cfg_runtime in lvm2's lib/config/config_settings.h, the
// (root) section left out), with paths spelled as `lvmconfig` prints them (`#` for a section
// whose name the user chooses).
//
// Facts come from lvm2's lib/config/config_settings.h and lib/config/defaults.h (upstream
// master after 2.03.39, compared with the v2_03_16 tag), and from the lvm2 sources for which
// words and bounds are really checked. Types, versions and defaults were verified against
// `lvmconfig --type default/list --withversions` of the Debian 12 package (2.03.16).
// Settings with a deprecated_since_version are split by what the code still does with them:
// `deprecated` when something still reads them, `removed` when nothing acts on them any more.
// The `doc`, `note` and `defaultNote` texts are our own summaries, not lvm2's comments.

import type { LvmSetting } from './types';

export const LVM_SETTINGS: LvmSetting[] = [
  // ---- config ----------------------------------------------------------------------------------
  {
    path: 'config', kind: 'section', types: [], since: '2.02.99',
    doc: 'How lvm2 treats its own configuration files: whether unknown keys and wrongly typed values are reported, and where profiles are kept.',
  },
  {
    path: 'config/checks', kind: 'setting', types: ['bool'], default: '1', since: '2.02.99',
    doc: 'Report unknown keys and values of the wrong type in LVM configuration. When turned off, a typo silently falls back to the built-in default.',
  },
  {
    path: 'config/validate_metadata', kind: 'setting', types: ['string'],
    default: '"full"', since: '2.03.28',
    values: ['full', 'none'],
    caseInsensitive: true,
    advanced: true,
    doc: 'How much LVM checks VG metadata before writing it: `full` (default) or `none`. `none` saves a little CPU but lets an internal inconsistency reach the disk; other words are ignored with a warning.',
  },
  {
    path: 'config/abort_on_errors', kind: 'setting', types: ['bool'], default: '0', since: '2.02.99',
    doc: 'Make any configuration mismatch (unknown key, wrong type) fatal for the command instead of a warning.',
  },
  {
    path: 'config/profile_dir', kind: 'setting', types: ['string'],
    defaultNote: 'computed at run time: `profile` under the LVM system directory (normally /etc/lvm/profile)', since: '2.02.99',
    doc: 'Directory holding command and metadata profiles (`<name>.profile`).',
  },

  // ---- devices ---------------------------------------------------------------------------------
  {
    path: 'devices', kind: 'section', types: [], since: '1.00.00',
    doc: "Which block devices LVM scans and accepts as PVs: filters, the devices file, MD/multipath component detection and PV data alignment. On a Xen dom0 this is where guest disks must be kept out of LVM's view.",
  },
  {
    path: 'devices/dir', kind: 'setting', types: ['string'], default: '"/dev"', since: '1.00.00',
    advanced: true,
    doc: 'Directory in which LVM creates the `/dev/<vg>/<lv>` nodes; it is also accepted as a prefix on VG names. Changing it breaks paths such as `phy:/dev/vg/lv` in domain configs.',
  },
  {
    path: 'devices/device_id_sysfs_dir', kind: 'setting', types: ['string'],
    default: '"/sys/"', since: '2.03.17',
    unsupported: true,
    doc: "Alternative sysfs root for reading device IDs. Meant for lvm2's own tests.",
  },
  {
    path: 'devices/scan', kind: 'setting', types: ['string'], array: true,
    default: '[ "/dev" ]', since: '1.00.00',
    advanced: true,
    doc: 'Directories searched for block device nodes. Keep `/dev`; a narrower list can make PVs disappear.',
  },
  {
    path: 'devices/loopfiles', kind: 'setting', types: ['string'], array: true,
    defaultNote: 'unset', since: '1.02.00',
    removed: {
      since: '2.03.00', use: 'losetup the file and let LVM scan the loop device',
      note: 'lvm2 2.03 removed the code that set up files as devices; the list is ignored.',
    },
    unsupported: true,
    doc: 'Used to name plain files to be treated as devices through loop devices.',
  },
  {
    path: 'devices/obtain_device_list_from_udev', kind: 'setting', types: ['bool'],
    default: '0', since: '2.02.85',
    doc: 'Take the list of block devices from the udev database instead of reading the device directory. If udev has not processed a device yet, LVM does not see it.',
  },
  {
    path: 'devices/external_device_info_source', kind: 'setting', types: ['string'],
    default: '"none"', since: '2.02.116',
    values: ['none', 'udev'],
    doc: "Extra source of device facts: `none` (LVM's own checks) or `udev`, which helps to recognise multipath and MD component devices. Other words fall back to `none` with a warning.",
  },
  {
    path: 'devices/hints', kind: 'setting', types: ['string'], default: '"all"', since: '2.03.02',
    values: ['all', 'none'],
    doc: 'Keep a hints file listing which devices hold PVs so that some commands scan fewer disks: `all` or `none`. Use `none` when PVs are copied with dd or other tools outside LVM, or a stale hint can hide them.',
  },
  {
    path: 'devices/preferred_names', kind: 'setting', types: ['string'], array: true,
    defaultNote: "unset: lvm2's built-in order (/dev/mapper, /dev/disk, /dev/dm-*, /dev/block; fewest slashes)", since: '1.02.19',
    allowEmpty: true,
    doc: "Regular expressions choosing which of a device's several paths LVM prints (the first match wins), e.g. to show `/dev/mapper/mpatha` rather than `/dev/sdb`. Affects display only.",
  },
  {
    path: 'devices/use_devicesfile', kind: 'setting', types: ['bool'],
    defaultNote: 'set when lvm2 is built (--with-default-use-devices-file, upstream 0); Debian 12: 0', since: '2.03.12',
    doc: "Use only the devices listed in the devices file (`/etc/lvm/devices/system.devices`, managed with `lvmdevices`). With it on, `filter` and `global_filter` are ignored; it is a robust way to keep guest disks away from the dom0's LVM.",
  },
  {
    path: 'devices/devicesfile', kind: 'setting', types: ['string'],
    default: '"system.devices"', since: '2.03.12',
    doc: 'Name of the system devices file in /etc/lvm/devices. Choose other devices files with the `--devicesfile` option, not here.',
  },
  {
    path: 'devices/devicesfile_backup_limit', kind: 'setting', types: ['int'],
    default: '50', since: '2.03.23',
    min: 0,
    doc: 'How many earlier copies of the system devices file LVM keeps in /etc/lvm/devices/backup; 0 disables the backups.',
  },
  {
    path: 'devices/search_for_devnames', kind: 'setting', types: ['string'],
    default: '"all"', since: '2.03.12',
    values: ['none', 'auto', 'all'],
    doc: 'When a devices-file entry that is identified only by its device name is missing, where LVM looks for the PV: `none`, `auto` (likely devices) or `all`. The default changed from `auto` to `all` in 2.03.23; unknown words fall back to the default.',
  },
  {
    path: 'devices/device_ids_refresh', kind: 'setting', types: ['int'], default: '10', since: '2.03.23',
    min: 0, max: 600,
    doc: 'Update stale device IDs in system.devices when the machine changes (see `device_ids_refresh_checks`): 0 off, 1 one attempt, or 10 to 600 seconds of searching. Values 2 to 9 and above 600 are rejected.',
  },
  {
    path: 'devices/device_ids_refresh_checks', kind: 'setting', types: ['string'], array: true,
    default: '[ "product_uuid", "hostname" ]', since: '2.03.23',
    values: ['product_uuid', 'hostname'],
    allowEmpty: true,
    doc: 'What reveals that system.devices came from another machine: `product_uuid` (DMI) and/or `hostname`. Remove an entry to stop LVM using it.',
  },
  {
    path: 'devices/filter', kind: 'setting', types: ['string'], array: true,
    default: '[ "a|.*|" ]', since: '1.00.00',
    doc: 'Accept (`a|regex|`) or reject (`r|regex|`) device paths for LVM commands; the first pattern that matches decides. On a dom0, reject guest LVs and guest disk images so guest PVs are not scanned; prefer `global_filter`, since this one can be overridden on the command line.',
  },
  {
    path: 'devices/global_filter', kind: 'setting', types: ['string'], array: true,
    default: '[ "a|.*|" ]', since: '2.02.98',
    doc: 'Same syntax as `filter`, but applies to every LVM component including udev-triggered scans, and rejected devices are never opened. On a Xen dom0 this is the place to hide guest LVs and disks (e.g. `r|^/dev/vg_guests/|`).',
  },
  {
    path: 'devices/cache', kind: 'setting', types: ['string'],
    defaultNote: 'formerly computed from cache_dir and cache_file_prefix', since: '1.00.00',
    removed: {
      since: '1.02.19',
      note: 'Superseded by cache_dir and cache_file_prefix in 1.02.19; the persistent .cache file itself was dropped in lvm2 2.03, so nothing reads it.',
    },
    doc: 'Path of the old persistent device cache file.',
  },
  {
    path: 'devices/cache_dir', kind: 'setting', types: ['string'],
    defaultNote: 'computed at run time: `cache` under the LVM system directory', since: '1.02.19',
    removed: {
      since: '2.03.00',
      note: 'Only fed the removed devices/cache path; the persistent cache is gone since lvm2 2.03.',
    },
    doc: 'Directory of the old persistent device cache file.',
  },
  {
    path: 'devices/cache_file_prefix', kind: 'setting', types: ['string'],
    default: '""', since: '1.02.19',
    removed: {
      since: '2.03.00',
      note: 'Only fed the removed devices/cache path; the persistent cache is gone since lvm2 2.03.',
    },
    allowEmpty: true,
    doc: 'Name prefix of the old persistent device cache file.',
  },
  {
    path: 'devices/write_cache_state', kind: 'setting', types: ['bool'], default: '1', since: '1.00.00',
    removed: {
      since: '2.03.00',
      note: 'No device cache file is written since lvm2 2.03, so the switch has no effect.',
    },
    doc: 'Whether the old persistent device cache file was written.',
  },
  {
    path: 'devices/types', kind: 'setting', types: ['int', 'string'], array: true,
    defaultNote: 'unset: only the device types lvm2 knows', since: '1.00.00',
    advanced: true,
    doc: 'Extra block device types to accept, as pairs of a name from /proc/devices and a partition count, e.g. `[ "fd", 16 ]`. Needed only for unusual drivers whose devices LVM otherwise ignores.',
  },
  {
    path: 'devices/sysfs_scan', kind: 'setting', types: ['bool'], default: '1', since: '1.00.08',
    doc: 'Consider only block devices that appear in sysfs, a cheap way to skip stale device nodes.',
  },
  {
    path: 'devices/scan_lvs', kind: 'setting', types: ['bool'], default: '0', since: '2.02.182',
    doc: 'Let LVM look inside active LVs for PVs. Keep it off on a dom0: with it on, PVs that guests created inside their disk LVs show up on the host, with duplicate VG names or guest VGs activated by the host.',
  },
  {
    path: 'devices/multipath_component_detection', kind: 'setting', types: ['bool'],
    default: '1', since: '2.02.89',
    doc: 'Ignore the paths underneath a dm-multipath device so LVM uses the multipath device itself. Turning it off can make LVM grab one path of a multipathed PV.',
  },
  {
    path: 'devices/multipath_wwids_file', kind: 'setting', types: ['string'],
    default: '"/etc/multipath/wwids"', since: '2.03.13',
    allowEmpty: true,
    doc: "multipath's wwids file, used to recognise multipath components even before multipathd has set up the map. An empty string stops LVM reading it.",
  },
  {
    path: 'devices/md_component_detection', kind: 'setting', types: ['bool'],
    default: '1', since: '1.00.18',
    doc: 'Ignore the member disks of MD software RAID so that only the md device is used as PV. Turning it off risks LVM using a single RAID member.',
  },
  {
    path: 'devices/md_component_checks', kind: 'setting', types: ['string'],
    default: '"auto"', since: '2.03.02',
    values: ['auto', 'start', 'full'],
    doc: 'How hard LVM looks for MD superblocks: `auto`, `start` (start of the device only) or `full` (also reads the end, needed for metadata 0.90/1.0 members). Unknown words fall back to `auto` with a warning.',
  },
  {
    path: 'devices/fw_raid_component_detection', kind: 'setting', types: ['bool'],
    default: '0', since: '2.02.112',
    doc: 'Ignore disks that belong to firmware (BIOS/fake) RAID sets. Works only with `external_device_info_source = "udev"`.',
  },
  {
    path: 'devices/md_chunk_alignment', kind: 'setting', types: ['bool'], default: '1', since: '2.02.48',
    doc: "Align the data area of a PV placed directly on an MD device to the array's stripe width.",
  },
  {
    path: 'devices/default_data_alignment', kind: 'setting', types: ['int'],
    default: '1', since: '2.02.75',
    min: 0, unit: 'MiB',
    doc: 'Align the first physical extent of new PVs to this many MiB (0 disables). Overridden by `data_alignment` and `--dataalignment`.',
  },
  {
    path: 'devices/data_alignment_detection', kind: 'setting', types: ['bool'],
    default: '1', since: '2.02.51',
    doc: 'Align new PV data areas to the I/O sizes the device advertises in sysfs (minimum_io_size / optimal_io_size), which matters on RAID and SSD/SAN storage.',
  },
  {
    path: 'devices/data_alignment', kind: 'setting', types: ['int'], default: '0', since: '2.02.45',
    min: 0, unit: 'KiB',
    doc: 'Align the data area of new PVs to this many KiB; 0 leaves it to `default_data_alignment`. Overridden by `--dataalignment`.',
  },
  {
    path: 'devices/data_alignment_offset_detection', kind: 'setting', types: ['bool'],
    default: '1', since: '2.02.50',
    doc: 'Shift new PV data areas by the alignment_offset the device reports in sysfs (non-zero on some 4K-sector disks).',
  },
  {
    path: 'devices/ignore_suspended_devices', kind: 'setting', types: ['bool'],
    default: '0', since: '1.02.19',
    doc: 'Skip device-mapper devices whose I/O is suspended instead of waiting for them during scans. Meant for recovery situations.',
  },
  {
    path: 'devices/ignore_lvm_mirrors', kind: 'setting', types: ['bool'], default: '1', since: '2.02.104',
    doc: 'Do not scan LVs of the old `mirror` type for PVs, which avoids hangs when a mirror leg fails. Only matters if VGs are stacked on mirror LVs.',
  },
  {
    path: 'devices/disable_after_error_count', kind: 'setting', types: ['int'],
    default: '0', since: '2.02.75',
    removed: {
      since: '2.03.00',
      note: 'The device error counting was removed in lvm2 2.03; the value is ignored.',
    },
    doc: 'Used to stop using a device after this many I/O errors.',
  },
  {
    path: 'devices/require_restorefile_with_uuid', kind: 'setting', types: ['bool'],
    default: '1', since: '2.02.73',
    doc: 'Require `--restorefile` whenever `pvcreate --uuid` is used, which protects against recreating a PV with the wrong layout.',
  },
  {
    path: 'devices/pv_min_size', kind: 'setting', types: ['int'], default: '2048', since: '2.02.85',
    unit: 'KiB',
    doc: 'Smallest block device, in KiB, that LVM will accept as a PV; values below 512 are replaced by 512 with a warning.',
  },
  {
    path: 'devices/issue_discards', kind: 'setting', types: ['bool'], default: '0', since: '2.02.85',
    doc: 'Send discards (TRIM/UNMAP) to the PVs when LVs are removed or reduced, so SSDs and thin SANs can reclaim the space. The data in those areas is gone for good: `vgcfgrestore` cannot bring back a removed guest disk. Guest-issued discards are not affected.',
  },
  {
    path: 'devices/allow_changes_with_duplicate_pvs', kind: 'setting', types: ['bool'],
    default: '0', since: '2.02.153',
    doc: 'Allow VG changes and activation while a PV is visible on more than one device. Off is safer: picking the wrong copy of a cloned or multipathed disk can destroy data.',
  },
  {
    path: 'devices/allow_mixed_block_sizes', kind: 'setting', types: ['bool'],
    default: '0', since: '2.03.06',
    doc: 'Allow PVs with different logical block sizes (512 and 4096 bytes) in one VG. Filesystems or guests on LVs spanning both can then break.',
  },

  // ---- allocation ------------------------------------------------------------------------------
  {
    path: 'allocation', kind: 'section', types: [], since: '2.02.77',
    profilable: true,
    doc: 'How LVM picks space for new extents and which defaults new thin, cache and VDO pools get. Can be overridden per command or per VG/LV with profiles.',
  },
  {
    path: 'allocation/cling_tag_list', kind: 'setting', types: ['string'], array: true,
    defaultNote: 'unset', since: '2.02.77',
    doc: 'PV tags (e.g. `@site1`) that the `cling` allocation policy treats as equivalent when extending an LV, so new extents stay in the same group of PVs as the existing ones.',
  },
  {
    path: 'allocation/maximise_cling', kind: 'setting', types: ['bool'], default: '1', since: '2.02.85',
    doc: 'Use the wider `cling` placement introduced in 2.02.85; turn off only to get the earlier algorithm back.',
  },
  {
    path: 'allocation/use_blkid_wiping', kind: 'setting', types: ['bool'],
    defaultNote: 'set when lvm2 is built (1 with blkid wiping support); Debian 12: 1', since: '2.02.105',
    doc: "Use libblkid to find and wipe old filesystem/RAID signatures on new PVs and LVs; otherwise LVM's own detection (MD, swap, LUKS) is used.",
  },
  {
    path: 'allocation/wipe_signatures_when_zeroing_new_lvs', kind: 'setting', types: ['bool'],
    default: '1', since: '2.02.105',
    doc: 'When a new LV is zeroed, also look for and erase old signatures anywhere in it, so a recycled area does not make a new guest disk look like an old filesystem. `--wipesignatures` overrides it.',
  },
  {
    path: 'allocation/mirror_logs_require_separate_pvs', kind: 'setting', types: ['bool'],
    default: '0', since: '2.02.85',
    doc: 'Always put `mirror` logs on different PVs from the mirror images.',
  },
  {
    path: 'allocation/raid_stripe_all_devices', kind: 'setting', types: ['bool'],
    default: '0', since: '2.02.162',
    doc: 'Stripe new raid0/4/5/6/10 LVs across all available PVs when `--stripes` is not given (the behaviour before 2.02.162).',
  },
  {
    path: 'allocation/cache_pool_metadata_require_separate_pvs', kind: 'setting', types: ['bool'],
    default: '0', since: '2.02.106',
    profilable: true,
    doc: 'Always put cache pool metadata on different PVs from the cache data.',
  },
  {
    path: 'allocation/cache_pool_cachemode', kind: 'setting', types: ['string'],
    default: '"writethrough"', since: '2.02.113',
    deprecated: {
      since: '2.02.128', use: 'allocation/cache_mode',
      note: 'Still read as a fallback when allocation/cache_mode is absent.',
    },
    values: ['writethrough', 'writeback', 'passthrough'],
    caseInsensitive: true,
    profilable: true,
    doc: 'Old name of `allocation/cache_mode`; it is used only when `cache_mode` is not set.',
  },
  {
    path: 'allocation/cache_metadata_format', kind: 'setting', types: ['int'],
    default: '0', since: '2.02.169',
    min: 0, max: 2, profilable: true,
    doc: 'Metadata format of new cache pools: 0 picks the best the kernel supports, 1 the original, 2 the newer format. Asking for a format the kernel lacks makes cache creation fail.',
  },
  {
    path: 'allocation/cache_mode', kind: 'setting', types: ['string'],
    default: '"writethrough"', since: '2.02.128',
    values: ['writethrough', 'writeback', 'passthrough'],
    caseInsensitive: true,
    profilable: true,
    doc: 'Cache mode of new cache LVs. `writethrough` keeps the origin always current; `writeback` is faster, but losing the cache device loses the writes it held.',
  },
  {
    path: 'allocation/cache_policy', kind: 'setting', types: ['string'],
    defaultNote: 'unset: `smq` when the kernel supports it, else `mq`', since: '2.02.128',
    profilable: true,
    doc: 'Kernel cache policy of new cache LVs, such as `smq`, `mq` or `cleaner`.',
  },
  {
    path: 'allocation/cache_settings', kind: 'section', types: [], since: '2.02.128',
    profilable: true,
    doc: 'Tunables handed to the kernel cache policy of new cache LVs, grouped in one subsection per policy name.',
  },
  {
    path: 'allocation/cache_settings/#', kind: 'section', types: [], since: '2.02.128',
    profilable: true, noCheck: true,
    doc: 'A subsection named after a cache policy (for example `smq`). lvm2 does not check its keys; they are passed to the kernel policy as they are.',
  },
  {
    path: 'allocation/cache_pool_chunk_size', kind: 'setting', types: ['int'],
    defaultNote: 'computed when the pool is created: at least 64 KiB, larger for big pools to stay under cache_pool_max_chunks', since: '2.02.106',
    min: 32, max: 1048576, unit: 'KiB', profilable: true,
    doc: 'Minimum chunk size of new cache pools in KiB (32 KiB to 1 GiB, a multiple of 32). Large chunks waste cache on small I/O; tiny chunks cost metadata and CPU.',
  },
  {
    path: 'allocation/cache_pool_max_chunks', kind: 'setting', types: ['int'],
    defaultNote: 'unset (0): 1000000, the recommended maximum', since: '2.02.165',
    min: 0, profilable: true,
    doc: 'Upper limit of chunks in a cache pool; LVM warns when a larger value is set. Very many chunks slow the cache down.',
  },
  {
    path: 'allocation/pvmove_max_segment_size_mb', kind: 'setting', types: ['int'],
    default: '0', since: '2.03.36',
    min: 0, unit: 'MiB',
    doc: 'Split large segments that `pvmove` copies into pieces of at most this many MiB, committing metadata between pieces; 0 moves each segment in one go.',
  },
  {
    path: 'allocation/thin_pool_metadata_require_separate_pvs', kind: 'setting', types: ['bool'],
    default: '0', since: '2.02.89',
    doc: "Always put thin pool metadata on different PVs from the pool's data.",
  },
  {
    path: 'allocation/thin_pool_crop_metadata', kind: 'setting', types: ['bool'],
    default: '0', since: '2.03.12',
    doc: 'Limit new thin pool metadata to 15.81 GiB as lvm2 releases before 2.03.12 did, instead of the full 15.88 GiB; only for compatibility with those releases.',
  },
  {
    path: 'allocation/thin_pool_zero', kind: 'setting', types: ['bool'], default: '1', since: '2.02.99',
    profilable: true,
    doc: 'Zero each data chunk of a thin pool before its first use, so one thin LV (guest) cannot read stale data of another. Costs performance with large chunks.',
  },
  {
    path: 'allocation/thin_pool_discards', kind: 'setting', types: ['string'],
    default: '"passdown"', since: '2.02.99',
    values: ['ignore', 'nopassdown', 'passdown'],
    caseInsensitive: true,
    profilable: true,
    doc: 'What new thin pools do with discards from thin LVs: `passdown` frees the space and passes the discard to the PVs, `nopassdown` only frees it in the pool, `ignore` drops it (freed guest blocks are then never returned to the pool).',
  },
  {
    path: 'allocation/thin_pool_chunk_size_policy', kind: 'setting', types: ['string'],
    default: '"generic"', since: '2.02.101',
    values: ['generic', 'performance'],
    caseInsensitive: true,
    profilable: true,
    doc: 'How LVM picks the chunk size of a new thin pool when none is given: `generic` (64 KiB or more, from minimum_io_size) or `performance` (512 KiB or more, from optimal_io_size).',
  },
  {
    path: 'allocation/zero_metadata', kind: 'setting', types: ['bool'], default: '1', since: '2.03.10',
    doc: 'Zero the whole metadata LV of new thin and cache pools before first use.',
  },
  {
    path: 'allocation/thin_pool_chunk_size', kind: 'setting', types: ['int'],
    defaultNote: 'estimated when the pool is created, according to thin_pool_chunk_size_policy', since: '2.02.99',
    min: 64, max: 1048576, unit: 'KiB', profilable: true,
    doc: 'Chunk size of new thin pools in KiB (64 KiB to 1 GiB). Larger chunks help streaming I/O but make snapshots of guest disks consume more space and copy more data.',
  },
  {
    path: 'allocation/physical_extent_size', kind: 'setting', types: ['int'],
    default: '4096', since: '2.02.112',
    unit: 'KiB',
    doc: 'Extent size of new VGs in KiB (default 4 MiB). Every LV size is a multiple of it.',
  },
  {
    path: 'allocation/vdo_use_compression', kind: 'setting', types: ['int'],
    default: '1', since: '2.03.00',
    profilable: true,
    doc: 'Compress data in new VDO pools (1) or not (0).',
  },
  {
    path: 'allocation/vdo_use_deduplication', kind: 'setting', types: ['int'],
    default: '1', since: '2.03.00',
    profilable: true,
    doc: 'Deduplicate data in new VDO pools (1) or not (0).',
  },
  {
    path: 'allocation/vdo_use_metadata_hints', kind: 'setting', types: ['int'],
    defaultNote: 'computed at run time: 0 with kernels newer than 6.8, else 1', since: '2.03.00',
    deprecated: {
      since: '2.03.27',
      note: 'Still passed to the older VDO kernel target, which newer kernels no longer use.',
    },
    profilable: true,
    doc: 'Let new VDO pools mark latency-critical writes with REQ_SYNC. Only older VDO kernel targets use it.',
  },
  {
    path: 'allocation/vdo_minimum_io_size', kind: 'setting', types: ['int'],
    default: '4096', since: '2.03.00',
    min: 512, max: 4096, profilable: true,
    doc: 'Smallest I/O, in bytes, that new VDO volumes accept: 512 or 4096 (recommended). Other values make VDO creation fail.',
  },
  {
    path: 'allocation/vdo_block_map_cache_size_mb', kind: 'setting', types: ['int'],
    default: '128', since: '2.03.00',
    min: 128, max: 16777215, unit: 'MiB', profilable: true,
    doc: 'Memory in MiB for caching VDO block map pages (at least 128 MiB, plus about 15% overhead).',
  },
  {
    path: 'allocation/vdo_block_map_period', kind: 'setting', types: ['int'],
    default: '16380', since: '2.03.00',
    min: 1, max: 16380, profilable: true,
    doc: 'How quickly VDO writes out changed block map pages (1 to 16380). Smaller values shorten recovery after a crash but add writes.',
  },
  {
    path: 'allocation/vdo_check_point_frequency', kind: 'setting', types: ['int'],
    default: '0', since: '2.03.00',
    removed: {
      since: '2.03.22',
      note: 'lvm2 stopped using the value in 2.03.22; it is ignored.',
    },
    profilable: true,
    doc: 'Used to set the checkpoint frequency of new VDO volumes.',
  },
  {
    path: 'allocation/vdo_use_sparse_index', kind: 'setting', types: ['int'],
    default: '0', since: '2.03.00',
    profilable: true,
    doc: 'Use a sparse deduplication index in new VDO pools (1): it covers more data with the same memory but takes much more index space on disk.',
  },
  {
    path: 'allocation/vdo_index_memory_size_mb', kind: 'setting', types: ['int'],
    default: '256', since: '2.03.00',
    min: 256, unit: 'MiB', profilable: true,
    doc: 'Memory in MiB for the deduplication index of new VDO pools (at least 256 MiB).',
  },
  {
    path: 'allocation/vdo_slab_size_mb', kind: 'setting', types: ['int'],
    default: '2048', since: '2.03.00',
    min: 128, max: 32768, unit: 'MiB', profilable: true,
    doc: 'Growth increment of new VDO pools in MiB, a power of two from 128 MiB to 32 GiB. Small slabs limit the maximum physical size.',
  },
  {
    path: 'allocation/vdo_ack_threads', kind: 'setting', types: ['int'], default: '1', since: '2.03.00',
    min: 0, max: 100, profilable: true,
    doc: 'Threads that acknowledge completed I/O in new VDO volumes (0 to 100).',
  },
  {
    path: 'allocation/vdo_bio_threads', kind: 'setting', types: ['int'], default: '4', since: '2.03.00',
    min: 1, max: 100, profilable: true,
    doc: 'Threads that submit I/O to the storage under new VDO volumes (1 to 100); each extra thread costs memory.',
  },
  {
    path: 'allocation/vdo_bio_rotation', kind: 'setting', types: ['int'], default: '64', since: '2.03.00',
    min: 1, max: 1024, profilable: true,
    doc: 'I/O requests queued to one bio thread before moving to the next (1 to 1024).',
  },
  {
    path: 'allocation/vdo_cpu_threads', kind: 'setting', types: ['int'], default: '2', since: '2.03.00',
    min: 1, max: 100, profilable: true,
    doc: 'Threads for hashing and compression in new VDO volumes (1 to 100).',
  },
  {
    path: 'allocation/vdo_hash_zone_threads', kind: 'setting', types: ['int'],
    default: '1', since: '2.03.00',
    min: 0, max: 100, profilable: true,
    doc: 'Hash zone threads of new VDO volumes (0 to 100). The hash zone, logical and physical thread counts must be all zero or all non-zero.',
  },
  {
    path: 'allocation/vdo_logical_threads', kind: 'setting', types: ['int'],
    default: '1', since: '2.03.00',
    min: 0, max: 60, profilable: true,
    doc: 'Logical zone threads of new VDO volumes (0 to 60; releases before 2.03.17 accepted up to 100). Nine or more need a larger block map cache. Must be zero or non-zero together with the hash zone and physical counts.',
  },
  {
    path: 'allocation/vdo_physical_threads', kind: 'setting', types: ['int'],
    default: '1', since: '2.03.00',
    min: 0, max: 16, profilable: true,
    doc: 'Physical zone threads of new VDO volumes (0 to 16), each costing about 10 MiB of RAM. Must be zero or non-zero together with the hash zone and logical counts.',
  },
  {
    path: 'allocation/vdo_write_policy', kind: 'setting', types: ['string'],
    default: '"auto"', since: '2.03.00',
    deprecated: {
      since: '2.03.27',
      note: 'Still passed to the older VDO kernel target; newer VDO targets decide the policy themselves.',
    },
    values: ['auto', 'sync', 'async', 'async-unsafe'],
    caseInsensitive: true,
    profilable: true,
    doc: 'Write policy of new VDO volumes: `auto`, `sync`, `async` or `async-unsafe`. `async-unsafe` acknowledges writes without atomicity guarantees.',
  },
  {
    path: 'allocation/vdo_max_discard', kind: 'setting', types: ['int'], default: '1', since: '2.03.00',
    min: 1, max: 1048575, profilable: true,
    doc: 'Largest discard request, in 4 KiB blocks, that new VDO volumes accept in one piece. Bigger values speed up large discards but raise their latency.',
  },
  {
    path: 'allocation/vdo_pool_header_size', kind: 'setting', types: ['int'],
    default: '512', since: '2.03.12',
    min: 0, unit: 'KiB', profilable: true,
    doc: "Empty space in KiB left at the start and end of a VDO pool's data device so the device is not recognised twice by blkid.",
  },

  // ---- log -------------------------------------------------------------------------------------
  {
    path: 'log', kind: 'section', types: [], since: '1.00.00',
    profilable: true,
    doc: 'Where LVM messages go (terminal, syslog, systemd journal, a log file) and how much detail they carry.',
  },
  {
    path: 'log/report_command_log', kind: 'setting', types: ['bool'], default: '0', since: '2.02.158',
    profilable: true,
    doc: 'Collect a per-object log of messages and return codes and print it as a report (see `command_log_cols`). On by default when `report/output_format` is a JSON format.',
  },
  {
    path: 'log/command_log_sort', kind: 'setting', types: ['string'],
    default: '"log_seq_num"', since: '2.02.158',
    profilable: true,
    doc: 'Columns that order the command log report.',
  },
  {
    path: 'log/command_log_cols', kind: 'setting', types: ['string'],
    default: '"log_seq_num,log_type,log_context,log_object_type,log_object_name,log_object_id,log_object_group,log_object_group_id,log_message,log_errno,log_ret_code"', since: '2.02.158',
    profilable: true,
    doc: 'Columns shown in the command log report; list them with `<command> --logonly --configreport log -o help`.',
  },
  {
    path: 'log/command_log_selection', kind: 'setting', types: ['string'],
    default: '"!(log_type=status && message=success)"', since: '2.02.158',
    profilable: true,
    doc: 'Selection criteria applied whenever the command log is reported; the default hides successful status lines and `all` shows everything.',
  },
  {
    path: 'log/verbose', kind: 'setting', types: ['int'], default: '0', since: '1.00.00',
    doc: 'Default verbosity of messages on the terminal, like giving `-v` that many times.',
  },
  {
    path: 'log/silent', kind: 'setting', types: ['bool'], default: '0', since: '2.02.98',
    doc: 'Suppress non-essential output, like `-qq`; yes/no questions not answered by options are then answered no.',
  },
  {
    path: 'log/syslog', kind: 'setting', types: ['bool'], default: '0', since: '1.00.00',
    doc: 'Also send LVM messages to syslog.',
  },
  {
    path: 'log/file', kind: 'setting', types: ['string'],
    defaultNote: 'unset: no log file', since: '1.00.00',
    doc: 'File that receives error and debug messages, at the detail set by `log/level`. A busy host with a high level can fill the filesystem.',
  },
  {
    path: 'log/journal', kind: 'setting', types: ['string'], array: true,
    default: '[ ]', since: '2.03.12',
    values: ['command', 'output', 'debug'],
    caseInsensitive: true,
    allowEmpty: true,
    doc: 'What to record in the systemd journal: `command` (commands run), `output` (their normal output), `debug` (debug messages).',
  },
  {
    path: 'log/overwrite', kind: 'setting', types: ['bool'], default: '0', since: '1.00.00',
    doc: 'Truncate `log/file` at each command instead of appending to it.',
  },
  {
    path: 'log/level', kind: 'setting', types: ['int'], default: '0', since: '1.00.00',
    doc: 'Detail sent to `log/file` and syslog, from 0 (nothing extra) to 7 (debug).',
  },
  {
    path: 'log/indent', kind: 'setting', types: ['bool'], default: '0', since: '1.00.00',
    doc: 'Indent messages according to their severity.',
  },
  {
    path: 'log/command_names', kind: 'setting', types: ['bool'], default: '0', since: '1.00.00',
    doc: 'Prefix each message with the name of the command that printed it.',
  },
  {
    path: 'log/prefix', kind: 'setting', types: ['string'], default: '"  "', since: '1.00.00',
    allowEmpty: true,
    doc: 'Text printed before each message (after the command name, if shown).',
  },
  {
    path: 'log/activation', kind: 'setting', types: ['bool'], default: '0', since: '1.00.00',
    doc: 'Also log while devices are suspended during activation. Can deadlock the host when memory is short, so keep it off on production dom0s.',
  },
  {
    path: 'log/activate_file', kind: 'setting', types: ['string'], defaultNote: 'unset', since: '1.00.00',
    removed: {
      since: '2.03.03', use: 'log/file',
      note: 'The code that read it was removed in 2.03.03, although lvm2 does not mark the key deprecated.',
    },
    unsupported: true,
    doc: 'Undocumented developer setting for an activation log file; current lvm2 keeps the key but does not read it.',
  },
  {
    path: 'log/debug_classes', kind: 'setting', types: ['string'], array: true,
    default: '[ "memory", "devices", "io", "activation", "allocation", "metadata", "cache", "locking", "lvmpolld", "dbus" ]', since: '2.02.99',
    values: ['memory', 'devices', 'io', 'activation', 'allocation', 'metadata', 'cache', 'locking', 'lvmpolld', 'dbus', 'all'],
    caseInsensitive: true,
    allowEmpty: true,
    doc: 'Classes of debug messages that are written out; `all` selects every class. Unknown names are skipped.',
  },
  {
    path: 'log/debug_file_fields', kind: 'setting', types: ['string'], array: true,
    default: '[ "time", "command", "fileline", "message" ]', since: '2.03.02',
    values: ['time', 'command', 'fileline', 'message', 'all'],
    caseInsensitive: true,
    advanced: true,
    doc: 'Fields of each debug line written to the log file: `time`, `command`, `fileline`, `message`, or `all`.',
  },
  {
    path: 'log/debug_output_fields', kind: 'setting', types: ['string'], array: true,
    default: '[ "time", "command", "fileline", "message" ]', since: '2.03.02',
    values: ['time', 'command', 'fileline', 'message', 'all'],
    caseInsensitive: true,
    advanced: true,
    doc: 'Fields of each debug line written to stderr: `time`, `command`, `fileline`, `message`, or `all`.',
  },

  // ---- backup ----------------------------------------------------------------------------------
  {
    path: 'backup', kind: 'section', types: [], since: '1.00.00',
    doc: 'Automatic text copies of VG metadata: the current version after each change (backup) and the earlier versions (archive). These are what `vgcfgrestore` restores from.',
  },
  {
    path: 'backup/backup', kind: 'setting', types: ['bool'], default: '1', since: '1.00.00',
    doc: "Write a text copy of each VG's metadata to `backup_dir` after every change. Without it a damaged metadata area on a host full of guest LVs is very hard to repair.",
  },
  {
    path: 'backup/backup_dir', kind: 'setting', types: ['string'],
    defaultNote: 'computed at run time: `backup` under the LVM system directory (normally /etc/lvm/backup)', since: '1.00.00',
    doc: 'Directory for the current metadata backups. Keep it on local storage, not on an LV, and include it in host backups.',
  },
  {
    path: 'backup/archive', kind: 'setting', types: ['bool'], default: '1', since: '1.00.00',
    doc: 'Keep older versions of VG metadata in `archive_dir` before each change, so `vgcfgrestore` can undo a mistaken lvremove or lvreduce (while the data is still on disk).',
  },
  {
    path: 'backup/archive_dir', kind: 'setting', types: ['string'],
    defaultNote: 'computed at run time: `archive` under the LVM system directory (normally /etc/lvm/archive)', since: '1.00.00',
    doc: 'Directory for archived metadata versions. Keep it on local storage, not on an LV.',
  },
  {
    path: 'backup/retain_min', kind: 'setting', types: ['int'], default: '10', since: '1.00.00',
    min: 0,
    doc: 'Minimum number of archive files kept per VG, whatever their age.',
  },
  {
    path: 'backup/retain_days', kind: 'setting', types: ['int'], default: '30', since: '1.00.00',
    min: 0,
    doc: 'Minimum number of days archive files are kept.',
  },

  // ---- shell -----------------------------------------------------------------------------------
  {
    path: 'shell', kind: 'section', types: [], since: '1.00.00',
    doc: 'Settings for the interactive `lvm` shell.',
  },
  {
    path: 'shell/history_size', kind: 'setting', types: ['int'], default: '100', since: '1.00.00',
    min: 0,
    doc: 'Lines of command history kept in ~/.lvm_history by the `lvm` shell.',
  },

  // ---- global ----------------------------------------------------------------------------------
  {
    path: 'global', kind: 'section', types: [], since: '1.00.00',
    profilable: true,
    doc: 'Host-wide behaviour: size units, locking (local file locks or lvmlockd for shared storage), system IDs, helper programs for thin/cache/VDO pools and the LVM daemons.',
  },
  {
    path: 'global/umask', kind: 'setting', types: ['int'], default: '077', since: '1.00.00',
    doc: 'File creation mask for files and directories LVM creates (metadata backups, lock files). Written in octal with a leading 0, e.g. `077`; without the leading 0 the number is read as decimal.',
  },
  {
    path: 'global/test', kind: 'setting', types: ['bool'], default: '0', since: '1.00.00',
    doc: 'Run every command in test mode, as with `-t`: nothing is written to disk. Left on by mistake, all LVM changes on the host silently do nothing.',
  },
  {
    path: 'global/units', kind: 'setting', types: ['string'], default: '"r"', since: '1.00.00',
    profilable: true,
    doc: 'Default for `--units`: `r` or `h` for human-readable sizes (`r` marks rounded values with `<`), or a unit letter such as `b`, `s`, `k`, `m`, `g`, `t`; capital letters use powers of 1000. An unknown unit makes commands fail.',
  },
  {
    path: 'global/si_unit_consistency', kind: 'setting', types: ['bool'], default: '1', since: '2.02.54',
    profilable: true,
    doc: 'Distinguish powers of 1024 (KiB, MiB) from powers of 1000 (KB, MB) in sizes; turn off only for old scripts.',
  },
  {
    path: 'global/suffix', kind: 'setting', types: ['bool'], default: '1', since: '1.00.00',
    profilable: true,
    doc: 'Print a unit suffix after sizes; with human-readable units the suffix is always printed.',
  },
  {
    path: 'global/activation', kind: 'setting', types: ['bool'], default: '1', since: '1.00.00',
    doc: "Talk to the kernel's device-mapper. With 0, LVM only edits metadata and never activates LVs, so guests cannot use their disks.",
  },
  {
    path: 'global/fallback_to_lvm1', kind: 'setting', types: ['bool'], default: '0', since: '1.00.18',
    removed: {
      since: '2.03.00',
      note: 'lvm1 metadata support was removed in lvm2 2.03; the setting is ignored.',
    },
    doc: 'Used to fall back to lvm1 metadata support.',
  },
  {
    path: 'global/format', kind: 'setting', types: ['string'], default: '"lvm2"', since: '1.00.00',
    removed: {
      since: '2.03.00',
      note: 'lvm2 2.03 supports only the lvm2 format, so the setting is ignored.',
    },
    doc: 'Used to pick the metadata format of new PVs (`lvm2` or the old `lvm1`/`pool`).',
  },
  {
    path: 'global/format_libraries', kind: 'setting', types: ['string'], array: true,
    defaultNote: 'unset', since: '1.00.00',
    removed: {
      since: '2.03.00',
      note: 'Loading format libraries was removed in lvm2 2.03.',
    },
    doc: 'Used to load shared libraries implementing other metadata formats.',
  },
  {
    path: 'global/segment_libraries', kind: 'setting', types: ['string'], array: true,
    defaultNote: 'unset', since: '1.00.18',
    removed: {
      since: '2.03.03',
      note: 'lvm2 stopped loading segment libraries in 2.03.03; all segment types are built in.',
    },
    doc: 'Used to load shared libraries implementing extra segment types.',
  },
  {
    path: 'global/proc', kind: 'setting', types: ['string'],
    defaultNote: 'set when lvm2 is built (2.03.24 and later); normally /proc', since: '1.00.00',
    advanced: true,
    doc: 'Mount point of the proc filesystem. If it does not exist, some checks are skipped with a warning.',
  },
  {
    path: 'global/etc', kind: 'setting', types: ['string'],
    defaultNote: 'set when lvm2 is built (its sysconfdir); normally /etc', since: '2.02.117',
    doc: 'The system configuration directory; LVM reads `machine-id` from here for `system_id_source = "machineid"`.',
  },
  {
    path: 'global/locking_type', kind: 'setting', types: ['int'], default: '1', since: '1.00.00',
    removed: {
      since: '2.03.00', use: 'global/use_lvmlockd = 1 (lvmlockd with sanlock or dlm) for shared VGs; file locking is built in',
      note: 'clvmd and external locking are gone: a value other than 1 only prints a warning, then 0 and 5 turn locking off, 4 makes commands read-only and 2 or 3 fall back to local file locking.',
    },
    doc: 'Selected the old locking back end (1 local file locks, 2 external library, 3 clvmd).',
  },
  {
    path: 'global/wait_for_locks', kind: 'setting', types: ['bool'], default: '1', since: '2.02.50',
    doc: 'Wait for a lock held by another LVM command. With 0, a command that would block fails at once, which can break scripts that create or snapshot guest disks in parallel.',
  },
  {
    path: 'global/fallback_to_clustered_locking', kind: 'setting', types: ['bool'],
    default: '1', since: '2.02.42',
    removed: {
      since: '2.03.00', use: 'global/use_lvmlockd',
      note: 'Part of the clvmd-era locking removed in lvm2 2.03; ignored.',
    },
    doc: 'Used to try clustered locking when the external locking library failed.',
  },
  {
    path: 'global/fallback_to_local_locking', kind: 'setting', types: ['bool'],
    default: '1', since: '2.02.42',
    removed: {
      since: '2.03.00', use: 'global/use_lvmlockd',
      note: 'Part of the clvmd-era locking removed in lvm2 2.03; ignored.',
    },
    doc: 'Used to fall back to local file locking when cluster locking failed.',
  },
  {
    path: 'global/locking_dir', kind: 'setting', types: ['string'],
    defaultNote: 'set when lvm2 is built; Debian: /run/lock/lvm', since: '1.00.00',
    doc: "Directory for LVM's file locks. It must be local to the host (never shared storage); a directory cleared at boot is fine.",
  },
  {
    path: 'global/prioritise_write_locks', kind: 'setting', types: ['bool'],
    default: '1', since: '2.02.52',
    doc: 'Let commands that change a VG get its file lock ahead of a stream of read-only commands (e.g. monitoring that runs `lvs` constantly).',
  },
  {
    path: 'global/library_dir', kind: 'setting', types: ['string'],
    defaultNote: 'unset: the normal library search path', since: '1.00.00',
    doc: 'Directory searched first for shared libraries that LVM loads.',
  },
  {
    path: 'global/locking_library', kind: 'setting', types: ['string'],
    default: '"liblvm2clusterlock.so"', since: '1.00.00',
    removed: {
      since: '2.03.00', use: 'global/use_lvmlockd',
      note: 'External locking libraries are no longer loaded since lvm2 2.03.',
    },
    allowEmpty: true,
    doc: 'Shared library used by the old external locking (`locking_type = 2`).',
  },
  {
    path: 'global/abort_on_internal_errors', kind: 'setting', types: ['bool'],
    default: '0', since: '2.02.57',
    doc: 'Abort any command that hits an internal error. For debugging only.',
  },
  {
    path: 'global/detect_internal_vg_cache_corruption', kind: 'setting', types: ['bool'],
    default: '0', since: '2.02.96',
    removed: {
      since: '2.02.174',
      note: 'The VG cache it checked was reworked in 2.02.174 and nothing reads the setting any more.',
    },
    doc: "Used to add checks against corruption of LVM's in-memory VG cache.",
  },
  {
    path: 'global/metadata_read_only', kind: 'setting', types: ['bool'], default: '0', since: '2.02.75',
    doc: 'Refuse every operation that would change on-disk metadata. Meant for recovery; while it is on, guest disks cannot be created, resized or removed.',
  },
  {
    path: 'global/mirror_segtype_default', kind: 'setting', types: ['string'],
    defaultNote: 'set when lvm2 is built; upstream and Debian: raid1', since: '2.02.87',
    values: ['raid1', 'mirror'],
    doc: 'Segment type used by `-m/--mirrors` without `--type`: `raid1` (recommended) or the old `mirror`.',
  },
  {
    path: 'global/support_mirrored_mirror_log', kind: 'setting', types: ['bool'],
    default: '0', since: '2.03.02',
    doc: 'Allow mirrored logs of old `mirror` LVs; for lvm2 testing only.',
  },
  {
    path: 'global/raid10_segtype_default', kind: 'setting', types: ['string'],
    defaultNote: 'set when lvm2 is built; upstream and Debian: raid10', since: '2.02.99',
    values: ['raid10', 'mirror'],
    doc: 'Segment type used when both `-i` and `-m` are given: `raid10` (recommended) or `mirror` layered on stripes.',
  },
  {
    path: 'global/sparse_segtype_default', kind: 'setting', types: ['string'],
    defaultNote: 'set when lvm2 is built; upstream and Debian: thin', since: '2.02.112',
    values: ['thin', 'snapshot'],
    doc: 'Segment type used by `lvcreate -V -L`: `thin` (recommended) or the old `snapshot` type, which slows down badly as it fills.',
  },
  {
    path: 'global/lvdisplay_shows_full_device_path', kind: 'setting', types: ['bool'],
    default: '0', since: '2.02.89',
    profilable: true,
    doc: 'Make lvdisplay print `/dev/<vg>/<lv>` as before 2.02.89 instead of the name and path separately.',
  },
  {
    path: 'global/event_activation', kind: 'setting', types: ['bool'],
    defaultNote: 'set when lvm2 is built (--with-default-event-activation, upstream 1, 2.03.24 and later); Debian 12: 1', since: '2.03.01',
    doc: 'Activate VGs automatically as their PVs appear (udev-triggered `pvscan`). Setting 0 leaves VGs inactive at boot unless something else activates them, so guests on them will not start.',
  },
  {
    path: 'global/use_lvmetad', kind: 'setting', types: ['bool'], default: '0', since: '2.02.93',
    removed: {
      since: '2.03.00',
      note: 'lvmetad was removed in lvm2 2.03; the setting is accepted but ignored.',
    },
    doc: 'Used to enable the lvmetad metadata caching daemon.',
  },
  {
    path: 'global/lvmetad_update_wait_time', kind: 'setting', types: ['int'],
    default: '0', since: '2.02.151',
    removed: {
      since: '2.03.00',
      note: 'lvmetad was removed in lvm2 2.03; the setting is ignored.',
    },
    unit: 'seconds',
    doc: 'Used to bound how long commands waited for lvmetad to finish updating.',
  },
  {
    path: 'global/use_aio', kind: 'setting', types: ['bool'], default: '1', since: '2.02.183',
    doc: 'Read and write devices with asynchronous I/O while scanning; faster on hosts with many disks.',
  },
  {
    path: 'global/use_lvmlockd', kind: 'setting', types: ['bool'], default: '0', since: '2.02.124',
    doc: 'Coordinate VGs on shared storage (SAN, iSCSI) between several hosts through lvmlockd with sanlock or dlm. Without it, two dom0s changing the same VG at once can corrupt its metadata.',
  },
  {
    path: 'global/lvmlockd_lock_retries', kind: 'setting', types: ['int'],
    default: '3', since: '2.02.125',
    min: 0,
    doc: 'How many times a lock request to lvmlockd is retried when another host holds the lock.',
  },
  {
    path: 'global/sanlock_lv_extend', kind: 'setting', types: ['int'], default: '256', since: '2.02.124',
    min: 0, unit: 'MiB',
    doc: 'Amount in MiB by which lvcreate grows the internal `lvmlock` LV of a sanlock VG when it runs out of lease space. 0 disables the growth, and lvcreate then fails once the leases are used up.',
  },
  {
    path: 'global/sanlock_align_size', kind: 'setting', types: ['int'], default: '8', since: '2.03.27',
    min: 1, max: 8, unit: 'MiB',
    doc: 'sanlock lease size in MiB on 4K-sector disks: 1, 2, 4 or 8 (other values are rejected), allowing host_id up to 250, 500, 1000 or 2000. Disks with 512-byte sectors are not affected.',
  },
  {
    path: 'global/lvmlockctl_kill_command', kind: 'setting', types: ['string'],
    default: '""', since: '2.03.12',
    allowEmpty: true,
    doc: 'Full path of a command that `lvmlockctl --kill` runs, with the VG name appended, to force LVs offline when a shared VG has lost its locks. Empty means the operator must intervene by hand.',
  },
  {
    path: 'global/thin_check_executable', kind: 'setting', types: ['string'],
    defaultNote: 'set when lvm2 is built; Debian: /usr/sbin/thin_check', since: '2.02.94',
    allowEmpty: true,
    doc: 'Path of `thin_check`, run when thin pools are activated and deactivated; activation stops if it fails. If the tool is missing, thin pools (and the guests on them) do not start. An empty string skips the check (not recommended).',
  },
  {
    path: 'global/thin_dump_executable', kind: 'setting', types: ['string'],
    defaultNote: 'set when lvm2 is built; Debian: /usr/sbin/thin_dump', since: '2.02.100',
    allowEmpty: true,
    doc: 'Path of `thin_dump`, used to dump thin pool metadata.',
  },
  {
    path: 'global/thin_repair_executable', kind: 'setting', types: ['string'],
    defaultNote: 'set when lvm2 is built; Debian: /usr/sbin/thin_repair', since: '2.02.100',
    allowEmpty: true,
    doc: 'Path of `thin_repair`, used by `lvconvert --repair` on thin pools.',
  },
  {
    path: 'global/thin_restore_executable', kind: 'setting', types: ['string'],
    defaultNote: 'set when lvm2 is built; normally /usr/sbin/thin_restore', since: '2.03.22',
    allowEmpty: true,
    doc: 'Path of `thin_restore`, used to write generated thin pool metadata.',
  },
  {
    path: 'global/thin_check_options', kind: 'setting', types: ['string'], array: true,
    defaultNote: 'set when lvm2 is built: [ "-q" ], plus "--clear-needs-check-flag" when the build found a thin_check that supports it; Debian 12: [ "-q" ]', since: '2.02.96',
    allowEmpty: true,
    doc: 'Options passed to `thin_check`. Recent tools accept `--clear-needs-check-flag` and `--ignore-non-fatal-errors`, which avoid needless activation failures.',
  },
  {
    path: 'global/thin_repair_options', kind: 'setting', types: ['string'], array: true,
    default: '[ "" ]', since: '2.02.100',
    allowEmpty: true,
    doc: 'Options passed to `thin_repair`.',
  },
  {
    path: 'global/thin_restore_options', kind: 'setting', types: ['string'], array: true,
    default: '[ "" ]', since: '2.03.22',
    allowEmpty: true,
    doc: 'Options passed to `thin_restore`.',
  },
  {
    path: 'global/thin_disabled_features', kind: 'setting', types: ['string'], array: true,
    defaultNote: 'unset: use every feature the kernel offers', since: '2.02.99',
    allowEmpty: true,
    doc: 'dm-thin features LVM must not use, e.g. `discards` or `block_size`; a way around a kernel bug.',
  },
  {
    path: 'global/cache_disabled_features', kind: 'setting', types: ['string'], array: true,
    defaultNote: 'unset: use every feature the kernel offers', since: '2.02.128',
    allowEmpty: true,
    doc: 'dm-cache features LVM must not use: `policy_mq`, `policy_smq` or `metadata2`.',
  },
  {
    path: 'global/cache_check_executable', kind: 'setting', types: ['string'],
    defaultNote: 'set when lvm2 is built; Debian: /usr/sbin/cache_check', since: '2.02.108',
    allowEmpty: true,
    doc: 'Path of `cache_check`, run when cached LVs are activated and deactivated; activation stops if it fails. An empty string skips the check (not recommended).',
  },
  {
    path: 'global/cache_dump_executable', kind: 'setting', types: ['string'],
    defaultNote: 'set when lvm2 is built; Debian: /usr/sbin/cache_dump', since: '2.02.108',
    allowEmpty: true,
    doc: 'Path of `cache_dump`, for dumping cache pool metadata.',
  },
  {
    path: 'global/cache_repair_executable', kind: 'setting', types: ['string'],
    defaultNote: 'set when lvm2 is built; Debian: /usr/sbin/cache_repair', since: '2.02.108',
    allowEmpty: true,
    doc: 'Path of `cache_repair`, used by `lvconvert --repair` on cache pools.',
  },
  {
    path: 'global/cache_restore_executable', kind: 'setting', types: ['string'],
    defaultNote: 'set when lvm2 is built; normally /usr/sbin/cache_restore', since: '2.03.22',
    allowEmpty: true,
    doc: 'Path of `cache_restore`, for writing generated cache metadata.',
  },
  {
    path: 'global/cache_check_options', kind: 'setting', types: ['string'], array: true,
    defaultNote: 'set when lvm2 is built: [ "-q" ], plus "--clear-needs-check-flag" when the build found a cache_check that supports it; Debian 12: [ "-q", "--clear-needs-check-flag" ]', since: '2.02.108',
    allowEmpty: true,
    doc: 'Options passed to `cache_check`.',
  },
  {
    path: 'global/cache_repair_options', kind: 'setting', types: ['string'], array: true,
    default: '[ "" ]', since: '2.02.108',
    allowEmpty: true,
    doc: 'Options passed to `cache_repair`.',
  },
  {
    path: 'global/cache_restore_options', kind: 'setting', types: ['string'], array: true,
    default: '[ "" ]', since: '2.03.22',
    allowEmpty: true,
    doc: 'Options passed to `cache_restore`.',
  },
  {
    path: 'global/vdo_format_executable', kind: 'setting', types: ['string'],
    defaultNote: 'set when lvm2 is built; Debian: /usr/bin/vdoformat', since: '2.03.00',
    allowEmpty: true,
    doc: 'Path of `vdoformat`, used to initialise new VDO pools.',
  },
  {
    path: 'global/vdo_format_options', kind: 'setting', types: ['string'], array: true,
    default: '[ "" ]', since: '2.03.00',
    allowEmpty: true,
    doc: 'Extra options passed to `vdoformat`.',
  },
  {
    path: 'global/vdo_disabled_features', kind: 'setting', types: ['string'], array: true,
    defaultNote: 'unset: use every feature the kernel offers', since: '2.03.11',
    allowEmpty: true,
    doc: 'dm-vdo features LVM must not use: `online_rename` or `version4`.',
  },
  {
    path: 'global/fsadm_executable', kind: 'setting', types: ['string'],
    defaultNote: 'set when lvm2 is built; Debian: /sbin/fsadm', since: '2.02.170',
    doc: 'Path of `fsadm`, used by `lvresize --resizefs` to resize the filesystem with the LV.',
  },
  {
    path: 'global/lvresize_fs_helper_executable', kind: 'setting', types: ['string'],
    defaultNote: "set when lvm2 is built (lvm2's libexec directory)", since: '2.03.33',
    doc: 'Path of the helper script that `lvresize` runs to check and resize the filesystem on an LV.',
  },
  {
    path: 'global/system_id_source', kind: 'setting', types: ['string'],
    default: '"none"', since: '2.02.117',
    values: ['none', 'lvmlocal', 'uname', 'appmachineid', 'machineid', 'machine-id', 'file'],
    caseInsensitive: true,
    doc: "Where this host's system ID comes from: `none`, `lvmlocal` (local/system_id), `uname`, `appmachineid`, `machineid` or `file`. VGs stamped with another host's ID are refused, which protects shared storage; see lvmsystemid(7).",
  },
  {
    path: 'global/system_id_file', kind: 'setting', types: ['string'],
    defaultNote: 'unset', since: '2.02.117',
    doc: 'File holding the system ID when `system_id_source = "file"`; lines starting with `#` are ignored.',
  },
  {
    path: 'global/use_lvmpolld', kind: 'setting', types: ['bool'],
    defaultNote: 'set when lvm2 is built (1 when lvmpolld is built); Debian 12: 1', since: '2.02.120',
    doc: 'Let the lvmpolld daemon supervise long-running operations (pvmove, conversions, snapshot merges) instead of a forked copy of the command.',
  },
  {
    path: 'global/notify_dbus', kind: 'setting', types: ['bool'], default: '1', since: '2.02.145',
    doc: 'Send a D-Bus notification when a command changes PVs, VG metadata or LV activation (used by lvmdbusd).',
  },
  {
    path: 'global/io_memory_size', kind: 'setting', types: ['int'], default: '8192', since: '2.03.02',
    unit: 'KiB',
    doc: "Memory in KiB for LVM's disk I/O buffers. Raise it when VG metadata is large (many guest LVs and snapshots); too small a value makes LVM fail to read VGs.",
  },

  // ---- activation ------------------------------------------------------------------------------
  {
    path: 'activation', kind: 'section', types: [], since: '1.00.00',
    profilable: true,
    doc: 'How LVs become device-mapper devices: cooperation with udev, which LVs may be activated, failure policies for RAID/mirrors, and automatic extension of thin pools and snapshots.',
  },
  {
    path: 'activation/checks', kind: 'setting', types: ['bool'], default: '0', since: '2.02.86',
    doc: 'Run extra internal consistency checks on device-mapper operations; slow, for debugging activation problems.',
  },
  {
    path: 'activation/udev_sync', kind: 'setting', types: ['bool'], default: '1', since: '2.02.51',
    doc: 'Wait for udev to finish processing device changes before a command returns. If it is on while udev is not running, commands hang until `dmsetup udevcomplete_all` is run.',
  },
  {
    path: 'activation/udev_rules', kind: 'setting', types: ['bool'], default: '1', since: '2.02.57',
    doc: 'Let udev rules create the `/dev/<vg>/<lv>` links and nodes; with 0, LVM creates them itself. Changing it while LVs are active may need manual cleanup.',
  },
  {
    path: 'activation/verify_udev_operations', kind: 'setting', types: ['bool'],
    default: '0', since: '2.02.86',
    doc: 'After udev has run, check and repair LVM device nodes; useful when diagnosing udev problems.',
  },
  {
    path: 'activation/retry_deactivation', kind: 'setting', types: ['bool'],
    default: '1', since: '2.02.89',
    doc: 'Retry a failed deactivation for a few seconds, for devices a udev rule briefly holds open.',
  },
  {
    path: 'activation/missing_stripe_filler', kind: 'setting', types: ['string'],
    default: '"error"', since: '1.00.00',
    advanced: true,
    doc: 'What stands in for missing stripes when an incomplete LV is activated: `error`, `zero` or a device path. Anything but `error` on mirrored or snapshotted LVs risks corruption.',
  },
  {
    path: 'activation/use_linear_target', kind: 'setting', types: ['bool'],
    default: '1', since: '2.02.89',
    doc: 'Use the linear target for single-stripe LVs instead of the striped target.',
  },
  {
    path: 'activation/reserved_stack', kind: 'setting', types: ['int'], default: '64', since: '1.00.00',
    min: 0, unit: 'KiB',
    doc: 'Stack in KiB locked in memory while devices are suspended; too little risks a deadlock during suspend.',
  },
  {
    path: 'activation/reserved_memory', kind: 'setting', types: ['int'],
    default: '8192', since: '1.00.00',
    min: 0, unit: 'KiB',
    doc: 'Memory in KiB locked while devices are suspended; too little risks an I/O deadlock. 0 disables memory locking.',
  },
  {
    path: 'activation/process_priority', kind: 'setting', types: ['int'],
    default: '-18', since: '1.00.00',
    doc: 'Nice value used while devices are suspended, so they stay suspended as briefly as possible.',
  },
  {
    path: 'activation/volume_list', kind: 'setting', types: ['string'], array: true,
    defaultNote: 'unset: every LV may be activated', since: '1.00.18',
    allowEmpty: true,
    doc: 'If set, only matching LVs (`vg`, `vg/lv`, `@tag`, `@*`) are activated. On a dom0, a list that omits guest VGs/LVs makes those guests fail to start; an empty list blocks all activation.',
  },
  {
    path: 'activation/auto_activation_volume_list', kind: 'setting', types: ['string'], array: true,
    defaultNote: 'unset: autoactivation is not limited', since: '2.02.97',
    allowEmpty: true,
    doc: 'If set, boot-time and udev-triggered autoactivation (`-aay`) activates only matching LVs; an empty list autoactivates nothing. Guests whose disks are not listed must have them activated by hand.',
  },
  {
    path: 'activation/read_only_volume_list', kind: 'setting', types: ['string'], array: true,
    defaultNote: 'unset', since: '2.02.89',
    allowEmpty: true,
    doc: 'Matching LVs are activated read-only whatever their metadata permission; a guest disk listed here gets I/O errors on writes.',
  },
  {
    path: 'activation/mirror_region_size', kind: 'setting', types: ['int'],
    default: '2048', since: '1.00.00',
    deprecated: {
      since: '2.02.99', use: 'activation/raid_region_size',
      note: 'Still read, but raid_region_size (default 2048) wins unless that one is set to 0.',
    },
    unit: 'KiB',
    doc: 'Old name of `raid_region_size`.',
  },
  {
    path: 'activation/raid_region_size', kind: 'setting', types: ['int'],
    default: '2048', since: '2.02.99',
    unit: 'KiB',
    doc: 'Region size in KiB used to track in-sync areas of RAID and mirror LVs; rounded down to a power of two. Smaller regions mean more tracking overhead, larger ones longer resyncs.',
  },
  {
    path: 'activation/error_when_full', kind: 'setting', types: ['bool'], default: '0', since: '2.02.115',
    doc: 'What new thin pools do when data space runs out: 0 queues writes (guests stall until the pool is extended, up to the dm-thin queue timeout), 1 fails them at once. `--errorwhenfull` overrides it.',
  },
  {
    path: 'activation/readahead', kind: 'setting', types: ['string'], default: '"auto"', since: '1.00.23',
    values: ['auto', 'none'],
    caseInsensitive: true,
    doc: 'Read-ahead for LVs whose metadata does not set one: `auto` (kernel default) or `none`. Any other word makes commands fail.',
  },
  {
    path: 'activation/raid_fault_policy', kind: 'setting', types: ['string'],
    default: '"warn"', since: '2.02.89',
    values: ['warn', 'allocate', 'replace'],
    doc: 'What dmeventd (and `lvconvert --repair --use-policies`) does when a RAID LV loses a device: `warn` only logs, `allocate` rebuilds onto spare space in the VG. Automatic handling needs dmeventd monitoring.',
  },
  {
    path: 'activation/mirror_image_fault_policy', kind: 'setting', types: ['string'],
    defaultNote: 'follows mirror_device_fault_policy, which defaults to remove', since: '2.02.57',
    values: ['remove', 'allocate', 'allocate_anywhere'],
    doc: 'What happens when an image of an old `mirror` LV fails: `remove` drops it, `allocate` rebuilds onto spare space (a full resync).',
  },
  {
    path: 'activation/mirror_log_fault_policy', kind: 'setting', types: ['string'],
    default: '"allocate"', since: '1.02.18',
    values: ['remove', 'allocate', 'allocate_anywhere'],
    doc: 'What happens when the log of an old `mirror` LV fails: `allocate` places a new log, `remove` falls back to an in-memory log that forces a full resync after each reboot.',
  },
  {
    path: 'activation/mirror_device_fault_policy', kind: 'setting', types: ['string'],
    default: '"remove"', since: '1.02.10',
    deprecated: {
      since: '2.02.57', use: 'activation/mirror_image_fault_policy',
      note: 'Still read as the default of mirror_image_fault_policy.',
    },
    values: ['remove', 'allocate', 'allocate_anywhere'],
    doc: "Old name of `mirror_image_fault_policy`; it still supplies that setting's default.",
  },
  {
    path: 'activation/snapshot_autoextend_threshold', kind: 'setting', types: ['int'],
    default: '100', since: '2.02.75',
    min: 50, max: 100, unit: 'percent',
    doc: 'Extend an old-style (COW) snapshot when its usage passes this percent; 100 never extends, values below 50 count as 50. A full snapshot becomes invalid, so backup snapshots of busy guest disks need this and dmeventd monitoring.',
  },
  {
    path: 'activation/snapshot_autoextend_percent', kind: 'setting', types: ['int'],
    default: '20', since: '2.02.75',
    min: 0, unit: 'percent',
    doc: 'How much to grow a snapshot when it passes the threshold, as a percent of its current size. 0 makes the extension fail.',
  },
  {
    path: 'activation/thin_pool_autoextend_threshold', kind: 'setting', types: ['int'],
    default: '100', since: '2.02.89',
    min: 50, max: 100, unit: 'percent', profilable: true,
    doc: 'Extend a thin pool when its data or metadata usage passes this percent; 100 (default) never extends, values below 50 count as 50. Needs dmeventd monitoring and free space in the VG; a full pool stalls or fails every guest on it.',
  },
  {
    path: 'activation/thin_pool_autoextend_percent', kind: 'setting', types: ['int'],
    default: '20', since: '2.02.89',
    min: 0, unit: 'percent', profilable: true,
    doc: 'How much to grow a thin pool when it passes the threshold, as a percent of its current size. 0 makes the extension fail.',
  },
  {
    path: 'activation/vdo_pool_autoextend_threshold', kind: 'setting', types: ['int'],
    default: '100', since: '2.03.00',
    min: 50, max: 100, unit: 'percent', profilable: true,
    doc: 'Extend a VDO pool when its usage passes this percent; 100 never extends, values below 50 count as 50. Needs dmeventd monitoring.',
  },
  {
    path: 'activation/vdo_pool_autoextend_percent', kind: 'setting', types: ['int'],
    default: '20', since: '2.03.00',
    min: 0, unit: 'percent', profilable: true,
    doc: 'How much to grow a VDO pool when it passes the threshold, as a percent of its current size.',
  },
  {
    path: 'activation/mlock_filter', kind: 'setting', types: ['string'], array: true,
    defaultNote: 'unset: pin all memory areas', since: '2.02.62',
    advanced: true,
    doc: 'Strings matched against /proc/self/maps lines whose memory need not be pinned during activation (e.g. locale archives), to save RAM.',
  },
  {
    path: 'activation/use_mlockall', kind: 'setting', types: ['bool'], default: '0', since: '2.02.62',
    doc: 'Pin the whole process memory with mlockall() during activation, as before 2.02.62; uses much more RAM.',
  },
  {
    path: 'activation/monitoring', kind: 'setting', types: ['bool'], default: '1', since: '2.02.63',
    doc: 'Register activated LVs with dmeventd. Thin pool and snapshot autoextension and automatic RAID/mirror repair only happen while monitoring is on; `--ignoremonitoring` overrides it.',
  },
  {
    path: 'activation/polling_interval', kind: 'setting', types: ['int'], default: '15', since: '2.02.63',
    min: 0, unit: 'seconds',
    doc: 'Seconds between progress checks of pvmove, lvconvert and merges; 0 reports no progress when there is one thing to wait for.',
  },
  {
    path: 'activation/auto_set_activation_skip', kind: 'setting', types: ['bool'],
    default: '1', since: '2.02.99',
    doc: 'Give new thin snapshots the activation-skip flag, so they stay inactive unless activated with `-K`.',
  },
  {
    path: 'activation/activation_mode', kind: 'setting', types: ['string'],
    default: '"degraded"', since: '2.02.108',
    values: ['complete', 'degraded', 'partial'],
    doc: 'How LVs with missing PVs are activated: `complete` (only whole LVs), `degraded` (also RAID LVs that still have redundancy) or `partial` (anything, for data recovery). Other words are rejected.',
  },
  {
    path: 'activation/lock_start_list', kind: 'setting', types: ['string'], array: true,
    defaultNote: 'unset: locking starts for every shared VG', since: '2.02.124',
    allowEmpty: true,
    doc: 'Shared (lvmlockd) VGs whose lockspaces `vgchange --lockstart` starts; same syntax as `volume_list`.',
  },
  {
    path: 'activation/auto_lock_start_list', kind: 'setting', types: ['string'], array: true,
    defaultNote: 'unset: no limit', since: '2.02.124',
    allowEmpty: true,
    doc: 'Shared VGs whose lockspaces are started automatically (`vgchange --lockstart --lockopt auto`, as run at boot); same syntax as `auto_activation_volume_list`.',
  },

  // ---- metadata --------------------------------------------------------------------------------
  {
    path: 'metadata', kind: 'section', types: [], since: '1.00.00',
    doc: 'Defaults for the metadata areas of new PVs and for how many copies of VG metadata are kept.',
  },
  {
    path: 'metadata/check_pv_device_sizes', kind: 'setting', types: ['bool'],
    default: '1', since: '2.02.141',
    advanced: true,
    doc: 'Warn when a device is smaller than the PV size in its metadata, a sign of a shrunk LUN or partition and of data loss to come.',
  },
  {
    path: 'metadata/record_lvs_history', kind: 'setting', types: ['bool'],
    default: '0', since: '2.02.145',
    doc: 'Keep short records of removed thin and thin-snapshot LVs in VG metadata. The records add to metadata size.',
  },
  {
    path: 'metadata/lvs_history_retention_time', kind: 'setting', types: ['int'],
    default: '0', since: '2.02.145',
    min: 0, unit: 'seconds',
    doc: 'Seconds after which history records of removed LVs are deleted; 0 keeps them.',
  },
  {
    path: 'metadata/pvmetadatacopies', kind: 'setting', types: ['int'], default: '1', since: '1.00.00',
    min: 0, max: 2, advanced: true,
    doc: 'Metadata areas on each new PV: 1 (start of the PV), 2 (start and end) or 0 (none; the VG needs other PVs with metadata). Overridden by `--pvmetadatacopies`.',
  },
  {
    path: 'metadata/vgmetadatacopies', kind: 'setting', types: ['int'], default: '0', since: '2.02.69',
    min: 0,
    doc: "How many metadata areas LVM keeps in use across a VG's PVs; 0 leaves the choice per PV (`pvchange --metadataignore`).",
  },
  {
    path: 'metadata/pvmetadatasize', kind: 'setting', types: ['int'],
    defaultNote: 'computed: fills the space before the first PE at 1 MiB (2040 sectors with 4 KiB pages)', since: '1.00.00',
    min: 0, unit: 'sectors',
    doc: 'Size of the metadata area of new PVs, in 512-byte sectors. VG metadata may take about half of it; a VG with many guest LVs and snapshots can outgrow the default and then refuses changes. Choose it at pvcreate time; enlarging it later is hard.',
  },
  {
    path: 'metadata/pvmetadataignore', kind: 'setting', types: ['bool'], default: '0', since: '2.02.69',
    advanced: true,
    doc: 'Create new PVs with their metadata areas ignored, so they hold no copy of the VG metadata.',
  },
  {
    path: 'metadata/stripesize', kind: 'setting', types: ['int'], default: '64', since: '1.00.00',
    unit: 'KiB', advanced: true,
    doc: 'Default stripe size in KiB for striped LVs.',
  },
  {
    path: 'metadata/dirs', kind: 'setting', types: ['string'], array: true,
    defaultNote: 'unset', since: '1.00.00',
    removed: {
      since: '2.03.00', use: 'backup/backup and backup/archive',
      note: 'Metadata kept in files outside PVs was removed in lvm2 2.03; the list is ignored.',
    },
    advanced: true,
    doc: 'Used to name directories holding extra copies of VG metadata as files.',
  },
  {
    path: 'metadata/disk_areas', kind: 'section', types: [], since: '1.00.00',
    removed: {
      since: '2.03.00',
      note: 'lvm2 2.03 dropped independent metadata areas, so this section no longer does anything.',
    },
    unsupported: true,
    doc: 'Former layout of hand-placed metadata areas; ignored by lvm2 2.03.',
  },
  {
    path: 'metadata/disk_areas/#', kind: 'section', types: [], since: '1.00.00',
    removed: {
      since: '2.03.00',
      note: 'Independent metadata areas were removed in lvm2 2.03.',
    },
    unsupported: true,
    doc: 'One hand-placed metadata area of the former `disk_areas` layout; ignored.',
  },
  {
    path: 'metadata/disk_areas/#/start_sector', kind: 'setting', types: ['int'],
    default: '0', since: '1.00.00',
    removed: {
      since: '2.03.00',
      note: 'Independent metadata areas were removed in lvm2 2.03.',
    },
    unit: 'sectors', unsupported: true,
    doc: 'Start sector of a hand-placed metadata area.',
  },
  {
    path: 'metadata/disk_areas/#/size', kind: 'setting', types: ['int'], default: '0', since: '1.00.00',
    removed: {
      since: '2.03.00',
      note: 'Independent metadata areas were removed in lvm2 2.03.',
    },
    unit: 'sectors', unsupported: true,
    doc: 'Size in sectors of a hand-placed metadata area.',
  },
  {
    path: 'metadata/disk_areas/#/id', kind: 'setting', types: ['string'],
    defaultNote: 'unset', since: '1.00.00',
    removed: {
      since: '2.03.00',
      note: 'Independent metadata areas were removed in lvm2 2.03.',
    },
    unsupported: true,
    doc: 'PV UUID of a hand-placed metadata area.',
  },

  // ---- report ----------------------------------------------------------------------------------
  {
    path: 'report', kind: 'section', types: [], since: '1.00.00',
    profilable: true,
    doc: 'Output format, columns and sort order of `pvs`, `vgs`, `lvs` and the other reporting commands.',
  },
  {
    path: 'report/output_format', kind: 'setting', types: ['string'],
    default: '"basic"', since: '2.02.158',
    values: ['basic', 'json', 'json_std'],
    profilable: true,
    doc: 'Output format of report commands: `basic` columns, `json`, or `json_std` (numbers unquoted, lists as arrays). `--reportformat` overrides it; scripts parsing `lvs` output break when it changes.',
  },
  {
    path: 'report/compact_output', kind: 'setting', types: ['bool'], default: '0', since: '2.02.115',
    profilable: true,
    doc: 'Leave out report columns that are empty in every row (needs `buffered`).',
  },
  {
    path: 'report/compact_output_cols', kind: 'setting', types: ['string'],
    default: '""', since: '2.02.133',
    allowEmpty: true, profilable: true,
    doc: 'Comma-separated columns to leave out when they are empty in every row (needs `buffered`).',
  },
  {
    path: 'report/aligned', kind: 'setting', types: ['bool'], default: '1', since: '1.00.00',
    profilable: true,
    doc: 'Align report columns.',
  },
  {
    path: 'report/buffered', kind: 'setting', types: ['bool'], default: '1', since: '1.00.00',
    profilable: true,
    doc: 'Collect the whole report before printing, which allows sorting and alignment; otherwise rows are printed as they are found.',
  },
  {
    path: 'report/headings', kind: 'setting', types: ['int'], default: '1', since: '1.00.00',
    min: 0, max: 2, profilable: true,
    doc: 'Report headings: 0 none, 1 abbreviated column names, 2 full column names. Before 2.03.23 this was a boolean.',
  },
  {
    path: 'report/separator', kind: 'setting', types: ['string'], default: '" "', since: '1.00.00',
    profilable: true,
    doc: 'Text printed between report fields.',
  },
  {
    path: 'report/list_item_separator', kind: 'setting', types: ['string'],
    default: '","', since: '2.02.108',
    profilable: true,
    doc: 'Text printed between items of list-valued fields such as tags.',
  },
  {
    path: 'report/prefixes', kind: 'setting', types: ['bool'], default: '0', since: '2.02.36',
    profilable: true,
    doc: 'Prefix every field with its name (`LVM2_LV_NAME=...`), handy for scripts.',
  },
  {
    path: 'report/quoted', kind: 'setting', types: ['bool'], default: '1', since: '2.02.39',
    profilable: true,
    doc: 'Quote field values when field name prefixes are used.',
  },
  {
    path: 'report/columns_as_rows', kind: 'setting', types: ['bool'], default: '0', since: '1.00.00',
    profilable: true,
    doc: 'Print each column as a row; implies `prefixes`.',
  },
  {
    path: 'report/binary_values_as_numeric', kind: 'setting', types: ['bool'],
    default: '0', since: '2.02.108',
    profilable: true,
    doc: 'Print two-state fields as 0/1 instead of words.',
  },
  {
    path: 'report/time_format', kind: 'setting', types: ['string'],
    default: '"%Y-%m-%d %T %z"', since: '2.02.123',
    profilable: true,
    doc: 'strftime-style format for time fields such as `lv_time`.',
  },
  {
    path: 'report/devtypes_sort', kind: 'setting', types: ['string'],
    default: '"devtype_name"', since: '2.02.101',
    profilable: true,
    doc: 'Sort columns of `lvm devtypes`.',
  },
  {
    path: 'report/devtypes_cols', kind: 'setting', types: ['string'],
    default: '"devtype_name,devtype_max_partitions,devtype_description"', since: '2.02.101',
    profilable: true,
    doc: 'Columns of `lvm devtypes`.',
  },
  {
    path: 'report/devtypes_cols_verbose', kind: 'setting', types: ['string'],
    default: '"devtype_name,devtype_max_partitions,devtype_description"', since: '2.02.101',
    profilable: true,
    doc: 'Columns of `lvm devtypes -v`.',
  },
  {
    path: 'report/lvs_sort', kind: 'setting', types: ['string'],
    default: '"vg_name,lv_name"', since: '1.00.00',
    profilable: true,
    doc: 'Sort columns of `lvs`.',
  },
  {
    path: 'report/lvs_cols', kind: 'setting', types: ['string'],
    default: '"lv_name,vg_name,lv_attr,lv_size,pool_lv,origin,data_percent,metadata_percent,move_pv,mirror_log,copy_percent,convert_lv"', since: '1.00.00',
    profilable: true,
    doc: 'Columns of `lvs`; see `lvs -o help`. Scripts that parse plain `lvs` output depend on it.',
  },
  {
    path: 'report/lvs_cols_verbose', kind: 'setting', types: ['string'],
    default: '"lv_name,vg_name,seg_count,lv_attr,lv_size,lv_major,lv_minor,lv_kernel_major,lv_kernel_minor,pool_lv,origin,data_percent,metadata_percent,move_pv,copy_percent,mirror_log,convert_lv,lv_uuid,lv_profile"', since: '1.00.00',
    profilable: true,
    doc: 'Columns of `lvs -v`.',
  },
  {
    path: 'report/vgs_sort', kind: 'setting', types: ['string'], default: '"vg_name"', since: '1.00.00',
    profilable: true,
    doc: 'Sort columns of `vgs`.',
  },
  {
    path: 'report/vgs_cols', kind: 'setting', types: ['string'],
    default: '"vg_name,pv_count,lv_count,snap_count,vg_attr,vg_size,vg_free"', since: '1.00.00',
    profilable: true,
    doc: 'Columns of `vgs`; see `vgs -o help`.',
  },
  {
    path: 'report/vgs_cols_verbose', kind: 'setting', types: ['string'],
    default: '"vg_name,vg_attr,vg_extent_size,pv_count,lv_count,snap_count,vg_size,vg_free,vg_uuid,vg_profile"', since: '1.00.00',
    profilable: true,
    doc: 'Columns of `vgs -v`.',
  },
  {
    path: 'report/pvs_sort', kind: 'setting', types: ['string'], default: '"pv_name"', since: '1.00.00',
    profilable: true,
    doc: 'Sort columns of `pvs`.',
  },
  {
    path: 'report/pvs_cols', kind: 'setting', types: ['string'],
    default: '"pv_name,vg_name,pv_fmt,pv_attr,pv_size,pv_free"', since: '1.00.00',
    profilable: true,
    doc: 'Columns of `pvs`; see `pvs -o help`.',
  },
  {
    path: 'report/pvs_cols_verbose', kind: 'setting', types: ['string'],
    default: '"pv_name,vg_name,pv_fmt,pv_attr,pv_size,pv_free,dev_size,pv_uuid"', since: '1.00.00',
    profilable: true,
    doc: 'Columns of `pvs -v`.',
  },
  {
    path: 'report/segs_sort', kind: 'setting', types: ['string'],
    default: '"vg_name,lv_name,seg_start"', since: '1.00.00',
    profilable: true,
    doc: 'Sort columns of `lvs --segments`.',
  },
  {
    path: 'report/segs_cols', kind: 'setting', types: ['string'],
    default: '"lv_name,vg_name,lv_attr,stripes,segtype,seg_size"', since: '1.00.00',
    profilable: true,
    doc: 'Columns of `lvs --segments`.',
  },
  {
    path: 'report/segs_cols_verbose', kind: 'setting', types: ['string'],
    default: '"lv_name,vg_name,lv_attr,seg_start,seg_size,stripes,segtype,stripesize,chunksize"', since: '1.00.00',
    profilable: true,
    doc: 'Columns of `lvs --segments -v`.',
  },
  {
    path: 'report/pvsegs_sort', kind: 'setting', types: ['string'],
    default: '"pv_name,pvseg_start"', since: '1.01.03',
    profilable: true,
    doc: 'Sort columns of `pvs --segments`.',
  },
  {
    path: 'report/pvsegs_cols', kind: 'setting', types: ['string'],
    default: '"pv_name,vg_name,pv_fmt,pv_attr,pv_size,pv_free,pvseg_start,pvseg_size"', since: '1.01.03',
    profilable: true,
    doc: 'Columns of `pvs --segments`.',
  },
  {
    path: 'report/pvsegs_cols_verbose', kind: 'setting', types: ['string'],
    default: '"pv_name,vg_name,pv_fmt,pv_attr,pv_size,pv_free,pvseg_start,pvseg_size,lv_name,seg_start_pe,segtype,seg_pe_ranges"', since: '1.01.03',
    profilable: true,
    doc: 'Columns of `pvs --segments -v`.',
  },
  {
    path: 'report/vgs_cols_full', kind: 'setting', types: ['string'],
    default: '"vg_all"', since: '2.02.158',
    profilable: true,
    doc: 'Columns of the VG part of `lvm fullreport`.',
  },
  {
    path: 'report/pvs_cols_full', kind: 'setting', types: ['string'],
    default: '"pv_all"', since: '2.02.158',
    profilable: true,
    doc: 'Columns of the PV part of `lvm fullreport`.',
  },
  {
    path: 'report/lvs_cols_full', kind: 'setting', types: ['string'],
    default: '"lv_all"', since: '2.02.158',
    profilable: true,
    doc: 'Columns of the LV part of `lvm fullreport`.',
  },
  {
    path: 'report/pvsegs_cols_full', kind: 'setting', types: ['string'],
    default: '"pvseg_all,pv_uuid,lv_uuid"', since: '2.02.158',
    profilable: true,
    doc: 'Columns of the PV segment part of `lvm fullreport`.',
  },
  {
    path: 'report/segs_cols_full', kind: 'setting', types: ['string'],
    default: '"seg_all,lv_uuid"', since: '2.02.158',
    profilable: true,
    doc: 'Columns of the LV segment part of `lvm fullreport`.',
  },
  {
    path: 'report/vgs_sort_full', kind: 'setting', types: ['string'],
    default: '"vg_name"', since: '2.02.158',
    profilable: true,
    doc: 'Sort columns of the VG part of `lvm fullreport`.',
  },
  {
    path: 'report/pvs_sort_full', kind: 'setting', types: ['string'],
    default: '"pv_name"', since: '2.02.158',
    profilable: true,
    doc: 'Sort columns of the PV part of `lvm fullreport`.',
  },
  {
    path: 'report/lvs_sort_full', kind: 'setting', types: ['string'],
    default: '"vg_name,lv_name"', since: '2.02.158',
    profilable: true,
    doc: 'Sort columns of the LV part of `lvm fullreport`.',
  },
  {
    path: 'report/pvsegs_sort_full', kind: 'setting', types: ['string'],
    default: '"pv_uuid,pvseg_start"', since: '2.02.158',
    profilable: true,
    doc: 'Sort columns of the PV segment part of `lvm fullreport`.',
  },
  {
    path: 'report/segs_sort_full', kind: 'setting', types: ['string'],
    default: '"lv_uuid,seg_start"', since: '2.02.158',
    profilable: true,
    doc: 'Sort columns of the LV segment part of `lvm fullreport`.',
  },
  {
    path: 'report/mark_hidden_devices', kind: 'setting', types: ['bool'], default: '1', since: '2.02.140',
    profilable: true,
    doc: 'Show hidden (internal) LVs and devices in brackets, e.g. `[pool_tdata]`.',
  },
  {
    path: 'report/two_word_unknown_device', kind: 'setting', types: ['bool'],
    default: '0', since: '2.02.146',
    doc: 'Print `unknown device` instead of `[unknown]` for a PV whose device is missing.',
  },

  // ---- dmeventd --------------------------------------------------------------------------------
  {
    path: 'dmeventd', kind: 'section', types: [], since: '1.02.03',
    doc: 'Plugins and commands used by the device-mapper event daemon, which watches mirrors, RAID LVs, snapshots, thin pools and VDO pools.',
  },
  {
    path: 'dmeventd/mirror_library', kind: 'setting', types: ['string'],
    default: '"libdevmapper-event-lvm2mirror.so"', since: '1.02.03',
    doc: 'dmeventd plugin that watches old `mirror` LVs and repairs them after a failure; without it mirrors are not monitored.',
  },
  {
    path: 'dmeventd/raid_library', kind: 'setting', types: ['string'],
    default: '"libdevmapper-event-lvm2raid.so"', since: '2.02.87',
    doc: 'dmeventd plugin that watches RAID LVs and applies `raid_fault_policy`.',
  },
  {
    path: 'dmeventd/snapshot_library', kind: 'setting', types: ['string'],
    default: '"libdevmapper-event-lvm2snapshot.so"', since: '1.02.26',
    doc: 'dmeventd plugin that watches COW snapshots, warns in syslog from 80% full, and triggers autoextension.',
  },
  {
    path: 'dmeventd/thin_library', kind: 'setting', types: ['string'],
    default: '"libdevmapper-event-lvm2thin.so"', since: '2.02.89',
    doc: 'dmeventd plugin that watches thin pools, warns in syslog from 80% full, and runs `thin_command`.',
  },
  {
    path: 'dmeventd/thin_command', kind: 'setting', types: ['string'],
    default: '"lvm lvextend --use-policies"', since: '2.02.169',
    doc: 'Command dmeventd runs at each 5% step above 50% usage of a thin pool. The default `lvm lvextend --use-policies` applies the autoextend settings; a custom handler must be a full path starting with `/`.',
  },
  {
    path: 'dmeventd/vdo_library', kind: 'setting', types: ['string'],
    default: '"libdevmapper-event-lvm2vdo.so"', since: '2.03.00',
    doc: 'dmeventd plugin that watches VDO pools and runs `vdo_command`.',
  },
  {
    path: 'dmeventd/vdo_command', kind: 'setting', types: ['string'],
    default: '"lvm lvextend --use-policies"', since: '2.03.00',
    doc: 'Command dmeventd runs at each 5% step above 50% usage of a VDO pool; a custom handler must be a full path starting with `/`.',
  },
  {
    path: 'dmeventd/executable', kind: 'setting', types: ['string'],
    defaultNote: 'set when lvm2 is built; Debian: /sbin/dmeventd', since: '2.02.73',
    doc: 'Path of the dmeventd binary that LVM starts for monitoring.',
  },

  // ---- tags ------------------------------------------------------------------------------------
  {
    path: 'tags', kind: 'section', types: [], since: '1.00.18',
    doc: 'Host tags: names attached to this host. They select LVs through `@tag` entries in the activation lists and make LVM read `lvm_<tag>.conf`.',
  },
  {
    path: 'tags/hosttags', kind: 'setting', types: ['bool'], default: '0', since: '1.00.18',
    doc: 'Give this host a tag equal to its hostname, and make LVM read `lvm_<hostname>.conf` when it exists.',
  },
  {
    path: 'tags/#', kind: 'section', types: [], since: '1.00.18',
    doc: "A subsection named after a host tag (a leading `@` is optional). Without `host_list` the tag is always set on this host; with it, only when this host's name is listed.",
  },
  {
    path: 'tags/#/host_list', kind: 'setting', types: ['string'], array: true,
    defaultNote: 'unset: the tag applies to every host', since: '1.00.18',
    allowEmpty: true,
    doc: "Hostnames (as uname reports them) that receive this subsection's tag.",
  },

  // ---- local -----------------------------------------------------------------------------------
  {
    path: 'local', kind: 'section', types: [], since: '2.02.117',
    doc: 'Settings that identify this particular host, normally kept in `lvmlocal.conf`: system ID, extra accepted system IDs, lvmlockd `host_id`. Never copy them between hosts.',
  },
  {
    path: 'local/system_id', kind: 'setting', types: ['string'], default: '""', since: '2.02.117',
    allowEmpty: true,
    doc: 'This host\'s system ID when `global/system_id_source = "lvmlocal"`. It must be unique among hosts sharing the storage, e.g. the hostname.',
  },
  {
    path: 'local/pr_key', kind: 'setting', types: ['string'],
    defaultNote: 'unset: local VGs use host_id as the key', since: '2.03.32',
    doc: 'Persistent reservation key of this host for local VGs, in hex (up to 16 digits, optional 0x). It must be unique among hosts sharing the devices; shared VGs use keys derived from host_id.',
  },
  {
    path: 'local/extra_system_ids', kind: 'setting', types: ['string'], array: true,
    defaultNote: 'unset', since: '2.02.117',
    allowEmpty: true,
    doc: 'Other system IDs whose VGs this host may use fully. Read lvmsystemid(7) first: two hosts using one VG at once corrupts it.',
  },
  {
    path: 'local/host_id', kind: 'setting', types: ['int'], default: '0', since: '2.02.124',
    min: 0, max: 2000,
    doc: "This host's unique number for sanlock shared VGs and persistent reservations: 1 to 2000, fewer with a smaller `sanlock_align_size` (250/500/1000). 0 means unset; duplicates between hosts break lock safety.",
  },
];
