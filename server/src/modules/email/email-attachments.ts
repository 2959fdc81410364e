/** A file sent with an email: rendered when the email is delivered, never stored in the outbox row. */
export interface EmailAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

/**
 * What a module attaches to the emails of one kind (the invoice email carries the invoice PDF). Asked at
 * delivery, so a retried delivery renders the document again from the same record.
 */
export interface EmailAttachmentSource {
  kind: string;
  attachmentsFor(orgId: string, relatedId: string): Promise<EmailAttachment[]>;
}

/** Every module's attachment sources, by email kind. */
export class EmailAttachmentSources {
  private readonly sources: EmailAttachmentSource[] = [];

  add(source: EmailAttachmentSource): void {
    this.sources.push(source);
  }

  async for(kind: string, orgId: string, relatedId: string | null): Promise<EmailAttachment[]> {
    if (!relatedId) return [];
    const wanted = this.sources.filter((s) => s.kind === kind);
    return (await Promise.all(wanted.map((s) => s.attachmentsFor(orgId, relatedId)))).flat();
  }
}
