import { describe, expect, it } from 'vitest';
import { createI18n } from '../lib/i18n/config';
import { linkFor, scopeText } from './access-table';

const { t } = createI18n('en');

describe('access table helpers', () => {
  it('links only http and https URLs, never placeholders or other schemes', () => {
    expect(linkFor('http://webapp.example.com/')).toBe('http://webapp.example.com/');
    expect(linkFor('https://[2001:db8::1]:8443/')).toBe('https://[2001:db8::1]:8443/');
    expect(linkFor('javascript:alert(1)')).toBeUndefined();
    expect(linkFor('tcp://10.96.0.10:53')).toBeUndefined();
    expect(linkFor('http://<pending>:80')).toBeUndefined();
    expect(linkFor('not a url')).toBeUndefined();
  });

  it('says where each scope reaches from', () => {
    expect(scopeText(t, 'cluster')).toBe('from inside the cluster');
    expect(scopeText(t, 'node:n2')).toBe('from the node network, via n2');
    expect(scopeText(t, 'lb')).toMatch(/^from the internet/);
  });
});
