import { describe, expect, it } from 'vitest';
import { linkFor, scopeText } from './access-table';

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
    expect(scopeText('cluster')).toBe('from inside the cluster');
    expect(scopeText('node:n2')).toBe('from the node network, via n2');
    expect(scopeText('lb')).toMatch(/^from the internet/);
  });
});
