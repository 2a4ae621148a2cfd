import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compareCatalogues, flattenCatalogue, placeholders } from './check';
import { DEFAULT_LANGUAGE, MESSAGES, SUPPORTED_LANGUAGES, createI18n, isLanguage, matchLanguage, negotiateLanguage, parseAcceptLanguage, requestLanguage } from './config';

const source = (rel: string): string => readFileSync(fileURLToPath(new URL(rel, import.meta.url)), 'utf8');

/** Every `'T-…'` literal in the model's trace code: the teaching keys a hop can carry (ternaries included). */
const TRACE_TEACH_KEYS = [...new Set([...source('../model/trace.ts').matchAll(/'(T-[A-Z]+(?:-[A-Z]+)*)'/g)].map((m) => m[1] as string))].sort();

/** The keys of spec §7.1, in its order. */
const SPEC_TEACH_KEYS = [
  'T-LB-ADDR', 'T-LB-NODE', 'T-HEALTH', 'T-NODEPORT', 'T-DNAT', 'T-SNAT', 'T-CLUSTERIP', 'T-DNS', 'T-TARGETPORT', 'T-ENDPOINTS',
  'T-BRIDGE', 'T-OVERLAY', 'T-HOSTPORT', 'T-HOSTNET', 'T-EXTIP', 'T-EXTNAME', 'T-INGRESS', 'T-GATEWAY', 'T-NETPOL', 'T-PORTFWD',
];

describe('message catalogues', () => {
  it('have the same keys, complete plural forms and the same placeholders in every language', () => {
    expect(compareCatalogues(MESSAGES)).toEqual([]);
  });

  it('the comparison catches a key missing on either side, a plural gap and a placeholder mismatch', () => {
    expect(compareCatalogues({ en: { a: { b: 'x', c: 'y' } }, 'zh-CN': { a: { b: 'x' } } })).toEqual(['zh-CN: missing a.c (present in en)']);
    expect(compareCatalogues({ en: { a: 'x' }, 'zh-CN': { a: 'x', extra: 'z' } })).toEqual(['en: missing extra (present in zh-CN)']);
    expect(compareCatalogues({ en: { t_other: '{{count}} nodes' }, 'zh-CN': { t_other: '{{count}} 个节点' } })).toEqual(['en: t lacks the plural form _one']);
    expect(compareCatalogues({ en: { t: 'Step {{n}} of {{total}}' }, 'zh-CN': { t: '第 {{n}} 步' } })).toEqual(['t: placeholders {n,total} in en but {n} in zh-CN']);
    expect(compareCatalogues({ en: { t: '' }, 'zh-CN': { t: 'x' } })).toEqual(['en: t is empty']);
    expect(compareCatalogues({ en: { t: 'x' }, 'zh-CN': { t: ['x'] } })).toEqual(['zh-CN: t is not a string']);
  });

  it('placeholders are read with and without a format', () => {
    expect(placeholders('These are the NodeIPs of your {{count}} nodes: {{list, list(style: narrow)}}.')).toEqual(['count', 'list']);
    expect(placeholders('no placeholders, {} and { single }')).toEqual([]);
  });

  it('hold every teaching key of spec §7.1, and nothing else under teach', () => {
    for (const lang of SUPPORTED_LANGUAGES) {
      const teach = [...flattenCatalogue(MESSAGES[lang])].filter(([k]) => k.startsWith('teach.')).map(([k]) => k.slice(6));
      expect(teach.sort(), lang).toEqual([...SPEC_TEACH_KEYS].sort());
    }
  });

  it('hold every teaching key that tracePath can emit, in both languages', () => {
    // The grep must see the keys only chosen in ternaries (T-SNAT, T-HOSTNET, T-HEALTH) too.
    expect(TRACE_TEACH_KEYS).toEqual(expect.arrayContaining(['T-SNAT', 'T-HOSTNET', 'T-HEALTH', 'T-DNAT', 'T-NODEPORT']));
    expect(TRACE_TEACH_KEYS.length).toBeGreaterThanOrEqual(15);
    for (const lang of SUPPORTED_LANGUAGES) {
      const i18n = createI18n(lang);
      for (const key of TRACE_TEACH_KEYS) expect(i18n.exists(`teach.${key}`, { lng: lang, fallbackLng: false }), `${lang} teach.${key}`).toBe(true);
    }
  });

  it('hold a claim, a correction and a try-it text for M1 … M22', () => {
    for (const lang of SUPPORTED_LANGUAGES) {
      const flat = flattenCatalogue(MESSAGES[lang]);
      for (let i = 1; i <= 22; i++) for (const part of ['claim', 'correction', 'try']) expect(flat.get(`misconception.M${i}.${part}`), `${lang} M${i}.${part}`).toBeTruthy();
      expect([...flat.keys()].filter((k) => k.startsWith('misconception.')).length).toBe(66);
    }
  });

  it('translate rather than copy: the Chinese texts are Chinese', () => {
    const en = flattenCatalogue(MESSAGES.en);
    const zh = flattenCatalogue(MESSAGES['zh-CN']);
    const same = [...en].filter(([k, v]) => zh.get(k) === v).map(([k]) => k);
    // Only names stay the same: language names (endonyms) and the method names (Kubernetes terms).
    expect(same.sort()).toEqual(['methods.hostPort.name', 'methods.ingress.name', 'methods.loadBalancer.name', 'methods.nodePort.name', 'ui.languageName.en', 'ui.languageName.zh-CN']);
    for (const [k, v] of zh) if (k.startsWith('teach.') || k.startsWith('misconception.')) expect(v ?? '', k).toMatch(/[\u4e00-\u9fff]/);
  });

  it('keep Kubernetes terms in English in Chinese where operators use them', () => {
    const zh = flattenCatalogue(MESSAGES['zh-CN']);
    expect(zh.get('teach.T-NODEPORT')).toContain('NodePort');
    expect(zh.get('teach.T-DNAT')).toContain('kube-proxy');
    expect(zh.get('teach.T-ENDPOINTS')).toContain('EndpointSlice');
    expect(zh.get('teach.T-CLUSTERIP')).toContain('ClusterIP');
    expect(zh.get('teach.T-INGRESS')).toContain('Ingress');
    expect(zh.get('teach.T-DNS')).toMatch(/Service.*Pod|Pod.*Service/);
  });
});

describe('createI18n', () => {
  it('translates synchronously in both languages, with plurals and lists', () => {
    const en = createI18n('en');
    const zh = createI18n('zh-CN');
    const list = ['n1 (192.168.1.11)', 'n2 (192.168.1.12)', 'n3 (192.168.1.13)'];
    expect(en.t('ips.nodeIP.text', { count: 3, list })).toMatch(/^These are the NodeIPs of your 3 nodes: n1 \(192\.168\.1\.11\), n2 \(192\.168\.1\.12\), n3 \(192\.168\.1\.13\)\./);
    expect(en.t('ips.nodeIP.text', { count: 1, list: list.slice(0, 1) })).toMatch(/^Your cluster has one node, and this is its NodeIP: n1 \(192\.168\.1\.11\)\./);
    expect(zh.t('ips.nodeIP.text', { count: 3, list })).toMatch(/^你的集群共有 3 个节点，它们的 NodeIP 是：n1 \(192\.168\.1\.11\)、n2 \(192\.168\.1\.12\)、n3 \(192\.168\.1\.13\)。/);
    expect(zh.t('ips.nodeIP.text', { count: 1, list: list.slice(0, 1) })).toMatch(/^你的集群共有 1 个节点/);
    expect(en.t('ui.stepOf', { n: 2, total: 9 })).toBe('Step 2 of 9');
    expect(zh.t('ui.stepOf', { n: 2, total: 9 })).toBe('第 2 步，共 9 步');
  });

  it('does not HTML-escape values by default (text surfaces escape), and can', () => {
    // Hop addresses contain `<pending>`; escaping here would show `&lt;pending&gt;` in a React text node.
    expect(createI18n('en').t('tour.line.addresses', { src: '198.51.100.50', dst: '<pending>:80' })).toBe('Packet: 198.51.100.50 → <pending>:80');
    expect(createI18n('en', { escapeValue: true }).t('tour.line.addresses', { src: 'a', dst: '<pending>:80' })).toBe('Packet: a → &lt;pending&gt;:80');
  });

  it('negotiates other tags and defaults to English', () => {
    expect(createI18n('zh-Hans').language).toBe('zh-CN');
    expect(createI18n('fr').language).toBe('en');
    expect(createI18n().language).toBe(DEFAULT_LANGUAGE);
    expect(createI18n('zh-CN').t('ui.next')).toBe('下一步');
  });

  it('gives independent instances: switching one leaves the other', async () => {
    const a = createI18n('en');
    const b = createI18n('en');
    await a.changeLanguage('zh-CN');
    expect(a.t('ui.learn')).toBe('学习');
    expect(b.t('ui.learn')).toBe('Learn');
  });
});

describe('language negotiation', () => {
  it('maps Chinese and English tags', () => {
    expect(['zh', 'zh-CN', 'zh_CN', 'ZH-hans', 'zh-Hans-CN', 'zh-SG', 'zh-TW'].map(matchLanguage)).toEqual(Array(7).fill('zh-CN'));
    expect(['en', 'en-US', 'EN-gb'].map(matchLanguage)).toEqual(['en', 'en', 'en']);
    expect([undefined, null, '', 'fr', 'zhx', 'eng'].map(matchLanguage)).toEqual(Array(6).fill(undefined));
    expect(isLanguage('zh-CN')).toBe(true);
    expect(isLanguage('zh')).toBe(false);
  });

  it('picks the first supported preference', () => {
    expect(negotiateLanguage(['fr-FR', 'zh-CN', 'en'])).toBe('zh-CN');
    expect(negotiateLanguage(['de', 'ja'])).toBe('en');
    expect(negotiateLanguage([])).toBe('en');
  });

  it('parses Accept-Language by weight, keeping order for ties', () => {
    expect(parseAcceptLanguage('fr;q=0.5, zh-CN;q=0.9, en, *;q=0.1, de;q=0')).toEqual(['en', 'zh-CN', 'fr']);
    expect(parseAcceptLanguage('zh-CN,zh;q=0.9,en;q=0.8')).toEqual(['zh-CN', 'zh', 'en']);
    expect(parseAcceptLanguage(undefined)).toEqual([]);
  });

  it('prefers the remembered cookie over the browser', () => {
    expect(requestLanguage('en', 'zh-CN,zh;q=0.9')).toBe('en');
    expect(requestLanguage(undefined, 'zh-CN,zh;q=0.9')).toBe('zh-CN');
    expect(requestLanguage('klingon', 'fr, zh-TW;q=0.8')).toBe('zh-CN');
    expect(requestLanguage(undefined, undefined)).toBe('en');
  });
});
