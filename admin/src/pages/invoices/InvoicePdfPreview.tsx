import { useState } from 'react';
import { Button, Group, Modal, Stack } from '@mantine/core';

/** Where the server renders an invoice's PDF; `inline` shows it in a frame instead of saving a file. */
export const invoicePdfUrl = (id: string, inline = false) =>
  `/portal-api/invoices/${encodeURIComponent(id)}/pdf${inline ? '?inline=1' : ''}`;

/**
 * "Preview" opens the invoice as the client will get it (the PDF the email carries), drafts included, in a
 * modal with a download; "Download PDF" saves it straight away.
 */
export function InvoicePdfActions({ id, number }: { id: string; number: string }) {
  const [open, setOpen] = useState(false);
  const download = (
    <Button component="a" href={invoicePdfUrl(id)} download variant="default" data-testid="invoice-pdf-download">
      Download PDF
    </Button>
  );
  return (
    <>
      <Button variant="default" onClick={() => setOpen(true)} data-testid="invoice-preview">
        Preview
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={`Invoice ${number}`} size="xl">
        <Stack>
          <iframe
            src={invoicePdfUrl(id, true)}
            title={`Invoice ${number} as a PDF`}
            style={{ width: '100%', height: '70vh', border: 0 }}
            data-testid="invoice-preview-frame"
          />
          <Group justify="flex-end">{download}</Group>
        </Stack>
      </Modal>
    </>
  );
}
