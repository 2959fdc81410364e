const VARIABLES = ['client_name', 'period_start', 'period_end', 'invoice_number', 'due_date', 'org_name'] as const;
export type MemoVariable = (typeof VARIABLES)[number];

/** Unknown `{variables}` in a template, so a typo is caught when the template is saved, not on an invoice. */
export function unknownMemoVariables(template: string): string[] {
  return [...template.matchAll(/\{([a-z_]+)\}/g)]
    .map((m) => m[1]!)
    .filter((v) => !(VARIABLES as readonly string[]).includes(v));
}

export function renderMemo(template: string, vars: Partial<Record<MemoVariable, string | null>>): string {
  return template.replace(/\{([a-z_]+)\}/g, (whole, name: string) => {
    const v = vars[name as MemoVariable];
    return v === undefined || v === null ? whole : v;
  });
}
