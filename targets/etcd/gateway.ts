/**
 * etcd's JSON gateway (`/v3/kv/range|put|txn` on the client URL), spoken with Node's fetch.
 *
 * Why the gateway and not the `etcd3` npm client: the gateway is plain HTTP/JSON, so every outcome
 * the harness must classify — connection refused, a 5xx after etcd's 7 s internal timeout, a reset
 * mid-request, our own abort — is visible as-is, with no gRPC retry layer in between that could
 * silently resend a write; and it adds no dependency (fetch is built into Node 20).
 *
 * Keys and values travel base64-encoded; int64 fields arrive as strings; fields holding default values
 * (`succeeded: false`, empty `kvs`) are omitted from replies.
 */
import { ClientError } from '../../src/core/errors.js';

export const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');
export const unb64 = (s: string): string => Buffer.from(s, 'base64').toString('utf8');

/** A connection etcd refused: the request certainly never reached it (definite). */
export class RefusedError extends ClientError {
  constructor(message: string) {
    super(message, true);
  }
}

/** True for errors where the request certainly never reached etcd. */
function neverSent(e: unknown): boolean {
  const cause = (e as { cause?: { code?: string } }).cause;
  return cause?.code === 'ECONNREFUSED';
}

/**
 * POSTs `body` to `path` on `baseUrl` and returns the parsed reply. Throws `ClientError`:
 * definite when the request was never sent (a `RefusedError`) or etcd rejected it (4xx); indefinite
 * otherwise, unless `readOnly` — a read has no effect, so any failure of a read is definite.
 */
export async function gatewayPost(
  baseUrl: string,
  path: string,
  body: unknown,
  signal: AbortSignal,
  readOnly: boolean,
): Promise<Record<string, unknown>> {
  let res: Response;
  try {
    res = await fetch(baseUrl + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal,
    });
  } catch (e) {
    if (signal.aborted) throw new ClientError('timed out', readOnly);
    const code = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).message;
    if (neverSent(e)) throw new RefusedError(`connection error: ${code}`);
    throw new ClientError(`connection error: ${code}`, readOnly);
  }
  let text: string;
  try {
    text = await res.text();
  } catch (e) {
    throw new ClientError(signal.aborted ? 'timed out' : `reply lost: ${(e as Error).message}`, readOnly);
  }
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new ClientError(`HTTP ${res.status}: unparsable reply`, readOnly || res.status < 500);
  }
  if (!res.ok) {
    const msg = typeof json.message === 'string' ? json.message : `HTTP ${res.status}`;
    throw new ClientError(`HTTP ${res.status}: ${msg}`, readOnly || res.status < 500);
  }
  return json;
}
