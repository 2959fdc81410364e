import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { billedOrgForFile, settleForFile } from '../../test/for-file.js';
import { JSON_BODY_LIMIT_BYTES } from '../http/json-errors.js';

/**
 * Security suite, point 20: every request body Settle reads without a login is bounded where it is read.
 * A body declared larger than its route's limit is answered 413 at once, unread, and one sent without a
 * length (chunked) as soon as it passes the limit; either way the connection closes behind the answer,
 * so the sender cannot go on streaming into it. (The Stripe webhook's own test is in point 16.)
 */
const s = settleForFile({ worker: false });
const { a, f } = billedOrgForFile(s, 'Body Limits Org');

const MiB = 1024 * 1024;

/**
 * Sends a request's headers and `sent` bytes of its body (chunked when the headers say so), then waits
 * up to 3 s for the answer and the close. `ms` is how long the answer took.
 */
function forge(path: string, headers: string, sent: number) {
  const { hostname, port } = new URL(s.url);
  return new Promise<{ answer: string; closed: boolean; ms: number }>((resolve) => {
    const started = Date.now();
    let answer = '';
    let answeredAt = 0;
    const socket = net.connect(Number(port), hostname, () => {
      socket.write(`POST ${path} HTTP/1.1\r\nHost: ${hostname}\r\nX-Forwarded-For: 203.0.113.90\r\n${headers}\r\n`);
      const body = 'x'.repeat(sent);
      socket.write(headers.includes('chunked') ? `${sent.toString(16)}\r\n${body}\r\n` : body);
    });
    socket.on('data', (d: Buffer) => {
      answer += d.toString();
      answeredAt ||= Date.now();
    });
    socket.on('error', () => undefined); // writing into a socket Settle closed: its answer is in already
    const done = (closed: boolean) => resolve({ answer, closed, ms: (answeredAt || Date.now()) - started });
    socket.on('close', () => done(true));
    setTimeout(() => {
      done(false);
      socket.destroy();
    }, 3_000);
  });
}

/** A length past every limit (64 MiB) with 64 KiB of it sent, and a chunked body sent just past `limit`. */
async function expectRefusedUnread(path: string, limit: number, type = 'application/json') {
  const declared = await forge(path, `Content-Type: ${type}\r\nContent-Length: ${64 * MiB}\r\n`, 64 * 1024);
  expect(declared.answer).toMatch(/^HTTP\/1\.1 413 /);
  expect(declared.answer).toMatch(/connection: close/i);
  expect(declared.ms).toBeLessThan(2_000);
  expect(declared.closed).toBe(true);
  const chunked = await forge(path, `Content-Type: ${type}\r\nTransfer-Encoding: chunked\r\n`, limit + 64 * 1024);
  expect(chunked.answer).toMatch(/^HTTP\/1\.1 413 /);
  expect(chunked.closed).toBe(true);
  return JSON.parse(declared.answer.slice(declared.answer.indexOf('\r\n\r\n') + 4)) as unknown;
}

describe('request bodies past their limit', () => {
  it('POST /graphql: 413 at once for a length declared past 1.5 MiB, and a chunked body cut at it; the connection closes', async () => {
    expect(JSON_BODY_LIMIT_BYTES).toBe(1.5 * MiB);
    expect(await expectRefusedUnread('/graphql', JSON_BODY_LIMIT_BYTES)).toEqual({
      errors: [{ message: 'The request body is larger than 1.5 MiB.', extensions: { code: 'PAYLOAD_TOO_LARGE' } }],
    });
    // Express's own /graphql chain (a query string: not the fast path) refuses the same way.
    await expectRefusedUnread('/graphql?op=x', JSON_BODY_LIMIT_BYTES);
  });

  it('POST /webhooks/quickbooks: 413 at once past 1 MiB, chunked too; the connection closes', async () => {
    expect(await expectRefusedUnread('/webhooks/quickbooks', MiB)).toEqual({ error: 'payload too large' });
  });

  it('any other route (none reads a body): answered at once and the connection closed, the body not drained', async () => {
    for (const path of ['/no-such-route', '/admin/', '/pay/some-link']) {
      const sent = await forge(path, `Content-Type: text/plain\r\nContent-Length: ${64 * MiB}\r\n`, 64 * 1024);
      expect(sent.answer).toMatch(/^HTTP\/1\.1 [45]\d\d /);
      expect(sent.answer).toMatch(/connection: close/i);
      expect(sent.closed).toBe(true);
    }
  });

  it('takes the largest valid mutation (500 lines of 500 four-byte characters), chunked, within the limit', async () => {
    const draft = await f.draftInvoice();
    const line = {
      kind: 'MANUAL',
      description: '😀'.repeat(500),
      quantity: '1',
      unitPrice: 100,
      discount: 0,
      taxRateBps: 0,
    };
    const body = JSON.stringify(
      {
        query: `mutation($id:ID!,$input:UpdateDraftInvoiceInput!){updateDraftInvoice(id:$id,input:$input){lines{id}}}`,
        variables: {
          id: draft.id,
          input: { notes: '😀'.repeat(5000), memo: '😀'.repeat(5000), lines: Array(500).fill(line) },
        },
      },
      null,
      2,
    );
    expect(Buffer.byteLength(body)).toBeGreaterThan(MiB);
    const bytes = new TextEncoder().encode(body);
    const res = await fetch(`${s.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${a.apiToken}` },
      // A stream: sent chunked, without a length, so Express's chain reads it (not the fast path).
      body: new ReadableStream({
        start(c) {
          for (let i = 0; i < bytes.length; i += 64 * 1024) c.enqueue(bytes.slice(i, i + 64 * 1024));
          c.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    const answer = (await res.json()) as { data?: { updateDraftInvoice: { lines: unknown[] } }; errors?: unknown };
    expect(answer.errors).toBeUndefined();
    expect(res.status).toBe(200);
    expect(answer.data!.updateDraftInvoice.lines).toHaveLength(500);
  });
});
