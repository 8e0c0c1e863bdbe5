/**
 * The replicated state machine: a map from keys to JSON values plus the client session table that
 * makes retried writes idempotent. Applying the same committed commands in the same order on every
 * node yields the same state; `snapshot`/`restore` carry both the data and the sessions.
 */
import type { KvRequest, KvResult, MicroOp } from './protocol.js';

interface Session {
  seq: number;
  result: KvResult;
}

export class KvState {
  private data = new Map<string, unknown>();
  private sessions = new Map<string, Session>();

  /** Current value under `key` (null when absent). */
  read(key: string): unknown {
    return this.data.has(key) ? this.data.get(key) : null;
  }

  /** Applies one committed request; a (client, seq) already applied returns its recorded result. */
  apply(req: KvRequest): KvResult {
    if (req.f === 'read') return { type: 'ok', value: this.read(req.key) };
    const s = this.sessions.get(req.client);
    if (s && req.seq === s.seq) return s.result;
    if (s && req.seq < s.seq) return { type: 'fail', error: 'stale-request' };
    const result = this.execute(req);
    this.sessions.set(req.client, { seq: req.seq, result });
    return result;
  }

  private execute(req: Exclude<KvRequest, { f: 'read' }>): KvResult {
    switch (req.f) {
      case 'write':
        this.data.set(req.key, req.value);
        return { type: 'ok' };
      case 'cas': {
        const [from, to] = req.value;
        if (!sameValue(this.read(req.key), from)) return { type: 'fail', error: 'cas-mismatch' };
        this.data.set(req.key, to);
        return { type: 'ok' };
      }
      case 'append':
        this.append(req.key, req.value);
        return { type: 'ok' };
      case 'txn':
        return { type: 'ok', value: req.value.map((op) => this.micro(op)) };
    }
  }

  private micro(op: MicroOp): MicroOp {
    const [f, key, v] = op;
    if (f === 'r') return ['r', key, this.read(key)];
    if (f === 'w') this.data.set(key, v);
    else this.append(key, v);
    return op;
  }

  private append(key: string, v: unknown): void {
    const cur = this.read(key);
    this.data.set(key, Array.isArray(cur) ? [...cur, v] : cur === null ? [v] : [cur, v]);
  }

  /** Serializes data and sessions. */
  snapshot(): string {
    return JSON.stringify({ data: [...this.data], sessions: [...this.sessions] });
  }

  /** Rebuilds a state machine from `snapshot()` output. */
  static restore(text: string): KvState {
    const kv = new KvState();
    const parsed = JSON.parse(text) as { data: [string, unknown][]; sessions: [string, Session][] };
    kv.data = new Map(parsed.data);
    kv.sessions = new Map(parsed.sessions);
    return kv;
  }
}

/** The serialized empty state (snapshot index 0). */
export const EMPTY_KV_SNAPSHOT = new KvState().snapshot();

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
