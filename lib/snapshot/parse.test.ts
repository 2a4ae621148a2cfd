import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_DEPTH, parseSnapshot, SnapshotParseError } from './parse';
import { readSnapshotFile } from './read-snapshot-file';

const svc = (name: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: 'demo', uid: `uid-${name}`, annotations: { 'kubectl.kubernetes.io/last-applied-configuration': 'CANARY-ANNOTATION' } },
  spec: { clusterIP: '10.96.0.5', clusterIPs: ['10.96.0.5'], ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }], selector: { app: name }, ...extra },
});

const pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace: 'demo', uid: 'uid-p', labels: { app: 'x' }, managedFields: [{ manager: 'CANARY-MF' }] },
  spec: {
    nodeName: 'n1',
    containers: [{ name: 'c', image: 'CANARY-IMAGE', env: [{ name: 'SECRET', value: 'CANARY-ENV' }], args: ['CANARY-ARG'], ports: [{ containerPort: 8080, name: 'http' }] }],
  },
  status: { phase: 'Running', podIP: '10.244.1.5', podIPs: [{ ip: '10.244.1.5' }], conditions: [{ type: 'Ready', status: 'True' }] },
};

function errorOf(fn: () => unknown): SnapshotParseError {
  try {
    fn();
  } catch (e) {
    if (e instanceof SnapshotParseError) return e;
    throw e;
  }
  throw new Error('expected a SnapshotParseError');
}

describe('parseSnapshot shapes', () => {
  it('reads a kubectl v1 List', () => {
    const r = parseSnapshot(JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [svc('web'), pod] }));
    expect(r.snapshot.services.map((s) => s.name)).toEqual(['web']);
    expect(r.snapshot.pods[0]?.podIPs).toEqual(['10.244.1.5']);
    expect(r.snapshot.meta.source).toBe('snapshot');
  });

  it('reads a bare array and concatenated documents (NDJSON and pretty-printed)', () => {
    expect(parseSnapshot(JSON.stringify([svc('a'), svc('b')])).snapshot.services).toHaveLength(2);
    const nd = `${JSON.stringify(svc('a'))}\n${JSON.stringify(svc('b'))}\n`;
    expect(parseSnapshot(nd).snapshot.services.map((s) => s.name)).toEqual(['a', 'b']);
    const pretty = `${JSON.stringify({ kind: 'List', items: [svc('a')] }, null, 2)}\n${JSON.stringify({ kind: 'ServiceList', items: [svc('c')] }, null, 2)}`;
    expect(parseSnapshot(pretty).snapshot.services.map((s) => s.name)).toEqual(['a', 'c']);
  });

  it('reads the kubepath metadata block of a snapshot file', () => {
    const r = parseSnapshot(JSON.stringify({ kind: 'List', items: [], kubepath: { format: 1, takenAt: '2026-11-01T10:00:00Z', context: 'prod', serverVersion: 'v1.36.1' } }));
    expect(r.snapshot.meta).toMatchObject({ source: 'snapshot', takenAt: '2026-11-01T10:00:00Z', context: 'prod', serverVersion: 'v1.36.1' });
  });

  it('rejects an unknown snapshot format version, naming the field', () => {
    const e = errorOf(() => parseSnapshot(JSON.stringify({ kind: 'List', items: [], kubepath: { format: 7 } })));
    expect(e.location.field).toBe('kubepath.format');
  });

  it('skips kinds it does not read and counts them', () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'x' }, data: { k: 'v' } };
    const r = parseSnapshot(JSON.stringify({ kind: 'List', items: [cm, cm, svc('web')] }));
    expect(r.skippedKinds).toEqual({ ConfigMap: 2 });
    expect(r.snapshot.services).toHaveLength(1);
    expect(r.objectCount).toBe(3);
  });

  it('keeps the later of two objects with the same uid and counts the duplicate', () => {
    const r = parseSnapshot(JSON.stringify([svc('web'), { ...svc('web'), spec: { ...svc('web').spec, type: 'NodePort' } }]));
    expect(r.duplicates).toBe(1);
    expect(r.snapshot.services[0]?.type).toBe('NodePort');
  });
});

describe('projection drops everything outside the allowlist', () => {
  it('never carries annotations, env, args, images or managedFields', () => {
    const r = parseSnapshot(JSON.stringify([svc('web'), pod]));
    const text = JSON.stringify(r.snapshot);
    for (const canary of ['CANARY-ANNOTATION', 'CANARY-ENV', 'CANARY-ARG', 'CANARY-IMAGE', 'CANARY-MF']) expect(text).not.toContain(canary);
  });

  it('never writes to its (frozen) input', () => {
    const deepFreeze = <T>(o: T): T => {
      if (o && typeof o === 'object') {
        Object.values(o).forEach(deepFreeze);
        Object.freeze(o);
      }
      return o;
    };
    const docs = deepFreeze(JSON.parse(JSON.stringify([svc('web'), pod])));
    expect(() => parseSnapshot(JSON.stringify(docs))).not.toThrow();
  });

  it('keeps an empty selector distinct from no selector', () => {
    const r = parseSnapshot(JSON.stringify([svc('a', { selector: {} }), svc('b', { selector: undefined })]));
    const [a, b] = r.snapshot.services;
    expect(a?.selector).not.toBeNull();
    expect(Object.keys(a?.selector ?? { x: 1 })).toHaveLength(0);
    expect(b?.selector).toBeNull();
  });
});

describe('bad input gets a clear error and no partial result', () => {
  it('truncated JSON names the line and says it ends early', () => {
    const text = JSON.stringify({ kind: 'List', items: [svc('web')] }, null, 2);
    const e = errorOf(() => parseSnapshot(text.slice(0, text.length - 20), { source: 'dump.json' }));
    expect(e.message).toMatch(/^dump\.json, line \d+, column \d+: the JSON ends early/);
  });

  it('invalid JSON inside a document names the position', () => {
    const e = errorOf(() => parseSnapshot('[]\n{"kind": "List",\n "items": [,]}'));
    expect(e.problem).toMatch(/^invalid JSON.*Unexpected token ','/);
    expect(e.location.line).toBe(2);
    const p = errorOf(() => parseSnapshot('{"kind": "List"\n "items": []}'));
    expect(p.problem).toMatch(/^invalid JSON/);
    const m = errorOf(() => parseSnapshot('{"kind": "List", "items": [}'));
    expect(m.problem).toBe("unexpected '}'");
    expect(m.location.column).toBe(28);
  });

  it('a missing required field names document item, object and field', () => {
    const bad = { ...svc('web'), spec: { ports: [{ targetPort: 80 }] } };
    const e = errorOf(() => parseSnapshot(JSON.stringify({ kind: 'List', items: [svc('ok'), bad] }), { source: 'x.json' }));
    expect(e.location).toMatchObject({ source: 'x.json', item: 1, object: 'Service demo/web', field: 'spec.ports[0].port' });
    expect(e.message).toBe('x.json, item 1, Service demo/web, field spec.ports[0].port: is required');
  });

  it('refuses names the API server never stores (they would break element IDs), naming the field', () => {
    for (const name of ['a/b', '50%', '..']) {
      const e = errorOf(() => parseSnapshot(JSON.stringify([svc(name)]), { source: 'x.json' }));
      expect(e.location.field).toBe('metadata.name');
      expect(e.problem).toMatch(/is not a name the API server accepts/);
    }
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'demo' }, spec: { nodeName: 'n/1', containers: [] } };
    expect(errorOf(() => parseSnapshot(JSON.stringify([pod]))).location.field).toBe('spec.nodeName');
    // Markup in a name is odd but storable text: it is read, and escaped wherever it is shown.
    expect(parseSnapshot(JSON.stringify([svc('<b>web')])).snapshot.services[0]?.name).toBe('<b>web');
  });

  it('a wrong type is named with what was found', () => {
    const bad = { ...svc('web'), spec: { ports: [{ port: 'eighty' }] } };
    expect(errorOf(() => parseSnapshot(JSON.stringify([bad]))).problem).toMatch(/expected an integer, got string "eighty"/);
  });

  it('an item without kind is an error, naming the item', () => {
    const e = errorOf(() => parseSnapshot(JSON.stringify([{ metadata: { name: 'x' } }])));
    expect(e.location).toMatchObject({ item: 0, field: 'kind' });
  });

  it('rejects input over the size cap before parsing', () => {
    const e = errorOf(() => parseSnapshot('[]', { maxBytes: 1024, byteLength: 4096 }));
    expect(e.problem).toBe('file is 4.0 KiB, over the 1.0 KiB limit');
  });

  it('rejects nesting deeper than the limit', () => {
    const deep = `${'['.repeat(MAX_DEPTH + 1)}${']'.repeat(MAX_DEPTH + 1)}`;
    expect(errorOf(() => parseSnapshot(deep)).problem).toContain(`nesting deeper than ${MAX_DEPTH}`);
    const veryDeep = `{"kind":"List","items":[${'['.repeat(10_000)}${']'.repeat(10_000)}]}`;
    expect(errorOf(() => parseSnapshot(veryDeep)).problem).toContain('nesting deeper');
  });

  it('rejects empty input and stray text', () => {
    expect(errorOf(() => parseSnapshot('  \n')).problem).toBe('the input is empty');
    expect(errorOf(() => parseSnapshot('[] garbage')).problem).toContain("unexpected 'g'");
  });

  it('does not pollute prototypes through __proto__ or constructor keys', () => {
    const hostile = `[{"kind":"Service","metadata":{"name":"x","namespace":"d","labels":{"__proto__":{"polluted":"yes"}}},"spec":{"ports":[{"port":80}]}}]`;
    expect(errorOf(() => parseSnapshot(hostile)).location.field).toBe('metadata.labels.__proto__');
    const ctor = `[{"kind":"Service","__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"metadata":{"name":"x","namespace":"d"},"spec":{"selector":{"constructor":"y"},"ports":[{"port":80}]}}]`;
    expect(errorOf(() => parseSnapshot(ctor)).location.field).toBe('spec.selector.constructor');
    const benign = `[{"kind":"Service","__proto__":{"polluted":"yes"},"metadata":{"name":"x","namespace":"d","__proto__":{"polluted":"yes"}},"spec":{"ports":[{"port":80}]}}]`;
    const r = parseSnapshot(benign);
    expect(r.snapshot.services[0]?.name).toBe('x');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.keys(r.snapshot.services[0]?.labels ?? { x: 1 })).toEqual([]);
  });
});

describe('readSnapshotFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubepath-parse-'));

  it('reads a file and names it in errors', async () => {
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify([svc('web')]));
    expect((await readSnapshotFile(good)).snapshot.services).toHaveLength(1);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"kind":');
    await expect(readSnapshotFile(bad)).rejects.toThrow(/^bad\.json, line 1, column \d+: the JSON ends early/);
  });

  it('says when the file is missing, over the cap, or not UTF-8', async () => {
    await expect(readSnapshotFile(join(dir, 'nope.json'))).rejects.toThrow(/no such file/);
    const big = join(dir, 'big.json');
    writeFileSync(big, `[${' '.repeat(5000)}]`);
    await expect(readSnapshotFile(big, 1000)).rejects.toThrow(/over the 1000 bytes limit/);
    const latin = join(dir, 'latin1.json');
    writeFileSync(latin, Buffer.from([0x5b, 0xff, 0x5d]));
    await expect(readSnapshotFile(latin)).rejects.toThrow(/not valid UTF-8/);
  });
});
