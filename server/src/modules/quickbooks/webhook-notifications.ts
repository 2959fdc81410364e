import { createHmac } from 'node:crypto';
import { safeEqual } from '../../platform/crypto.js';

export interface EntityChange {
  realmId: string;
  name: string;
  id: string;
  operation: string;
}

/** `intuit-signature` = base64(HMAC-SHA256(verifier token, raw body)); compared in constant time. */
export function verifyIntuitSignature(raw: Buffer, signature: string | undefined, verifierToken: string): boolean {
  if (!signature || !verifierToken) return false;
  const expected = createHmac('sha256', verifierToken).update(raw).digest('base64');
  return safeEqual(expected, signature.trim());
}

const CLOUD_OPS: Record<string, string> = {
  created: 'Create',
  updated: 'Update',
  deleted: 'Delete',
  voided: 'Void',
  merged: 'Merge',
  emailed: 'Emailed',
};

/** Both delivery formats: legacy `eventNotifications` and the CloudEvents array. Null when neither. */
export function parseNotifications(
  body: unknown,
): { format: 'legacy' | 'cloudevents'; changes: EntityChange[] } | null {
  if (Array.isArray(body)) {
    const changes = body.flatMap((e: any) => {
      const m = /^qbo\.([a-z]+)\.([a-z]+)\.v\d+$/i.exec(String(e?.type ?? ''));
      if (!m || !e?.intuitentityid || !e?.intuitaccountid) return [];
      return [
        {
          realmId: String(e.intuitaccountid),
          name: entityName(m[1]!),
          id: String(e.intuitentityid),
          operation: CLOUD_OPS[m[2]!.toLowerCase()] ?? m[2]!,
        },
      ];
    });
    return { format: 'cloudevents', changes };
  }
  const notes = (body as any)?.eventNotifications;
  if (!Array.isArray(notes)) return null;
  const changes = notes.flatMap((n: any) =>
    (n?.dataChangeEvent?.entities ?? []).map((e: any) => ({
      realmId: String(n.realmId),
      name: String(e.name),
      id: String(e.id),
      operation: String(e.operation),
    })),
  );
  return { format: 'legacy', changes };
}

function entityName(lower: string): string {
  const known = ['Invoice', 'Payment', 'Customer', 'CreditMemo', 'Purchase', 'Item', 'Account'];
  return known.find((k) => k.toLowerCase() === lower.toLowerCase()) ?? lower;
}
