/**
 * The ssh runtime's settings (`--runtime-opt key=value`): the hosts, one per node (`[user@]host[:port]`,
 * an IPv6 address in brackets), and how to reach them — a default user, an identity file, an ssh
 * config file, the known-hosts policy — plus where the runs live on the hosts and whether firewall
 * commands need `sudo`. Everything else (jump hosts, agents, ciphers) belongs in the user's ssh config.
 */
import { z } from 'zod';
import { boolOpt } from '../core/options.js';

/** One host as the runtime reaches it. */
export interface SshTarget {
  /** What ssh connects to (a name of the user's ssh config, a DNS name or an address). */
  host: string;
  user?: string;
  port?: number;
}

const HOST = /^(?:([^@\s:[\]]+)@)?(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9_.-]+)(?::(\d{1,5}))?$/;

/** Parses `[user@]host[:port]`; undefined when it is not one. */
export function parseSshTarget(spec: string): SshTarget | undefined {
  const m = HOST.exec(spec.trim());
  if (!m || m[2]!.startsWith('-')) return undefined;
  const port = m[3] === undefined ? undefined : Number(m[3]);
  if (port !== undefined && (port < 1 || port > 65535)) return undefined;
  return { host: m[2]!.replace(/^\[|\]$/g, ''), ...(m[1] ? { user: m[1] } : {}), ...(port ? { port } : {}) };
}

const remotePath = z.string().regex(/^\/[^\0\n]*$/, 'an absolute path on the hosts');

export const sshOptionsSchema = z.object({
  hosts: z
    .string({ error: 'hosts=h1,h2,h3 is required: one [user@]host[:port] per node' })
    .transform((s, ctx) =>
      s.split(',').map((h) => {
        const t = parseSshTarget(h);
        if (!t) ctx.addIssue({ code: 'custom', message: `${JSON.stringify(h)} is not [user@]host[:port]` });
        return t ?? { host: h };
      }),
    ),
  /** Login user for hosts that name none (default: ssh's own choice, from the config or the local user). */
  user: z.string().regex(/^[^@\s]+$/).optional(),
  /** Private key file (`ssh -i`). */
  identity: z.string().optional(),
  /** ssh config file (`ssh -F`) instead of ~/.ssh/config. */
  config: z.string().optional(),
  /** `strict`: hosts must be in known_hosts already; `accept-new`: unknown hosts are added, changed keys refused. */
  'known-hosts': z.enum(['strict', 'accept-new']).default('strict'),
  /** known_hosts file to use instead of ~/.ssh/known_hosts. */
  'known-hosts-file': z.string().optional(),
  /** Directory on each host for runs and the uploaded program cache. */
  'work-dir': remotePath.default('/var/tmp/faultline'),
  /** Run firewall commands with `sudo -n` (for a login user that is not root). */
  sudo: boolOpt(false),
});

export type SshOptions = z.infer<typeof sshOptionsSchema>;
