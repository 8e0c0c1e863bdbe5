/**
 * The ssh runtime's options: hosts as `[user@]host[:port]` (IPv6 in brackets), nothing that ssh could
 * take for an option of its own (a leading dash), and one clear message for each bad value.
 */
import { describe, expect, it } from 'vitest';
import { parseSshTarget, sshOptionsSchema } from '../../src/runtimes/ssh-options.js';

describe('ssh runtime options', () => {
  it('parses [user@]host[:port]', () => {
    expect(parseSshTarget('db1')).toEqual({ host: 'db1' });
    expect(parseSshTarget('admin@db3.example.org:2222')).toEqual({ host: 'db3.example.org', user: 'admin', port: 2222 });
    expect(parseSshTarget('root@10.1.2.3')).toEqual({ host: '10.1.2.3', user: 'root' });
    expect(parseSshTarget('[::1]:22')).toEqual({ host: '::1', port: 22 });
  });

  it('refuses what ssh could take for an option, and malformed hosts', () => {
    for (const bad of ['-oProxyCommand=touch /tmp/x', 'a b', 'h;rm', 'h:0', 'h:70000', 'u@', '@h', '$(x)', '']) expect(parseSshTarget(bad), bad).toBeUndefined();
  });

  it('validates the whole set, naming the bad host', () => {
    const ok = sshOptionsSchema.parse({ hosts: 'a,b@c,d:2', sudo: 'true' });
    expect(ok.hosts).toEqual([{ host: 'a' }, { host: 'c', user: 'b' }, { host: 'd', port: 2 }]);
    expect(ok).toMatchObject({ sudo: true, 'known-hosts': 'strict', 'work-dir': '/var/tmp/faultline' });
    const bad = sshOptionsSchema.safeParse({ hosts: 'a,-oProxyCommand=x' });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.message).toBe('"-oProxyCommand=x" is not [user@]host[:port]');
    expect(sshOptionsSchema.safeParse({ hosts: 'a', 'work-dir': 'relative' }).success).toBe(false);
    expect(sshOptionsSchema.safeParse({ hosts: 'a', 'known-hosts': 'off' }).success).toBe(false);
  });
});
