// vif specs as xl's parse_nic_config reads them, with libxl's check of the NIC type.
import * as assert from 'node:assert';
import { parseVif } from '../../server/src/xl/specs/vif';

const issues = (spec: string, guest?: 'pv' | 'pvh' | 'hvm', version?: string): Array<[string, string | undefined, number, number]> =>
  parseVif(spec, guest, version).issues.map((i) => [i.severity, i.xl, i.start, i.end]);

describe('parseVif', () => {
  it('reads every kind of key, trimming leading spaces', () => {
    const r = parseVif('mac=00:16:3e:1a:2b:02, bridge=xenbr1,  type=vif,model=e1000,vifname=web0,script=vif-route,ip=10.0.0.2,backend=dd,gatewaydev=eth0,devid=3,mtu=9000,untrusted,forwarddev=eth1,colo_checkpoint_port=9000', 'hvm');
    assert.deepStrictEqual(r.issues, []);
    assert.deepStrictEqual(r.value, {
      colo: { forwarddev: 'eth1', colo_checkpoint_port: '9000' },
      mac: '00:16:3e:1a:2b:02', bridge: 'xenbr1', type: 'vif', model: 'e1000', vifname: 'web0', script: 'vif-route', ip: '10.0.0.2',
      backend: 'dd', gatewaydev: 'eth0', devid: 3, mtu: 9000, trusted: false,
    });
    assert.deepStrictEqual(r.parts.slice(0, 3).map((p) => [p.key, p.value, p.start, p.end]), [
      ['mac', '00:16:3e:1a:2b:02', 0, 21], ['bridge', 'xenbr1', 23, 36], ['type', 'vif', 39, 47],
    ]);
  });

  it('gives all defaults for an empty spec', () => {
    assert.deepStrictEqual(parseVif(''), { value: { colo: {} }, parts: [], issues: [] });
  });

  it('reads rate= and shifts its issues into the spec', () => {
    assert.deepStrictEqual(parseVif('bridge=b,rate=10Mb/s').value?.rate, { bytesPerInterval: 62500n, intervalUsecs: 50000 });
    const r = parseVif('rate=100mb/s,bridge=b');
    assert.strictEqual(r.value, undefined);
    assert.deepStrictEqual(issues('rate=100mb/s,bridge=b'), [['error', "config parsing error in vif: invalid rate in `100mb/s'", 5, 12]]);
    // xl exits at the rate: later items still get parts but no complaints.
    assert.deepStrictEqual(issues('rate=0B/s,bogus'), [['error', "config parsing error in vif: rate overflow in `0B/s'", 5, 9]]);
    assert.strictEqual(r.parts.length, 2);
  });

  it('only warns where xl only prints a line', () => {
    assert.deepStrictEqual(issues('bridge=a,Bridge=b, ,brige=c'), [
      ['warning', "unrecognized argument `Bridge=b'", 9, 17],
      ['warning', "unrecognized argument `'", 18, 19],
      ['warning', "unrecognized argument `brige=c'", 20, 27],
    ]);
    assert.match(parseVif('Bridge=b').issues[0].message, /case-sensitive/);
    assert.deepStrictEqual(issues('toString=x'), [['warning', "unrecognized argument `toString=x'", 0, 10]]);
    assert.deepStrictEqual(issues('type=IOEMU'), [['warning', "Invalid parameter `type'.", 0, 10]]);
    assert.deepStrictEqual(issues('accel=x'), [['warning', 'the accel parameter for vifs is currently not supported', 0, 7]]);
    assert.deepStrictEqual(issues('netdev=eth0'), [['warning', 'the netdev parameter is deprecated, please use gatewaydev instead', 0, 11]]);
    assert.strictEqual(parseVif('netdev=eth0').value?.gatewaydev, 'eth0');
    assert.ok(parseVif('bridge=a,bridge=b').issues.some((i) => /more than once/.test(i.message)));
  });

  it('makes devid and mtu errors fatal, as parse_ulong exits', () => {
    assert.deepStrictEqual(issues('mtu=jumbo'), [['error', 'xl: failed to convert "jumbo" to number', 4, 9]]);
    assert.deepStrictEqual(issues('devid=-1'), [['error', 'xl: failed to convert "-1" to number', 6, 8]]);
    assert.strictEqual(parseVif('devid=-1').value, undefined);
    // Trailing junk and wrapping are accepted silently by xl.
    assert.strictEqual(parseVif('devid=12abc').value?.devid, 12);
    assert.strictEqual(parseVif('devid=4294967295').value?.devid, -1);
    assert.strictEqual(parseVif('devid=4294967295').issues[0].severity, 'warning');
  });

  it('ports the mac loop: any separator, partial octets kept, reading on into the next item', () => {
    assert.strictEqual(parseVif('mac=00-16-3e-1-2-3').value?.mac, '00:16:3e:01:02:03');
    assert.deepStrictEqual(issues('mac=00-16-3e-1-2-3'), [['warning', undefined, 0, 18]]);
    assert.strictEqual(parseVif('mac=00:16:3e,bridge=x').value?.mac, '00:16:3e:0b:00:00');
    assert.deepStrictEqual(issues('mac=00:16:3e:zz'), [['warning', "Invalid parameter `mac'.", 0, 15]]);
    assert.match(parseVif('mac=00:16:3e:zz').issues[0].message, /00:16:3e:00:00:00/);
    assert.strictEqual(parseVif('mac=zz').value?.mac, undefined);
    assert.strictEqual(parseVif('mac=00:16:3e:01:02').value?.mac, '00:16:3e:01:02:00');
  });

  it('warns about multicast and all-zero MACs', () => {
    assert.match(parseVif('mac=01:16:3e:00:00:01').issues[0].message, /multicast/);
    assert.match(parseVif('mac=ff:ff:ff:ff:ff:ff').issues[0].message, /multicast/);
    assert.deepStrictEqual(parseVif('mac=02:00:00:00:00:01').issues, []);
    assert.strictEqual(parseVif('mac=00:00:00:00:00:00').issues[0].severity, 'info');
  });

  it('rejects an emulated NIC on PV and PVH guests (libxl)', () => {
    const xl = 'trying to create PV or PVH guest with an emulated interface';
    assert.deepStrictEqual(issues('bridge=b, type=ioemu', 'pv'), [['error', xl, 10, 20]]);
    assert.deepStrictEqual(issues('type=ioemu', 'pvh').map((i) => i[1]), [xl]);
    assert.deepStrictEqual(issues('type=ioemu', 'hvm'), []);
    assert.deepStrictEqual(issues('type=ioemu,type=vif', 'pv').map((i) => i[0]), ['warning']);
  });

  it('knows vlan= from Xen 4.19 on and checks its syntax', () => {
    assert.deepStrictEqual(issues('vlan=10'), [['warning', "unrecognized argument `vlan=10'", 0, 7]]);
    assert.strictEqual(parseVif('vlan=10', undefined, '4.19').value?.vlan, '10');
    for (const ok of ['10', '10p/20', '10p/100+10x4', '10p/20-30u', '4094']) assert.deepStrictEqual(issues(`vlan=${ok}`, undefined, '4.19'), [], ok);
    assert.deepStrictEqual(issues('vlan=10p/x/4095', undefined, '4.19').map((i) => [i.at(2), i.at(3)]), [[9, 10], [11, 15]]);
    assert.match(parseVif('vlan=10/20', undefined, '4.19').issues[0].message, /PVID/);
    assert.match(parseVif('vlan=10p/20p', undefined, '4.19').issues[0].message, /only one/);
    assert.match(parseVif('vlan=30-20', undefined, '4.19').issues[0].message, /backwards/);
  });

  it('warns about interface names Linux cannot take', () => {
    assert.deepStrictEqual(issues('vifname=web-frontend-eth0'), [['warning', undefined, 0, 25]]);
    assert.deepStrictEqual(issues('vifname=web-frontend', 'hvm'), [['warning', undefined, 0, 20]]);
    assert.deepStrictEqual(issues('vifname=web-frontend,type=vif', 'hvm'), []);
  });
});
