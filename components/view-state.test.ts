import { describe, expect, it } from 'vitest';
import { loadDemo } from '../lib/demo/demo-clusters';
import { createRedactor } from '../lib/model/redact';
import { parseViewState, redactView, serializeViewState } from './view-state';

const parse = (q: string) => parseViewState(new URLSearchParams(q));

describe('view state in the URL', () => {
  it('round-trips the example of the issue', () => {
    const q = 'cluster=demo:seed&ns=default&focus=svc:default/webapp&path=1';
    const v = parse(q);
    expect(v).toEqual({ cluster: 'demo:seed', ns: ['default'], focus: 'svc:default/webapp', path: 1, expand: [] });
    expect(serializeViewState(v)).toBe(q);
  });

  it('keeps every field, in a stable order', () => {
    const v = parse('hop=3&to=svc:demo/web&path=2&access=ClusterIP&via=node:n3&from=ext:client&ns=demo,kube-system&q=10.244.&expand=agg:ns:demo,node:n1&cluster=ctx:kind-dev');
    expect(serializeViewState(v)).toBe('cluster=ctx:kind-dev&ns=demo,kube-system&q=10.244.&path=2&from=ext:client&to=svc:demo/web&via=node:n3&access=ClusterIP&hop=3&expand=agg:ns:demo,node:n1');
    expect(parse(serializeViewState(v))).toEqual(v);
  });

  it('drops values that are not what they claim to be', () => {
    const v = parse('cluster=javascript:alert(1)&ns=Bad_NS,ok&focus=<img>&path=7&hop=-1&access=Teleport&to=svc:a/b/c&expand=agg:evil thing,node:n1');
    expect(v).toEqual({ ns: ['ok'], expand: ['node:n1'] });
  });

  it('writes path fields only in path mode', () => {
    expect(serializeViewState({ ns: [], expand: [], to: 'svc:a/b', hop: 2 })).toBe('');
  });
});

describe('learn in the URL', () => {
  it('round-trips the tour and step, and drops junk', () => {
    const v = parseViewState(new URLSearchParams('cluster=demo:seed&learn=path-2&step=path-2/hop-3'));
    expect(v.learn).toBe('path-2');
    expect(v.step).toBe('path-2/hop-3');
    expect(serializeViewState(v)).toBe('cluster=demo:seed&learn=path-2&step=path-2/hop-3');
    expect(parseViewState(new URLSearchParams('learn=nope&step=x')).learn).toBeUndefined();
    expect(parseViewState(new URLSearchParams('learn=ips&step=<script>')).step).toBeUndefined();
    expect(parseViewState(new URLSearchParams('step=a')).step).toBeUndefined();
  });
});

describe('diff base and redaction in the URL', () => {
  it('round-trips both, after the cluster', () => {
    const v = parse('redact=1&base=snapshot:before&cluster=demo:shop');
    expect(v).toMatchObject({ cluster: 'demo:shop', base: 'snapshot:before', redact: true });
    expect(serializeViewState(v)).toBe('cluster=demo:shop&base=snapshot:before&redact=1');
  });

  it('drops a base that is not a cluster ID or is the cluster itself, and any redact value but 1', () => {
    expect(parse('cluster=demo:shop&base=javascript:alert(1)').base).toBeUndefined();
    expect(parse('cluster=demo:shop&base=demo:shop').base).toBeUndefined();
    expect(parse('redact=true').redact).toBeUndefined();
  });
});

describe('redactView: the view follows its elements to their placeholders', () => {
  it('maps focus, path ends, namespaces and expansions; drops the search', () => {
    const shop = loadDemo('shop');
    const r = createRedactor([shop]);
    const red = r.snapshot(shop);
    const v = parse('cluster=demo:shop&ns=shop,ingress&focus=svc:shop/frontend&q=10.244&path=1&from=ext:client&to=svc:shop/frontend&via=node:worker-1&expand=agg:ns:shop,node:worker-2,agg:nodes:a');
    const out = redactView(r, v);
    const nsOf = (name: string): string => red.namespaces[shop.namespaces.findIndex((n) => n.name === name)]?.name ?? '?';
    const frontend = red.services[shop.services.findIndex((s) => s.namespace === 'shop' && s.name === 'frontend')];
    expect(out).toEqual({
      redact: true,
      focus: `svc:${frontend?.namespace}/${frontend?.name}`,
      from: 'ext:client',
      to: `svc:${frontend?.namespace}/${frontend?.name}`,
      via: `node:${red.nodes[shop.nodes.findIndex((n) => n.name === 'worker-1')]?.name}`,
      ns: [nsOf('shop'), nsOf('ingress')],
      expand: [`agg:ns:${nsOf('shop')}`, `node:${red.nodes[shop.nodes.findIndex((n) => n.name === 'worker-2')]?.name}`],
      q: undefined,
    });
    // Every mapped ID names something in the redacted snapshot.
    expect(red.services.some((s) => `svc:${s.namespace}/${s.name}` === out.focus)).toBe(true);
    expect(out.focus).not.toContain('frontend');
  });
});
