import { describe, expect, it } from 'vitest';
import { loadDemo } from '../demo/demo-clusters';
import { accessPointsForService } from './access-points';
import { accessTableMarkdown, hopTableMarkdown, mdText } from './markdown';
import { buildTopology } from './topology';
import { tracePath } from './trace';
import type { AccessPoint, PathResult } from './types';

/** Splits a GFM table row into cells the way GFM does: at pipes not preceded by a backslash. */
function cells(line: string): string[] {
  return line
    .replace(/^\|\s?/, '')
    .replace(/\s?\|$/, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

const HOSTILE = ['a|b', 'tick`code`', '<img src=x onerror=alert(1)>', 'line1\nline2\r\nline3', '[click](javascript:alert(1))', '**bold** _em_ ~~s~~ $x$', '&lt;already&gt;', '# heading', '\u202eevil\u0007'];

describe('mdText', () => {
  it('escapes pipes, backticks, HTML, Markdown punctuation and entities; newlines become <br>', () => {
    expect(mdText('a|b')).toBe('a\\|b');
    expect(mdText('tick`code`')).toBe('tick\\`code\\`');
    expect(mdText('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert\\(1\\)&gt;');
    expect(mdText('line1\nline2\r\nline3')).toBe('line1<br>line2<br>line3');
    expect(mdText('[click](javascript:alert(1))')).toBe('\\[click\\]\\(javascript:alert\\(1\\)\\)');
    expect(mdText('&lt;')).toBe('&amp;lt;');
    expect(mdText('back\\slash')).toBe('back\\\\slash');
    expect(mdText('\u202eevil\u0007')).toBe('\\\\u{202e}evil\\\\u{7}');
    expect(mdText('tcp://10.96.0.10:53')).toBe('tcp://10.96.0.10:53');
  });

  it('leaves no raw HTML, unescaped pipe, backtick or newline in any hostile string', () => {
    for (const s of HOSTILE) {
      const out = mdText(s);
      expect(out.replace(/<br>/g, ''), s).not.toMatch(/[<>\n\r]/);
      expect(out, s).not.toMatch(/(?<!\\)[|`[\]]/);
    }
  });
});

const hostileAp = (over: Partial<AccessPoint>): AccessPoint => ({
  kind: 'Ingress',
  url: 'http://x|y.example/<script>alert(1)</script>',
  scope: 'edge',
  reachable: false,
  reason: 'backend `svc` | missing\nsecond line',
  outcome: 'HTTP_5XX',
  reaches: [],
  badges: ['varies'],
  notes: ['<img onerror=alert(1)>', 'pipe | in note'],
  ...over,
});

describe('accessTableMarkdown', () => {
  it('writes one row per access point with seven cells each, whatever the cluster text', () => {
    const md = accessTableMarkdown('svc:ns/a|b', [hostileAp({}), hostileAp({ kind: 'ClusterIP', url: 'tcp://10.0.0.1:80', reachable: true, outcome: 'OK', reason: undefined as unknown as string, notes: [] })]);
    const lines = md.trimEnd().split('\n');
    expect(lines[0]).toBe('**Access points of svc:ns/a\\|b**: 2 URLs, 1 reachable');
    expect(lines[1]).toBe('');
    expect(lines[2]).toBe('| Kind | URL | Scope | Verdict | Reason | Badges | Notes |');
    expect(lines[3]).toBe('| --- | --- | --- | --- | --- | --- | --- |');
    expect(lines).toHaveLength(6);
    for (const l of lines.slice(2)) expect(cells(l)).toHaveLength(7);
    expect(cells(lines[4] as string)).toEqual([
      'Ingress',
      'http://x\\|y.example/&lt;script&gt;alert\\(1\\)&lt;/script&gt;',
      'edge',
      '**not reachable** (HTTP\\_5XX)',
      'backend \\`svc\\` \\| missing<br>second line',
      'varies',
      '&lt;img onerror=alert\\(1\\)&gt;<br>pipe \\| in note',
    ]);
    expect(cells(lines[5] as string).slice(0, 5)).toEqual(['ClusterIP', 'tcp://10.0.0.1:80', 'edge', 'reachable', '']);
    expect(md).not.toMatch(/<(?!br>)/);
  });

  it('renders a real Service (shop frontend) and says when there are none', () => {
    const topo = buildTopology(loadDemo('shop'));
    const aps = accessPointsForService(topo, 'svc:shop/frontend');
    const md = accessTableMarkdown('svc:shop/frontend', aps);
    expect(md.split('\n').filter((l) => l.startsWith('| '))).toHaveLength(aps.length + 2);
    expect(md).toContain('| LoadBalancer | tcp://203.0.113.50:80 | lb | reachable |');
    expect(md).toMatch(/\| NodePort \| tcp:\/\/10\.0\.3\.13:31080 \| node:worker-3 \| \*\*not reachable\*\* \(DROP\) \|/);
    expect(accessTableMarkdown('svc:a/b', [])).toBe('**Access points of svc:a/b**: 0 URLs, 0 reachable\n');
  });
});

describe('hopTableMarkdown', () => {
  it('renders a real trace: the outcome line, one row per hop, eligible endpoints, backend view and notes', () => {
    const r = tracePath(buildTopology(loadDemo('seed')), { path: 2, to: 'svc:default/webapp', via: 'node:n3' });
    const md = hopTableMarkdown(r);
    const lines = md.split('\n');
    expect(lines[0]).toBe('**Path ② F2-nodeport: REFUSED**' + (r.badges.length ? ` — ${r.badges.join(', ')}` : ''));
    expect(lines[2]).toBe('| # | Component | Location | Source | Destination | Transform | Why |');
    const rows = lines.filter((l) => /^\| \d/.test(l));
    expect(rows).toHaveLength(r.hops.length);
    for (const row of rows) expect(cells(row)).toHaveLength(7);
    expect(cells(rows[1] as string).slice(0, 6)).toEqual(['2', 'netfilter', 'n3', "192.168.1.13:e'", '10.244.2.20:80', 'DNAT 192.168.1.13:30081 → 10.244.2.20:80; SNAT → 192.168.1.13']);
    expect(md).toContain('Eligible endpoints: ');
    expect(md).toContain('Notes:\n\n- ');
    expect(md.split('\n').filter((l) => l.startsWith('- '))).toHaveLength(r.notes.length);
  });

  it('keeps hostile hop text inside its cell and hostile notes inside their bullet', () => {
    const r: PathResult = {
      flow: '④',
      variant: 'F4-base',
      outcome: 'HTTP_5XX',
      httpStatus: 503,
      badges: ['varies'],
      eligible: ['a|b 10.0.0.1:80'],
      backendSees: { src: '`x`', dst: '<b>' },
      notes: ['# not a heading', '1. not a list', '<img onerror=alert(1)>\n- injected bullet', '> not a quote'],
      hops: [
        { step: 1, component: 'pod', location: 'node|evil', src: '10.0.0.1:e', dst: '10.0.0.2:80', transforms: [{ kind: 'DNS_ANSWER', records: ['<script>', 'a|b'] }], basis: 'line\nbreak `code`', elements: [] },
      ],
    };
    const md = hopTableMarkdown(r);
    expect(md.split('\n')[0]).toBe('**Path ④ F4-base: HTTP\\_5XX (HTTP 503)** — varies');
    const row = md.split('\n').find((l) => l.startsWith('| 1 '));
    expect(cells(row as string)).toEqual(['1', 'pod', 'node\\|evil', '10.0.0.1:e', '10.0.0.2:80', 'DNS answer &lt;script&gt;, a\\|b', 'line<br>break \\`code\\`']);
    expect(md).toContain('Eligible endpoints: a\\|b 10.0.0.1:80');
    expect(md).toContain('Backend sees: source \\`x\\`, destination &lt;b&gt;');
    const bullets = md.split('\n').filter((l) => l.startsWith('- '));
    expect(bullets).toEqual(['- \\# not a heading', '- 1\\. not a list', '- &lt;img onerror=alert\\(1\\)&gt;<br>- injected bullet', '- &gt; not a quote']);
    expect(md).not.toMatch(/<(?!br>)/);
  });
});
